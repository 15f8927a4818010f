"""公示 and the award plan over a real SQLite store (operating rules 五（五）、（六）):
the plan waits for the period's end in Beijing time and for every objection's
outcome, and is refused when the results changed after they went on notice."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer_app.central.merge import merge_sheets
from reviewer_app.central.publicity import (
    MAX_OBJECTION,
    PublicityError,
    add_objection,
    current_period,
    decide_objection,
    final_plan,
    open_period,
)
from tests.helpers.central import (
    fake_sheet,
    fake_verify,
    manifest_bytes,
    registered_store,
    scored,
)

START = dt.date(2026, 11, 2)   # Monday: the period ends on Friday 6 November


def _sheet(seat: str, p1: str, revision: int = 1) -> bytes:
    return fake_sheet(seat, [scored("P1", p1, "20", "15", "20"),
                             scored("P2", "20", "15", "15", "20"),
                             scored("P3", "10", "10", "10", "10")], revision)


@pytest.fixture
def store(tmp_path: Path):
    engine = registered_store(tmp_path)
    merge_sheets(engine, [(f"s{i}", _sheet(f"S{i}", "25")) for i in range(1, 6)],
                 verify=fake_verify)
    yield engine
    engine.dispose()


def _beijing(day: dt.date, hour: int) -> dt.datetime:
    # 00:30 in Beijing is still the previous day in UTC.
    return dt.datetime(day.year, day.month, day.day, hour, 30,
                       tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_the_plan_waits_for_the_end_of_the_last_working_day_in_beijing(store) -> None:
    period, _ = open_period(store, START)
    assert period.end == dt.date(2026, 11, 6)
    with pytest.raises(PublicityError, match="ends on 2026-11-06"):
        final_plan(store, now=_beijing(dt.date(2026, 11, 6), 23))
    plan = final_plan(store, now=_beijing(dt.date(2026, 11, 7), 0))
    assert plan["publicity"]["working_days"] == 5
    assert [a["project_id"] for a in plan["awards"]] == ["P1", "P2"]


def test_objections_must_be_decided_and_fall_within_the_period(store) -> None:
    open_period(store, START)
    with pytest.raises(PublicityError, match="outside the 公示 period"):
        add_objection(store, "P1", "迟到", dt.date(2026, 11, 9))
    with pytest.raises(PublicityError, match="not on the 公示 list"):
        add_objection(store, "P3", "未获资助的项目", START)
    with pytest.raises(PublicityError, match="empty"):
        add_objection(store, "P1", " \x07 ", START)
    with pytest.raises(PublicityError, match="at most"):
        add_objection(store, "P1", "长" * (MAX_OBJECTION + 1), START)
    number = add_objection(store, "P1", "异议\u202e内容", START)
    assert current_period(store).objections[0].text == "异议内容"  # bidi control removed
    after = _beijing(dt.date(2026, 11, 9), 9)
    with pytest.raises(PublicityError, match="without a decision"):
        final_plan(store, now=after)
    with pytest.raises(PublicityError, match="upheld or dismissed"):
        decide_objection(store, number, "maybe", "王", "理由")
    with pytest.raises(PublicityError, match="--by and --reason"):
        decide_objection(store, number, "upheld", "王", "  ")
    with pytest.raises(PublicityError, match="no objection number 99"):
        decide_objection(store, 99, "upheld", "王", "理由")
    decide_objection(store, number, "upheld", "王", "材料不实")
    plan = final_plan(store, now=after)
    assert [a["project_id"] for a in plan["awards"]] == ["P2"]
    assert plan["excluded"][0]["reason"] == "公示异议成立：材料不实"
    with pytest.raises(PublicityError, match="cannot be decided again"):
        decide_objection(store, number, "dismissed", "王", "改判")


def test_results_changed_after_the_notice_need_a_new_period(store) -> None:
    open_period(store, START)
    merge_sheets(store, [("late", _sheet("S1", "5", revision=2))], verify=fake_verify)
    with pytest.raises(PublicityError, match="changed since the 公示"):
        final_plan(store, now=_beijing(dt.date(2026, 11, 9), 9))
    open_period(store, dt.date(2026, 11, 9), now=_beijing(dt.date(2026, 11, 9), 9))
    assert final_plan(store, now=_beijing(dt.date(2026, 11, 16), 9))["publicity"]["start"] \
        == "2026-11-09"


def test_files_that_change_nothing_on_notice_do_not_block_the_plan(store) -> None:
    """A sheet dropped again, a forged one refused, or a visit's photos merged after the
    notice go into the merge log and the inspection record, not into what was put on
    notice (五（五）): the plan can still be written from the period that ran."""
    open_period(store, START)
    merge_sheets(store, [("again", _sheet("S1", "25")),
                         ("forged", fake_sheet("S2", [scored("P1", "1", "1", "1", "1")],
                                               revision=9, signed=False))],
                 verify=fake_verify)
    plan = final_plan(store, now=_beijing(dt.date(2026, 11, 9), 9))
    assert plan["publicity"]["start"] == START.isoformat()


def test_no_notice_while_eligibility_decisions_are_pending(tmp_path: Path) -> None:
    manifest = json.loads(manifest_bytes(tmp_path))
    next(p for p in manifest["projects"] if p["project_id"] == "P2")["eligibility"][
        "status"] = "needs_review"
    engine = registered_store(tmp_path, json.dumps(manifest).encode("utf-8"))
    with pytest.raises(PublicityError, match="pending for P2"):
        open_period(engine, START)
    engine.dispose()


def test_a_second_period_cannot_be_backdated_and_objections_carry_over(store) -> None:
    """Red-team finding: re-opening a period that is already over would let the plan be
    written with no real notice and forget an upheld objection."""
    open_period(store, START)
    number = add_objection(store, "P1", "材料不实", START)
    decide_objection(store, number, "upheld", "王", "经核查属实")
    merge_sheets(store, [("late", _sheet("S1", "24", revision=2))], verify=fake_verify)
    during = _beijing(dt.date(2026, 11, 10), 9)
    with pytest.raises(PublicityError, match="must start today"):
        open_period(store, dt.date(2026, 11, 2), now=during)
    with pytest.raises(PublicityError, match="must start today"):
        open_period(store, dt.date(2026, 11, 9), now=during)
    open_period(store, dt.date(2026, 11, 10), now=during)
    with pytest.raises(PublicityError, match="ends on 2026-11-16"):
        final_plan(store, now=_beijing(dt.date(2026, 11, 16), 20))
    plan = final_plan(store, now=_beijing(dt.date(2026, 11, 17), 9))
    assert [a["project_id"] for a in plan["awards"]] == ["P2"]
    assert plan["excluded"][0]["reason"] == "公示异议成立：经核查属实"
    assert [o["id"] for o in plan["objections"]] == [number]


def test_the_final_run_computes_the_results_once_with_the_budget_on_notice(
        store, tmp_path, monkeypatch) -> None:
    """Rules 五（六）: the plan follows the results put on notice — here with a budget given
    for the round. ``results --final`` writes results and plan from one computation."""
    from reviewer_app.central import results as results_module
    from reviewer_app.central.round_files import write_round_results

    given = Decimal("300000")
    open_period(store, START, budget=given)
    calls = []
    compute = results_module.compute_results

    def counted(engine, **kwargs):
        calls.append(kwargs)
        return compute(engine, **kwargs)

    monkeypatch.setattr(results_module, "compute_results", counted)
    written = write_round_results(store, tmp_path / "final", final=True)
    assert calls == [{"budget": given}]
    assert written.results.funding.budget == given
    assert written.plan is not None
    assert Decimal(written.plan.plan["awarded_total"]) == written.results.funding.awarded_total


def test_the_plan_refuses_results_computed_with_another_budget(store) -> None:
    from reviewer_app.central.results import compute_results

    open_period(store, START, budget=Decimal("300000"))
    default_budget = compute_results(store)  # the annual budget, not the one on notice
    with pytest.raises(PublicityError, match="changed since the 公示"):
        final_plan(store, now=_beijing(dt.date(2026, 11, 9), 9), results=default_budget)
