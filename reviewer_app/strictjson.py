"""The one strict JSON parser for everything we authenticate (packages, sheets, key files).

Signed and encrypted documents must mean one thing to every reader, so this
parser refuses what parsers disagree on: duplicate keys, a byte-order mark,
non-UTF-8, NaN and Infinity, escapes of lone UTF-16 surrogates; and it bounds
integers before converting them (a long digit string must not cost quadratic time).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

MAX_INT_DIGITS = 16  # enough for every integer up to 2**53 - 1
# Only an escape can bring a surrogate in (the UTF-8 decoder refuses encoded ones),
# so documents without one skip the walk over every string.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class StrictJSONError(ValueError):
    """Bytes that are not one strict JSON document."""


class JSONLimitError(StrictJSONError):
    """Well-formed, but a number is larger than any document of ours can hold."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJSONError(f"duplicate key {key[:40]!r}")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not JSON")


def _no_float(text: str) -> Any:
    raise StrictJSONError("non-integer numbers are not allowed")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JSONLimitError(f"number {text[:20]}… is too large")
    return int(text)


def _no_lone_surrogates(document: Any) -> None:
    # A pair of escapes is joined into one character by the decoder; what is left is
    # a lone surrogate, which no UTF-8 writer can encode later.
    pending = [document]
    while pending:  # a loop, not recursion: nesting is as deep as the decoder allowed
        value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise StrictJSONError(f"lone surrogate escape in string {value[:40]!r}")
        elif isinstance(value, dict):
            pending.extend(value)
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)


def loads(data: bytes, *, floats: bool = False, bounded_ints: bool = True,
          unique_names: bool = True,
          on_number: Callable[[int | float], object] | None = None) -> Any:
    """Parse one JSON document from UTF-8 bytes.

    Args:
        floats: return non-integer numbers as ``float`` (for callers that reject
            them with a reason of their own) instead of refusing them here.
        bounded_ints: refuse integers of more than 16 digits here; without it they
            are returned (Python's own 4,300-digit limit still bounds the cost) for
            callers that reject them with a reason of their own.
        unique_names: refuse duplicate member names here. Only a caller that
            proves their absence another way may turn it off: a text equal to the
            canonical encoding of its parse has none (the parse kept one member of
            each name). Checking costs a Python call per object.
        on_number: called with every number as parsed, for callers that judge
            numbers after parsing without walking the whole value again.

    Raises:
        JSONLimitError: an integer of more than 16 digits.
        StrictJSONError: not UTF-8, a byte-order mark, duplicate keys, NaN or
            Infinity, a float (unless ``floats``), an escaped lone surrogate in a
            string or key, trailing data, any syntax error.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise StrictJSONError("starts with a byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StrictJSONError(f"not utf-8 at byte {exc.start}") from None
    parse_float: Callable[[str], Any] = float if floats else _no_float
    parse_int: Callable[[str], Any] = _bounded_int if bounded_ints else int
    if on_number is not None:
        parse_float, parse_int = _observed(parse_float, on_number), _observed(parse_int, on_number)
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates if unique_names
                              else None, parse_constant=_no_constant,
                              parse_float=parse_float, parse_int=parse_int)
    except StrictJSONError:
        raise
    except json.JSONDecodeError as exc:
        raise StrictJSONError(f"not json: {exc.msg.lower()} at character {exc.pos}") from None
    except RecursionError:
        raise StrictJSONError("nested too deeply") from None
    except ValueError as exc:
        raise StrictJSONError(f"not json: {exc}") from None
    if _SURROGATE_ESCAPE.search(text):
        _no_lone_surrogates(document)
    return document


def _observed(parse: Callable[[str], Any],
              observer: Callable[[int | float], object]) -> Callable[[str], Any]:
    def parse_and_tell(text: str) -> Any:
        value = parse(text)
        observer(value)
        return value

    return parse_and_tell
