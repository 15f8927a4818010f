"""The 公示 period: 5 working days (五（五）: 向社会公示5个工作日) on the official
mainland calendar, public holidays and 调休 working weekends included.

The calendar comes from ``chinesecalendar``, which carries the State Council's
annual notices; a year it does not cover is refused rather than guessed, because a
wrong end date would close the notice early and make the award plan contestable.
The State Council publishes next year's notice (国务院办公厅关于部分节假日安排的通知)
late in the year, often before a library release carries it: the secretariat may then
give that year as a supplement file (:func:`parse_supplement`, docs/formats.md §6),
transcribed from the notice, which the recorded period names with its hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WORKING_DAYS = 5
MAX_SPAN = 60  # calendar days: no notice on record spans more holidays than that


class CalendarNotCovered(ValueError):
    """The holiday calendar has no data for a year the period would touch."""


class SupplementError(ValueError):
    """A holiday supplement file is malformed or contradicts the calendar."""


SUPPLEMENT_FORMAT = "reviewer-app/holidays/1"
SUPPLEMENT_LIMIT = 64 * 1024  # bytes: a year's notice is a few dozen dates


@dataclass(frozen=True)
class YearSupplement:
    """One year's days off and 调休 working weekends, from the State Council's notice."""

    year: int
    holidays: frozenset[dt.date]     # every day off the notice names
    workdays: frozenset[dt.date]     # weekend days that are working days (调休上班)
    source: str                      # the notice, as the file names it
    sha256: str                      # of the file's bytes

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def parse_supplement(data: bytes) -> YearSupplement:
    """A holiday supplement file (TOML, docs/formats.md §6), checked strictly.

    Raises:
        SupplementError: naming the first problem.
    """
    if len(data) > SUPPLEMENT_LIMIT:
        raise SupplementError(f"holiday supplement: larger than {SUPPLEMENT_LIMIT} bytes")
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SupplementError(f"holiday supplement: not UTF-8 TOML: {exc}") from None
    keys = {"format", "year", "source", "holidays", "workdays"}
    if set(raw) != keys:
        raise SupplementError("holiday supplement: keys must be exactly "
                              + ", ".join(sorted(keys)))
    if raw["format"] != SUPPLEMENT_FORMAT:
        raise SupplementError(f"holiday supplement: format is {raw['format']!r}, expected "
                              f"{SUPPLEMENT_FORMAT!r}")
    year = raw["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise SupplementError("holiday supplement: year must be a year between 2000 and 2100")
    source = raw["source"]
    if not isinstance(source, str) or not source.strip() or len(source) > 200 or any(
            ord(c) < 32 for c in source):
        raise SupplementError("holiday supplement: source must name the notice (one line, "
                              "at most 200 characters)")
    holidays = _dates(raw["holidays"], "holidays", year)
    workdays = _dates(raw["workdays"], "workdays", year)
    if not holidays:
        raise SupplementError("holiday supplement: holidays is empty")
    both = sorted(holidays & workdays)
    if both:
        raise SupplementError(f"holiday supplement: {both[0].isoformat()} is both a holiday "
                              "and a working day")
    weekday = sorted(d for d in workdays if d.weekday() < 5)
    if weekday:
        raise SupplementError(f"holiday supplement: workdays lists {weekday[0].isoformat()}, "
                              "a weekday; only weekend days worked in exchange (调休上班) "
                              "belong there")
    return YearSupplement(year, holidays, workdays, source.strip(),
                          hashlib.sha256(data).hexdigest())


def _dates(value: Any, name: str, year: int) -> frozenset[dt.date]:
    if not isinstance(value, list) or len(value) > 366:
        raise SupplementError(f"holiday supplement: {name} must be a list of dates")
    days = []
    for item in value:
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            day = item
        elif isinstance(item, str):
            try:
                day = dt.date.fromisoformat(item)
            except ValueError:
                raise SupplementError(f"holiday supplement: {name}: not a date "
                                      f"(YYYY-MM-DD): {item[:20]!r}") from None
        else:
            raise SupplementError(f"holiday supplement: {name}: not a date: {item!r:.20}")
        if day.year != year:
            raise SupplementError(f"holiday supplement: {name}: {day.isoformat()} is not in "
                                  f"{year}")
        days.append(day)
    if len(set(days)) != len(days):
        raise SupplementError(f"holiday supplement: {name} lists a date twice")
    return frozenset(days)


class HolidayCalendar:
    """``chinesecalendar``, and for the years it does not cover, the supplements given.

    A supplement for a year the library covers is refused: two sources for one year
    could disagree, and the library's is the one the whole team shares."""

    def __init__(self, supplements: Iterable[YearSupplement] = ()) -> None:
        by_year: dict[int, YearSupplement] = {}
        for supplement in supplements:
            if supplement.year in by_year:
                raise SupplementError(f"holiday supplement: two files for {supplement.year}")
            if _library_covers(supplement.year):
                raise SupplementError(f"holiday supplement: {calendar_name()} already covers "
                                      f"{supplement.year}; give no supplement for it")
            by_year[supplement.year] = supplement
        self.supplements: Mapping[int, YearSupplement] = by_year

    @property
    def name(self) -> str:
        """The calendar as a recorded period names it: library version, then each
        supplement's year, notice and hash."""
        parts = [calendar_name()] + [
            f"{s.year}: {s.source} (sha256 {s.sha256[:16]})"
            for _, s in sorted(self.supplements.items())]
        return "; ".join(parts)

    def is_working_day(self, day: dt.date) -> bool:
        supplement = self.supplements.get(day.year)
        if supplement is not None:
            return supplement.is_working_day(day)
        return is_working_day(day)


def _library_covers(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


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
            f"the holiday calendar ({calendar_name()}) does not cover {day.year}: update "
            f"chinesecalendar, or give {day.year}'s days off as a supplement file transcribed "
            "from the State Council's notice (--holidays FILE; docs/guide-secretariat.md)"
            ) from None


def publicity_period(start: dt.date, working_days: int = WORKING_DAYS,
                     calendar: HolidayCalendar | None = None) -> PublicityPeriod:
    """The period that starts on ``start`` (counted if it is a working day) and lasts
    ``working_days`` working days, on ``calendar`` (``chinesecalendar`` alone by
    default)."""
    calendar = calendar or HolidayCalendar()
    days: list[dt.date] = []
    day = start
    while len(days) < working_days:
        if (day - start).days > MAX_SPAN:
            raise CalendarNotCovered(f"no {working_days} working days within {MAX_SPAN} days "
                                     f"of {start.isoformat()}")
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return PublicityPeriod(start, days[-1], tuple(days), calendar.name)
