"""Write then read: every recipient kind, member sizes around the segment size, streaming."""

from __future__ import annotations

import hashlib
import io
import mmap
import os
import threading
import unicodedata
from pathlib import Path

import blake3
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.package import (
    MANIFEST_FORMAT,
    MemberSource,
    NotForThisKey,
    PackageWriteError,
    UntrustedOrganizer,
    WrongPassphrase,
    fingerprint,
    open_package,
    write_package,
)
from reviewer_app.package import format as fmt
from tests.unit.package.conftest import FAST, MANIFEST, PASSPHRASE

SEG = fmt.SEGMENT_SIZE


@pytest.mark.parametrize("size", [0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG, 3 * SEG + 17,
                                  64 * SEG, 64 * SEG + 1, 130 * SEG + 5])
def test_member_sizes_round_trip(build, material, size: int) -> None:
    path = material("m.bin", size)
    pkg = build([MemberSource("m.bin", "application/octet-stream", path=path)])
    with open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        assert reader.read_member(1) == path.read_bytes()
        info = reader.member(1)
        assert info.length == size
        assert info.blake3 == blake3.blake3(path.read_bytes()).hexdigest()
    assert pkg.stat().st_size == (reader.members[0].offset + fmt.ciphertext_length(size))


def test_members_loaded_one_at_a_time_from_another_package(build, material) -> None:
    """A member source with ``load`` (a second round's materials, taken from the open
    first-round package) is decrypted into memory only when the writer reaches it,
    closed right after, and packed exactly like the file it came from."""
    paths = [material("a.bin", 3 * SEG + 17), material("b.bin", 2 * 1024 * 1024 + 5)]
    first = build([MemberSource(p.name, "application/octet-stream", path=p) for p in paths],
                  name="first.revpkg")
    events: list[str] = []
    with open_package(first, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        def load(member_id: int):
            events.append(f"load {member_id}")
            buffer = reader.read_member_buffer(member_id)
            content = _Closing(buffer, events, member_id)
            if isinstance(buffer, mmap.mmap):
                buffer.close()  # the anonymous mapping; the copy stands in for it
            return content

        sources = [MemberSource(info.name, info.media_type, load=lambda i=info.id: load(i),
                                size=info.length) for info in reader.members]
        second = build(sources, name="second.revpkg")
    assert events == ["load 1", "close 1", "load 2", "close 2"]  # one in memory at a time
    with open_package(second, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        assert [reader.read_member(i) for i in (1, 2)] == [p.read_bytes() for p in paths]


class _Closing(bytearray):
    """Content that records being closed (as an anonymous mapping is)."""

    def __init__(self, data, events: list[str], member_id: int) -> None:
        super().__init__(data)
        self._events, self._id = events, member_id

    def close(self) -> None:
        self._events.append(f"close {self._id}")


def test_a_loaded_member_of_another_size_is_refused(build) -> None:
    source = MemberSource("m.bin", "application/octet-stream", load=lambda: b"12345", size=4)
    with pytest.raises(PackageWriteError, match="not the 4 bytes"):
        build([source])
    with pytest.raises(ValueError):
        MemberSource("m.bin", "application/octet-stream", load=lambda: b"", size=None)
    with pytest.raises(ValueError):
        MemberSource("m.bin", "application/octet-stream", data=b"", load=lambda: b"", size=0)


@pytest.mark.parametrize(("size", "mapped"), [(2 * 1024 * 1024 - 1, False),
                                              (2 * 1024 * 1024, True),
                                              (9 * 1024 * 1024 + 3, True)])
def test_read_member_buffer(build, material, size: int, mapped: bool) -> None:
    """Large materials come in their own anonymous mapping, small ones in a bytearray;
    either is the caller's, writable, and equal to the material."""
    path = material("m.bin", size)
    pkg = build([MemberSource("m.bin", "application/octet-stream", path=path)])
    with open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        buffer = reader.read_member_buffer(1)
        assert isinstance(buffer, mmap.mmap if mapped else bytearray)
        assert len(buffer) == size
        assert bytes(buffer) == path.read_bytes()
        buffer[0:1] = b"\0"  # the caller's to change
        assert reader.read_member(1) == path.read_bytes()
        if mapped:
            buffer.close()


def test_many_members_and_manifest(build, material) -> None:
    paths = [material(f"m{i}.bin", i * 1000) for i in range(40)]
    members = [MemberSource(f"m{i}.bin", "application/pdf", path=p)
               for i, p in enumerate(paths)]
    members.append(MemberSource("inline", "text/plain", data=b"inline data"))
    pkg = build(members)
    with open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        assert reader.manifest["format"] == MANIFEST_FORMAT
        assert reader.manifest["session"] == MANIFEST["session"]
        assert reader.manifest["package_id"] == reader.package_id
        assert [m["id"] for m in reader.manifest["members"]] == list(range(1, 42))
        for i in reversed(range(40)):  # random access, any order
            assert reader.read_member(i + 1) == paths[i].read_bytes()
        assert reader.read_member(41) == b"inline data"
        assert reader.manifest_sha256 == hashlib.sha256(reader.manifest_bytes).hexdigest()
        with pytest.raises(KeyError):
            reader.read_member(42)
        with pytest.raises(KeyError):
            reader.read_member(0)


def test_large_manifest_spans_segments(build) -> None:
    members = [MemberSource(f"material number {i} " + "x" * 200, "text/plain", data=b"")
               for i in range(800)]
    pkg = build(members)
    with open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        assert len(reader.manifest_bytes) > 2 * SEG
        assert reader.read_member(800) == b""


def test_x25519_only_and_mixed(build, material) -> None:
    path = material("a.bin", 5000)
    alice, bob, eve = (X25519PrivateKey.generate() for _ in range(3))
    only = build([MemberSource("a", "x/y", path=path)], name="x.revpkg", passphrase=None,
                 recipients=[alice.public_key(), bob.public_key().public_bytes_raw()])
    for key in (alice, bob, bob.private_bytes_raw()):
        with open_package(only, trusted_keys=None, x25519_key=key) as reader:
            assert reader.read_member(1) == path.read_bytes()
    with pytest.raises(NotForThisKey):
        open_package(only, trusted_keys=None, x25519_key=eve)
    with pytest.raises(NotForThisKey):
        open_package(only, trusted_keys=None, passphrase=PASSPHRASE)

    mixed = build([MemberSource("a", "x/y", path=path)], name="m.revpkg",
                  recipients=[alice.public_key()])
    with open_package(mixed, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        k1 = reader.derive_subkey(b"workspace")
    with open_package(mixed, trusted_keys=None, x25519_key=alice) as reader:
        assert reader.derive_subkey(b"workspace") == k1  # one file key for all recipients
        assert reader.derive_subkey(b"other") != k1
    with pytest.raises(WrongPassphrase):
        open_package(mixed, trusted_keys=None, passphrase="nope")
    # a wrong key plus the right passphrase still opens; a wrong passphrase says so
    with open_package(mixed, trusted_keys=None, x25519_key=eve, passphrase=PASSPHRASE):
        pass
    with pytest.raises(WrongPassphrase):
        open_package(mixed, trusted_keys=None, x25519_key=eve, passphrase="nope")


def test_passphrase_is_nfc_normalised(build, material) -> None:
    nfd = unicodedata.normalize("NFD", "Ångström café")
    pkg = build([MemberSource("a", "x/y", data=b"1")], passphrase=nfd)
    with open_package(pkg, trusted_keys=None,
                      passphrase=unicodedata.normalize("NFC", nfd)) as reader:
        assert reader.read_member(1) == b"1"


def test_trust(build, organizer: Ed25519PrivateKey) -> None:
    pkg = build([MemberSource("a", "x/y", data=b"1")])
    raw = organizer.public_key().public_bytes_raw()
    fp = fingerprint(raw)
    assert len(fp) == 39 and fp.count(" ") == 7
    for trusted in ([raw], [fmt.b64encode(raw)], [fp], [fp.replace(" ", "").lower()]):
        with open_package(pkg, trusted_keys=trusted, passphrase=PASSPHRASE) as reader:
            assert reader.organizer_fingerprint == fp
            assert reader.organizer_public_key == raw
            assert reader.organizer_name == "Test Org"
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    for trusted in ([], [other]):
        with pytest.raises(UntrustedOrganizer) as info:
            open_package(pkg, trusted_keys=trusted, passphrase=PASSPHRASE)
        assert info.value.fingerprint == fp
        assert info.value.public_key == fmt.b64encode(raw)
        assert info.value.public_key_raw == raw
        assert fp in str(info.value)
    with pytest.raises(ValueError):
        open_package(pkg, trusted_keys=["not a key"], passphrase=PASSPHRASE)
    with pytest.raises(ValueError):
        open_package(pkg, trusted_keys=None)


def test_copy_member_streams(build, material) -> None:
    path = material("big.bin", 5 * 64 * SEG + 123)
    pkg = build([MemberSource("big", "x/y", path=path)])
    with open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        out = io.BytesIO()
        reader.copy_member(1, out)
        assert out.getvalue() == path.read_bytes()


def test_concurrent_reads(build, material) -> None:
    paths = [material(f"m{i}", 300_000 + i) for i in range(6)]
    pkg = build([MemberSource(p.name, "x/y", path=p) for p in paths])
    errors: list[BaseException] = []
    with open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        def work(seed: int) -> None:
            try:
                for k in range(20):
                    i = (seed + k) % 6
                    assert reader.read_member(i + 1) == paths[i].read_bytes()
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
        threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []


def test_closed_reader_forgets_key(build) -> None:
    pkg = build([MemberSource("a", "x/y", data=b"1")])
    reader = open_package(pkg, trusted_keys=None, passphrase=PASSPHRASE)
    reader.close()
    with pytest.raises(ValueError):
        reader.derive_subkey(b"x")


def test_progress_and_info(build, material, tmp_path: Path, organizer) -> None:
    paths = [material("a", 3 * 64 * SEG), material("b", 10)]
    calls: list[tuple[int, int, str]] = []
    info = write_package(tmp_path / "p.revpkg", MANIFEST,
                         [MemberSource(p.name, "x/y", path=p) for p in paths],
                         organizer_key=organizer, organizer_name="O", passphrase="pw",
                         argon2=FAST, progress=lambda *a: calls.append(a))
    total = 3 * 64 * SEG + 10
    assert calls[0] == (0, 0, "keys") and calls[-1] == (total, total, "finish")
    done = [c[0] for c in calls if c[2] == "encrypt"]
    assert done == sorted(done) and done[-1] == total
    assert info.size == (tmp_path / "p.revpkg").stat().st_size
    with open_package(info.path, trusted_keys=None, passphrase="pw") as reader:
        assert reader.manifest_sha256 == info.manifest_sha256
        assert reader.package_id == info.package_id
        assert reader.manifest_bytes == info.manifest_bytes


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW here")
def test_writer_never_packages_a_link_or_a_pipe(tmp_path: Path, organizer) -> None:
    """The intake refuses links and FIFOs; the writer, which opens each material by
    path again, refuses them too (a file swapped for a link after the intake's check)."""
    secret = tmp_path / "outside.txt"
    secret.write_bytes(b"not a material")
    link = tmp_path / "1-link.pdf"
    link.symlink_to(secret)
    pipe = tmp_path / "1-pipe.pdf"
    os.mkfifo(pipe)
    for path, reason in ((link, "not a regular file"), (pipe, "not a regular file")):
        with pytest.raises(PackageWriteError, match=reason):
            write_package(tmp_path / "p.revpkg", MANIFEST,
                          [MemberSource("m", "application/pdf", path=path)],
                          organizer_key=organizer, organizer_name="O", passphrase="pw",
                          argon2=FAST)
    assert not (tmp_path / "p.revpkg").exists()


def test_writer_refuses_bad_input(tmp_path: Path, organizer) -> None:
    ok = [MemberSource("a", "x/y", data=b"1")]

    def write(manifest=MANIFEST, members=ok, **kw):
        kw.setdefault("passphrase", "pw")
        write_package(tmp_path / "p.revpkg", manifest, members, organizer_key=organizer,
                      organizer_name=kw.pop("organizer_name", "O"), argon2=FAST, **kw)

    for bad in ({**MANIFEST, "members": []}, {**MANIFEST, "package_id": "00"},
                {"format": "other"}, {**MANIFEST, "score": 1.5}, {**MANIFEST, "x": object()}):
        with pytest.raises(PackageWriteError):
            write(manifest=bad)
    with pytest.raises(PackageWriteError):
        write(passphrase=None)
    with pytest.raises(PackageWriteError):
        write(passphrase="")
    key = X25519PrivateKey.generate().public_key()
    with pytest.raises(PackageWriteError):
        write(recipients=[key, key])
    with pytest.raises(PackageWriteError):
        write(recipients=[X25519PrivateKey.generate().public_key() for _ in range(16)])
    with pytest.raises(PackageWriteError):
        write(recipients=[b"short"])
    with pytest.raises(PackageWriteError):
        write(organizer_name="x" * 300)
    with pytest.raises(PackageWriteError):
        write(members=[MemberSource("gone", "x/y", path=tmp_path / "missing.bin")])
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_on_failure(tmp_path: Path, organizer, monkeypatch) -> None:
    out = tmp_path / "p.revpkg"
    out.write_bytes(b"previous")
    src = tmp_path / "m.bin"
    src.write_bytes(os.urandom(200_000))

    def boom(done: int, total: int, phase: str) -> None:
        if phase == "encrypt":
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_package(out, MANIFEST, [MemberSource("m", "x/y", path=src)],
                      organizer_key=organizer, organizer_name="O", passphrase="pw",
                      argon2=FAST, progress=boom)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.bin", "p.revpkg"]


def test_material_changing_while_packed(tmp_path: Path, organizer) -> None:
    src = tmp_path / "m.bin"
    src.write_bytes(os.urandom(10 * SEG))

    def shrink(done: int, total: int, phase: str) -> None:
        if phase == "keys":
            src.write_bytes(b"short now")

    with pytest.raises(PackageWriteError, match="changed"):
        write_package(tmp_path / "p.revpkg", MANIFEST, [MemberSource("m", "x/y", path=src)],
                      organizer_key=organizer, organizer_name="O", passphrase="pw",
                      argon2=FAST, progress=shrink)
    assert not (tmp_path / "p.revpkg").exists()


def test_default_argon2_parameters_are_the_designed_ones() -> None:
    from reviewer_app.package import Argon2Params

    assert Argon2Params() == Argon2Params(65536, 3, 4)


def test_no_plaintext_in_package(build, material) -> None:
    secret = b"CONFIDENTIAL-TAX-STATEMENT-" * 100
    pkg = build([MemberSource("tax.pdf", "application/pdf", data=secret)])
    data = pkg.read_bytes()
    assert b"CONFIDENTIAL" not in data and b"tax.pdf" not in data


def test_manifest_format_2_names_its_suite(tmp_path: Path, organizer,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Format 2 round-trips with its suite and the package id it was built for; a
    writer must be given that id; a suite this reader does not know (a later SM2/SM3/SM4
    one, say) is UnsupportedVersion, not Tampered."""
    from reviewer_app.package import UnsupportedVersion

    members = [MemberSource("a", "x/y", data=b"1")]
    v2 = {"format": fmt.MANIFEST_FORMAT_2, "suite": fmt.SUITE_ED25519}
    with pytest.raises(PackageWriteError, match="package id"):
        write_package(tmp_path / "x.revpkg", v2, members, organizer_key=organizer,
                      organizer_name="O", passphrase="pw", argon2=FAST)
    with pytest.raises(PackageWriteError, match="suite"):
        write_package(tmp_path / "x.revpkg", {**v2, "suite": "sm2-sm3-sm4gcm"}, members,
                      organizer_key=organizer, organizer_name="O", passphrase="pw",
                      argon2=FAST, package_id=bytes(16))
    package_id = bytes(range(16))
    info = write_package(tmp_path / "v2.revpkg", v2, members, organizer_key=organizer,
                         organizer_name="O", passphrase="pw", argon2=FAST,
                         package_id=package_id)
    with open_package(info.path, trusted_keys=None, passphrase="pw") as reader:
        assert reader.package_id == package_id.hex()
        assert reader.manifest["suite"] == fmt.SUITE_ED25519
    monkeypatch.setattr(fmt, "SUITES", (*fmt.SUITES, "sm2-sm3-sm4gcm"))  # a newer writer
    later = write_package(tmp_path / "later.revpkg", {**v2, "suite": "sm2-sm3-sm4gcm"},
                          members, organizer_key=organizer, organizer_name="O",
                          passphrase="pw", argon2=FAST, package_id=package_id)
    monkeypatch.undo()
    with pytest.raises(UnsupportedVersion, match="sm2-sm3-sm4gcm"):
        open_package(later.path, trusted_keys=None, passphrase="pw")


def test_manifest_format_3_carries_a_signed_return_recipient(tmp_path: Path, organizer,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """Format 3 (§1.8.2) round-trips its return key; a missing or malformed one is
    refused by the writer and, from another writer, is Tampered for the reader; a
    photo package's index is not a review manifest."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from reviewer_app.central.manifest import return_recipient_entry
    from reviewer_app.package import Tampered

    members = [MemberSource("a", "x/y", data=b"1")]
    key = X25519PrivateKey.generate().public_key().public_bytes_raw()
    v3 = {"format": fmt.MANIFEST_FORMAT_3, "suite": fmt.SUITE_ED25519,
          "return_recipient": return_recipient_entry(key)}
    args = dict(organizer_key=organizer, organizer_name="O", passphrase="pw", argon2=FAST,
                package_id=bytes(range(16)))
    info = write_package(tmp_path / "v3.revpkg", v3, members, **args)
    with open_package(info.path, trusted_keys=None, passphrase="pw") as reader:
        assert fmt.return_recipient_key(reader.manifest) == key
    wrong_id = {**v3, "return_recipient": {**v3["return_recipient"], "key_id": "0" * 16}}
    for bad in (wrong_id, {k: v for k, v in v3.items() if k != "return_recipient"},
                {**v3, "return_recipient": {**v3["return_recipient"], "type": "sm2"}}):
        with pytest.raises(PackageWriteError, match="return_recipient"):
            write_package(tmp_path / "bad.revpkg", bad, members, **args)
    monkeypatch.setattr(fmt, "return_recipient_key", lambda manifest: b"")  # another writer
    write_package(tmp_path / "bad.revpkg", wrong_id, members, **args)
    monkeypatch.undo()
    with pytest.raises(Tampered, match="return_recipient key_id"):
        open_package(tmp_path / "bad.revpkg", trusted_keys=None, passphrase="pw")
    photos = write_package(tmp_path / "photos.revpkg",
                           {"format": fmt.PHOTOS_FORMAT, "suite": fmt.SUITE_ED25519},
                           members, manifest_formats=(fmt.PHOTOS_FORMAT,), **args)
    with pytest.raises(Tampered, match="manifest format"):
        open_package(photos.path, trusted_keys=None, passphrase="pw")
