"""The packages page: a package built at the desk with a generated passphrase shown once,
the chosen seats and experts, a letter per seat carrying its seat code (and nothing of
it in the store), cancel without a partial file, the organizer key through the same
key store the command line uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.central.merge import merge_sheets
from reviewer_app.cli.admin import main as admin
from reviewer_app.package import open_package
from reviewer_app.storage import central_models as m
from reviewer_app.storage.engines import central_engine
from tests.helpers.desk import (
    build_package,
    child,
    demo_sheets_from_letters,
    letter_text,
    seat_codes_from_letters,
    show_page,
    table_rows,
)
from tests.helpers.postgres import pg_url  # noqa: F401 - fixture

GENERATED = re.compile(r"[0-9a-z]{4}(-[0-9a-z]{4}){4}")


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_a_package_built_at_the_desk_opens_with_its_passphrase_and_the_letters_codes(
        qtbot, desk, demo_intake: Path, tmp_path: Path, data_dir: Path,
        memory_keyring) -> None:
    window = desk()
    out = tmp_path / "out" / "round1.revpkg"
    out.parent.mkdir()
    built = build_package(qtbot, window, demo_intake, out, leave_out=("S06",),
                          deadline="2026-09-15")
    assert "round1.revpkg" in built.message
    assert GENERATED.fullmatch(built.passphrase)
    assert [p.name for p in built.letters] == [f"S0{i}-通知函.pdf" for i in range(1, 6)]
    assert {p.stat().st_mode & 0o777 for p in built.letters} == {0o600}
    assert built.letters[0].parent.stat().st_mode & 0o777 == 0o700
    assert out.stat().st_mode & 0o777 == 0o600

    with open_package(out, trusted_keys=None, passphrase=built.passphrase) as reader:
        manifest = reader.manifest
        fingerprint = reader.organizer_fingerprint
    assert [s["seat_id"] for s in manifest["seats"]] == ["S01", "S02", "S03", "S04", "S05"]
    assert manifest["session"]["deadline"] == "2026-09-15"

    # What the expert is told to check against the letter (docs/guide-expert.md).
    text = letter_text(built.letters[0])
    seat = manifest["seats"][0]
    for expected in (seat["name"], "S01", fingerprint, "2026年9月15日", "口令不在本函中",
                     "round1.revpkg"):
        assert expected.replace(" ", "") in text.replace(" ", ""), expected
    assert built.passphrase not in text

    # The codes on the letters are the package's: every seat can sign, every sheet merges.
    codes = seat_codes_from_letters(built.letters)
    assert sorted(codes) == ["S01", "S02", "S03", "S04", "S05"]
    sheets = demo_sheets_from_letters(built, tmp_path / "usb")
    assert len(sheets) >= 5
    engine = central_engine(str(tmp_path / "central.sqlite"))
    outcomes = merge_sheets(engine, [(p.name, p.read_bytes()) for p in sheets])
    assert not any(o.rejected for o in outcomes), [o.reason for o in outcomes]
    with Session(engine) as session:
        assert session.scalars(select(m.Package.package_id)).all() == [manifest["package_id"]]
    engine.dispose()

    # No secret is kept: neither the passphrase nor a seat code is in the store, the
    # settings or anywhere under the user data folder.
    secrets = [built.passphrase.encode(), *(c.encode() for c in codes.values()),
               *(c.replace("-", "").encode() for c in codes.values())]
    for path in [*_files_under(data_dir), *tmp_path.glob("central.sqlite*")]:
        content = path.read_bytes()
        assert not any(secret in content for secret in secrets), path

    overview = show_page(window, "overviewPage")
    packages = table_rows(overview, "overviewPackages")
    assert [(row[0], row[3]) for row in packages] == [(manifest["package_id"], "5")]


def test_cancel_leaves_no_package_no_letter_and_nothing_in_the_store(
        qtbot, desk, demo_intake: Path, tmp_path: Path, memory_keyring) -> None:
    window = desk()

    def cancel() -> None:
        # The build's progress dialog (reading the seats has one too).
        dialog = window.findChild(QProgressDialog, "progressDialog")
        if dialog is None or dialog.windowTitle() != "正在生成评审包":
            QTimer.singleShot(5, cancel)
            return
        dialog.findChild(QPushButton).click()  # what the user presses

    QTimer.singleShot(0, cancel)
    out = tmp_path / "out" / "cancelled.revpkg"
    out.parent.mkdir()
    built = build_package(qtbot, window, demo_intake, out)
    assert built.passphrase == ""
    assert "已取消" in built.message
    assert list(out.parent.iterdir()) == []
    assert table_rows(show_page(window, "overviewPage"), "overviewPackages") == []


def test_an_existing_package_is_never_replaced(qtbot, desk, demo_intake: Path,
                                               tmp_path: Path, memory_keyring) -> None:
    window = desk()
    out = tmp_path / "taken.revpkg"
    out.write_bytes(b"an earlier package")
    built = build_package(qtbot, window, demo_intake, out)
    assert built.passphrase == "" and "taken.revpkg" in built.message
    assert out.read_bytes() == b"an earlier package"
    assert not out.with_name("taken-通知函").exists()


@pytest.mark.usefixtures("fail_keyring")
def test_without_a_keyring_the_organizer_key_is_the_command_lines_encrypted_file(
        qtbot, desk, tmp_path: Path, data_dir: Path, capsys) -> None:
    window = desk()
    page = show_page(window, "packagesPage")
    secret = "organizer secret: fjord-wren-basalt-19"

    def answer() -> None:
        dialog = window.findChild(QDialog, "organizerPassphraseDialog")
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(5, answer)
            return
        assert child(dialog, QLineEdit, "keyPassphraseEdit").echoMode() \
            == QLineEdit.EchoMode.Password
        child(dialog, QLineEdit, "keyPassphraseEdit").setText(secret)
        child(dialog, QLineEdit, "keyPassphraseRepeatEdit").setText(secret)
        dialog.findChild(QDialogButtonBox, "buttonBox").button(
            QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    page.findChild(type(page.organizer_button), "organizerButton").click()
    shown = child(page, QLabel, "organizerFingerprint").text()
    assert (data_dir / "keys" / "organizer-signing-key.key").is_file()
    passphrase_file = tmp_path / "org.txt"
    passphrase_file.write_text(secret + "\n", encoding="utf-8")
    passphrase_file.chmod(0o600)
    capsys.readouterr()
    assert admin(["organizer", "--organizer-passphrase-file", str(passphrase_file)]) == 0
    fingerprint = capsys.readouterr().out.split("organizer fingerprint: ")[1].splitlines()[0]
    assert fingerprint in shown


def test_the_desk_works_on_a_postgresql_store(pg_url: str, qtbot, desk,  # noqa: F811
                                               demo_intake: Path, tmp_path: Path,
                                               memory_keyring) -> None:
    # pg_url first: its database is dropped after the desk (set up later) has closed.
    from reviewer_app.central.round_status import round_status
    from tests.gui.desk.conftest import PENDING
    from tests.helpers.desk import check_intake, decide

    window = desk(db=pg_url)
    from sqlalchemy.engine import make_url

    if make_url(pg_url).password:  # the title never shows the store's password
        assert f":{make_url(pg_url).password}@" not in window.windowTitle()
        assert ":***@" in window.windowTitle()
    check_intake(qtbot, window, demo_intake)
    decide(qtbot, window, PENDING, "pass", "经核实，申报主体为企业法人", "李审核")
    built = build_package(qtbot, window, demo_intake, tmp_path / "pg.revpkg")
    assert built.passphrase and len(built.letters) == 6
    status = round_status(window.context.engine)
    assert (status.decisions_recorded, status.decisions_pending) == (1, 0)
    assert [p.seats for p in status.programs[0].packages] == [6]
    steps = dict(tuple(row) for row in table_rows(show_page(window, "overviewPage"),
                                                  "overviewSteps"))
    assert steps["待复核决定"] == "待决定 0 个，已决定 1 个"


def test_an_inspection_package_with_another_expert_on_a_seat(
        qtbot, desk, demo_intake: Path, tmp_path: Path, memory_keyring) -> None:
    window = desk()
    built = build_package(qtbot, window, demo_intake, tmp_path / "visit.revpkg",
                          kind="inspection", experts={"S02": "欧阳 明"})
    with open_package(built.package, trusted_keys=None, passphrase=built.passphrase) as reader:
        manifest = reader.manifest
    assert manifest["session"]["kind"] == "inspection"
    # The teams' photos come back to this organizer (docs/formats.md §1.8.2): a package
    # built at the desk names its return key, as `reviewer-admin build` does.
    assert manifest["format"] == "rvpkg-manifest/4"  # format 3's return key, §1.8.3
    assert manifest["return_recipient"]["type"] == "x25519"
    assert {s["seat_id"]: s["name"] for s in manifest["seats"]}["S02"] == "欧阳 明"
    text = letter_text(built.letters[1]).replace(" ", "")
    assert "欧阳明" in text and "现场考察" in text
    overview = show_page(window, "overviewPage")
    assert [row[1] for row in table_rows(overview, "overviewPackages")] == ["现场考察"]


@pytest.mark.usefixtures("fail_keyring")
def test_a_wrong_organizer_passphrase_is_asked_again_and_cancel_builds_nothing(
        qtbot, desk, demo_intake: Path, tmp_path: Path, data_dir: Path) -> None:
    secret = "organizer secret: fjord-wren-basalt-19"
    passphrase_file = tmp_path / "org.txt"
    passphrase_file.write_text(secret + "\n", encoding="utf-8")
    passphrase_file.chmod(0o600)
    assert admin(["organizer", "--organizer-passphrase-file", str(passphrase_file)]) == 0
    window = desk()
    answers = ["not the passphrase", secret]
    errors: list[str] = []

    def answer() -> None:
        dialog = window.findChild(QDialog, "organizerPassphraseDialog")
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(5, answer)
            return
        errors.append(child(dialog, QLabel, "keyPassphraseError").text())
        child(dialog, QLineEdit, "keyPassphraseEdit").setText(answers.pop(0))
        dialog.findChild(QDialogButtonBox, "buttonBox").button(
            QDialogButtonBox.StandardButton.Ok).click()
        if answers:
            QTimer.singleShot(5, answer)

    QTimer.singleShot(0, answer)
    page = show_page(window, "packagesPage")
    child(page, QPushButton, "organizerButton").click()
    assert errors == ["", "口令不正确，请重试。"]
    assert "组织方指纹" in child(page, QLabel, "organizerFingerprint").text()

    # Closing the dialog instead: nothing is built, nothing written.
    def close() -> None:
        dialog = window.findChild(QDialog, "organizerPassphraseDialog")
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(5, close)
            return
        dialog.reject()

    QTimer.singleShot(0, close)
    out = tmp_path / "out" / "none.revpkg"
    out.parent.mkdir()
    built = build_package(qtbot, window, demo_intake, out)
    assert built.passphrase == "" and list(out.parent.iterdir()) == []
