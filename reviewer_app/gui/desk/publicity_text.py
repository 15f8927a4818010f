"""The 公示 steps' refusals in the user's language.

``central.publicity`` and ``core.publicity`` refuse in English, as the command line
prints them; each refusal has a sentence here, its facts (dates, project ids,
numbers) taken from the message. A refusal not listed shows as it is, in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
_DATE = r"(\d{4}-\d{2}-\d{2})"

# (pattern, sentence): %1, %2, … are the pattern's groups in order.
_REFUSALS: tuple[tuple[str, Callable[[], str]], ...] = (
    (r"eligibility decisions are pending for (.+): decide them before the 公示",
     lambda: translate("PublicityText", "Eligibility decisions are pending for %1: decide "
                                        "them before the 公示.")),
    (r"the holiday calendar \((.+)\) does not cover (\d{4})",
     lambda: translate("PublicityText", "The official holiday calendar (%1) does not cover "
                                        "%2 yet: load a holiday supplement file for %2, or "
                                        "update the calendar, before setting a 公示 period "
                                        "in that year.")),
    (r"no (\d+) working days within (\d+) days of " + _DATE,
     lambda: translate("PublicityText", "No %1 working days within %2 days of %3.")),
    (r"a 公示 period is already recorded \(from " + _DATE + r"\): a new one must start "
     r"today \(" + _DATE + r", 北京时间\) or later, not " + _DATE,
     lambda: translate("PublicityText", "A 公示 period is already recorded (from %1): a new "
                                        "one must start today (%2, Beijing time) or "
                                        "later, not %3.")),
    (r"the award plan of this store was written on " + _DATE,
     lambda: translate("PublicityText", "The award plan was written on %1: the round is "
                                        "closed and no new 公示 can be opened.")),
    (r"no 公示 period is recorded",
     lambda: translate("PublicityText", "No 公示 period is recorded yet: start one first.")),
    (r"project (.+) is not on the 公示 list",
     lambda: translate("PublicityText", "Project %1 is not on the 公示 list.")),
    (r"received on " + _DATE + r", outside the 公示 period " + _DATE + " – " + _DATE,
     lambda: translate("PublicityText", "Received on %1, outside the 公示 period %2 – %3.")),
    (r"the objection's text is empty",
     lambda: translate("PublicityText", "The objection's text is empty.")),
    (r"the objection's text has (\d+) characters \(at most (\d+)\)",
     lambda: translate("PublicityText", "The objection's text has %1 characters (at most "
                                        "%2): record a summary and keep the letter on "
                                        "file.")),
    (r"a decision on an objection needs --by and --reason",
     lambda: translate("PublicityText", "A decision on an objection needs who decided and "
                                        "why.")),
    (r"no objection number (\d+)",
     lambda: translate("PublicityText", "There is no objection number %1.")),
    (r"objection (\d+) was settled in the award plan",
     lambda: translate("PublicityText", "Objection %1 was settled in the award plan already "
                                        "written; it cannot be decided again.")),
    (r"the 公示 period ends on " + _DATE + r" \(today is " + _DATE,
     lambda: translate("PublicityText", "The 公示 period ends on %1 (today is %2, Beijing "
                                        "time): the award plan can be written from the "
                                        "day after.")),
    (r"objections without a decision: (\d+(?:, \d+)*)",
     lambda: translate("PublicityText", "Objections without a decision: %1. Decide them "
                                        "first.")),
    (r"the results have changed since the 公示",
     lambda: translate("PublicityText", "The results have changed since the 公示 (sheets "
                                        "merged, decisions or ledger entries recorded): "
                                        "open a new 公示 period.")),
    (r"no panel package is registered",
     lambda: translate("PublicityText", "No panel package is registered: there are no "
                                        "results to put on notice.")),
)


def refusal_text(message: str) -> str:
    return _translated(message, _REFUSALS)


def _translated(message: str, table: tuple[tuple[str, Callable[[], str]], ...]) -> str:
    """The sentence of the first pattern in ``table`` that ``message`` matches, its
    ``%1``… filled with the match's groups; ``message`` itself when none does."""
    for pattern, sentence in table:
        found = re.search(pattern, message)
        if found:
            groups = found.groups()
            # One pass: a fact that itself holds "%2" is not substituted again.
            return re.sub(r"%(\d)", lambda m, g=groups: g[int(m.group(1)) - 1], sentence())
    return message


# A holiday supplement file refused (core.publicity.parse_supplement, HolidayCalendar,
# central.publicity.holiday_calendar; docs/formats.md §6).
_SUPPLEMENT_REFUSALS: tuple[tuple[str, Callable[[], str]], ...] = (
    (r"holiday supplement: larger than (\d+) bytes",
     lambda: translate("PublicityText", "the file is larger than %1 bytes.")),
    (r"holiday supplement: not UTF-8 TOML",
     lambda: translate("PublicityText", "it is not a UTF-8 TOML text.")),
    (r"holiday supplement: keys must be exactly (.+)$",
     lambda: translate("PublicityText", "its keys must be exactly %1.")),
    (r"holiday supplement: format is (.+), expected (.+)$",
     lambda: translate("PublicityText", "its format is %1, not %2.")),
    (r"holiday supplement: year must be",
     lambda: translate("PublicityText", "its year must be a year between 2000 and 2100.")),
    (r"holiday supplement: source must",
     lambda: translate("PublicityText", "its source must name the notice it was copied "
                                        "from (one line, at most 200 characters).")),
    (r"holiday supplement: (holidays|workdays) must be a list of dates",
     lambda: translate("PublicityText", "%1 must be a list of dates.")),
    (r"holiday supplement: (holidays|workdays): not a date",
     lambda: translate("PublicityText", "%1 holds something that is not a date "
                                        "(YYYY-MM-DD).")),
    (r"holiday supplement: (holidays|workdays): " + _DATE + r" is not in (\d{4})",
     lambda: translate("PublicityText", "%1 lists %2, which is not in %3.")),
    (r"holiday supplement: (holidays|workdays) lists a date twice",
     lambda: translate("PublicityText", "%1 lists a date twice.")),
    (r"holiday supplement: holidays is empty",
     lambda: translate("PublicityText", "it lists no holiday.")),
    (r"holiday supplement: " + _DATE + r" is both a holiday and a working day",
     lambda: translate("PublicityText", "%1 is both a holiday and a working day.")),
    (r"holiday supplement: workdays lists " + _DATE + ", a weekday",
     lambda: translate("PublicityText", "workdays lists %1, a weekday: only weekend days "
                                        "worked in exchange (调休上班) belong there.")),
    (r"holiday supplement: two files for (\d{4})",
     lambda: translate("PublicityText", "two files were given for %1.")),
    (r"holiday supplement: (.+) already covers (\d{4})",
     lambda: translate("PublicityText", "the official calendar (%1) already covers %2: "
                                        "give no supplement for that year.")),
    (r": cannot be read: (.+)$",
     lambda: translate("PublicityText", "the file cannot be read: %1")),
    (r": (is a folder, not a file|is not a regular file|is a .+, not a file)$",
     lambda: translate("PublicityText", "it is not a regular file.")),
)


def supplement_refusal_text(message: str) -> str:
    """Why a holiday supplement file was refused, as the end of a sentence."""
    return _translated(message, _SUPPLEMENT_REFUSALS)
