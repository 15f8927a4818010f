"""五（五）: 拟资助项目向社会公示5个工作日 — on the official calendar."""

import datetime as dt

import pytest

from reviewer_app.core.publicity import CalendarNotCovered, publicity_period

D = dt.date


def test_a_period_spanning_national_day_and_a_tiaoxiu_saturday() -> None:
    """2026: 国庆 1–7 October off; Saturday 10 October is a working day (调休)."""
    period = publicity_period(D(2026, 9, 30))
    assert period.working_days == (D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9),
                                   D(2026, 10, 10), D(2026, 10, 12))
    assert period.end == D(2026, 10, 12)
    assert not period.ended(D(2026, 10, 12)) and period.ended(D(2026, 10, 13))


def test_an_ordinary_week_and_a_weekend_start() -> None:
    assert publicity_period(D(2026, 11, 2)).end == D(2026, 11, 6)
    # Starting on a Saturday: the first working day is the Monday.
    assert publicity_period(D(2026, 11, 7)).working_days[0] == D(2026, 11, 9)


def test_a_year_the_calendar_does_not_cover_is_refused() -> None:
    with pytest.raises(CalendarNotCovered, match="does not cover 2027"):
        publicity_period(D(2026, 12, 28))
