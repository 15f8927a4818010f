"""The merge's verdicts in the user's language.

The merge records its decisions and reasons in English (the CLI prints them as
they are); here each decision and each verifier error kind (``sheets/errors.py``)
gets a sentence of its own. A reason of a kind not listed is shown as it is, in
English, as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from reviewer_app.central.merge import MergeOutcome

translate = QCoreApplication.translate


def decision_text(decision: str) -> str:
    texts: dict[str, Callable[[], str]] = {
        "accepted": lambda: translate("SheetVerdicts", "Accepted"),
        "replaced": lambda: translate("SheetVerdicts", "Replaced"),
        "no-op": lambda: translate("SheetVerdicts", "Already merged"),
        "equivocation": lambda: translate("SheetVerdicts", "Equivocation"),
        "rollback": lambda: translate("SheetVerdicts", "Older revision"),
        "rejected": lambda: translate("SheetVerdicts", "Rejected"),
        "unreadable": lambda: translate("SheetVerdicts", "Not read"),
        "skipped": lambda: translate("SheetVerdicts", "Skipped"),
        "not-processed": lambda: translate("SheetVerdicts", "Not processed"),
    }
    return texts[decision]() if decision in texts else decision


def _rejection(kind: str) -> str | None:
    sentences: dict[str, Callable[[], str]] = {
        "rejected": lambda: translate("SheetVerdicts", "The sheet was refused by the verifier."),
        "oversized": lambda: translate(
                "SheetVerdicts", "The file is larger than any score sheet can be."),
        "malformed": lambda: translate(
                "SheetVerdicts", "The file is not a readable score sheet (damaged or not "
                                 "a sheet)."),
        "unsupported format": lambda: translate(
                "SheetVerdicts", "The sheet was written in a format this version "
                                 "does not read."),
        "not canonical": lambda: translate(
                "SheetVerdicts", "The sheet's content was altered after signing."),
        "signature count": lambda: translate(
                "SheetVerdicts", "The sheet does not carry exactly one signature."),
        "keyid mismatch": lambda: translate(
                "SheetVerdicts", "The signature names another key than the sheet's."),
        "bad signature": lambda: translate(
                "SheetVerdicts", "The signature does not match the content: the sheet "
                                 "was altered or forged."),
        "float": lambda: translate(
                "SheetVerdicts", "The sheet holds a number written as a float, which sheets "
                                 "never do."),
        "wrong package": lambda: translate(
                "SheetVerdicts", "The sheet belongs to another package (or another "
                                 "build of it)."),
        "wrong kind": lambda: translate(
                "SheetVerdicts", "The sheet is of another kind than its package (panel or "
                                 "inspection)."),
        "unknown seat": lambda: translate(
                "SheetVerdicts", "The sheet names a seat the package does not have."),
        "key mismatch": lambda: translate(
                "SheetVerdicts", "The sheet is signed with another key than its seat's."),
        "seat claim": lambda: translate(
                "SheetVerdicts", "The sheet's seat proof does not match the seat code."),
        "seat not proven": lambda: translate("SheetVerdicts", "The sheet does not prove its seat."),
        "unassigned project": lambda: translate(
                "SheetVerdicts", "The sheet scores a project not assigned to its "
                                 "seat."),
        "duplicate project": lambda: translate("SheetVerdicts", "The sheet lists a project twice."),
        "missing project": lambda: translate(
                "SheetVerdicts", "The sheet leaves out a project assigned to its "
                                 "seat."),
        "unknown criterion": lambda: translate(
                "SheetVerdicts", "The sheet scores a criterion the rubric does not "
                                 "have."),
        "missing score": lambda: translate(
                "SheetVerdicts", "The sheet leaves a criterion without a score."),
        "conflict with scores": lambda: translate(
                "SheetVerdicts", "The sheet declares a conflict of interest and "
                                 "still scores the project."),
        "bad decimal": lambda: translate(
                "SheetVerdicts", "The sheet holds a score that is not a valid number."),
        "score out of range": lambda: translate(
                "SheetVerdicts", "The sheet holds a score outside the criterion's "
                                 "range."),
        "score off step": lambda: translate(
                "SheetVerdicts", "The sheet holds a score off the criterion's step."),
        "total mismatch": lambda: translate("SheetVerdicts", "The sheet's totals do not add up."),
        "checklist": lambda: translate(
                "SheetVerdicts", "The sheet's inspection checklist is invalid."),
        "commitment": lambda: translate(
                "SheetVerdicts", "The sheet accepts another commitment than its package's."),
        "conflict category": lambda: translate(
                "SheetVerdicts", "A declared conflict names a kind the package does not "
                                 "have."),
        "conflict hint": lambda: translate(
                "SheetVerdicts", "A possible conflict found by the pre-screen is not "
                                 "answered properly."),
        "not a score sheet": lambda: translate("SheetVerdicts", "The file is not a score sheet."),
        "not registered": lambda: translate(
                "SheetVerdicts", "The sheet's package is not registered in this store: "
                                 "register the package first."),
    }
    return sentences[kind]() if kind in sentences else None


_REVISIONS = re.compile(r"revision (\d+)")


def reason_text(outcome: MergeOutcome) -> str:
    """Why the merge decided as it did, as one sentence."""
    numbers = [int(n) for n in _REVISIONS.findall(outcome.reason)]
    if outcome.decision == "accepted":
        return translate(
                "SheetVerdicts", "Revision %1 received.").replace("%1", str(outcome.revision))
    if outcome.decision == "replaced" and len(numbers) >= 2:
        text = (translate("SheetVerdicts", "Revision %1 replaces revision %2.")
                .replace("%1", str(numbers[0])).replace("%2", str(numbers[1])))
        if "intermediate revision is missing" in outcome.reason:
            text += translate("SheetVerdicts", " An intermediate revision was never merged.")
        return text
    if outcome.decision == "no-op":
        return translate(
                "SheetVerdicts", "Revision %1 was merged before with the same content.").replace(
            "%1", str(outcome.revision))
    if outcome.decision == "rollback" and len(numbers) >= 2:
        return (translate("SheetVerdicts", "Revision %1 is older than revision %2, already merged.")
                .replace("%1", str(numbers[0])).replace("%2", str(numbers[1])))
    if outcome.decision == "equivocation":
        return translate(
                "SheetVerdicts", "Two different sheets are signed as revision %1: this "
                                 "seat's scores do "
                                 "not count until a higher revision arrives.").replace(
            "%1", str(outcome.revision))
    if outcome.decision == "rejected":
        sentence = _rejection(rejection_kind(outcome.reason))
        if sentence is not None:
            return sentence
    return outcome.reason  # a reason we have no sentence for: as the merge gave it


def rejection_kind(reason: str) -> str:
    """The verifier's error kind at the head of a rejection reason."""
    if reason == "not a score sheet":
        return reason
    if reason.startswith("package ") and reason.endswith("is not registered (merge with "
                                                         "--package)"):
        return "not registered"
    kind, sep, _ = reason.partition(":")
    return kind if sep else ""


def skipped_text(kind: str, detail: str) -> str:
    texts: dict[str, Callable[[], str]] = {
        "link": lambda: translate("SheetVerdicts", "A link: links are not followed."),
        "not-a-sheet": lambda: translate("SheetVerdicts", "Not a regular file."),
        "unreadable": lambda: translate("SheetVerdicts", "The file or folder cannot be read: %1"),
        "too-many": lambda: translate(
                "SheetVerdicts", "More sheet files than a round can have: the rest of the "
                                 "folder was not taken."),
    }
    return texts[kind]().replace("%1", detail) if kind in texts else detail
