"""``reviewer-admin verify-package`` (issue 11, item 8): a copy whose last material
is damaged opens and inspects fine; verify-package decrypts every member, names
the damaged ones and exits 1. Real packages, real encryption, real file damage."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewer_app.cli.admin import main as admin
from reviewer_app.package import MemberSource, open_package
from tests.unit.package.conftest import PASSPHRASE


@pytest.fixture
def package(build: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    members = [MemberSource(f"P1/{i}-材料.pdf", "application/pdf", data=os.urandom(size))
               for i, size in enumerate((1000, 200_000, 150_000), start=1)]
    path = build(members)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path, passphrase


def _flip(path: Path, offset: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x01]))


def _offsets(path: Path) -> dict[int, int]:
    reader = open_package(path, trusted_keys=None, passphrase=PASSPHRASE)
    try:
        return {m.id: m.offset for m in reader.members}
    finally:
        reader.close()


def test_an_intact_package_verifies(package: tuple[Path, Path],
                                    capsys: pytest.CaptureFixture) -> None:
    path, passphrase = package
    assert admin(["verify-package", str(path), "--passphrase-file", str(passphrase)]) == 0
    out = capsys.readouterr().out
    assert "verified  all 3 materials (0.4 MB) decrypt and match their signed checksums" in out


def test_damage_in_the_last_member_is_named_and_fails(package: tuple[Path, Path],
                                                      capsys: pytest.CaptureFixture) -> None:
    path, passphrase = package
    offsets = _offsets(path)
    _flip(path, offsets[3] + 70_000)  # inside the last member's second segment
    open_package(path, trusted_keys=None, passphrase=PASSPHRASE).close()  # opens fine
    assert admin(["verify-package", str(path), "--passphrase-file", str(passphrase)]) == 1
    out = capsys.readouterr().out
    assert ("damaged   member 3 P1/3-材料.pdf: material 3 (P1/3-材料.pdf) failed "
            "authentication at segment 1") in out
    assert "1 of 3 materials damaged: this copy must not be handed out" in out


def test_every_damaged_member_is_listed(package: tuple[Path, Path],
                                        capsys: pytest.CaptureFixture) -> None:
    path, passphrase = package
    offsets = _offsets(path)
    _flip(path, offsets[1] + 10)
    _flip(path, offsets[3] + 10)
    assert admin(["verify-package", str(path), "--passphrase-file", str(passphrase),
                  "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["verified"] is False
    assert [(d["id"], d["kind"]) for d in document["damaged"]] == [(1, "Tampered"),
                                                                  (3, "Tampered")]


def test_a_cut_short_copy_fails_before_any_member(package: tuple[Path, Path],
                                                  capsys: pytest.CaptureFixture) -> None:
    path, passphrase = package
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size - 5000)
    assert admin(["verify-package", str(path), "--passphrase-file", str(passphrase)]) == 1
    assert "incomplete" in capsys.readouterr().err
