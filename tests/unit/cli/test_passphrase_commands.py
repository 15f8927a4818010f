"""reviewer-admin passphrase, build's strength floor, and the warning on passphrase
files others can read (issue 11, item 5)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from reviewer_app.central.demo_intake import generate_demo_intake
from reviewer_app.cli.admin import main as admin
from reviewer_app.identity.passphrase import GENERATED_ALPHABET

SHAPE = re.compile(f"[{GENERATED_ALPHABET}]{{4}}(-[{GENERATED_ALPHABET}]{{4}}){{4}}")


@pytest.fixture
def secretariat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_keyring: None) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_passphrase_prints_or_writes_an_owner_only_file(secretariat: Path, capsys) -> None:
    assert admin(["passphrase"]) == 0
    printed = capsys.readouterr().out.strip()
    assert SHAPE.fullmatch(printed)
    previous = os.umask(0o022)
    try:
        assert admin(["passphrase", "--out", "pass.txt"]) == 0
    finally:
        os.umask(previous)
    written = (secretariat / "pass.txt").read_text(encoding="ascii")
    assert SHAPE.fullmatch(written.rstrip("\n")) and written.endswith("\n")
    assert written.strip() != printed
    assert stat.S_IMODE((secretariat / "pass.txt").stat().st_mode) == 0o600
    assert "100-bit passphrase" in capsys.readouterr().err
    # Never overwritten: a package built with it would no longer open.
    assert admin(["passphrase", "--out", "pass.txt"]) == 1
    assert "pass.txt exists" in capsys.readouterr().err
    assert (secretariat / "pass.txt").read_text(encoding="ascii") == written


def _build(tmp: Path, *extra: str) -> int:
    return admin(["build", "intake", "--out", "s.revpkg", "--passphrase-file", "pass.txt",
                  "--seat-codes-out", "codes.csv", "--organizer-passphrase-file", "org.txt",
                  *extra])


def test_build_refuses_a_weak_passphrase_unless_rehearsing(secretariat: Path, capsys) -> None:
    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=2, seats=1, seed=2)
    assert admin(["passphrase", "--out", "org.txt"]) == 0
    (tmp / "pass.txt").write_text("nanshan2026\n", encoding="utf-8")
    os.chmod(tmp / "pass.txt", 0o600)
    capsys.readouterr()
    assert _build(tmp) == 1
    err = capsys.readouterr().err
    assert "the package passphrase is too weak: about 37 bits" in err
    assert "--allow-weak-passphrase" in err and "reviewer-admin passphrase" in err
    assert not (tmp / "s.revpkg").exists() and not (tmp / "codes.csv").exists()
    assert _build(tmp, "--allow-weak-passphrase") == 0
    assert "accepted: --allow-weak-passphrase" in capsys.readouterr().err
    assert (tmp / "s.revpkg").is_file()


def test_weak_organizer_key_passphrase_is_refused(secretariat: Path, capsys) -> None:
    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=2, seats=1, seed=2)
    (tmp / "org.txt").write_text("organizer\n", encoding="utf-8")
    os.chmod(tmp / "org.txt", 0o600)
    assert admin(["organizer", "--organizer-passphrase-file", "org.txt"]) == 1
    assert "key file" in capsys.readouterr().err
    assert not list((tmp / "data").rglob("*.key"))


def test_a_passphrase_file_others_can_read_is_warned_about(secretariat: Path, capsys) -> None:
    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=2, seats=1, seed=2)
    assert admin(["passphrase", "--out", "pass.txt"]) == 0
    assert admin(["passphrase", "--out", "org.txt"]) == 0
    capsys.readouterr()
    assert _build(tmp) == 0
    assert "warning: passphrase file" not in capsys.readouterr().err
    os.chmod(tmp / "pass.txt", 0o644)
    os.chmod(tmp / "org.txt", 0o640)
    assert admin(["inspect", "s.revpkg", "--passphrase-file", "pass.txt"]) == 0
    err = capsys.readouterr().err
    assert ("warning: passphrase file pass.txt is readable by its group and other users "
            "(mode 0644); make it owner-only: chmod 600 pass.txt") in err
    assert admin(["organizer", "--organizer-passphrase-file", "org.txt"]) == 0
    assert "org.txt is readable by its group (mode 0640)" in capsys.readouterr().err
