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

    from reviewer_app.storage.encrypted import ExpertSecret
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
        """The package's 32-byte share of the workspace key; the expert's seat code or
        own key adds the rest (docs/formats.md §4)."""

    def close(self) -> None:
        """Forget keys and file handles."""


@dataclass(frozen=True)
class Credentials:
    """What the expert typed in the unlock dialog.

    ``x25519_key`` is the expert's own X25519 private key (from the identity store, see
    :func:`load_own_key`) for a package built for them; else ``passphrase`` opens it.
    """

    passphrase: str = field(default="", repr=False)
    x25519_key: Any = field(default=None, repr=False)
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
    SEAT_CODE_NEEDED = "seat_code_needed"  # no seat code, and the seat has no enrolled key
    WRONG_SEAT_CODE = "wrong_seat_code"  # well formed, but not this seat's (its check value)
    WORKSPACE = "workspace"             # the workspace DB does not open with this key
    WORKSPACE_IN_USE = "workspace_in_use"  # another live session has it (gui.expert.session_lock)
    # The expert's own key (identity store), for packages built for it:
    NO_OWN_KEY = "no_own_key"           # no key was ever created on this computer
    OWN_KEY_LOST = "own_key_lost"       # there was one, but its secret is gone
    WRONG_KEY_PASSPHRASE = "wrong_key_passphrase"  # of the encrypted key file fallback
    OWN_KEY_UNUSABLE = "own_key_unusable"  # keyring refused, key file damaged
    OTHER = "other"

    @property
    def retryable(self) -> bool:
        """Whether asking again for the credentials can help."""
        return self in (FailureKind.WRONG_PASSPHRASE, FailureKind.NOT_FOR_THIS_KEY,
                        FailureKind.BAD_SEAT, FailureKind.SEAT_CODE_NEEDED,
                        FailureKind.WRONG_SEAT_CODE, FailureKind.WRONG_KEY_PASSPHRASE)


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


def load_own_key(keys: Any) -> Any:
    """The X25519 private key of the expert's identity (``identity.expert.ExpertKeys``).

    Runs in the unlock worker: the keyring may block, the key file fallback runs Argon2id.

    Raises:
        OpenFailure: NO_OWN_KEY, OWN_KEY_LOST, WRONG_KEY_PASSPHRASE or OWN_KEY_UNUSABLE.
    """
    from reviewer_app.identity.errors import IdentityError, KeyNotFound, WrongKeyPassphrase
    from reviewer_app.identity.expert import ExpertKeyLost

    try:
        return keys.load().encryption_key
    except ExpertKeyLost as exc:
        raise OpenFailure(FailureKind.OWN_KEY_LOST, str(exc),
                          fingerprint=exc.previous.fingerprint) from exc
    except KeyNotFound as exc:
        raise OpenFailure(FailureKind.NO_OWN_KEY, str(exc)) from exc
    except WrongKeyPassphrase as exc:
        raise OpenFailure(FailureKind.WRONG_KEY_PASSPHRASE, str(exc)) from exc
    except (IdentityError, OSError) as exc:
        raise OpenFailure(FailureKind.OWN_KEY_UNUSABLE, str(exc)) from exc


def recipient_key_ids(path: Path) -> frozenset[str]:
    """Key ids of the X25519 recipients in a package's (public) header; empty if unreadable.

    Only picks the unlock dialog's default: the reader checks everything again.
    """
    try:
        from reviewer_app.package import format as fmt
        from reviewer_app.package.header import parse_header

        with Path(path).open("rb") as handle:
            preamble = handle.read(fmt.PREAMBLE_SIZE)
            if len(preamble) != fmt.PREAMBLE_SIZE or preamble[:8] != fmt.MAGIC:
                return frozenset()
            header_len = fmt.PREAMBLE.unpack(preamble)[3]
            if not 2 <= header_len <= fmt.MAX_HEADER_LEN:
                return frozenset()
            header = parse_header(handle.read(header_len))
    except (ImportError, OSError, ReviewerError, ValueError):
        return frozenset()
    return frozenset(str(key_id) for key_id in (getattr(stanza, "key_id", None)
                                                for stanza in header.stanzas) if key_id)


def own_key_id(encryption_public_key: bytes) -> str:
    """The key id the package header gives the recipient with this X25519 public key."""
    from reviewer_app.package import format as fmt

    return fmt.key_id(encryption_public_key)


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
    if credentials.x25519_key is not None:
        key_kwargs["x25519_key"] = credentials.x25519_key
    else:
        key_kwargs["passphrase"] = credentials.passphrase
    try:
        reader = reader_module.open_package(Path(path), trusted_keys=set(trusted_keys),
                                            **key_kwargs)
    except (ReviewerError, OSError, ValueError) as exc:
        raise classify_reader_error(exc) from exc
    return _RealPackage(reader)


def _expert_secret(seat: Mapping[str, Any], seat_code: str, own_key: Any) -> ExpertSecret:
    """The expert's share of the workspace key."""
    from reviewer_app.core.seat_codes import SeatCodeError, seat_code_matches
    from reviewer_app.storage.encrypted import ExpertSecret

    if seat_code:
        try:
            secret = ExpertSecret.from_seat_code(seat_code)
            check = seat.get("seat_code_check")
            # Packages carry a check value so that a mistyped code is refused here,
            # instead of keying a workspace that the right code will not open later.
            if isinstance(check, str) and not seat_code_matches(seat["seat_id"], seat_code,
                                                                check):
                raise OpenFailure(FailureKind.WRONG_SEAT_CODE,
                                  f"this is not the seat code of seat {seat['seat_id']}")
            return secret
        except SeatCodeError as exc:
            raise OpenFailure(FailureKind.BAD_SEAT, str(exc)) from exc
    # Without a code only an enrolled seat's sheet can be merged (docs/formats.md §2.3).
    if own_key is None or not seat.get("public_key"):
        raise OpenFailure(FailureKind.SEAT_CODE_NEEDED,
                          f"seat {seat.get('seat_id')!r} needs its seat code")
    return ExpertSecret.from_identity(own_key.private_bytes_raw())


def _check_seat_key(manifest: Mapping[str, Any], seat: Mapping[str, Any],
                    seat_code: str) -> None:
    """A format-2 seat's sheets are signed with the key derived from its code: refuse,
    at unlock, a code whose key is not the seat's (it could sign nothing that merges)."""
    from reviewer_app.sheets.seat_keys import has_seat_keys, seat_public_key

    if has_seat_keys(manifest) and seat_public_key(
            seat_code, str(manifest["package_id"]), str(seat["seat_id"])) != seat.get("seat_key"):
        raise OpenFailure(FailureKind.WRONG_SEAT_CODE,
                          f"this is not the seat code of seat {seat['seat_id']}")


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
    # Inspection sessions only: checklist, findings, photos (gui.expert.inspection_state).
    inspection: Any = None
    # Held while the session lives: one live session per workspace (gui.expert.session_lock).
    lock: Any = None
    # A second-round (复议) package: the seat's own first round and the distribution
    # (sheets.first_round.SecondRoundView); None for any other package.
    second_round: Any = None

    @classmethod
    def start(cls, package: OpenedPackage, *, seat_id: str, seat_code: str,
              workspace_path: Path, legacy_workspace: Path | None = None,
              own_key: Any = None, held_lock: Any = None) -> ReviewSession:
        """Check the seat against the manifest, open (or create) the workspace, load it.

        The workspace key takes the seat code (canonical form) or, when there is none,
        ``own_key``: the X25519 private key of the expert's identity (:func:`load_own_key`),
        for a seat enrolled with the expert's key. A workspace at ``legacy_workspace``
        (the former one-per-package path) that was this seat's moves to ``workspace_path``.
        ``held_lock`` is the workspace lock a window kept through its idle lock
        (:meth:`close` with ``keep_lock``): taken over if it is this workspace's, since
        a second ``flock`` on the same file from this process would be refused too.

        Raises:
            OpenFailure: unknown seat, a malformed seat code or none where one is needed,
                a workspace that does not open (another package, seat or secret;
                altered), or one that another live session holds (WORKSPACE_IN_USE).
        """
        manifest = package.manifest
        seats = {s.get("seat_id"): s for s in manifest.get("seats", [])}
        if seat_id not in seats:
            raise OpenFailure(FailureKind.BAD_SEAT, f"seat {seat_id!r} is not in this package")
        secret = _expert_secret(seats[seat_id], seat_code, own_key)
        if seat_code:
            _check_seat_key(manifest, seats[seat_id], seat_code)
        from reviewer_app.gui.expert.session_lock import WorkspaceInUse, WorkspaceLock, lock_path

        taken_over = (held_lock is not None and held_lock.held
                      and held_lock.path == lock_path(workspace_path))
        lock = held_lock if taken_over else WorkspaceLock(workspace_path)
        try:
            lock.acquire()  # nothing to do for a lock taken over
        except WorkspaceInUse as exc:
            raise OpenFailure(FailureKind.WORKSPACE_IN_USE, str(exc)) from exc
        except OSError as exc:
            raise OpenFailure(FailureKind.WORKSPACE, str(exc)) from exc
        try:
            return cls._open_locked(package, lock, seat_id=seat_id, seat_code=seat_code,
                                    secret=secret, workspace_path=workspace_path,
                                    legacy_workspace=legacy_workspace)
        except BaseException:
            if not taken_over:  # a failed unlock after the idle lock keeps holding it
                lock.release()
            raise

    @classmethod
    def _open_locked(cls, package: OpenedPackage, lock: Any, *, seat_id: str,
                     seat_code: str, secret: ExpertSecret, workspace_path: Path,
                     legacy_workspace: Path | None) -> ReviewSession:
        manifest = package.manifest
        assigned = list(manifest.get("assignments", {}).get(seat_id, []))
        by_id = {p["project_id"]: p for p in manifest.get("projects", [])}
        projects = [by_id[pid] for pid in assigned if pid in by_id]
        rubric = Rubric.from_dict(manifest["rubric"])
        categories = {int(c["id"]): c
                      for c in manifest.get("program", {}).get("material_categories", [])}
        try:
            if legacy_workspace is not None:
                from reviewer_app.gui.expert.sheet_export import MEMO_SUFFIX

                storage().adopt_workspace(legacy_workspace, workspace_path, seat_id,
                                          sidecar_suffixes=(MEMO_SUFFIX,))
            store = storage().WorkspaceStore(workspace_path, package.workspace_key(), secret,
                                             package_id=package.package_id,
                                             manifest_sha256=package.manifest_sha256,
                                             seat_id=seat_id)
        except ReviewerError as exc:
            raise OpenFailure(FailureKind.WORKSPACE, str(exc)) from exc
        session = cls(package, store, seat_id, seat_code, rubric, projects, categories,
                      lock=lock)
        try:
            session.states = store.load()
            from reviewer_app.sheets.first_round import second_round_view

            session.second_round = second_round_view(manifest, seat_id, seat_code,
                                                     package.read_member)
            if manifest.get("session", {}).get("kind") == "inspection":
                from reviewer_app.gui.expert.inspection_state import InspectionData

                session.inspection = InspectionData.load(store, manifest)
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
        visit = self.inspection
        if len(self.valid_scores(project_id)) == len(self.rubric.criteria) and (
                visit is None or visit.complete(project_id)):
            return ProjectStatus.COMPLETE
        if (state.scores or any(state.comments.values()) or state.overall_comment
                or state.recommendation or state.evidence or state.conflict_reason
                or (visit is not None and visit.started(project_id))):
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
        if self.inspection is not None and self.inspection.remember(change):
            self.state(change.project_id)  # the project now has entries
            return
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

    def close(self, *, keep_lock: bool = False) -> None:
        """Close the workspace and the package; drop decrypted state.

        With ``keep_lock`` (the idle lock) the workspace's OS lock stays held and stays
        in :attr:`lock` for the caller to hand to the next :meth:`start` or release:
        a second copy of the app must not open the workspace of a locked window."""
        try:
            self.store.close()
        finally:
            self.states.clear()
            self.inspection = None
            if self.lock is not None and not keep_lock:
                self.lock.release()  # after the store: no write may follow another's open
            self.package.close()
