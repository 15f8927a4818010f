"""Seat codes: the secret an expert types to prove they hold a seat (docs/formats.md §2.3).

16 Crockford base32 characters (80 random bits), printed in groups of four. The
canonical form is upper-cased without separators, with O read as 0 and I and L
as 1, so that what an expert types from a printed slip always matches.
"""

from __future__ import annotations

import hashlib
import hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 16
CODE_BYTES = 10  # 80 bits
CHECK_TAG = b"RVSEATCHECK1"
CHECK_HEX_LENGTH = 32  # 128 bits
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -\t")


class SeatCodeError(ValueError):
    """A seat code that cannot be what was printed."""


def seat_code_from_bytes(random_bytes: bytes) -> str:
    """Encode exactly 10 random bytes as a canonical 16-character code."""
    if len(random_bytes) != CODE_BYTES:
        raise SeatCodeError(f"a seat code takes {CODE_BYTES} random bytes, "
                            f"got {len(random_bytes)}")
    number = int.from_bytes(random_bytes, "big")
    return "".join(ALPHABET[(number >> shift) & 31]
                   for shift in range(5 * (CODE_LENGTH - 1), -1, -5))


def canonical_seat_code(typed: str) -> str:
    """Canonicalise what an expert typed: case, separators and look-alike letters.

    Raises:
        SeatCodeError: when the result is not 16 characters of the alphabet.
    """
    code = typed.translate(_SEPARATORS).upper().translate(_TYPO)
    if len(code) != CODE_LENGTH:
        raise SeatCodeError(f"a seat code has {CODE_LENGTH} characters, this one has "
                            f"{len(code)}")
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        raise SeatCodeError(f"a seat code has no {', '.join(bad)}")
    return code


def format_seat_code(code: str) -> str:
    """``ABCD-EFGH-JKMN-PQRS`` for printing."""
    canonical = canonical_seat_code(code)
    return "-".join(canonical[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def masked_seat_code(code: str) -> str:
    """``ABCD-····-····-····``: enough to recognise one's card, too little to use.

    A code that is not a valid one is masked entirely (no character of it shows).
    """
    try:
        canonical = canonical_seat_code(code)
    except SeatCodeError:
        return "-".join(["····"] * (CODE_LENGTH // 4))
    return "-".join([canonical[:4]] + ["····"] * (CODE_LENGTH // 4 - 1))


def seat_code_check(seat_id: str, code: str) -> str:
    """The public check value of a seat's code (the manifest's ``seats[].seat_code_check``).

    Lets the app refuse a mistyped code, or another seat's, before it keys a
    workspace with it. ``hex(HMAC-SHA256(code, "RVSEATCHECK1" || UTF-8(seat id)))``,
    first 128 bits; the tag differs from the seat claim's, and with 80 random
    bits in a code, guessing it from the check is out of reach.

    Raises:
        SeatCodeError: the code cannot be canonicalised.
    """
    key = canonical_seat_code(code).encode("ascii")
    digest = hmac.new(key, CHECK_TAG + seat_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:CHECK_HEX_LENGTH]


def seat_code_matches(seat_id: str, code: str, check: str) -> bool:
    """Whether ``code`` is the seat's, by its check value (constant time).

    Raises:
        SeatCodeError: the code cannot be canonicalised.
    """
    return hmac.compare_digest(seat_code_check(seat_id, code), check)
