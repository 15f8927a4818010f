"""Errors of the signed score sheet: one class per rejection reason.

Every rejection carries a stable ``reason`` code (what the merge records and the
CLI prints) and a lowercase one-line message saying what was wrong and where.
"""

from __future__ import annotations

import errno
from pathlib import Path

from reviewer_app.core.errors import ReviewerError


class SheetError(ReviewerError):
    """Base of every error raised by ``reviewer_app.sheets``."""


class SheetRejected(SheetError):
    """A sheet that must not be merged; ``reason`` says why in one stable code."""

    reason = "rejected"


class SheetOversized(SheetRejected):
    reason = "oversized"


class SheetMalformed(SheetRejected):
    reason = "malformed"


class SheetUnsupportedFormat(SheetRejected):
    reason = "unsupported format"


class SheetNotCanonical(SheetRejected):
    reason = "not canonical"


class SheetSignatureCount(SheetRejected):
    reason = "signature count"


class SheetKeyIdMismatch(SheetRejected):
    reason = "keyid mismatch"


class SheetBadSignature(SheetRejected):
    reason = "bad signature"


class SheetFloat(SheetRejected):
    reason = "float"


class SheetWrongPackage(SheetRejected):
    reason = "wrong package"


class SheetWrongKind(SheetRejected):
    reason = "wrong kind"


class SheetUnknownSeat(SheetRejected):
    reason = "unknown seat"


class SheetKeyMismatch(SheetRejected):
    reason = "key mismatch"


class SheetSeatClaim(SheetRejected):
    reason = "seat claim"


class SheetSeatNotProven(SheetRejected):
    reason = "seat not proven"


class SheetUnassignedProject(SheetRejected):
    reason = "unassigned project"


class SheetDuplicateProject(SheetRejected):
    reason = "duplicate project"


class SheetMissingProject(SheetRejected):
    reason = "missing project"


class SheetUnknownCriterion(SheetRejected):
    reason = "unknown criterion"


class SheetMissingScore(SheetRejected):
    reason = "missing score"


class SheetConflictWithScores(SheetRejected):
    reason = "conflict with scores"


class SheetBadDecimal(SheetRejected):
    reason = "bad decimal"


class SheetScoreOutOfRange(SheetRejected):
    reason = "score out of range"


class SheetScoreOffStep(SheetRejected):
    reason = "score off step"


class SheetTotalMismatch(SheetRejected):
    reason = "total mismatch"


class SheetMissingReason(SheetRejected):
    """Sheet format 4: a re-scored project without the reason the second round asks for."""

    reason = "missing reason"


class SheetChecklist(SheetRejected):
    reason = "checklist"


class SheetCommitment(SheetRejected):
    """Format 3: the accepted commitment is not the package's (§2.6 step 11b)."""

    reason = "commitment"


class SheetConflictCategory(SheetRejected):
    """Format 3: a conflict's category is not one of the package's, or an undeclared
    project names one (§2.6 step 15a)."""

    reason = "conflict category"


class SheetConflictHint(SheetRejected):
    """Format 3: a pre-screened project without its answer, an answer without a hint,
    or an answer that contradicts the declaration (§2.6 step 15a)."""

    reason = "conflict hint"


REJECTIONS: tuple[type[SheetRejected], ...] = tuple(SheetRejected.__subclasses__())
"""Every rejection class, in the order of the verification steps."""

REASONS: tuple[str, ...] = tuple(cls.reason for cls in REJECTIONS)


class SheetIncomplete(SheetError):
    """The expert's entries cannot be signed yet; ``items`` lists what is missing."""

    def __init__(self, message: str, items: tuple[object, ...]) -> None:
        super().__init__(message)
        self.items = items


class SheetContextError(SheetError):
    """The package manifest or the seat codes given to the verifier are unusable."""


class PhotoExportFailed(SheetError):
    """The sheet's photo package cannot be made: a photo no longer in the workspace,
    altered there, or the package writer refused (docs/formats.md §5.3)."""


class ExportFailed(SheetError):
    """Writing the sheet and its PDF failed; nothing was left behind."""

    def __init__(self, folder: Path, cause: BaseException) -> None:
        self.folder = Path(folder)
        self.cause = cause
        super().__init__(f"cannot export the score sheet to {self.folder}: "
                         f"{describe_os_error(cause)}")


def describe_os_error(exc: BaseException) -> str:
    """A short lowercase cause a non-technical user can act on."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        return "the disk is full (no space left on the device)"
    if code == errno.EROFS:
        return "the disk is read-only (check the write-protect switch)"
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return "no permission to write there"
    if code == errno.ENOENT:
        return "the folder does not exist (was the usb stick removed?)"
    if code == errno.EIO:
        return "input/output error (was the usb stick removed?)"
    if isinstance(exc, ReviewerError):
        return str(exc)
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]
