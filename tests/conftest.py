"""Test-wide settings: Qt runs offscreen; keyring fixtures shared by every suite."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _long_mode_only_on_request(request: pytest.FixtureRequest) -> None:
    """Tests marked slow run only with ``-m slow`` (or REVIEWER_SLOW_TESTS=1), in every
    suite (the package fuzzing modes, the GUI's long sessions)."""
    if (request.node.get_closest_marker("slow")
            and "slow" not in (request.config.option.markexpr or "")
            and not os.environ.get("REVIEWER_SLOW_TESTS")):
        pytest.skip("long mode: run with -m slow")


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """A working system keyring that lives in memory for one test."""
    import keyring

    from tests.helpers.keyring_memory import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def fail_keyring() -> Iterator[None]:
    """No usable keyring, as on a headless Linux machine."""
    import keyring
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
