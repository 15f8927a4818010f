"""Calendar arithmetic the operating rules speak in: "one year before" a date.

A year is a calendar year, not 365 days: one year before 2027-03-01 is
2026-03-01, and one year before (or after) 29 February is 28 February of a
common year.
"""

from __future__ import annotations

import datetime as dt


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (negative: earlier); 29 Feb becomes 28 Feb if needed."""
    year = day.year + years
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February into a common year
        return day.replace(year=year, day=28)


# China Standard Time (北京时间, UTC+8, no daylight saving): the time the district's
# officials and the 公示 calendar speak in.
CST = dt.timezone(dt.timedelta(hours=8), "CST")
