"""Shared fixtures: real files in tmp_path, real encryption, cheap Argon2id."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.package import MANIFEST_FORMAT, Argon2Params, MemberSource, write_package

FAST = Argon2Params(memory_kib=8192, iterations=1, lanes=1)
PASSPHRASE = "tiger lily 虎百合"
MANIFEST: dict[str, Any] = {"format": MANIFEST_FORMAT, "created_at": "2025-01-01T00:00:00Z",
                            "session": {"kind": "panel", "name": "t", "deadline": None}}


@pytest.fixture(scope="session")
def organizer() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def material(tmp_path: Path) -> Callable[[str, int], Path]:
    def make(name: str, size: int) -> Path:
        path = tmp_path / "materials" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(os.urandom(size))
        return path
    return make


@pytest.fixture
def build(tmp_path: Path, organizer: Ed25519PrivateKey) -> Callable[..., Path]:
    def make(members: Sequence[MemberSource], *, name: str = "p.revpkg",
             passphrase: str | None = PASSPHRASE, **kwargs: Any) -> Path:
        out = tmp_path / name
        write_package(out, MANIFEST, members, organizer_key=organizer,
                      organizer_name="Test Org", passphrase=passphrase,
                      argon2=kwargs.pop("argon2", FAST), **kwargs)
        return out
    return make
