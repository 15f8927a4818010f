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
                                        "%2 yet: update it before setting a 公示 period in "
                                        "that year.")),
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
    for pattern, sentence in _REFUSALS:
        found = re.search(pattern, message)
        if found:
            groups = found.groups()
            # One pass: a fact that itself holds "%2" is not substituted again.
            return re.sub(r"%(\d)", lambda m, g=groups: g[int(m.group(1)) - 1], sentence())
    return message
