"""RFC 8785 canonical JSON without floats, and the strict parser that pairs with it.

Sheets are signed over exact bytes, so the encoder must be deterministic and the
parser must refuse anything a second, differently written parser could read
differently: duplicate keys, non-UTF-8, NaN, a byte-order mark.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import rfc8785

from reviewer_app import strictjson

# RFC 8785 §3.2.2.3: integers outside the IEEE 754 exact range are not portable.
MAX_SAFE_INTEGER = 2**53 - 1


class CanonicalError(ValueError):
    """A value that has no canonical encoding here (float, odd key, lone surrogate)."""


class FloatFound(CanonicalError):
    """A float somewhere in the value: sheets carry decimals as strings."""


class NotCanonical(CanonicalError):
    """Valid JSON whose bytes are not the canonical encoding of its own value."""


def _check(value: Any, where: str) -> bool:
    """Refuse what has no canonical form; return whether every key is ASCII."""
    # bool before int: bool is a subclass of int and is fine.
    if value is None or isinstance(value, bool | str):
        if isinstance(value, str):
            _check_text(value, where)
        return True
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalError(f"{where}: integer {value} is outside the safe range")
        return True
    if isinstance(value, float):
        raise FloatFound(f"{where}: {value!r} is a float; use a decimal string")
    ascii_keys = True
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{where}: key {key!r} is not a string")
            _check_text(key, where)
            ascii_keys = _check(item, f"{where}.{key}") and ascii_keys and key.isascii()
        return ascii_keys
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            ascii_keys = _check(item, f"{where}[{index}]") and ascii_keys
        return ascii_keys
    raise CanonicalError(f"{where}: {type(value).__name__} has no JSON form")


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError(f"{where}: text is not valid unicode (lone surrogate)") from exc


def canonical_bytes(value: Any) -> bytes:
    """The RFC 8785 encoding of ``value``.

    Raises:
        FloatFound: a float anywhere inside.
        CanonicalError: anything else without a canonical encoding.
    """
    if _check(value, "$"):
        # Without floats, and with keys whose UTF-16 order is their code-point
        # order (ASCII), RFC 8785 is exactly the stdlib's sorted, compact output
        # (same string escapes as ECMAScript's JSON.stringify), in C and ~20x faster.
        # test_canonical checks the two agree.
        return _STDLIB_JCS.encode(value).encode("utf-8")
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, UnicodeError, ValueError, TypeError) as exc:
        raise CanonicalError(f"cannot canonicalise: {exc}") from exc


_STDLIB_JCS = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                               check_circular=False)  # parsed or checked: acyclic
# Lead bytes of 4-byte UTF-8 sequences: characters beyond U+FFFF, the only ones whose
# UTF-16 order (RFC 8785's key order) can differ from their code-point order.
_SUPPLEMENTARY_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


class CanonicalText:
    """Received bytes that must be the RFC 8785 encoding of the JSON value they hold.

    Verification reads the value first and judges the form later (a signature
    check comes in between), so parsing and :meth:`require_canonical` are apart.

    Parsing does not look for duplicate member names, which costs a Python call
    per object of every text: a text with one never passes :meth:`require_canonical`
    (the parse kept one member of the name, so the bytes cannot equal its
    encoding), and :meth:`require_unique_names` tells that case apart when a
    reason must be given.

    Raises:
        StrictJSONError: as :func:`strict_loads`, duplicate names aside.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._unusual_number = False
        self.value: Any = strictjson.loads(data, floats=True, bounded_ints=False,
                                           unique_names=False, on_number=self._number)

    def _number(self, value: float) -> None:
        if isinstance(value, float) or abs(value) > MAX_SAFE_INTEGER:
            self._unusual_number = True

    def require_unique_names(self) -> None:
        """Raises StrictJSONError for a duplicate member name."""
        strict_loads(self.data)

    def require_canonical(self) -> None:
        """Check that the bytes are exactly the canonical encoding of the value.

        Raises:
            FloatFound: a float in the value.
            NotCanonical: other bytes than the canonical encoding.
            CanonicalError: a value without a canonical encoding (unsafe integer,
                lone surrogate).
        """
        # The common case in C: every number an integer in the safe range, every
        # character in the BMP (so the stdlib's key order is RFC 8785's), and the
        # stdlib's encoding equal to the bytes. Anything else, and every rejection
        # with its precise reason, goes through canonical_bytes.
        if not self._unusual_number and not any(lead in self.data
                                                for lead in _SUPPLEMENTARY_LEADS):
            try:
                if _STDLIB_JCS.encode(self.value).encode("utf-8") == self.data:
                    return
            except UnicodeEncodeError:  # a lone surrogate: canonical_bytes names it
                pass
        if canonical_bytes(self.value) != self.data:
            raise NotCanonical("not in rfc 8785 canonical form")


def strict_loads(data: bytes) -> Any:
    """Parse one JSON document from UTF-8 bytes, refusing ambiguity.

    Floats and unsafe integers are returned as parsed so that the caller can tell
    "a float was there" or "not canonical" (rejections of their own) from "not
    JSON at all".

    Raises:
        StrictJSONError: not UTF-8, a byte-order mark, duplicate keys, NaN or
            Infinity, trailing data, any syntax error.
    """
    return strictjson.loads(data, floats=True, bounded_ints=False)
