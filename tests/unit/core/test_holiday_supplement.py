"""The 公示 calendar beyond chinesecalendar's last year (五（五）: 向社会公示5个工作日).

chinesecalendar 1.11 ends with 2026; a round whose 公示 falls in January 2027 would be
refused. The secretariat may give the year's days off, transcribed from the State
Council's notice, as a supplement file (docs/formats.md §6). The 2027 dates below are
TEST DATA shaped like a notice (a 元旦 block with a 调休 Sunday), not the official
schedule.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from reviewer_app.central.publicity import PublicityError, current_period, holiday_calendar
from reviewer_app.core.publicity import (
    CalendarNotCovered,
    HolidayCalendar,
    SupplementError,
    parse_supplement,
    publicity_period,
)
from tests.helpers.holidays import SUPPLEMENT_2027

SUPPLEMENT = SUPPLEMENT_2027


def _supplement(text: str = SUPPLEMENT):
    return parse_supplement(text.encode("utf-8"))


def test_without_a_supplement_2027_is_refused_and_the_message_says_what_to_do() -> None:
    with pytest.raises(CalendarNotCovered, match=r"--holidays FILE"):
        publicity_period(dt.date(2026, 12, 28))


def test_a_period_across_new_year_follows_the_supplement() -> None:
    calendar = HolidayCalendar([_supplement()])
    # Mon 28 – Thu 31 December 2026 (library), then 1–3 January off, Mon 4 January.
    period = publicity_period(dt.date(2026, 12, 28), calendar=calendar)
    assert period.working_days == (dt.date(2026, 12, 28), dt.date(2026, 12, 29),
                                   dt.date(2026, 12, 30), dt.date(2026, 12, 31),
                                   dt.date(2027, 1, 4))
    # The 调休 Saturday counts as a working day; a listed weekday off does not.
    later = publicity_period(dt.date(2027, 1, 7), calendar=calendar)
    assert later.working_days == (dt.date(2027, 1, 7), dt.date(2027, 1, 8),
                                  dt.date(2027, 1, 9), dt.date(2027, 1, 11),
                                  dt.date(2027, 1, 12))
    february = publicity_period(dt.date(2027, 2, 4), calendar=calendar)
    assert dt.date(2027, 2, 5) not in february.working_days
    assert dt.date(2027, 2, 8) not in february.working_days
    digest = hashlib.sha256(SUPPLEMENT.encode()).hexdigest()[:16]
    assert period.calendar == (f"{HolidayCalendar().name}; 2027: 测试数据：仿国务院办公厅关于"
                               f"2027年部分节假日安排的通知 (sha256 {digest})")


@pytest.mark.parametrize("change, message", [
    (('"2027-01-09"]', '"2027-01-11"]'), "a weekday"),
    (('"2027-01-09"]', '"2027-01-09", "2027-01-09"]'), "lists a date twice"),
    (('"2027-01-09"]', '"2027-01-02"]'), "both a holiday and a working day"),
    (('"2027-02-08"]', '"2028-02-08"]'), "is not in 2027"),
    (('"2027-02-08"]', '"2027-02-30"]'), "not a date"),
    (("reviewer-app/holidays/1", "reviewer-app/holidays/9"), "format is"),
    (('source = "', 'note = 1\nsource = "'), "keys must be exactly"),
    (('source = "测试', 'source = "\\u001b[2J测试'), "source must name the notice"),
])
def test_a_malformed_supplement_is_refused_with_its_reason(change, message) -> None:
    text = SUPPLEMENT.replace(*change)
    assert text != SUPPLEMENT
    with pytest.raises(SupplementError, match=message):
        HolidayCalendar([_supplement(text)])


def test_a_supplement_for_a_year_the_library_covers_is_refused() -> None:
    """Two sources for one year could disagree: the library's, shared by the team, wins."""
    text = SUPPLEMENT.replace("2027", "2026").replace('"2026-01-09"', '"2026-01-04"')
    with pytest.raises(SupplementError, match="already covers 2026"):
        HolidayCalendar([_supplement(text)])


def test_two_supplements_for_one_year_are_refused() -> None:
    with pytest.raises(SupplementError, match="two files for 2027"):
        HolidayCalendar([_supplement(), _supplement()])


def test_the_store_records_the_calendar_with_the_supplement(tmp_path: Path) -> None:
    from reviewer_app.central.merge import merge_sheets
    from reviewer_app.central.publicity import open_period
    from tests.helpers.central import fake_sheet, fake_verify, registered_store, scored

    (tmp_path / "2027.toml").write_text(SUPPLEMENT, encoding="utf-8")
    calendar = holiday_calendar([tmp_path / "2027.toml"])
    engine = registered_store(tmp_path)
    merge_sheets(engine, [(f"s{i}", fake_sheet(f"S{i}", [scored("P1", "25", "20", "15", "20")]))
                          for i in range(1, 6)], verify=fake_verify)
    now = dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC)
    period, _ = open_period(engine, dt.date(2026, 12, 28), now=now, calendar=calendar)
    assert period.end == dt.date(2027, 1, 4)
    recorded = current_period(engine)
    engine.dispose()
    assert recorded.end == dt.date(2027, 1, 4) and "sha256" in recorded.calendar


def test_an_unreadable_or_linked_supplement_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PublicityError, match="cannot be read"):
        holiday_calendar([tmp_path / "missing.toml"])
    (tmp_path / "real.toml").write_text(SUPPLEMENT, encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(tmp_path / "real.toml")
    with pytest.raises(PublicityError, match="symbolic link"):
        holiday_calendar([tmp_path / "link.toml"])
