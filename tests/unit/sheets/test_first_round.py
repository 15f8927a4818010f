"""sheets/first_round.py: a seat's first-round scores sealed to its new seat code
(docs/formats.md §1.8.4) — one expert's package passphrase reveals nobody else's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewer_app.core.seat_codes import SeatCodeError
from reviewer_app.sheets.first_round import (
    FirstRoundError,
    first_round_key,
    open_sealed,
    own_first_round,
    seal,
)
from reviewer_app.sheets.seat_keys import seat_signing_key

PACKAGE = "00112233445566778899aabbccddeeff"
FIRST = "ffeeddccbbaa99887766554433221100"
CODES = {"S1": "7K3M9Q2X5T8V4R1N", "S2": "C4D8E2F6G1H5J9K3"}
OWN = own_first_round("S1", FIRST, [("P2", {"a": Decimal("20.5")}, Decimal("20.5")),
                                    ("P1", {"a": Decimal("10")}, Decimal("10"))])


def test_a_seat_reads_its_own_scores_with_its_code_as_typed() -> None:
    sealed = seal(OWN, CODES["S1"], PACKAGE)
    typed = "7k3m-9q2x-5t8v-4r1n"  # case and separators as an expert types them
    own = open_sealed(sealed, typed, PACKAGE, "S1", FIRST)
    assert [p.project_id for p in own.projects] == ["P1", "P2"]
    assert own.get("P2").total == Decimal("20.5")
    assert own.get("P3") is None


@pytest.mark.parametrize("code, seat, first, package", [
    (CODES["S2"], "S1", FIRST, PACKAGE),          # another seat's code
    (CODES["S1"], "S2", FIRST, PACKAGE),          # moved to another seat
    (CODES["S1"], "S1", FIRST, FIRST),            # moved to another package
    (CODES["S1"], "S1", PACKAGE, PACKAGE),        # claims another first round
])
def test_nobody_else_opens_it(code: str, seat: str, first: str, package: str) -> None:
    sealed = seal(OWN, CODES["S1"], PACKAGE)
    with pytest.raises(FirstRoundError):
        open_sealed(sealed, code, package, seat, first)


def test_every_flipped_byte_is_detected() -> None:
    sealed = seal(OWN, CODES["S1"], PACKAGE)
    for i in range(len(sealed)):
        changed = bytearray(sealed)
        changed[i] ^= 0x40
        with pytest.raises(FirstRoundError):
            open_sealed(bytes(changed), CODES["S1"], PACKAGE, "S1", FIRST)


def test_the_key_is_not_the_seat_signing_key_and_a_bad_code_is_refused() -> None:
    key = first_round_key(CODES["S1"], PACKAGE, "S1")
    seed = seat_signing_key(CODES["S1"], PACKAGE, "S1").private_bytes_raw()
    assert len(key) == 32 and key != seed
    with pytest.raises(SeatCodeError):
        first_round_key("not a code", PACKAGE, "S1")
