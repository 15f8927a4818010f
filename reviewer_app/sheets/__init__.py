"""Signed score sheets (docs/formats.md §2): body, DSSE envelope, verification, export, PDF.

The PDF renderer (reportlab) is imported only by :mod:`.pdf` and :mod:`.export`,
so verifying sheets on a server loads no PDF machinery.
"""

from reviewer_app.sheets.body import (
    SHEET_FORMAT,
    ChecklistAnswer,
    Conflict,
    EvidenceRef,
    InspectionVisit,
    Photo,
    ProjectEntry,
    SheetBody,
    key_id_for,
    seat_claim_for,
)
from reviewer_app.sheets.build import (
    MissingItem,
    SignedSheet,
    build_body,
    build_sheet,
    missing_items,
    sign_body,
)
from reviewer_app.sheets.context import SheetContext
from reviewer_app.sheets.envelope import MAX_SHEET_BYTES, PAYLOAD_TYPE, pae
from reviewer_app.sheets.errors import (
    REASONS,
    ExportFailed,
    SheetContextError,
    SheetError,
    SheetIncomplete,
    SheetRejected,
)
from reviewer_app.sheets.verify import (
    AuthenticSheet,
    VerifiedSheet,
    authenticate_sheet,
    verify_sheet,
)

__all__ = [
    "MAX_SHEET_BYTES",
    "PAYLOAD_TYPE",
    "REASONS",
    "SHEET_FORMAT",
    "AuthenticSheet",
    "ChecklistAnswer",
    "Conflict",
    "EvidenceRef",
    "ExportFailed",
    "InspectionVisit",
    "MissingItem",
    "Photo",
    "ProjectEntry",
    "SheetBody",
    "SheetContext",
    "SheetContextError",
    "SheetError",
    "SheetIncomplete",
    "SheetRejected",
    "SignedSheet",
    "VerifiedSheet",
    "authenticate_sheet",
    "build_body",
    "build_sheet",
    "key_id_for",
    "missing_items",
    "pae",
    "seat_claim_for",
    "sign_body",
    "verify_sheet",
]
