import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.core.seat_codes import (
    SeatCodeError,
    canonical_seat_code,
    format_seat_code,
    seat_code_from_bytes,
)


def test_known_encoding() -> None:
    assert seat_code_from_bytes(bytes(10)) == "0" * 16
    assert seat_code_from_bytes(b"\xff" * 10) == "Z" * 16
    assert seat_code_from_bytes(bytes(9) + b"\x01") == "0" * 15 + "1"


@given(st.binary(min_size=10, max_size=10))
def test_codes_are_canonical_and_distinct_per_input(raw: bytes) -> None:
    code = seat_code_from_bytes(raw)
    assert canonical_seat_code(code) == code
    assert int.from_bytes(raw, "big") == sum(
        "0123456789ABCDEFGHJKMNPQRSTVWXYZ".index(ch) << (5 * (15 - i))
        for i, ch in enumerate(code))


def test_typing_mistakes_are_forgiven() -> None:
    assert canonical_seat_code("abcd-efgh-jkmn-pqro ") == "ABCDEFGHJKMNPQR0"
    assert canonical_seat_code("IL10 0000 0000 0000") == "1110000000000000"
    assert format_seat_code("abcdefghjkmnpqrs") == "ABCD-EFGH-JKMN-PQRS"


@pytest.mark.parametrize("typed, message", [
    ("ABCD-EFGH", "16 characters"),
    ("ABCD-EFGH-JKMN-PQRU", "no U"),
])
def test_malformed_codes(typed: str, message: str) -> None:
    with pytest.raises(SeatCodeError, match=message):
        canonical_seat_code(typed)


def test_wrong_byte_count() -> None:
    with pytest.raises(SeatCodeError):
        seat_code_from_bytes(b"short")
