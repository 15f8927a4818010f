"""The secretariat's organizer signing key, from the user's key store: the system keyring,
else an Argon2id-encrypted key file (docs/architecture.md §5). ``reviewer-admin`` asks for
that file's passphrase on the terminal, the desk in a password dialog; both reach the same
key through this module.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.identity.organizer import ORGANIZER_ENTRY, OrganizerIdentity

# passphrase(creating) -> the key file's passphrase; creating: a new file is being made.
PassphraseProvider = Callable[[bool], str]


def organizer_store(passphrase: PassphraseProvider):
    """The user's key store: the keyring when usable, else the encrypted key file."""
    from reviewer_app.identity.keystore import (
        AutoKeyStore,
        EncryptedFileKeyStore,
        default_key_directory,
    )

    return AutoKeyStore(EncryptedFileKeyStore(default_key_directory(), passphrase))


def load_organizer(passphrase: PassphraseProvider, *, create: bool = True
                   ) -> tuple[OrganizerIdentity, bool, str]:
    """The organizer identity, whether it was created now, and where it is kept.

    Raises:
        KeyNotFound: ``create`` is False and the user has no organizer key.
        WrongKeyPassphrase, KeyFileInvalid: the key file does not open.
    """
    store = organizer_store(passphrase)
    if create:
        identity, created = OrganizerIdentity.load_or_create(store)
    else:
        identity, created = OrganizerIdentity.load(store), False
    return identity, created, store.location(ORGANIZER_ENTRY)


def organizer_needs_passphrase() -> bool:
    """Whether loading (or creating) the key asks for a key-file passphrase: the key is
    kept in an encrypted file, or no system keyring is usable."""
    from reviewer_app.identity.keystore import keyring_problem

    store = organizer_store(lambda creating: "")
    return store.files.exists(ORGANIZER_ENTRY) or keyring_problem() is not None
