"""The 公示 period: 5 working days (五（五）: 向社会公示5个工作日) on the official
mainland calendar, public holidays and 调休 working weekends included.

The calendar comes from ``chinesecalendar``, which carries the State Council's
annual notices; a year it does not cover is refused rather than guessed, because a
wrong end date would close the notice early and make the award plan contestable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WORKING_DAYS = 5
MAX_SPAN = 60  # calendar days: no notice on record spans more holidays than that


class CalendarNotCovered(ValueError):
    """The holiday calendar has no data for a year the period would touch."""


@dataclass(frozen=True)
class PublicityPeriod:
    start: dt.date
    end: dt.date                     # the last working day of the notice
    working_days: tuple[dt.date, ...]
    calendar: str                    # the calendar's name and version

    def ended(self, today: dt.date) -> bool:
        """公示期满: the whole of the last working day has passed."""
        return today > self.end


def calendar_name() -> str:
    import chinese_calendar

    return f"chinesecalendar {getattr(chinese_calendar, '__version__', '?')}"


def is_working_day(day: dt.date) -> bool:
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        raise CalendarNotCovered(
            f"the holiday calendar ({calendar_name()}) does not cover {day.year}: "
            "update chinesecalendar before setting a 公示 period in that year") from None


def publicity_period(start: dt.date, working_days: int = WORKING_DAYS) -> PublicityPeriod:
    """The period that starts on ``start`` (counted if it is a working day) and lasts
    ``working_days`` working days."""
    days: list[dt.date] = []
    day = start
    while len(days) < working_days:
        if (day - start).days > MAX_SPAN:
            raise CalendarNotCovered(f"no {working_days} working days within {MAX_SPAN} days "
                                     f"of {start.isoformat()}")
        if is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return PublicityPeriod(start, days[-1], tuple(days), calendar_name())
