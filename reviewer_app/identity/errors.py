"""Errors of key storage: lowercase one-liners a secretariat user can act on."""

from __future__ import annotations

from reviewer_app.core.errors import ReviewerError


class IdentityError(ReviewerError):
    """Base of every error raised by ``reviewer_app.identity``."""


class KeyNotFound(IdentityError):
    """No key is stored under the entry asked for."""


class KeyFileInvalid(IdentityError):
    """A key file is not in the documented format, or is damaged."""


class WrongKeyPassphrase(IdentityError):
    """The passphrase does not decrypt the key file."""


class KeyStoreUnavailable(IdentityError):
    """The key store cannot be used now (a locked keyring, no passphrase for the file)."""
