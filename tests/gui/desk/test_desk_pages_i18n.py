"""Every text the desk-b pages show is translated: in Chinese each label, button,
action, group title, header and accessible name holds Chinese (no English left
over), and in English none does."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTableView, QWidget

from reviewer_app.gui.desk.merge_page import MergePage
from reviewer_app.gui.desk.publicity_page import PublicityPage
from reviewer_app.gui.desk.results_page import ResultsPage

CJK = re.compile(r"[\u4e00-\u9fff]")
# Texts that are the same in both languages: names of files, numbers, dates.
NEUTRAL = re.compile(r"^[\d\s.,:–\-]*$|^Show$")


def _texts(page: QWidget) -> dict[str, str]:
    texts = {"windowTitle": page.windowTitle()}
    for kind in (QLabel, QAbstractButton, QGroupBox, QTableView):
        for widget in page.findChildren(kind):
            name = widget.objectName() or type(widget).__name__
            if isinstance(widget, QLabel | QAbstractButton):
                texts[f"{name}.text"] = widget.text()
            if isinstance(widget, QGroupBox):
                texts[f"{name}.title"] = widget.title()
            if isinstance(widget, QTableView):
                model = widget.model()
                for c in range(model.columnCount()):
                    texts[f"{name}.header{c}"] = model.headerData(c, Qt.Orientation.Horizontal)
            if widget.accessibleName():
                texts[f"{name}.accessible"] = widget.accessibleName()
    for action in page.findChildren(QAction):
        if action.text():
            texts[f"{action.objectName()}.action"] = action.text()
    return {k: v for k, v in texts.items() if v and not NEUTRAL.match(v)}


@pytest.mark.parametrize("page_class", [MergePage, ResultsPage, PublicityPage])
def test_every_desk_text_is_translated(qtbot, context, chinese, page_class):
    page = page_class(context)
    qtbot.addWidget(page)
    if isinstance(page, ResultsPage):
        qtbot.waitUntil(lambda: page._problem is not None, timeout=30000)
    chinese_texts = _texts(page)
    assert len(chinese_texts) > 8
    untranslated = {k: v for k, v in chinese_texts.items() if not CJK.search(v)}
    assert untranslated == {}
    chinese.apply("en")
    english = {k: v for k, v in _texts(page).items() if CJK.search(v) and "公示" not in v}
    assert english == {}
