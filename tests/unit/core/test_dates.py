"""Calendar years of the operating rules (四（一）5 向前溯源一年内, 六（七）注册不满一年)."""

import datetime as dt

import pytest

from reviewer_app.core.dates import shift_years


@pytest.mark.parametrize("day, years, expected", [
    (dt.date(2026, 6, 4), -1, dt.date(2025, 6, 4)),
    (dt.date(2027, 3, 1), -1, dt.date(2026, 3, 1)),
    (dt.date(2028, 2, 29), -1, dt.date(2027, 2, 28)),   # 29 Feb -> 28 Feb the year before
    (dt.date(2028, 2, 29), 1, dt.date(2029, 2, 28)),    # and the year after
    (dt.date(2028, 2, 29), -4, dt.date(2024, 2, 29)),
    (dt.date(2028, 3, 1), -1, dt.date(2027, 3, 1)),     # 366 days back, not 365
])
def test_shift_years_is_calendar_not_365_days(day: dt.date, years: int,
                                              expected: dt.date) -> None:
    assert shift_years(day, years) == expected
