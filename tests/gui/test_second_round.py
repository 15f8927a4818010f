"""The expert's side of a second round (复议, issue 14 item 4): beside the rubric the
expert sees their own first-round total and criteria and the anonymised distribution
(``firstRoundPanel``), and must give a reason (``secondRoundReason``) before the sheet
can be signed; the signed sheet is format 4 and carries it."""

from __future__ import annotations

import copy
from decimal import Decimal

import blake3
import pytest
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QWidget

from reviewer_app.core.decimals import decimal_str
from reviewer_app.sheets.build import MissingItem
from reviewer_app.sheets.first_round import own_first_round, seal
from tests.gui.conftest import open_and_unlock, type_text
from tests.gui.fakes import SEAT_CODE, SEAT_ID, FakeOpener

FIRST_ROUND = "ffeeddccbbaa99887766554433221100"


@pytest.fixture
def round2_opener(fake_content) -> FakeOpener:
    """The fake panel package as a second round of P1 for S01 (manifest format 5), with
    S01's first round sealed to its seat code, and another seat's member beside it."""
    manifest, members = fake_content
    manifest = copy.deepcopy(manifest)
    members = dict(members)
    rubric = manifest["rubric"]["criteria"]
    scores = {c["id"]: Decimal(c["max"]) / 2 for c in rubric}
    own = own_first_round(SEAT_ID, FIRST_ROUND, [("P1", scores, sum(scores.values()))])
    other = own_first_round("S99", FIRST_ROUND, [("P1", scores, Decimal(1))])
    for seat, sealed in ((SEAT_ID, seal(own, SEAT_CODE, manifest["package_id"])),
                         ("S99", seal(other, "7K3M9Q2X5T8V4R1N", manifest["package_id"]))):
        member_id = len(manifest["members"]) + 1
        members[member_id] = sealed
        manifest["members"].append({"id": member_id, "name": f"first-round/{seat}",
                                    "media_type": "application/octet-stream",
                                    "length": len(sealed),
                                    "blake3": blake3.blake3(sealed).hexdigest()})
        manifest.setdefault("_seat_members", {})[seat] = member_id
    manifest["format"] = "rvpkg-manifest/5"
    manifest["assignments"] = {SEAT_ID: ["P1"]}
    manifest["second_round"] = {
        "first_round_package_id": FIRST_ROUND, "projects": ["P1"],
        "distribution": {"P1": {"count": 5, "min": "41.5", "median": "62", "max": "<b>88</b>"}},
        "seat_members": manifest.pop("_seat_members")}
    return FakeOpener(manifest, members)


def test_the_panel_shows_the_first_round_and_the_reason_is_required(
        qtbot, make_window, round2_opener, package_file) -> None:
    window = make_window(round2_opener)
    open_and_unlock(qtbot, window, package_file)
    panel = window.rubric_panel.findChild(QWidget, "firstRoundPanel")
    assert panel is not None
    qtbot.waitUntil(lambda: panel.isVisible())
    own = panel.findChild(QLabel, "firstRoundOwn").text()
    rubric = round2_opener.manifest["rubric"]["criteria"]
    total = sum(Decimal(c["max"]) / 2 for c in rubric)
    assert decimal_str(total) in own
    criteria = panel.findChild(QLabel, "firstRoundCriteria").text()
    # In the rubric's order, as the expert scores them (the member sorts them by id).
    positions = [criteria.index(c["name"]) for c in rubric]
    assert positions == sorted(positions)
    distribution = panel.findChild(QLabel, "firstRoundDistribution")
    assert "最低 41.5" in distribution.text() and "中位数 62" in distribution.text()
    assert "第一轮总分" in own
    # Manifest text is shown as text: the markup stays visible, never bold.
    assert "<b>88</b>" in distribution.text()
    from PySide6.QtCore import Qt

    assert distribution.textFormat() == Qt.TextFormat.PlainText
    # Only the seat's own member opened: the other seat's total (1) appears nowhere.
    assert window.session.second_round.own.seat_id == SEAT_ID

    # Score everything; the finalize dialog still lists the missing reason.
    for cid, editor in window.rubric_panel.editors.items():
        criterion = next(c for c in rubric if c["id"] == cid)
        editor.score.setText(str(Decimal(criterion["max"]) / 2))
        editor.score.textEdited.emit(editor.score.text())
        editor.comment.setPlainText("复议说明")
    window.finalize_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QWidget, "finalizeDialog") is not None)
    dialog = window.findChild(QWidget, "finalizeDialog")
    items = dialog.findChild(QListWidget, "missingList")
    lines = [items.item(i).text() for i in range(items.count())]
    assert any("第二轮复议需填写评分理由" in line for line in lines), lines
    assert all("P1" in line for line in lines)
    # Clicking the item puts the cursor in the reason box.
    window.sheet_controller.go_to(MissingItem("P1", None, "reason"))
    reason = window.rubric_panel.findChild(QPlainTextEdit, "secondRoundReason")
    assert reason.hasFocus() or reason.isAncestorOf(window.focusWidget() or reason)
    dialog.close()

    type_text(qtbot, reason, "参考专家组分布，维持技术分，调低成效分")
    from reviewer_app.sheets.build import build_body, missing_items

    session = window.session
    qtbot.waitUntil(lambda: session.state("P1").second_round_reason != "")
    assert missing_items(session.package.manifest, SEAT_ID, session.states) == []
    from reviewer_app.sheets.seat_keys import seat_signing_key

    key = seat_signing_key(SEAT_CODE, session.package.package_id, SEAT_ID)
    body = build_body(session.package.manifest, manifest_sha256=session.package.manifest_sha256,
                      seat_id=SEAT_ID, expert_name="专家", states=session.states,
                      public_key=key.public_key().public_bytes_raw(), seat_code=SEAT_CODE)
    data = body.to_dict()
    assert data["format"] == "reviewer-app/sheet/4" and data["round"] == 2
    assert data["first_round_package_id"] == FIRST_ROUND
    assert data["projects"][0]["reason"] == "参考专家组分布，维持技术分，调低成效分"


def test_first_round_criteria_follow_the_rubric_order(qtbot) -> None:
    """The sealed member's scores come sorted by criterion id; the panel lists them in
    the order the expert scores them (the rubric's), whatever the ids."""
    from types import SimpleNamespace

    from reviewer_app.gui.expert.first_round_panel import FirstRoundPanel

    panel = FirstRoundPanel(lambda _reason: None)
    qtbot.addWidget(panel)
    own = SimpleNamespace(total=Decimal("60"), scores={
        "advancement": Decimal("20"), "applicability": Decimal("12"),
        "innovation": Decimal("15"), "outcome": Decimal("13")})
    view = SimpleNamespace(own={"P1": own}, distribution={}, error=None)
    panel.set_view(view, {"advancement": "技术先进性", "innovation": "场景创新性",
                          "applicability": "行业适用性", "outcome": "实施成效"})
    panel.show_project("P1", "")
    text = panel.findChild(QLabel, "firstRoundCriteria").text()
    assert text == "技术先进性 20；场景创新性 15；行业适用性 12；实施成效 13"
