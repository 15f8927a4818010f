"""Languages (no untranslated strings on screen) and the generated Designer forms."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
)

from reviewer_app.gui import build_forms
from reviewer_app.gui.build_translations import sources, ts_path
from reviewer_app.paths import UI_DIR
from tests.gui.conftest import open_and_unlock

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Data from the package (names, titles, seat ids) and the language menu are not UI text.
ALLOWED_LATIN = {"PDF", "revpkg", "revsheet", "Ctrl", "XXXX", "ABCD", "EFGH", "JKMN", "PQRS"}


def _visible_texts(window) -> list[tuple[str, str]]:
    texts = []
    for widget in window.findChildren(object):
        if not hasattr(widget, "isVisibleTo") or not widget.isVisibleTo(window):
            continue
        values = []
        if isinstance(widget, QLabel | QAbstractButton):
            values.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            values.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            values.append(widget.title())
        if isinstance(widget, QComboBox):
            values.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTabWidget):
            values.extend(widget.tabText(i) for i in range(widget.count()))
        if hasattr(widget, "toolTip"):
            values.append(widget.toolTip())
        texts.extend((widget.objectName(), v) for v in values if v)
    for action in window.findChildren(type(window.lock_action)):
        if not action.objectName().startswith("language."):
            texts.append((action.objectName(), action.text()))
            texts.append((action.objectName(), action.toolTip()))
    for menu in (window.file_menu, window.review_menu, window.view_menu, window.settings_menu,
                 window.help_menu, window.language_menu, window.recent_menu):
        texts.append((menu.objectName(), menu.title()))
    return texts


def _data_strings(window) -> set[str]:
    """Strings that come from the package (Chinese names of the demo projects)."""
    if window.session is None:
        return set()
    categories = {str(c["name"]) for c in
                  window.session.package.manifest.get("conflict_categories", ())}
    return {window.seat_label.text(), window.project_header.text(), window.windowTitle(),
            *categories}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_untranslated_visible_strings(qtbot, make_window, opener, package_file, lang):
    window = make_window(opener, lang="en" if lang == "zh_CN" else "zh_CN")
    open_and_unlock(qtbot, window, package_file)
    window.set_language(lang)  # switching at run time, no restart
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    for editor in window.rubric_panel.editors.values():
        editor.anchors_button.setChecked(True)
    data = _data_strings(window)
    bad = []
    for name, text in _visible_texts(window):
        if text in data:
            continue
        if lang == "zh_CN":
            words = set(LATIN_WORD.findall(text)) - ALLOWED_LATIN
            if words and not name.startswith(("anchors.", "language.")):
                bad.append((name, text))
        elif CJK.search(text) and not name.startswith(("anchors.", "bandLabel.", "seat")):
            bad.append((name, text))
    assert bad == []
    if lang == "en":
        assert "Total" in window.rubric_panel.total_label.text()
        # Criterion names come from the rubric's English names.
        first = next(iter(window.rubric_panel.editors.values()))
        assert not CJK.search(first.name_label.text())
    else:
        assert "总分" in window.rubric_panel.total_label.text()
    assert window.prefs.language() == lang


def test_qt_own_strings_are_chinese(qtbot, window):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_ts_catalogues_are_complete():
    for lang in ("zh_CN", "en"):
        text = ts_path(lang).read_text(encoding="utf-8")
        assert 'type="unfinished"' not in text
        assert ts_path(lang).with_suffix(".qm").exists()


def test_no_fstring_inside_tr():
    offenders = []
    for path in sources():
        if path.suffix != ".py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(\btr|translate)\(\s*(\"[^\"]*\",\s*)?f[\"']", line):
                offenders.append(f"{path.name}:{number}")
    assert offenders == []


def _without_uic_version(code: str) -> str:
    return re.sub(r"(## Created by: Qt User Interface Compiler) version \S+", r"\1", code)


@pytest.mark.parametrize("ui_file", sorted(UI_DIR.glob("*.ui")), ids=lambda p: p.name)
def test_generated_forms_are_fresh(ui_file):
    target = build_forms.target_for(ui_file)
    assert target.exists(), f"run python -m reviewer_app.gui.build_forms ({target} missing)"
    # uic names its own version in a comment; the glibc 2.28 set's 6.9 uic makes the
    # same code as 6.12's otherwise (docs/install-xinchuang.md).
    assert _without_uic_version(target.read_text(encoding="utf-8")) == \
        _without_uic_version(build_forms.compile_form(ui_file)), \
        f"{target.name} is stale: run python -m reviewer_app.gui.build_forms"
    assert target.read_text(encoding="utf-8").startswith("# GENERATED FILE - DO NOT EDIT.")


def test_unlock_dialog_object_names(qtbot, window, package_file):
    dialog = window.open_path(package_file)
    for name in ("passphraseEdit", "seatIdEdit", "seatCodeEdit"):
        edit = dialog.findChild(QLineEdit, name)
        assert edit is not None
        # Screen readers announce the label (the buddy), never the internal id.
        assert edit.accessibleName() != name
        assert any(label.buddy() is edit and label.text() for label in
                   dialog.findChildren(QLabel)), name
    dialog.reject()


def test_object_name_contract(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    names = ["projectList", "materialList", "pdfView", "overallComment", "conflictCheck",
             "conflictReason", "totalLabel", "saveStatusLabel"]
    names += [f"{kind}.{cid}" for cid in window.session.rubric.criterion_ids
              for kind in ("scoreInput", "comment")]
    for name in names:
        widget = window.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName() != name  # announced by its label, not its id
    for name in ("finalizeAction", "exportAction", "lockAction"):
        assert window.findChild(type(window.lock_action), name) is not None
