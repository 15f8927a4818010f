"""Errors of the review package reader and writer: one class per user-visible reason.

Messages are lowercase one-liners meant for a non-technical user (the GUI shows
them in a message box, the CLI prints them); the technical detail comes after a
colon. Callers branch on the class, never on the text.
"""

from __future__ import annotations

from reviewer_app.core.errors import ReviewerError


class PackageError(ReviewerError):
    """Base of every error raised by ``reviewer_app.package``."""

    headline = "the review package cannot be used"

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{self.headline}: {detail}" if detail else self.headline)
        self.detail = detail


class NotAPackage(PackageError):
    """The file does not start with the RVPKG magic bytes."""

    headline = "this file is not a review package"


class UnsupportedVersion(PackageError):
    """A package of another format version, or with feature flags this reader lacks."""

    headline = "this review package needs a newer version of the application"


class LimitsExceeded(PackageError):
    """A declared size or cost is beyond what a reader accepts."""

    headline = "this review package exceeds the limits this application accepts"


class Truncated(PackageError):
    """The file ends before the package does (an incomplete copy or download)."""

    headline = "this review package is incomplete (the copy was cut short)"


class WrongPassphrase(PackageError):
    """The package has a passphrase stanza and the passphrase does not open it."""

    headline = "wrong passphrase for this review package"


class NotForThisKey(PackageError):
    """No stanza of the package can be opened with the credentials given."""

    headline = "this review package was not made for your key"


class Tampered(PackageError):
    """Authentication failed: damaged or altered data, a bad signature, trailing bytes."""

    headline = "this review package is damaged or has been altered"


class UntrustedOrganizer(PackageError):
    """The organizer signature is valid but the caller does not trust its key yet.

    Attributes:
        fingerprint: the key's human-comparable fingerprint (``fingerprint()``).
        public_key: the key as base64 of its 32 raw bytes (what ``trusted_keys`` accepts).
        public_key_raw: the 32 raw bytes of the key.
        organizer_name: the organizer name the (signed) header states.
    """

    headline = "this review package is signed by an organizer you have not trusted yet"

    def __init__(self, detail: str = "", *, fingerprint: str, public_key: str,
                 public_key_raw: bytes, organizer_name: str) -> None:
        super().__init__(detail)
        self.fingerprint = fingerprint
        self.public_key = public_key
        self.public_key_raw = public_key_raw
        self.organizer_name = organizer_name


class PackageWriteError(PackageError):
    """The writer cannot build a package from what it was given (nothing is written)."""

    headline = "the review package cannot be built"
