"""The synthetic demo intake: format, planted failures, determinism, real Chinese PDFs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import zlib
from collections import Counter
from pathlib import Path

import PIL.Image
import pypdf
import pytest

from reviewer_app.central import demo_intake
from reviewer_app.central.demo.facts import PLANTABLE_RULES, plan_intake
from reviewer_app.central.demo.materials import material_files
from reviewer_app.central.demo.raster import INK_BLACK, RULE_GREY, Raster, fixture
from reviewer_app.central.demo_intake import (
    APPLICATION_HEADER,
    DemoPlan,
    generate_demo_intake,
    write_tables,
)
from reviewer_app.central.intake import load_intake
from reviewer_app.core.eligibility import Status
from reviewer_app.core.errors import IntakeError
from reviewer_app.core.program import parse_program
from reviewer_app.core.uscc import is_valid_uscc
from reviewer_app.paths import DEFAULT_PROGRAM
from reviewer_app.pdffont import CJK_FONT_NAME, missing_characters, register_cjk_font
from tests.helpers.intake import stand_in

PROGRAM = parse_program(DEFAULT_PROGRAM.read_text(encoding="utf-8"))
OPENING = PROGRAM.info.opening_date
MARKER = re.compile(r"RVMARK-(?P<pid>[A-Za-z0-9_-]+)-(?P<cat>[1-8])-[0-9a-f]{16}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoPlan:
    return generate_demo_intake(tmp_path_factory.mktemp("demo") / "intake", projects=8, seed=1)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# -- the folder ------------------------------------------------------------------------

def test_folder_holds_exactly_the_documented_files(demo: DemoPlan) -> None:
    root = demo.out_dir
    assert sorted(p.name for p in root.iterdir()) == [
        "applications.csv", "dishonest.csv", "materials", "prior_awards.csv", "program.toml",
        "seats.csv"]
    assert (root / "program.toml").read_bytes() == DEFAULT_PROGRAM.read_bytes()
    assert sorted(p.name for p in (root / "materials").iterdir()) == list(demo.project_ids)
    name = re.compile(r"[1-8]-[^/]+\.(pdf|png)")
    for path in (root / "materials").rglob("*"):
        assert path.is_dir() or name.fullmatch(path.name), path
    intake = load_intake(root)
    assert intake.warnings == ()
    assert len(intake.applications) == 8 and len(intake.seats) == 7


def test_csv_files_are_utf8_with_bom_and_unix_newlines(demo: DemoPlan) -> None:
    for name in ("applications.csv", "seats.csv", "dishonest.csv", "prior_awards.csv"):
        data = (demo.out_dir / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in data, name
    header = (demo.out_dir / "applications.csv").read_text(encoding="utf-8-sig").split("\n")[0]
    assert tuple(header.split(",")) == APPLICATION_HEADER
    assert _rows(demo.out_dir / "seats.csv")[0].keys() == {
        "seat_id", "name", "affiliation", "expertise", "public_key", "projects"}
    assert _rows(demo.out_dir / "dishonest.csv")[0].keys() == {
        "uscc", "name", "list_name", "listed_on"}
    assert _rows(demo.out_dir / "prior_awards.csv")[0].keys() == {"uscc", "year", "amount"}


def test_applications_are_plausible(demo: DemoPlan) -> None:
    rows = _rows(demo.out_dir / "applications.csv")
    window_start = OPENING - dt.timedelta(days=365)
    for row in rows:
        if row["project_id"] in demo.planted:
            continue
        assert is_valid_uscc(row["uscc"]) and row["uscc"][2:8] == "440305", row
        assert row["uscc"][:2] == ("12" if row["entity_type"] == "事业单位" else "91")
        assert row["enterprise_name"].startswith("深圳市")
        assert row["vendor"] in PROGRAM.eligibility.registered_vendors
        amount, cost = int(row["contract_amount"]), int(row["actual_cost"])
        assert 200_000 <= amount <= 3_000_000 and cost == amount  # 三: never above contract
        assert int(row["requested_amount"]) == min(cost * 3 // 10 // 100 * 100, 1_000_000)
        signed, done, accepted, registered = (
            dt.date.fromisoformat(row[k]) for k in ("contract_signed_date", "completion_date",
                                                     "acceptance_report_date",
                                                     "registration_date"))
        assert registered < signed < done <= accepted <= OPENING and done >= window_start
        assert row["summary"].startswith(row["enterprise_name"]) and row["legal_representative"]
    assert len({r["industry"] for r in rows}) >= 3


def test_special_applicants_are_present(demo: DemoPlan) -> None:
    rows = _rows(demo.out_dir / "applications.csv")
    eligible = [r for r in rows if r["project_id"] not in demo.planted]
    per_enterprise = Counter(r["uscc"] for r in eligible)
    twice = [uscc for uscc, n in per_enterprise.items() if n == 2]
    assert twice, "an enterprise with two projects"
    awards = _rows(demo.out_dir / "prior_awards.csv")
    this_year = [a for a in awards if a["year"] == str(PROGRAM.info.year)]
    assert [(a["uscc"], a["amount"]) for a in this_year] == [(twice[0], "600000")]

    public = [r for r in eligible if r["entity_type"] == "事业单位"]
    assert public
    for row in public:
        assert not list((demo.out_dir / "materials" / row["project_id"]).glob("4-*"))

    young = [r for r in eligible
             if (OPENING - dt.date.fromisoformat(r["registration_date"])).days < 365]
    assert young
    for row in young:
        folder = demo.out_dir / "materials" / row["project_id"]
        assert [p.name for p in folder.glob("7-*")] == ["7-验资报告.pdf"]


def test_seats_cover_every_eligible_project_in_balance(tmp_path: Path) -> None:
    for seats in (3, 7):
        facts = plan_intake(PROGRAM, projects=20, seats=seats, seed=5)
        eligible = [p.project_id for p in facts.projects if p.planted is None]
        counts = Counter(pid for x in facts.experts for pid in x.projects)
        assert set(counts) == set(eligible)
        assert set(counts.values()) == {min(5, seats)}
        loads = [len(x.projects) for x in facts.experts]
        assert max(loads) - min(loads) <= 1
        assert len({x.name for x in facts.experts}) == seats


# -- planted failures ------------------------------------------------------------------

def test_planted_projects_fail_exactly_their_rule_end_to_end(demo: DemoPlan) -> None:
    intake = load_intake(demo.out_dir)
    assert len(demo.planted) == 1
    for report in intake.eligibility():
        rule = demo.planted.get(report.project_id)
        statuses = {f.check: f.status for f in report.findings}
        if rule is not None:
            assert report.failed_checks == (rule,)
            assert Status.REVIEW not in statuses.values()
            continue
        app = intake.application(report.project_id)
        if app.entity_type == "事业单位":
            assert [c for c, s in statuses.items() if s is not Status.PASS] == ["entity_type"]
        else:
            assert report.status is Status.PASS, report.to_dict()
    seated = {pid for seat in intake.seats for pid in seat.projects}
    assert seated == set(demo.eligible_ids)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_rule_can_be_planted_and_fails_alone(tmp_path: Path, seed: int) -> None:
    # 66 projects plant 11 failures: every rule exactly once. Materials are small
    # stand-ins with the generator's file names; the tables are the real ones.
    facts = plan_intake(PROGRAM, projects=66, seats=7, seed=seed)
    assert sorted(facts.planted.values()) == sorted(PLANTABLE_RULES)
    write_tables(tmp_path, facts)
    for project in facts.projects:
        folder = tmp_path / "materials" / project.project_id
        folder.mkdir(parents=True)
        for category, title, ext in material_files(project, PROGRAM):
            (folder / f"{category}-{title}.{ext}").write_bytes(stand_in(ext))
    intake = load_intake(tmp_path)
    rows = {r["project_id"]: r for r in _rows(tmp_path / "applications.csv")}
    dishonest = {r["uscc"] for r in _rows(tmp_path / "dishonest.csv")}
    for report in intake.eligibility():
        rule = facts.planted.get(report.project_id)
        flagged = [f.check for f in report.findings if f.status is Status.REVIEW]
        if rule is None:
            assert report.status is not Status.FAIL, report.to_dict()
            assert rows[report.project_id]["uscc"] not in dishonest
            # Only a public institution is flagged, and only for its entity type: no
            # cost above contract (三), no contract or project twice (八（二）).
            public = rows[report.project_id]["entity_type"] == "事业单位"
            assert flagged == (["entity_type"] if public else []), report.to_dict()
            continue
        assert report.failed_checks == (rule,), report.to_dict()
        assert report.status is Status.FAIL and flagged == [], report.to_dict()
        row = rows[report.project_id]
        expected_field = {
            "entity_type": row["entity_type"] == "分支机构",
            "nanshan_registration": row["registered_district"] != "南山区"
            or row["operating_in_district"] == "否",
            "location_unchanged": row["location_changed"] == "是",
            "uscc_valid": not is_valid_uscc(row["uscc"]),
            "dishonest_list": row["uscc"] in dishonest,
            "registered_vendor": row["vendor"] not in PROGRAM.eligibility.registered_vendors,
            "contract_amount": int(row["contract_amount"]) < 200_000,
            "completion_window": dt.date.fromisoformat(row["completion_date"])
            < OPENING - dt.timedelta(days=365),
            "acceptance_report": row["acceptance_report_date"] == "",
            "material_5": not list((tmp_path / "materials" / row["project_id"]).glob("5-*")),
            "material_4": row["entity_type"] == "企业法人"
            and not list((tmp_path / "materials" / row["project_id"]).glob("4-*")),
        }[rule]
        assert expected_field, (rule, row)
        if rule != "uscc_valid":
            assert is_valid_uscc(row["uscc"])


@pytest.mark.parametrize(("projects", "expected"), [(1, 0), (5, 1), (6, 1), (8, 1), (40, 7),
                                                    (80, 13)])
def test_about_one_in_six_is_planted_with_distinct_rules(projects: int, expected: int) -> None:
    facts = plan_intake(PROGRAM, projects=projects, seats=7, seed=3)
    rules = list(facts.planted.values())
    assert len(rules) == expected
    assert len(set(rules)) == min(len(rules), len(PLANTABLE_RULES))
    # Cycling restarts the same order: the twelfth planted rule repeats the first.
    if len(rules) > len(PLANTABLE_RULES):
        assert rules[len(PLANTABLE_RULES)] == rules[0]


def test_planted_projects_are_chosen_by_the_seed() -> None:
    picks = {tuple(plan_intake(PROGRAM, projects=40, seats=7, seed=s).planted) for s in range(4)}
    assert len(picks) > 1


# -- materials -------------------------------------------------------------------------

def test_pdfs_open_have_pages_and_extract_as_chinese(demo: DemoPlan) -> None:
    rows = {r["project_id"]: r for r in _rows(demo.out_dir / "applications.csv")}
    pdfs = sorted((demo.out_dir / "materials").rglob("*.pdf"))
    assert len(pdfs) >= 8 * 8
    for path in pdfs:
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) > 1, path
        text = "".join(page.extract_text() for page in reader.pages)
        row = rows[path.parent.name]
        assert row["enterprise_name"] in text.replace("\n", ""), path
    folder = demo.out_dir / "materials" / demo.eligible_ids[0]
    text = "".join(p.extract_text() for p in pypdf.PdfReader(folder / "1-项目申请书.pdf").pages)
    for phrase in ("项目申请书", "申报单位基本情况", "法定代表人", "承 诺 书"):
        assert phrase in text
    text = "".join(p.extract_text() for p in pypdf.PdfReader(folder / "6-项目实施方案.pdf").pages)
    assert "实施前后关键指标对比" in text  # the chart's title, drawn in the CJK font


def test_scans_are_raster_images(demo: DemoPlan) -> None:
    folder = demo.out_dir / "materials" / demo.eligible_ids[0]
    reader = pypdf.PdfReader(folder / "1-项目申请书.pdf")
    images = list(reader.pages[-1].images)
    assert len(images) == 1 and images[0].image is not None  # Pillow decodes it
    width, height = images[0].image.size
    assert width > 500 and height > 700
    png = (folder / "3-法定代表人身份证.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with PIL.Image.open(io.BytesIO(png)) as image:
        image.load()  # the band-wise deflate stream decodes
        assert image.size[0] > 500


def test_band_deflate_round_trips_and_reuses_untouched_bands() -> None:
    image = Raster.paper(120, 70, random.Random(5),
                         fixtures=(fixture("frame", 5, 5, 115, 65, RULE_GREY, 1),))
    image.rect(10, 20, 30, 24, INK_BLACK)
    assert list(image._clean) == [1, 0, 1, 1, 1]  # 16-row bands; only rows 20-23 inked
    for png in (False, True):
        data = image.deflate(4, png=png)
        assert zlib.decompress(data) == bytes(image.png_rows() if png else image.pixels)
        again = Raster.paper(120, 70, random.Random(5),
                             fixtures=(fixture("frame", 5, 5, 115, 65, RULE_GREY, 1),))
        again.rect(10, 20, 30, 24, INK_BLACK)
        assert again.deflate(4, png=png) == data


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdfs_embed_the_wenquanyi_font(demo: DemoPlan) -> None:
    folder = demo.out_dir / "materials" / demo.eligible_ids[0]
    for path in sorted(folder.glob("*.pdf")):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout
        lines = [line.split() for line in out.splitlines() if "WenQuanYi" in line]
        assert lines, path
        # Columns from the right: object id, generation, uni, sub, emb.
        assert all(line[-5:-2] == ["yes", "yes", "yes"] for line in lines), out


def _first_subset_font_file(path: Path) -> bytes:
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if str(font["/BaseFont"]).startswith("/AAAAAA+"):  # subset 0
                return font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    raise AssertionError(f"no first subset in {path}")


def test_every_pdf_shares_the_first_font_subset(demo: DemoPlan) -> None:
    pdfs = sorted((demo.out_dir / "materials").rglob("*.pdf"))
    subsets = {_first_subset_font_file(path) for path in pdfs}
    assert len(subsets) == 1  # made (and compressed) once per process, see pdfkit._canvas
    assert len(subsets.pop()) > 20_000


def test_every_material_carries_its_marker(demo: DemoPlan) -> None:
    files = {p.relative_to(demo.out_dir).as_posix(): p
             for p in (demo.out_dir / "materials").rglob("*") if p.is_file()}
    assert set(demo.markers) == set(files)
    assert len(set(demo.markers.values())) == len(demo.markers)
    for relative, marker in demo.markers.items():
        match = MARKER.fullmatch(marker)
        assert match, marker
        _, pid, name = relative.split("/")
        assert match["pid"] == pid and name.startswith(match["cat"] + "-")
        data = files[relative].read_bytes()
        assert marker.encode() in data  # PDF Keywords / PNG tEXt are stored in the clear
        if name.endswith(".pdf"):
            reader = pypdf.PdfReader(files[relative])
            assert reader.metadata["/Keywords"] == marker
            assert marker in reader.pages[0].extract_text()


def test_all_printed_text_is_covered_by_the_font(demo: DemoPlan) -> None:
    for name in ("applications.csv", "seats.csv"):
        text = (demo.out_dir / name).read_text(encoding="utf-8-sig")
        assert missing_characters(text) == "", name


def test_padding_reaches_the_requested_size(tmp_path: Path) -> None:
    plan = generate_demo_intake(tmp_path / "big", projects=2, seats=2, seed=4, material_mb=3)
    for pid in plan.project_ids:
        folder = tmp_path / "big" / "materials" / pid
        total = sum(p.stat().st_size for p in folder.iterdir())
        assert 2_900_000 <= total <= 3_100_000
        padding = sorted(folder.glob("6-审计报告附件扫描件*.pdf"))
        assert padding
        assert len(pypdf.PdfReader(padding[0]).pages) >= 1
    assert load_intake(tmp_path / "big").warnings == ()


# -- determinism -----------------------------------------------------------------------

def test_same_arguments_give_identical_bytes_across_processes(demo: DemoPlan,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "again"
    code = ("import sys; from pathlib import Path; "
            "from reviewer_app.central.demo_intake import generate_demo_intake; "
            "generate_demo_intake(Path(sys.argv[1]), projects=8, seed=1)")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env, timeout=300)
    assert _tree(out) == _tree(demo.out_dir)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_worker_processes_give_the_same_bytes(tmp_path: Path, start: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} here")
    alone = generate_demo_intake(tmp_path / "alone", projects=5, seats=3, seed=2)
    monkeypatch.setattr(demo_intake, "POOL_MIN_PROJECTS", 2)
    monkeypatch.setattr(demo_intake, "_worker_count", lambda projects: 3)
    monkeypatch.setattr(demo_intake, "_pool_context",
                        lambda: multiprocessing.get_context(start))
    pooled = generate_demo_intake(tmp_path / "pooled", projects=5, seats=3, seed=2)
    assert _tree(pooled.out_dir) == _tree(alone.out_dir)
    assert list(pooled.markers.items()) == list(alone.markers.items())


def test_another_seed_gives_other_files(tmp_path: Path) -> None:
    one = generate_demo_intake(tmp_path / "one", projects=2, seats=2, seed=1)
    two = generate_demo_intake(tmp_path / "two", projects=2, seats=2, seed=2)
    a, b = _tree(one.out_dir), _tree(two.out_dir)
    assert a["applications.csv"] != b["applications.csv"]
    assert set(one.markers.values()).isdisjoint(two.markers.values())
    assert a["program.toml"] == b["program.toml"]


# -- refusals --------------------------------------------------------------------------

def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(IntakeError, match="not empty"):
        generate_demo_intake(tmp_path, projects=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    target = tmp_path / "intake"
    target.write_bytes(b"")
    with pytest.raises(IntakeError, match="not a folder"):
        generate_demo_intake(target, projects=1)


def test_an_existing_empty_folder_is_fine(tmp_path: Path) -> None:
    plan = generate_demo_intake(tmp_path, projects=1, seats=1)
    assert plan.out_dir == tmp_path and plan.planted == {}
    assert (tmp_path / "applications.csv").is_file()


@pytest.mark.parametrize("kwargs", [{"projects": 0}, {"seats": 0}, {"material_mb": -1.0}])
def test_rejects_nonsense_arguments(tmp_path: Path, kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        generate_demo_intake(tmp_path / "x", **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


# -- the font helper -------------------------------------------------------------------

def test_font_registration_is_idempotent_and_thread_safe() -> None:
    names: list[str] = []
    threads = [threading.Thread(target=lambda: names.append(register_cjk_font()))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert names == [CJK_FONT_NAME] * 8
    assert register_cjk_font() == CJK_FONT_NAME


def test_emboldened_text_is_real_text_in_the_embedded_font() -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from reviewer_app.pdffont import draw_emboldened

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    draw_emboldened(canvas, 300, 700, "评审结果汇总", 18, centred=True, color="#b3261e")
    canvas.save()
    reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
    assert "评审结果汇总" in reader.pages[0].extract_text()
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("WenQuanYiMicroHei" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_missing_characters_reports_what_the_font_lacks() -> None:
    assert missing_characters("深圳市南山区 AI+百业\n喆堃") == ""
    assert missing_characters("王𠀾𠀾") == "𠀾"  # CJK extension B
