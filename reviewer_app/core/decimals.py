"""Strict decimal parsing and rounding for money and scores.

Floats never enter: a value is a ``Decimal``, an ``int`` or a string of digits.
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

# ASCII digits only: \d would also take full-width, Arabic-Indic and other digits,
# which Decimal() then reads without a word.
_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


def parse_decimal(value: object, what: str = "") -> Decimal:
    """Parse a finite decimal from a string, int or Decimal.

    Args:
        value: the raw value. Strings may carry thousands separators
            (``"1,200,000.50"``) and surrounding blanks.
        what: names the value in the error message (omitted when empty).

    Raises:
        ValueError: for floats, booleans, non-finite or malformed values.
    """
    prefix = f"{what}: " if what else ""
    if isinstance(value, (bool, float)):
        raise ValueError(f"{prefix}must be a decimal string, not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _PLAIN.fullmatch(text):
            raise ValueError(f"{prefix}not a number: {value!r}")
        try:
            result = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards
            raise ValueError(f"{prefix}not a number: {value!r}") from exc
    else:
        raise ValueError(f"{prefix}must be a decimal string, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{prefix}not a finite number: {value!r}")
    return result


# What a Chinese input method types into a number: full-width digits, point, comma and
# signs, and the ideographic space, each the same character in ASCII (the value does
# not change). Anything else — 。 for a point, 万 or 元 after the figure — stays and is
# refused, never guessed at.
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)},
                             "\uff0c": ",", "\uff0e": ".", "\uff0b": "+", "\uff0d": "-",
                             "\u3000": " "})


class NegativeAmount(ValueError):
    """An amount of money below zero."""


def parse_money(text: str, what: str = "") -> Decimal:
    """An amount of money in yuan as a person types it (``reviewer-admin … --budget``,
    the desk's budget field): :func:`parse_decimal` once full-width digits, point and
    comma are read as their ASCII forms; thousands separators only in groups of three.

    Raises:
        NegativeAmount: below zero.
        ValueError: not a number.
    """
    prefix = f"{what}: " if what else ""
    try:
        value = parse_decimal(text.translate(_FULL_WIDTH))
    except ValueError:
        raise ValueError(f"{prefix}not a number: {text!r}") from None
    if value < 0:
        raise NegativeAmount(f"{prefix}must not be negative: {text}")
    return value


def floor_to_unit(amount: Decimal, unit: Decimal) -> Decimal:
    """Round ``amount`` down to a whole multiple of ``unit`` (money is never rounded up)."""
    return (amount / unit).to_integral_value(rounding=ROUND_FLOOR) * unit


def round_places(value: Decimal, places: int) -> Decimal:
    """Round half up to ``places`` decimals, as score sheets are read aloud."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimal_str(value: Decimal) -> str:
    """The shortest plain (non-exponent) string for a decimal: ``8.50`` -> ``"8.5"``."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    return text
