"""The encrypted review package, RVPKG v1 (spec: docs/formats.md §1).

Public API::

    write_package(out_path, manifest, members, *, organizer_key, organizer_name, ...)
    open_package(path, *, trusted_keys, passphrase=None, x25519_key=None) -> PackageReader
    fingerprint(public_key) / key_id(public_key)

and the error classes, all subclasses of :class:`PackageError`.
"""

from reviewer_app.package.errors import (
    LimitsExceeded,
    NotAPackage,
    NotForThisKey,
    PackageError,
    PackageWriteError,
    Tampered,
    Truncated,
    UnsupportedVersion,
    UntrustedOrganizer,
    WrongPassphrase,
)
from reviewer_app.package.format import MANIFEST_FORMAT, fingerprint, key_id
from reviewer_app.package.reader import MemberInfo, PackageReader, open_package
from reviewer_app.package.stanzas import Argon2Params
from reviewer_app.package.writer import (
    FixedRandomness,
    MemberSource,
    PackageInfo,
    ProgressCallback,
    write_package,
)

__all__ = [
    "MANIFEST_FORMAT",
    "Argon2Params",
    "FixedRandomness",
    "LimitsExceeded",
    "MemberInfo",
    "MemberSource",
    "NotAPackage",
    "NotForThisKey",
    "PackageError",
    "PackageInfo",
    "PackageReader",
    "PackageWriteError",
    "ProgressCallback",
    "Tampered",
    "Truncated",
    "UnsupportedVersion",
    "UntrustedOrganizer",
    "WrongPassphrase",
    "fingerprint",
    "key_id",
    "open_package",
    "write_package",
]
