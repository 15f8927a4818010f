"""Pre-screening seats for likely conflicts of interest (issue 14, docs/formats.md §1.8.3).

The seat list may give each expert's employer and past employers; an expert who
works or worked for a project's applicant, or for the cloud vendor it bought from,
is likely to be in conflict. Names are compared after :func:`organisation_key`,
which folds the spellings one company arrives in (full-width characters, brackets,
a place in brackets such as （深圳）, legal-form suffixes such as 有限公司 or 股份有限公司).
The result is a hint: the expert still answers it, and the answer is in the sheet.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reviewer_app.core.names import normalise_name
from reviewer_app.core.program import EMPLOYMENT_CATEGORY, OTHER_CATEGORY, VENDOR_CATEGORY

# Longest first, so that 股份有限公司 goes before 有限公司 and 公司.
_LEGAL_FORMS = tuple(sorted((
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "股份公司", "公司", "集团",
    "companylimited", "co.,ltd.", "co.,ltd", "co.ltd.", "co.ltd", "ltd.", "ltd",
    "limited", "inc.", "inc", "corporation", "corp.", "corp"), key=len, reverse=True))
_BRACKETED = re.compile(r"\([^()]*\)")


def organisation_key(name: str) -> str:
    """``name`` folded for comparing organisations: NFKC, brackets unified, white
    space removed, lower case, bracketed parts (a place such as （深圳）) and the
    legal-form suffixes (有限公司, 股份有限公司, Co., Ltd. …) removed.

    >>> organisation_key("深圳市云启科技（深圳）股份有限公司")
    '深圳市云启科技'
    """
    text = _BRACKETED.sub("", normalise_name(name)).lower()
    changed = True
    while changed and text:
        changed = False
        for form in _LEGAL_FORMS:
            if text.endswith(form) and len(text) > len(form):
                text = text[: -len(form)].rstrip(",.")
                changed = True
                break
    return text


@dataclass(frozen=True)
class SeatEmployers:
    """What the seat list says about one seat's expert."""

    seat_id: str
    employers: tuple[str, ...]   # current employer first, then past employers
    projects: tuple[str, ...]    # assigned project ids


@dataclass(frozen=True)
class ProjectParties:
    project_id: str
    applicant: str
    vendor: str


@dataclass(frozen=True)
class ConflictHint:
    """A likely conflict: ``matched`` are the seat list's names that matched."""

    seat_id: str
    project_id: str
    category: str
    matched: tuple[str, ...]

    def to_manifest(self) -> dict[str, object]:
        return {"project_id": self.project_id, "category": self.category,
                "matched": list(self.matched)}


def prescreen(seats: Iterable[SeatEmployers], projects: Mapping[str, ProjectParties],
              categories: Sequence[str]) -> tuple[ConflictHint, ...]:
    """Every (seat, assigned project) whose applicant or vendor is one of the seat's
    employers, in seat then assignment order; one hint per pair (an applicant match
    wins over a vendor match). ``categories`` are the program's category ids: the
    hint is ``employment`` or ``vendor`` where the program has them, else ``other``."""
    def category(wanted: str) -> str:
        return wanted if wanted in categories else OTHER_CATEGORY

    hints = []
    for seat in seats:
        keys: dict[str, list[str]] = {}
        for employer in seat.employers:
            key = organisation_key(employer)
            if key:
                keys.setdefault(key, []).append(employer)
        if not keys:
            continue
        for pid in seat.projects:
            parties = projects.get(pid)
            if parties is None:
                continue
            for name, wanted in ((parties.applicant, EMPLOYMENT_CATEGORY),
                                 (parties.vendor, VENDOR_CATEGORY)):
                matched = keys.get(organisation_key(name or ""))
                if matched:
                    hints.append(ConflictHint(seat.seat_id, pid, category(wanted),
                                              tuple(dict.fromkeys([*matched, name]))))
                    break
    return tuple(hints)
