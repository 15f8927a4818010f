"""central/package_build.py and central/seat_letters.py: the build both the command
line and the desk use, the seats chosen at the desk, the letter per seat, and a build
that fails or is cancelled leaving nothing behind."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.central.package_build import (
    BuildRefused,
    SeatChoice,
    build_with_letters,
    choose_seats,
    plan_package,
)
from reviewer_app.central.round_status import round_status
from reviewer_app.central.seat_letters import seat_letter_pdf, seat_letters
from reviewer_app.core.errors import IntakeError
from reviewer_app.identity.organizer import OrganizerIdentity
from reviewer_app.storage import central_models as m
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.intake import ROW, write_intake

PASSPHRASE = "a generated passphrase for tests 2026"


@pytest.fixture
def intake(tmp_path: Path) -> Path:
    rows = [{**ROW, "project_id": f"P{i}"} for i in (1, 2)]
    root = write_intake(tmp_path / "intake", rows)
    (root / "seats.csv").write_text("seat_id,name,projects\nS1,王专家,P1;P2\nS2,李专家,P1\n"
                                    "S3,赵专家,P2\n", encoding="utf-8")
    return root


@pytest.fixture
def engine(tmp_path: Path):
    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    yield engine
    engine.dispose()


def test_choosing_seats_keeps_those_chosen_under_the_experts_named(intake: Path) -> None:
    planned = plan_package(intake, seats=[SeatChoice("S3", "  钱 专家 "),
                                          SeatChoice("S1", "王专家")])
    assert [(s["seat_id"], s["name"]) for s in planned.plan.manifest["seats"]] == [
        ("S3", "钱 专家"), ("S1", "王专家")]
    assert set(planned.plan.seat_codes) == {"S1", "S3"}
    assert set(planned.plan.manifest["assignments"]) == {"S1", "S3"}


@pytest.mark.parametrize(("choices", "problem"), [
    ([SeatChoice("S9", "某")], "not in seats.csv"),
    ([SeatChoice("S1", "甲"), SeatChoice("S1", "乙")], "chosen twice"),
    ([SeatChoice("S1", "   ")], "name is empty"),
    ([SeatChoice("S1", "王\u202e专家")], "U+202E"),
    ([], "no seat chosen"),
])
def test_a_bad_seat_choice_is_refused(intake: Path, choices, problem: str) -> None:
    from reviewer_app.central.intake import load_intake

    with pytest.raises(IntakeError, match=re.escape(problem)):
        choose_seats(load_intake(intake), choices)


def test_a_build_writes_the_package_a_letter_per_seat_and_registers_it(
        intake: Path, tmp_path: Path, engine) -> None:
    organizer = OrganizerIdentity.generate()
    planned = plan_package(intake, deadline=dt.date(2026, 9, 15))
    built = build_with_letters(engine, planned, tmp_path / "p.revpkg", tmp_path / "letters",
                               organizer=organizer, passphrase=PASSPHRASE)
    assert [p.name for p in built.letters] == ["S1-通知函.pdf", "S2-通知函.pdf",
                                              "S3-通知函.pdf"]
    assert (built.seats, built.projects) == (3, 2)
    status = round_status(engine)
    assert [p.package_id for p in status.programs[0].packages] == [built.info.package_id]
    assert status.programs[0].packages[0].seats == 3
    # The store holds no seat code (the letters are their only copy).
    with Session(engine) as session:
        stored = session.scalars(select(m.Package.manifest_json)).one()
    for code in planned.plan.seat_codes.values():
        assert code not in stored
    assert hashlib.sha256(built.info.manifest_bytes).hexdigest() == built.info.manifest_sha256


def test_a_letter_failure_removes_the_package(intake: Path, tmp_path: Path, engine,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer_app.central import seat_letters as letters_module

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(letters_module, "write_seat_letters", full_disk)
    with pytest.raises(OSError, match="No space"):
        build_with_letters(engine, plan_package(intake), tmp_path / "p.revpkg",
                           tmp_path / "letters", organizer=OrganizerIdentity.generate(),
                           passphrase=PASSPHRASE)
    assert not (tmp_path / "p.revpkg").exists()
    assert round_status(engine).programs == ()


class Stop(Exception):
    pass


def test_a_cancelled_build_leaves_no_file(intake: Path, tmp_path: Path, engine) -> None:
    def progress(done: int, total: int, phase: str) -> None:
        if phase == "encrypt":
            raise Stop()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Stop):
        build_with_letters(engine, plan_package(intake), out / "p.revpkg", out / "letters",
                           organizer=OrganizerIdentity.generate(), passphrase=PASSPHRASE,
                           progress=progress)
    assert list(out.iterdir()) == []
    assert round_status(engine).programs == ()


def test_existing_files_are_never_replaced(intake: Path, tmp_path: Path, engine) -> None:
    (tmp_path / "p.revpkg").write_bytes(b"old")
    with pytest.raises(BuildRefused, match="never replaced"):
        build_with_letters(engine, plan_package(intake), tmp_path / "p.revpkg",
                           tmp_path / "letters", organizer=OrganizerIdentity.generate(),
                           passphrase=PASSPHRASE)
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "S1-通知函.pdf").write_bytes(b"an earlier letter")
    with pytest.raises(BuildRefused, match="not empty"):
        build_with_letters(engine, plan_package(intake), tmp_path / "q.revpkg",
                           tmp_path / "letters", organizer=OrganizerIdentity.generate(),
                           passphrase=PASSPHRASE)


def test_the_letter_carries_what_the_expert_checks(intake: Path) -> None:
    import io

    from pypdf import PdfReader

    planned = plan_package(intake)
    manifest = {**planned.plan.manifest, "package_id": "ab" * 16}
    letter = seat_letters(manifest, planned.plan.seat_codes, package_file="p.revpkg",
                          organizer_name="深圳市南山区科技创新局",
                          organizer_fingerprint="16E9 2E09 DDD3 305C")[0]
    pdf = seat_letter_pdf(letter, clock=lambda: dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    code = planned.plan.seat_codes["S1"]
    for expected in ("王专家", "S1", "-".join(code[i:i + 4] for i in range(0, 16, 4)),
                     "16E92E09DDD3305C", "另行通知", "口令不在本函中", "abab"):
        assert expected in text, expected
