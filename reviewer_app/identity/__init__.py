"""Long-lived keys: the organizer signing key now, the expert identity later.

Keys live in the OS keyring when one is usable, else in an Argon2id-encrypted
key file (docs/formats.md §3); never in plaintext.
"""

from reviewer_app.identity.errors import (
    IdentityError,
    KeyFileInvalid,
    KeyNotFound,
    KeyStoreUnavailable,
    WrongKeyPassphrase,
)
from reviewer_app.identity.keyfile import (
    SecretRecord,
    read_key_file,
    read_passphrase_file,
    write_key_file,
)
from reviewer_app.identity.keystore import (
    AutoKeyStore,
    EncryptedFileKeyStore,
    KeyringKeyStore,
    KeyStore,
    default_key_directory,
    keyring_problem,
)
from reviewer_app.identity.organizer import (
    ORGANIZER_ENTRY,
    OrganizerIdentity,
    export_public_key,
    load_organizer_key_file,
    organizer_fingerprint,
)

__all__ = [
    "ORGANIZER_ENTRY",
    "AutoKeyStore",
    "EncryptedFileKeyStore",
    "IdentityError",
    "KeyFileInvalid",
    "KeyNotFound",
    "KeyStore",
    "KeyStoreUnavailable",
    "KeyringKeyStore",
    "OrganizerIdentity",
    "SecretRecord",
    "WrongKeyPassphrase",
    "default_key_directory",
    "export_public_key",
    "keyring_problem",
    "load_organizer_key_file",
    "organizer_fingerprint",
    "read_key_file",
    "read_passphrase_file",
    "write_key_file",
]
