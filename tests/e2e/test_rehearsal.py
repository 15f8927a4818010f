"""A full rehearsal from the command line: demo-intake -> build -> demo-sheets ->
verify -> merge -> results, with the real verifier and the real store throughout."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer_app.central.demo_sheets import DemoSheetsError, make_demo_sheets
from reviewer_app.cli.admin import main as admin
from reviewer_app.core.program import parse_program
from reviewer_app.package import open_package
from reviewer_app.sheets.context import SheetContext
from reviewer_app.sheets.verify import verify_sheet
from tests.helpers.central import REHEARSAL_PASSPHRASE, rehearsal_secretariat

PASSPHRASE = REHEARSAL_PASSPHRASE


@pytest.fixture
def secretariat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_keyring: None) -> Path:
    """A headless secretariat machine: no keyring, user data under tmp_path."""
    return rehearsal_secretariat(tmp_path, monkeypatch)


def _build(tmp: Path, kind: str = "panel") -> tuple[Path, Path]:
    package, codes = tmp / f"{kind}.revpkg", tmp / f"{kind}-codes.csv"
    # A rehearsal: its passphrase is below the strength floor on purpose.
    assert admin(["build", str(tmp / "intake"), "--out", str(package), "--kind", kind,
                  "--passphrase-file", str(tmp / "pass.txt"), "--allow-weak-passphrase",
                  "--seat-codes-out", str(codes),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    return package, codes


def _demo_sheets(tmp: Path, package: Path, codes: Path, out: Path, *extra: str) -> int:
    return admin(["demo-sheets", str(package), "--passphrase-file", str(tmp / "pass.txt"),
                  "--seat-codes", str(codes), "--out", str(out),
                  "--organizer-passphrase-file", str(tmp / "org.txt"), *extra])


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_rehearsal_verifies_merges_and_flags_the_divergent_project(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    package, codes = _build(tmp)
    capsys.readouterr()
    assert _demo_sheets(tmp, package, codes, tmp / "sheets") == 0
    out = capsys.readouterr().out
    divergent = out.split("divergent: ")[1].split()[0]
    assert "conflict: seat" in out and "revision 2: seat" in out
    sheets = sorted((tmp / "sheets").glob("*.revsheet"))
    seat_rows = list(csv.DictReader(codes.open(encoding="utf-8")))
    assert len(sheets) == len(seat_rows) + 1  # every seat, one of them twice
    assert len(list((tmp / "sheets").glob("*.pdf"))) == len(sheets)

    # The real verifier, with seat proof required and no seat codes, accepts every
    # file: each is signed with its seat's key, derived from the seat code.
    with open_package(package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        manifest, manifest_sha = reader.manifest, reader.manifest_sha256
    context = SheetContext.from_manifest(manifest, manifest_sha, require_seat_proof=True)
    verified = [verify_sheet(path.read_bytes(), context) for path in sheets]
    assert {v.seat_proof for v in verified} == {"seat key"}
    assert all(path.read_bytes().count(b"sheet+json;version=3") for path in sheets)
    revised = [v for v in verified if v.revision == 2]
    assert len(revised) == 1
    first = next(v for v in verified if v.seat_id == revised[0].seat_id and v.revision == 1)
    assert revised[0].model.previous_sha256 == first.body_sha256

    # Chinese comments wherever the rubric asks for one, conflicts with their reasons.
    from reviewer_app.core.rubric import Rubric

    rubric = Rubric.from_dict(manifest["rubric"])
    conflicts = 0
    for sheet in verified:
        for entry in sheet.model.projects:
            if entry.conflict.declared:
                conflicts += 1
                assert entry.conflict.reason
                continue
            assert entry.overall_comment and entry.recommendation
            for cid, score in entry.scores.items():
                if rubric.comment_required(cid, score):
                    assert entry.comments.get(cid), (sheet.seat_id, entry.project_id, cid)
    assert conflicts >= 1

    common = ["--package", str(package), "--passphrase-file", str(tmp / "pass.txt")]
    assert admin(["verify", *map(str, sheets), *common]) == 0
    db = str(tmp / "central.sqlite")
    assert admin(["merge", *map(str, sheets), "--db", db, *common,
                  "--organizer-passphrase-file", str(tmp / "org.txt"), "--json"]) == 0
    capsys.readouterr()
    merged = json.loads(admin_json(capsys, ["merge", *map(str, sheets), "--db", db, "--json"]))
    assert {o["decision"] for o in merged} == {"no-op"}

    assert admin(["results", "--db", db, "--out", str(tmp / "results")]) == 0
    document = json.loads((tmp / "results" / "results.json").read_text(encoding="utf-8"))
    by_id = {p["project_id"]: p for p in document["projects"]}
    assert by_id[divergent]["divergent"] is True
    threshold = parse_program(manifest["program"]["program_file"]) \
        .aggregation.divergence_threshold
    flagged = {pid for pid, p in by_id.items() if p["divergent"]}
    assert flagged == {divergent}
    assert Decimal(by_id[divergent]["score"]) > 0 and threshold > 0
    assert len(document["sheets_sha256"]) == len(seat_rows)
    assert any(Decimal(p["amount"]) > 0 for p in by_id.values())


def admin_json(capsys: pytest.CaptureFixture, argv: list[str]) -> str:
    assert admin(argv) == 0
    return capsys.readouterr().out


def test_the_same_seed_gives_the_same_files(secretariat: Path,
                                            capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    package, codes = _build(tmp)
    assert _demo_sheets(tmp, package, codes, tmp / "a", "--seed", "5") == 0
    assert _demo_sheets(tmp, package, codes, tmp / "b", "--seed", "5") == 0
    assert _tree(tmp / "a") == _tree(tmp / "b")
    assert _demo_sheets(tmp, package, codes, tmp / "a", "--seed", "5") == 0  # no change
    assert _demo_sheets(tmp, package, codes, tmp / "c", "--seed", "6") == 0
    assert _tree(tmp / "c")["S01-r1.revsheet"] != _tree(tmp / "a")["S01-r1.revsheet"]
    capsys.readouterr()
    # Another seed into a folder of the first: refused, nothing overwritten.
    assert _demo_sheets(tmp, package, codes, tmp / "a", "--seed", "6") == 1
    assert "already holds a different revision" in capsys.readouterr().err
    assert _tree(tmp / "a") == _tree(tmp / "b")


def test_a_new_build_of_the_same_intake_gives_the_same_scores(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    """A rehearsal written down in a guide must give what the guide says: the scores
    follow the intake and the seed, not the package id that every build draws anew."""
    from reviewer_app.central.merge import sheet_body

    tmp = secretariat
    scores = []
    for name in ("first", "second"):
        package, codes = _build(tmp)    # the same intake, built again: a new package id
        assert _demo_sheets(tmp, package, codes, tmp / name) == 0
        with open_package(package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
            package_id = reader.package_id
        scores.append((package_id, {
            path.name: [(p["project_id"], p["scores"])
                        for p in sheet_body(path.read_bytes())["projects"]]
            for path in sorted((tmp / name).glob("*.revsheet"))}))
    assert scores[0][0] != scores[1][0]
    assert scores[0][1] == scores[1][1]
    capsys.readouterr()


def test_an_inspection_package_gets_inspection_sheets(secretariat: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    package, codes = _build(tmp, "inspection")
    capsys.readouterr()
    assert _demo_sheets(tmp, package, codes, tmp / "visits") == 0
    assert "inspection sheet(s)" in capsys.readouterr().out
    sheets = sorted((tmp / "visits").glob("*.revsheet"))
    db = str(tmp / "central.sqlite")
    assert admin(["merge", *map(str, sheets), "--db", db, "--package", str(package),
                  "--passphrase-file", str(tmp / "pass.txt"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    # With a panel package beside it, the visits reach the results.
    panel, panel_codes = _build(tmp)
    assert _demo_sheets(tmp, panel, panel_codes, tmp / "sheets") == 0
    assert admin(["merge", *map(str, sorted((tmp / "sheets").glob("*.revsheet"))), "--db", db,
                  "--package", str(panel), "--passphrase-file", str(tmp / "pass.txt"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    assert admin(["results", "--db", db, "--out", str(tmp / "results")]) == 0
    document = json.loads((tmp / "results" / "results.json").read_text(encoding="utf-8"))
    assert document["inspections"]
    visits = [v for found in document["inspections"].values() for v in found["visits"]]
    assert visits and all(v["photos"] for v in visits)


def test_refusals_are_clear(secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    package, codes = _build(tmp)
    _, other_codes = _build(tmp, "inspection")
    capsys.readouterr()
    # Another package's seat codes.
    assert _demo_sheets(tmp, package, other_codes, tmp / "x") == 1
    assert "belongs to another package" in capsys.readouterr().err
    # Without the organizer key (no keyring, no key file) the package is not trusted.
    assert admin(["demo-sheets", str(package), "--passphrase-file", str(tmp / "pass.txt"),
                  "--seat-codes", str(codes), "--out", str(tmp / "y"),
                  "--organizer-fingerprint", "0" * 32]) == 1
    assert "--organizer-fingerprint" in capsys.readouterr().err
    assert not (tmp / "x").exists() and not (tmp / "y").exists()
    # A seat without a code.
    with open_package(package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        manifest, manifest_sha = reader.manifest, reader.manifest_sha256
    rows = list(csv.DictReader(codes.open(encoding="utf-8")))
    with pytest.raises(DemoSheetsError, match="no seat code for seat"):
        make_demo_sheets(manifest, manifest_sha,
                         {r["seat_id"]: r["seat_code"] for r in rows[1:]})
