"""Inspection photo packages (.revphotos, docs/formats.md §5) at the desk's merge page
(issue 13, item 4): dropped beside the sheets or in the same USB folder, merged after
them with this secretariat's organizer key by the function ``reviewer-admin merge``
uses, one verdict row per photo file in Chinese."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.central.merge import register_package
from reviewer_app.storage import central_models as m
from tests.helpers.central import PACKAGE_ID
from tests.helpers.desk import answer_dialogs, find, merge_at_desk, show_page
from tests.helpers.photos import hand_in, inspection_setup, keep_organizer_key

ORGANIZER_PASSPHRASE = "organizer key file: quartz-heron-77"


def _desk(desk, setup):
    window = desk()
    register_package(window.context.engine, setup.manifest_bytes, setup.manifest_sha256,
                     PACKAGE_ID)
    return window, show_page(window, "mergePage")


def _photos_received(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(m.ReceivedPhoto))


def _by_name(rows: list[list[str]]) -> dict[str, list[str]]:
    return {os.path.basename(r[0]): r[1:] for r in rows}


def test_a_usb_folder_of_sheets_and_photo_packages(qtbot, desk, tmp_path: Path,
                                                   memory_keyring) -> None:
    setup = inspection_setup(tmp_path / "setup")
    keep_organizer_key(setup.organizer)
    window, page = _desk(desk, setup)
    usb = tmp_path / "U盘"
    s1 = setup.sheet("S1")
    hand_in(setup, usb, s1)
    hand_in(setup, usb, setup.sheet("S2"))
    # Damaged, and the photos of another sheet than the one merged (beside the team's
    # own, in a subfolder).
    (usb / "损坏.revphotos").write_bytes(b"RVPKG\x00<b>not photos</b>")
    other = setup.sheet("S2", caption="另一版")
    foreign = hand_in(setup, tmp_path / "其他", other)[1]
    (usb / "其他").mkdir()
    foreign.rename(usb / "其他" / "外来.revphotos")
    os.symlink(usb / "S1-r1.revphotos", usb / "link.revphotos")

    rows = _by_name(merge_at_desk(page, [usb]))
    assert rows["S1-r1.revsheet"][2] == rows["S2-r1.revsheet"][2] == "接收"
    assert rows["S1-r1.revphotos"] == ["S1", "1", "照片已接收",
                                       "已收到席位 S1 评分表（第 1 版）的照片 4 张。"]
    assert rows["S2-r1.revphotos"][2] == "照片已接收"
    assert rows["损坏.revphotos"][2:] == ["拒收", "该文件不是现场考察照片包。"]
    assert rows["外来.revphotos"][2:] == ["拒收", "此照片包属于席位 S2 的另一份第 1 版评分表，"
                                                 "不是被接受的第 1 版。"]
    assert rows["link.revphotos"][2:] == ["已跳过", "这是链接：不跟随链接。"]
    assert _photos_received(window.context.engine) == 2 * 2 * 2  # seats × projects × 2
    summary = find(page, type(page.summary), "mergeSummaryLabel").text()
    assert summary == "共 7 个文件：合并 4 个，拒收 2 个。"

    # The same files again: nothing changes, each says so.
    again = _by_name(merge_at_desk(page, [usb / "S1-r1.revphotos"]))
    assert again["S1-r1.revphotos"][2:] == ["已合并", "此照片包已合并过。"]
    assert _photos_received(window.context.engine) == 8


def test_photos_before_their_sheet_wait_for_it(qtbot, desk, tmp_path: Path,
                                               memory_keyring) -> None:
    setup = inspection_setup(tmp_path / "setup")
    keep_organizer_key(setup.organizer)
    window, page = _desk(desk, setup)
    sheet, photos = hand_in(setup, tmp_path / "usb", setup.sheet("S1"))
    # Chosen one by one, the photo package is told by its first bytes, not its name.
    renamed = photos.rename(photos.with_name("照片.dat"))
    first = _by_name(merge_at_desk(page, [renamed]))
    assert first["照片.dat"][2:] == ["拒收", "席位 S1 尚无被接受的评分表：请先合并其评分表"
                                             "（第 1 版）。"]
    both = _by_name(merge_at_desk(page, [renamed, sheet]))
    assert both["S1-r1.revsheet"][2] == "接收" and both["照片.dat"][2] == "照片已接收"
    assert _photos_received(window.context.engine) == 4


@pytest.mark.usefixtures("fail_keyring")
def test_without_a_keyring_the_organizer_key_file_opens_the_photos(
        qtbot, desk, tmp_path: Path) -> None:
    setup = inspection_setup(tmp_path / "setup")
    keep_organizer_key(setup.organizer, ORGANIZER_PASSPHRASE)
    window, page = _desk(desk, setup)
    usb = tmp_path / "usb"
    hand_in(setup, usb, setup.sheet("S1"))

    # Declined: the sheet is merged, the photos wait (not processed, and said why).
    timer = _decline_organizer_dialog()
    try:
        rows = _by_name(merge_at_desk(page, [usb]))
    finally:
        timer.stop()
    assert rows["S1-r1.revsheet"][2] == "接收"
    assert rows["S1-r1.revphotos"][2:] == ["未处理", "未输入组织者密钥口令：照片包未合并。"]
    assert _photos_received(window.context.engine) == 0

    timer = answer_dialogs({"organizerPassphraseEdit": ORGANIZER_PASSPHRASE})
    try:
        rows = _by_name(merge_at_desk(page, [usb]))
    finally:
        timer.stop()
    assert rows["S1-r1.revphotos"][2] == "照片已接收"
    assert _photos_received(window.context.engine) == 4


def _decline_organizer_dialog():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if (isinstance(widget, QDialog) and widget.isVisible()
                    and widget.findChild(QLineEdit, "organizerPassphraseEdit") is not None):
                widget.reject()

    timer.timeout.connect(poll)
    timer.start()
    return timer
