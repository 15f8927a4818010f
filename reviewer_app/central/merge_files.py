"""A merge of sheet files as both ``reviewer-admin merge`` and the desk run it.

:func:`register_package_file` opens a review package with its passphrase and
registers it, trusting only the given organizer; :func:`merge_files` reads the
files and merges them in small groups, asking ``keep_going`` between groups so a
long merge can be stopped: every group merged stays merged (a merge is
idempotent: the same files merged again are no-ops), and the run says which
files were not processed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from reviewer_app.central.merge import MergeOutcome, SeatCodes, merge_sheets, register_package
from reviewer_app.central.sheet_files import read_sheet_file
from reviewer_app.core.errors import ReviewerError

GROUP = 16
"""Files merged per transaction when a merge may be stopped: few enough that a stop
takes effect at once, enough that the commit's fsync is shared (a merge of one file
at a time spends most of its time syncing)."""


@dataclass(frozen=True)
class RegisteredFile:
    package_id: str
    new: bool
    manifest: Mapping[str, Any]


def register_package_file(engine: Engine, path: Path, passphrase: str,
                          trusted_fingerprint: str) -> RegisteredFile:
    """Open the package at ``path`` and register its manifest (the rule for every
    sheet merged against it). Only a package signed by the organizer with
    ``trusted_fingerprint`` gets in: the package errors (``WrongPassphrase``,
    ``UntrustedOrganizer``, …) are raised as they are for the caller to word."""
    from reviewer_app.package import open_package

    reader = open_package(path, trusted_keys=[trusted_fingerprint], passphrase=passphrase)
    try:
        new = register_package(engine, reader.manifest_bytes, reader.manifest_sha256,
                               reader.package_id)
        return RegisteredFile(reader.package_id, new, reader.manifest)
    finally:
        reader.close()


@dataclass(frozen=True)
class Unreadable:
    path: Path
    reason: str


@dataclass(frozen=True)
class MergeRun:
    outcomes: tuple[MergeOutcome, ...]      # one per merged file, in the files' order
    unreadable: tuple[Unreadable, ...]      # files that could not be read (not merged)
    not_processed: tuple[Path, ...]         # files left when the merge was stopped

    @property
    def stopped(self) -> bool:
        return bool(self.not_processed)


def merge_files(engine: Engine, files: Sequence[Path], *,
                seat_codes: SeatCodes | None = None,
                keep_going: Callable[[int, int], bool] | None = None,
                follow_links: bool = True, group: int | None = None) -> MergeRun:
    """Merge ``files`` (source name: the path as given) into the store.

    ``keep_going(done, total)`` is asked before each group of files; when it says
    no, the rest are returned as not processed. Without it the files are merged in
    one call, as the command line does (with worker processes for large merges)."""
    group = max(len(files), 1) if keep_going is None else (group or GROUP)
    outcomes: list[MergeOutcome] = []
    unreadable: list[Unreadable] = []
    for start in range(0, len(files), group):
        if keep_going is not None and not keep_going(start, len(files)):
            return MergeRun(tuple(outcomes), tuple(unreadable), tuple(files[start:]))
        sheets = []
        for path in files[start:start + group]:
            try:
                sheets.append((str(path), read_sheet_file(path, follow_links=follow_links)))
            except OSError as exc:
                if keep_going is None:
                    raise  # the command line stops on a file it cannot read
                unreadable.append(Unreadable(path, exc.strerror or type(exc).__name__))
        if sheets:
            outcomes += merge_sheets(engine, sheets, seat_codes=seat_codes)
    if keep_going is not None:
        keep_going(len(files), len(files))
    return MergeRun(tuple(outcomes), tuple(unreadable), ())


def organizer_fingerprint_of_this_desk(passphrase: Callable[[bool], str]) -> str:
    """The fingerprint of this secretariat's own organizer key (the system keyring,
    else the encrypted key file opened with ``passphrase``), as ``merge`` trusts it
    by default."""
    return organizer_of_this_desk(passphrase).fingerprint


def organizer_of_this_desk(passphrase: Callable[[bool], str]):
    """This secretariat's own organizer identity (its fingerprint is trusted for
    packages, its return key opens photo packages), from the key store the command
    line uses."""
    from reviewer_app.identity.errors import KeyNotFound
    from reviewer_app.identity.keystore import (
        AutoKeyStore,
        EncryptedFileKeyStore,
        default_key_directory,
    )
    from reviewer_app.identity.organizer import OrganizerIdentity

    store = AutoKeyStore(EncryptedFileKeyStore(default_key_directory(), passphrase))
    try:
        return OrganizerIdentity.load(store)
    except KeyNotFound:
        raise ReviewerError("this secretariat has no organizer key yet: build a package "
                            "first, or register packages of another organizer") from None
