"""The GUI's view of an opened package, and the one adapter that touches the real reader.

The rest of the GUI only knows :class:`OpenedPackage` and :class:`OpenFailure`:
the package reader (``reviewer_app.package``) can change its API without the
windows noticing, and tests can hand the GUI an in-memory fake.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from reviewer_app.core.errors import ReviewerError, ScoreError
from reviewer_app.core.rubric import Rubric

if TYPE_CHECKING:  # SQLAlchemy and Alembic cost ~0.35 s: load them at unlock, not at start
    from types import ModuleType

    from reviewer_app.storage.workspace import FieldChange, ProjectState, WorkspaceStore


def storage() -> ModuleType:
    """``reviewer_app.storage.workspace``, imported on first use."""
    from reviewer_app.storage import workspace

    return workspace

WORKSPACE_KEY_INFO = b"reviewer-app workspace v1"


@runtime_checkable
class OpenedPackage(Protocol):
    """An unlocked review package, as the GUI needs it."""

    manifest: Mapping[str, Any]
    package_id: str
    manifest_sha256: str
    organizer_fingerprint: str

    def read_member(self, member_id: int) -> bytes:
        """The authenticated plaintext of one material (thread-safe)."""

    def workspace_key(self) -> bytes:
        """32 bytes that encrypt this package's workspace database."""

    def close(self) -> None:
        """Forget keys and file handles."""


@dataclass(frozen=True)
class Credentials:
    """What the expert typed in the unlock dialog."""

    passphrase: str = ""
    key_file: Path | None = None
    seat_id: str = ""
    seat_code: str = ""


class FailureKind(enum.Enum):
    """Why a package did not open; each has its own translated message."""

    NOT_A_PACKAGE = "not_a_package"
    UNSUPPORTED_VERSION = "unsupported_version"
    LIMITS_EXCEEDED = "limits_exceeded"
    TRUNCATED = "truncated"
    WRONG_PASSPHRASE = "wrong_passphrase"
    NOT_FOR_THIS_KEY = "not_for_this_key"
    TAMPERED = "tampered"
    UNTRUSTED_ORGANIZER = "untrusted_organizer"
    UNREADABLE = "unreadable"           # OS error: missing file, no permission
    READER_MISSING = "reader_missing"   # this build has no package reader
    BAD_SEAT = "bad_seat"               # seat id unknown or seat code malformed
    WORKSPACE = "workspace"             # the workspace DB does not open with this key
    OTHER = "other"

    @property
    def retryable(self) -> bool:
        """Whether asking again for the credentials can help."""
        return self in (FailureKind.WRONG_PASSPHRASE, FailureKind.NOT_FOR_THIS_KEY,
                        FailureKind.BAD_SEAT)


class OpenFailure(ReviewerError):
    """Opening failed; ``kind`` picks the message, ``detail`` is the technical reason."""

    def __init__(self, kind: FailureKind, detail: str = "", *, fingerprint: str = "",
                 public_key: str = "") -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.detail = detail
        self.fingerprint = fingerprint
        self.public_key = public_key


Opener = Callable[[Path, Credentials, Collection[str]], OpenedPackage]


# --- the adapter over reviewer_app.package -----------------------------------

_ERROR_KINDS = {
    "NotAPackage": FailureKind.NOT_A_PACKAGE,
    "UnsupportedVersion": FailureKind.UNSUPPORTED_VERSION,
    "LimitsExceeded": FailureKind.LIMITS_EXCEEDED,
    "Truncated": FailureKind.TRUNCATED,
    "WrongPassphrase": FailureKind.WRONG_PASSPHRASE,
    "NotForThisKey": FailureKind.NOT_FOR_THIS_KEY,
    "Tampered": FailureKind.TAMPERED,
    "UntrustedOrganizer": FailureKind.UNTRUSTED_ORGANIZER,
}


def classify_reader_error(exc: BaseException) -> OpenFailure:
    """Map an exception of the package reader to an :class:`OpenFailure` (by class name,
    walking the MRO, so subclasses the reader adds later still land on their family)."""
    for klass in type(exc).__mro__:
        kind = _ERROR_KINDS.get(klass.__name__)
        if kind is FailureKind.UNTRUSTED_ORGANIZER:
            return OpenFailure(kind, str(exc),
                               fingerprint=str(getattr(exc, "fingerprint", "")),
                               public_key=str(getattr(exc, "public_key", "")))
        if kind is not None:
            return OpenFailure(kind, str(exc))
    if isinstance(exc, OSError):
        return OpenFailure(FailureKind.UNREADABLE, str(exc))
    return OpenFailure(FailureKind.OTHER, str(exc))


class _RealPackage:
    """:class:`OpenedPackage` over the real reader object."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self.manifest = reader.manifest
        self.package_id = reader.package_id
        self.manifest_sha256 = reader.manifest_sha256
        self.organizer_fingerprint = str(reader.organizer_fingerprint)

    def read_member(self, member_id: int) -> bytes:
        try:
            return self._reader.read_member(member_id)
        except ReviewerError as exc:
            raise classify_reader_error(exc) from exc

    def workspace_key(self) -> bytes:
        return self._reader.derive_subkey(WORKSPACE_KEY_INFO)

    def close(self) -> None:
        closer = getattr(self._reader, "close", None)
        if closer is not None:
            closer()
        self._reader = None


def read_key_file(path: Path) -> bytes:
    """The expert's X25519 private key: 32 raw bytes, or their base64 / hex text.

    Raises:
        OpenFailure: unreadable, or not a key of this form.
    """
    import base64
    import binascii

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise OpenFailure(FailureKind.UNREADABLE, str(exc)) from exc
    if len(raw) == 32:
        return raw
    text = raw.strip()
    for decode in (base64.b64decode, binascii.unhexlify):
        try:
            key = decode(text)
        except (ValueError, binascii.Error):
            continue
        if len(key) == 32:
            return key
    raise OpenFailure(FailureKind.NOT_FOR_THIS_KEY, f"{Path(path).name} is not a key file")


def open_package(path: Path, credentials: Credentials,
                 trusted_keys: Collection[str]) -> OpenedPackage:
    """Open a package with the real reader. The only function that touches its API.

    Raises:
        OpenFailure: for every reason the package cannot be opened.
    """
    try:
        reader_module = importlib.import_module("reviewer_app.package.reader")
    except ImportError as exc:
        raise OpenFailure(FailureKind.READER_MISSING, str(exc)) from exc
    key_kwargs: dict[str, Any] = {}
    if credentials.key_file is not None:
        key_kwargs["x25519_key"] = read_key_file(credentials.key_file)
    else:
        key_kwargs["passphrase"] = credentials.passphrase
    try:
        reader = reader_module.open_package(Path(path), trusted_keys=set(trusted_keys),
                                            **key_kwargs)
    except (ReviewerError, OSError, ValueError) as exc:
        raise classify_reader_error(exc) from exc
    return _RealPackage(reader)


# --- a review in progress --------------------------------------------------------

class ProjectStatus(enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    CONFLICT = "conflict"


@dataclass
class ReviewSession:
    """One unlocked package with its workspace: the GUI's whole domain state."""

    package: OpenedPackage
    store: WorkspaceStore
    seat_id: str
    seat_code: str
    rubric: Rubric
    projects: list[Mapping[str, Any]]
    categories: dict[int, Mapping[str, Any]]
    states: dict[str, ProjectState] = field(default_factory=dict)

    @classmethod
    def start(cls, package: OpenedPackage, *, seat_id: str, seat_code: str,
              workspace_path: Path) -> ReviewSession:
        """Check the seat against the manifest, open (or create) the workspace, load it.

        Raises:
            OpenFailure: unknown seat, or a workspace that does not match the package.
        """
        manifest = package.manifest
        seats = {s.get("seat_id") for s in manifest.get("seats", [])}
        if seat_id not in seats:
            raise OpenFailure(FailureKind.BAD_SEAT, f"seat {seat_id!r} is not in this package")
        assigned = list(manifest.get("assignments", {}).get(seat_id, []))
        by_id = {p["project_id"]: p for p in manifest.get("projects", [])}
        projects = [by_id[pid] for pid in assigned if pid in by_id]
        rubric = Rubric.from_dict(manifest["rubric"])
        categories = {int(c["id"]): c
                      for c in manifest.get("program", {}).get("material_categories", [])}
        try:
            store = storage().WorkspaceStore(workspace_path, package.workspace_key(),
                                   package_id=package.package_id,
                                   manifest_sha256=package.manifest_sha256, seat_id=seat_id)
        except ReviewerError as exc:
            raise OpenFailure(FailureKind.WORKSPACE, str(exc)) from exc
        session = cls(package, store, seat_id, seat_code, rubric, projects, categories)
        try:
            session.states = store.load()
        except ReviewerError as exc:
            store.close()
            raise OpenFailure(FailureKind.WORKSPACE, str(exc)) from exc
        return session

    # --- reading state -------------------------------------------------------
    def state(self, project_id: str) -> ProjectState:
        state = self.states.get(project_id)
        if state is None:
            state = self.states[project_id] = storage().ProjectState(project_id)
        return state

    def valid_scores(self, project_id: str) -> dict[str, Decimal]:
        """The scores entered for a project that pass the rubric (others are drafts)."""
        out = {}
        for cid, raw in self.state(project_id).scores.items():
            try:
                out[cid] = self.rubric.validate_score(cid, raw)
            except ScoreError:
                continue
        return out

    def total(self, project_id: str) -> Decimal | None:
        scores = self.valid_scores(project_id)
        return self.rubric.total(scores) if scores else None

    def status(self, project_id: str) -> ProjectStatus:
        state = self.states.get(project_id)
        if state is None:
            return ProjectStatus.NOT_STARTED
        if state.conflict_declared:
            return ProjectStatus.CONFLICT
        if len(self.valid_scores(project_id)) == len(self.rubric.criteria):
            return ProjectStatus.COMPLETE
        if (state.scores or any(state.comments.values()) or state.overall_comment
                or state.recommendation or state.evidence or state.conflict_reason):
            return ProjectStatus.IN_PROGRESS
        return ProjectStatus.NOT_STARTED

    def done_count(self) -> int:
        """Projects needing nothing more: fully scored, or withdrawn by a conflict."""
        return sum(self.status(p["project_id"]) in (ProjectStatus.COMPLETE,
                                                    ProjectStatus.CONFLICT)
                   for p in self.projects)

    # --- writing state ------------------------------------------------------
    def remember(self, change: FieldChange) -> None:
        """Reflect an edit in memory at once; the autosave persists it shortly after."""
        state = self.state(change.project_id)
        if change.criterion_id is not None:
            target = state.scores if change.field == "score" else state.comments
            if change.value in (None, ""):
                target.pop(change.criterion_id, None)
            else:
                target[change.criterion_id] = str(change.value)
        elif change.field == "conflict_declared":
            state.conflict_declared = bool(change.value)
        else:
            setattr(state, change.field, str(change.value or ""))

    def close(self) -> None:
        """Close the workspace and the package; drop decrypted state."""
        try:
            self.store.close()
        finally:
            self.states.clear()
            self.package.close()
