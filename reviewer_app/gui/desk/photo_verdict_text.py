"""The photo merge's verdicts (central/photo_merge.py, docs/formats.md §5.5) in the
user's language: a sentence per decision and per reason the merge gives. A reason of
a kind not listed is shown as it is, in English, as plain text."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from reviewer_app.central.photo_merge import PhotoOutcome

translate = QCoreApplication.translate


def photo_decision_text(decision: str) -> str:
    texts: dict[str, Callable[[], str]] = {
        "accepted": lambda: translate("PhotoVerdicts", "Photos accepted"),
        "no-op": lambda: translate("PhotoVerdicts", "Already merged"),
        "superseded": lambda: translate("PhotoVerdicts", "Older revision"),
        "rejected": lambda: translate("PhotoVerdicts", "Rejected"),
    }
    return texts[decision]() if decision in texts else decision


def _package_error(kind: str) -> str | None:
    """The photo package's own errors (sheets/photos.py ``PhotoPackageError.reason``)."""
    texts: dict[str, Callable[[], str]] = {
        "too large": lambda: translate(
            "PhotoVerdicts", "The file is larger than any photo package can be."),
        "not a photo package": lambda: translate(
            "PhotoVerdicts", "The file is not an inspection photo package."),
        "not for this key": lambda: translate(
            "PhotoVerdicts", "The photo package is not encrypted to this secretariat's "
                             "organizer key."),
        "truncated": lambda: translate(
            "PhotoVerdicts", "The photo package is incomplete (truncated)."),
        "tampered": lambda: translate(
            "PhotoVerdicts", "The photo package was altered or damaged."),
        "unsupported": lambda: translate(
            "PhotoVerdicts", "The photo package was written in a format this version "
                             "does not read."),
        "photo mismatch": lambda: translate(
            "PhotoVerdicts", "A photo in the package does not match its hash."),
        "malformed index": lambda: translate(
            "PhotoVerdicts", "The photo package's index is malformed."),
    }
    return texts[kind]() if kind in texts else None


_REVISIONS = re.compile(r"revision (\d+)")


def photo_reason_text(outcome: PhotoOutcome) -> str:
    """Why the photo merge decided as it did, as one sentence."""
    reason, seat = outcome.reason, outcome.seat_id or ""
    revisions = _REVISIONS.findall(reason)
    if outcome.decision == "accepted":
        return (translate("PhotoVerdicts", "%1 photo(s) of seat %2's sheet, revision %3, "
                                           "received.")
                .replace("%1", str(outcome.photos)).replace("%2", seat)
                .replace("%3", str(outcome.revision)))
    if outcome.decision == "no-op":
        if reason == "this file was merged before":
            return translate("PhotoVerdicts", "This photo package was merged before.")
        return translate("PhotoVerdicts", "The photos of this sheet were received before "
                                          "(in another file).")
    if outcome.decision == "superseded" and len(revisions) >= 2:
        return (translate("PhotoVerdicts", "For sheet revision %1, which revision %2 "
                                           "replaced: the photos exported with revision %2 "
                                           "are needed.")
                .replace("%1", revisions[0]).replace("%2", revisions[1]))
    if outcome.decision != "rejected":
        return reason
    kind, sep, _ = reason.partition(":")
    if sep and _package_error(kind) is not None:
        return _package_error(kind) or reason
    return _judged(reason, seat, revisions)


def _judged(reason: str, seat: str, revisions: list[str]) -> str:
    """A refusal by the merge's judgement of a readable photo package."""
    if reason.startswith("unknown package "):
        return translate("PhotoVerdicts", "The photo package's review package is not "
                                          "registered in this store: register the package "
                                          "first.")
    if reason.startswith("wrong package:"):
        return translate("PhotoVerdicts", "The photo package belongs to another build of "
                                          "its review package.")
    if reason.startswith("wrong kind:"):
        return translate("PhotoVerdicts", "Photos belong to inspection packages only.")
    if "has no accepted sheet yet" in reason:
        return (translate("PhotoVerdicts", "Seat %1 has no accepted sheet yet: merge its "
                                           "sheet (revision %2) first.")
                .replace("%1", seat).replace("%2", revisions[0] if revisions else "?"))
    if "that is not the accepted revision" in reason and len(revisions) >= 2:
        return (translate("PhotoVerdicts", "For seat %1's sheet revision %2, which is not "
                                           "the accepted revision %3.")
                .replace("%1", seat).replace("%2", revisions[0]).replace("%3", revisions[1]))
    if "sheets equivocate" in reason:
        return translate("PhotoVerdicts", "Seat %1's sheets equivocate: no photos count "
                                          "until a higher revision settles it.").replace(
            "%1", seat)
    if reason.startswith("signer mismatch"):
        return translate("PhotoVerdicts", "The photo package is not signed with the key of "
                                          "seat %1's accepted sheet.").replace("%1", seat)
    problems = reason.split("; ")
    if all(p.startswith(("missing photo", "extra photo", "mismatched photo"))
           for p in problems):
        return (translate("PhotoVerdicts", "The photos do not match the sheet: %1 missing, "
                                           "%2 not in the sheet, %3 with another type or "
                                           "caption.")
                .replace("%1", str(sum(p.startswith("missing") for p in problems)))
                .replace("%2", str(sum(p.startswith("extra") for p in problems)))
                .replace("%3", str(sum(p.startswith("mismatched") for p in problems))))
    return reason  # a reason we have no sentence for: as the merge gave it
