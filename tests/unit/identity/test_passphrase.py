"""The passphrase strength floor and the generated passphrase (issue 11, item 5)."""

from __future__ import annotations

import base64
import math
import os
import re
from collections import Counter

import pytest

from reviewer_app.identity.errors import IdentityError
from reviewer_app.identity.keyfile import SecretRecord, write_key_file
from reviewer_app.identity.passphrase import (
    FLOOR_BITS,
    GENERATED_ALPHABET,
    GENERATED_BITS,
    WeakPassphrase,
    check_strength,
    estimated_bits,
    generate_passphrase,
)
from reviewer_app.package.stanzas import Argon2Params

FAST = Argon2Params(8192, 1, 1)

WEAK = ["a", "p", "password", "P@ssw0rd2026!", "nanshan2026", "abcdefghijklmnop",
        "qwertyuiopasdfgh", "1234567890123456", "Tr0ub4dor&3", "aaaaaaaaaaaaaaaaaaaaaaaaa",
        "我的密码是南山区", "wang1985li", "correcthorsebatterystaple"]
STRONG = ["expert key: amber-quartz-violin-7", "评审 passphrase 2026 kp7x-m2qd-wv9h",
          "correct horse battery staple plus a fjord"]


@pytest.mark.parametrize("passphrase", WEAK)
def test_guessable_passphrases_are_below_the_floor(passphrase: str) -> None:
    with pytest.raises(WeakPassphrase) as caught:
        check_strength(passphrase, "the package passphrase")
    assert caught.value.bits < FLOOR_BITS
    assert isinstance(caught.value, IdentityError)  # the CLI reports it as a rejection
    assert str(caught.value).startswith("the package passphrase is too weak: about ")


@pytest.mark.parametrize("passphrase", STRONG)
def test_strong_passphrases_pass(passphrase: str) -> None:
    assert check_strength(passphrase, "x") >= FLOOR_BITS


def test_the_readme_urandom_passphrase_passes() -> None:
    # README's former recipe, still accepted: head -c 24 /dev/urandom | base64
    for _ in range(50):
        assert estimated_bits(base64.b64encode(os.urandom(24)).decode()) > 90


def test_long_passphrases_are_scored_by_their_start_never_above_it() -> None:
    assert estimated_bits("password" * 40) < FLOOR_BITS  # 320 characters, one word
    assert estimated_bits("") == 0


def test_generated_passphrases_are_strong_and_readable() -> None:
    samples = [generate_passphrase() for _ in range(400)]
    shape = re.compile(f"[{GENERATED_ALPHABET}]{{4}}(-[{GENERATED_ALPHABET}]{{4}}){{4}}")
    assert all(shape.fullmatch(p) for p in samples)
    assert not set("ilou").intersection("".join(samples))  # nothing read as 1 or 0
    assert len(GENERATED_ALPHABET) == 32 and GENERATED_BITS == 100 >= 80
    assert 20 * math.log2(len(GENERATED_ALPHABET)) == GENERATED_BITS
    assert len(set(samples)) == len(samples)
    # Every symbol is used about equally (secrets.choice, no modulo bias): 8000 draws.
    counts = Counter("".join(samples).replace("-", ""))
    assert set(counts) == set(GENERATED_ALPHABET)
    assert max(counts.values()) < 2 * min(counts.values())
    # zxcvbn's pessimistic model still puts every one above the floor.
    assert min(estimated_bits(p) for p in samples[:100]) >= FLOOR_BITS


def test_a_key_file_is_never_written_under_a_weak_passphrase(tmp_path) -> None:
    path = tmp_path / "k.key"
    with pytest.raises(WeakPassphrase, match=r"passphrase for key file .*k\.key is too weak"):
        write_key_file(path, SecretRecord("ed25519-organizer", bytes(32)), "hunter2", FAST)
    assert not path.exists()
    write_key_file(path, SecretRecord("ed25519-organizer", bytes(32)), STRONG[0], FAST)
    assert path.is_file()
