import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.core.seat_codes import (
    SeatCodeError,
    canonical_seat_code,
    format_seat_code,
    seat_code_check,
    seat_code_from_bytes,
    seat_code_matches,
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


def test_check_value_pins_code_and_seat() -> None:
    import hashlib
    import hmac

    code = "7K3M9Q2X5T8V4R1N"
    # Recomputed from docs/formats.md §2.3, independently of the implementation.
    expected = hmac.new(code.encode(), b"RVSEATCHECK1" + b"S01",
                        hashlib.sha256).hexdigest()[:32]
    assert seat_code_check("S01", code) == expected
    assert seat_code_matches("S01", "7k3m 9q2x 5t8v 4r1n", expected)  # as typed
    assert not seat_code_matches("S02", code, expected)  # another seat
    assert not seat_code_matches("S01", "7K3M9Q2X5T8V4R10", expected)  # one typo
    with pytest.raises(SeatCodeError):
        seat_code_matches("S01", "short", expected)


def test_masked_seat_code_shows_only_the_first_group():
    from reviewer_app.core.seat_codes import masked_seat_code

    code = seat_code_from_bytes(bytes(range(10)))
    assert masked_seat_code(code.lower()) == f"{code[:4]}-····-····-····"
    assert masked_seat_code("not a code") == "····-····-····-····"
    assert masked_seat_code("") == "····-····-····-····"
