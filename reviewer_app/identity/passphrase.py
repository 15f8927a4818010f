"""How strong a passphrase must be, and strong ones that are easy to read out.

A package on a lost USB stick, or a key file copied off a laptop, can be attacked
offline: at Argon2id 64 MiB/3/4 one guess costs about 0.15 s, about 210 million
guesses a year per machine. 60 bits (2^60 guesses) then take billions of
machine-years; 40 bits take some 5 000, which a rented cluster spends in days; a
one-letter passphrase falls at once.

The estimate is zxcvbn's (Dropbox's model, the ``zxcvbn`` package): the number of
guesses an attacker who knows how people choose passwords needs, from frequency
lists of leaked passwords, English words, names and surnames, keyboard walks,
repeats, sequences, dates and l33t substitutions. It is deliberately pessimistic
about random characters (about 3.3 bits each, as for digits), so 60 bits needs
about 18 random characters; the generated passphrase (:func:`generate_passphrase`,
100 bits of real entropy) scores about 80. It knows no pinyin or Chinese
dictionary: a Chinese phrase is scored as unusual characters and may be
overrated, which is one reason to let ``reviewer-admin passphrase`` choose.
"""

from __future__ import annotations

import math
import secrets
import unicodedata

from reviewer_app.identity.errors import IdentityError

FLOOR_BITS = 60
"""The least estimated strength accepted for a package or a key file passphrase."""

# zxcvbn's matching is quadratic in length and refuses more than 72 characters by
# default; a longer passphrase is scored by its first 72, never more than it is worth.
_SCORED_LENGTH = 72

# Crockford's base32 in lower case (as seat codes, core/seat_codes.py): no i, l, o,
# u, so nothing read aloud or copied by hand is mistaken for a digit. Lower case:
# no shift key, and the unlock dialog is case-sensitive.
GENERATED_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
GENERATED_GROUPS = 5
GENERATED_GROUP_SIZE = 4
GENERATED_BITS = GENERATED_GROUPS * GENERATED_GROUP_SIZE * 5  # 100: 32 = 2^5 symbols


class WeakPassphrase(IdentityError):
    """A passphrase below :data:`FLOOR_BITS` where a new secret is being protected."""

    def __init__(self, message: str, bits: float) -> None:
        super().__init__(message)
        self.bits = bits


def estimated_bits(passphrase: str) -> float:
    """log2 of zxcvbn's guess count for ``passphrase`` (its NFC form, as Argon2id
    receives it)."""
    from zxcvbn import zxcvbn  # 70 ms of word lists: only where a passphrase is checked

    text = unicodedata.normalize("NFC", passphrase)[:_SCORED_LENGTH]
    if not text:
        return 0.0
    return float(zxcvbn(text)["guesses_log10"]) * math.log2(10)


def check_strength(passphrase: str, what: str) -> float:
    """The estimate of ``passphrase``; raise when below the floor.

    Args:
        what: names the passphrase in the message ("the package passphrase").

    Raises:
        WeakPassphrase: below :data:`FLOOR_BITS`.
    """
    bits = estimated_bits(passphrase)
    if bits < FLOOR_BITS:
        raise WeakPassphrase(
            f"{what} is too weak: about {bits:.0f} bits by zxcvbn's estimate, at least "
            f"{FLOOR_BITS} needed; "
            "make one with `reviewer-admin passphrase`", bits)
    return bits


def generate_passphrase() -> str:
    """A random passphrase of :data:`GENERATED_BITS` bits: five groups of four
    characters joined by hyphens, e.g. ``7kqm-x3pa-9tre-mm4z-qw2b``."""
    groups = ("".join(secrets.choice(GENERATED_ALPHABET) for _ in range(GENERATED_GROUP_SIZE))
              for _ in range(GENERATED_GROUPS))
    return "-".join(groups)
