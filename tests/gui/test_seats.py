"""Seats on one computer: the seat-code check, one workspace per seat, the old layout."""

from __future__ import annotations

import copy

import pytest

from reviewer_app.core.seat_codes import seat_code_check
from reviewer_app.gui.expert.session import FailureKind, OpenFailure, ReviewSession
from reviewer_app.gui.settings import legacy_workspace_path, workspace_path
from reviewer_app.sheets.seat_keys import seat_public_key
from reviewer_app.storage.workspace import FieldChange
from tests.gui.fakes import PACKAGE_ID, SEAT_CODE, FakePackage

OTHER_CODE = "7K3M-9Q2X-5T8V-4R1N"


@pytest.fixture
def two_seats(fake_content):
    """The fake package with a second seat, S02, assigned the same projects."""
    manifest, members = fake_content
    manifest = copy.deepcopy(manifest)
    first = manifest["seats"][0]
    manifest["seats"].append({**first, "seat_id": "S02", "name": "专家二",
                              "seat_code_check": seat_code_check("S02", OTHER_CODE),
                              "seat_key": seat_public_key(OTHER_CODE, PACKAGE_ID, "S02")})
    manifest["assignments"]["S02"] = list(manifest["assignments"]["S01"])
    return manifest, members


def _start(content, seat_id: str, code: str, *, legacy: bool = False,
           adopt: bool = True) -> ReviewSession:
    manifest, members = content
    path = legacy_workspace_path(PACKAGE_ID) if legacy else workspace_path(PACKAGE_ID, seat_id)
    return ReviewSession.start(FakePackage(manifest, members), seat_id=seat_id, seat_code=code,
                               workspace_path=path,
                               legacy_workspace=legacy_workspace_path(PACKAGE_ID)
                               if adopt and not legacy else None)


def _score(session: ReviewSession, value: str) -> None:
    pid = session.projects[0]["project_id"]
    cid = session.rubric.criteria[0].id
    session.store.apply([FieldChange(pid, "score", value, cid)])


def _first_score(session: ReviewSession) -> str | None:
    pid = session.projects[0]["project_id"]
    return session.state(pid).scores.get(session.rubric.criteria[0].id)


def test_a_code_is_checked_against_its_seat(two_seats, data_dir) -> None:
    for seat_id, code in (("S01", OTHER_CODE), ("S02", SEAT_CODE)):
        with pytest.raises(OpenFailure) as refused:
            _start(two_seats, seat_id, code)
        assert refused.value.kind is FailureKind.WRONG_SEAT_CODE
        assert refused.value.kind.retryable
    # Typed the way people type from a letter: lower case, spaces.
    session = _start(two_seats, "S02", OTHER_CODE.lower().replace("-", " "))
    session.close()
    assert not (data_dir / "workspaces" / f"{PACKAGE_ID}-S01.sqlite").exists()


def test_two_experts_on_one_computer_keep_their_own_work(two_seats, data_dir) -> None:
    first = _start(two_seats, "S01", SEAT_CODE)
    _score(first, "20")
    first.close()
    second = _start(two_seats, "S02", OTHER_CODE)
    assert _first_score(second) is None  # an empty workspace, not S01's
    _score(second, "12.5")
    second.close()
    assert sorted(p.name for p in (data_dir / "workspaces").glob("*.sqlite")) == [
        f"{PACKAGE_ID}-S01.sqlite", f"{PACKAGE_ID}-S02.sqlite"]
    again = _start(two_seats, "S01", SEAT_CODE)
    assert _first_score(again) == "20"
    again.close()


def test_a_workspace_in_the_old_layout_moves_to_its_seat(two_seats, data_dir) -> None:
    old = _start(two_seats, "S01", SEAT_CODE, legacy=True)
    _score(old, "21.5")
    old.close()
    legacy = legacy_workspace_path(PACKAGE_ID)
    memo = legacy.with_suffix(".exports.json")
    memo.write_text("{}", encoding="utf-8")

    other = _start(two_seats, "S02", OTHER_CODE)  # not its seat: the old file stays
    assert _first_score(other) is None
    other.close()
    assert legacy.exists()

    moved = _start(two_seats, "S01", SEAT_CODE)
    assert _first_score(moved) == "21.5"
    moved.close()
    assert not legacy.exists() and not memo.exists()
    assert workspace_path(PACKAGE_ID, "S01").with_suffix(".exports.json").exists()


@pytest.mark.parametrize("seat_id", ["../evil", "专家1", "s01", "S01.sqlite", "x" * 41])
def test_a_manifest_never_chooses_a_file_name(seat_id: str, data_dir) -> None:
    path = workspace_path(PACKAGE_ID, seat_id)
    assert path.parent == data_dir / "workspaces"
    assert path.name.startswith(f"{PACKAGE_ID}-seat") and path.suffix == ".sqlite"
    assert workspace_path(PACKAGE_ID, "S01").name == f"{PACKAGE_ID}-S01.sqlite"
    with pytest.raises(ValueError):
        workspace_path("../x", "S01")
