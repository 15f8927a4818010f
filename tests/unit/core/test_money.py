"""core.decimals.parse_money: the rule of ``reviewer-admin … --budget YUAN`` and of the
desk's 本轮预算 field (what a Chinese input method types is read, never guessed at)."""

from __future__ import annotations

import argparse
from decimal import Decimal

import pytest

from reviewer_app.cli.common import money
from reviewer_app.core.decimals import NegativeAmount, parse_money


@pytest.mark.parametrize(("text", "value"), [
    ("3000000", Decimal("3000000")),
    (" 3,000,000.50 ", Decimal("3000000.50")),
    ("０", Decimal(0)),
    ("３，０００，０００．５", Decimal("3000000.5")),   # full-width, as an IME types it
    ("\u30001200000\u3000", Decimal("1200000")),        # ideographic spaces around it
])
def test_amounts_typed_are_read_as_they_are(text, value):
    assert parse_money(text) == value
    assert money(text) == value   # the command line reads them the same way


@pytest.mark.parametrize("text", ["300万", "3000000元", "1,2345", "１２。５", "1.2e6", "",
                                  "one", "²", "NaN", "Infinity"])
def test_anything_else_is_refused_not_guessed(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_money(text, "budget")
    with pytest.raises(argparse.ArgumentTypeError):
        money(text)


@pytest.mark.parametrize("text", ["-1", "－５００"])
def test_a_negative_amount_is_refused(text):
    with pytest.raises(NegativeAmount, match="must not be negative"):
        parse_money(text)
    with pytest.raises(argparse.ArgumentTypeError, match="must not be negative"):
        money(text)
