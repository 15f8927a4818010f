"""Hostile input: mutated packages only ever raise the documented errors, quickly, with
bounded memory, and never yield the plaintext of a tampered member."""

from __future__ import annotations

import io
import json
import os
import struct
import time
import tracemalloc
from pathlib import Path
from typing import Any

import blake3
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app.package import (
    MANIFEST_FORMAT,
    LimitsExceeded,
    MemberSource,
    PackageError,
    Tampered,
    Truncated,
    open_package,
    write_package,
)
from reviewer_app.package import format as fmt
from tests.unit.package.conftest import FAST, MANIFEST, PASSPHRASE
from tests.unit.package.support import craft, regions

SEG = fmt.SEGMENT_SIZE
MAX_SECONDS = 5.0
RECIPIENT = X25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
CONTENTS = [os.urandom(100), os.urandom(2 * SEG + 100), b"", os.urandom(SEG)]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("hostile")
    members = [MemberSource(f"m{i}", "application/octet-stream", data=c)
               for i, c in enumerate(CONTENTS)]
    write_package(folder / "base.revpkg", MANIFEST, members,
                  organizer_key=Ed25519PrivateKey.generate(), organizer_name="Org",
                  passphrase=PASSPHRASE, recipients=[RECIPIENT.public_key()], argon2=FAST)
    return (folder / "base.revpkg").read_bytes()


def _attempt(path: Path, data: bytes, *, passphrase: bool = False) -> str:
    """Open and read everything; return "ok" or the error class name.

    Asserts: only PackageError escapes; no member's bytes differ from the original;
    bounded time; allocations bounded by the file size plus a constant.
    """
    path.write_bytes(data)
    tracemalloc.start()
    started = time.monotonic()
    outcome = "ok"
    try:
        credentials: dict[str, Any] = ({"passphrase": PASSPHRASE} if passphrase
                                       else {"x25519_key": RECIPIENT})
        with open_package(path, trusted_keys=None, **credentials) as reader:
            for info in reader.members:
                try:
                    content = reader.read_member(info.id)
                except PackageError as exc:
                    outcome = type(exc).__name__
                    continue
                assert content == CONTENTS[info.id - 1], "tampered plaintext returned"
    except PackageError as exc:
        outcome = type(exc).__name__
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.monotonic() - started < MAX_SECONDS
    assert peak < 4 * len(data) + 2 * 1024 * 1024, f"allocated {peak} bytes"
    return outcome


SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
SLOW = settings(max_examples=4000, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _flip_case(base: bytes, tmp_path: Path, data: st.DataObject, passphrase: bool) -> None:
    spans = regions(base, [len(c) for c in CONTENTS])
    region = data.draw(st.sampled_from(spans), label="region")
    if region.end == region.start:
        return
    position = data.draw(st.integers(region.start, region.end - 1), label="position")
    bit = data.draw(st.integers(0, 7), label="bit")
    mutated = bytearray(base)
    mutated[position] ^= 1 << bit
    outcome = _attempt(tmp_path / "f.revpkg", bytes(mutated), passphrase=passphrase)
    assert outcome != "ok", f"flip in {region.name} went unnoticed"


@SETTINGS
@given(data=st.data())
def test_any_bit_flip_is_detected(base: bytes, tmp_path: Path, data: st.DataObject) -> None:
    _flip_case(base, tmp_path, data, passphrase=False)


@settings(SETTINGS, max_examples=25)
@given(data=st.data())
def test_bit_flips_with_the_passphrase(base: bytes, tmp_path: Path,
                                       data: st.DataObject) -> None:
    _flip_case(base, tmp_path, data, passphrase=True)


def test_every_region_flipped_at_both_ends(base: bytes, tmp_path: Path) -> None:
    for region in regions(base, [len(c) for c in CONTENTS]):
        for position in {region.start, region.end - 1}:
            if region.end == region.start:
                continue
            mutated = bytearray(base)
            mutated[position] ^= 0x80
            assert _attempt(tmp_path / "f.revpkg", bytes(mutated)) != "ok", region.name


def test_truncation_at_every_boundary(base: bytes, tmp_path: Path) -> None:
    cuts = {0, 1, 7, 8, 9, 15}
    for region in regions(base, [len(c) for c in CONTENTS]):
        cuts |= {region.start - 1, region.start, region.start + 1, region.end - 1}
    for cut in sorted(c for c in cuts if 0 <= c < len(base)):
        outcome = _attempt(tmp_path / "t.revpkg", base[:cut])
        assert outcome in {"Truncated", "NotAPackage"}, (cut, outcome)


def _split(data: bytes) -> tuple[dict[str, Any], bytes]:
    header_len = struct.unpack(">I", data[12:16])[0]
    return json.loads(data[16:16 + header_len]), data[16 + header_len:]


def _join(header_bytes: bytes, rest: bytes, base: bytes) -> bytes:
    return base[:12] + struct.pack(">I", len(header_bytes)) + header_bytes + rest


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.text(max_size=20),
    st.floats(allow_nan=False, allow_infinity=False), st.just(""),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                         max_size=2),
    st.just("A" * 70000), st.just(2**53), st.just(-1), st.just(10**400))
HEADER_KEYS = ["package_id", "aead", "segment_size", "manifest_length", "total_size",
               "organizer", "stanzas"]
STANZA_KEYS = ["type", "key_id", "ephemeral", "body", "salt", "memory_kib", "iterations",
               "lanes"]


@st.composite
def header_edits(draw: st.DrawFn, header: dict[str, Any]) -> bytes:
    header = json.loads(json.dumps(header))
    kind = draw(st.sampled_from(["set", "delete", "add", "stanza-set", "stanza-delete",
                                 "flood", "duplicate", "raw-number", "organizer"]))
    if kind == "set":
        header[draw(st.sampled_from(HEADER_KEYS))] = draw(JSON_VALUES)
    elif kind == "delete":
        del header[draw(st.sampled_from(HEADER_KEYS))]
    elif kind == "add":
        header[draw(st.text(min_size=1, max_size=8))] = draw(JSON_VALUES)
    elif kind == "stanza-set":
        stanza = header["stanzas"][draw(st.integers(0, len(header["stanzas"]) - 1))]
        stanza[draw(st.sampled_from(STANZA_KEYS))] = draw(JSON_VALUES)
    elif kind == "stanza-delete":
        stanza = header["stanzas"][draw(st.integers(0, len(header["stanzas"]) - 1))]
        stanza.pop(draw(st.sampled_from(STANZA_KEYS)), None)
    elif kind == "flood":
        count = draw(st.integers(1, 3000))
        header["stanzas"] += [draw(st.sampled_from(header["stanzas"] + [{"type": "x"}]))
                              ] * count
    elif kind == "organizer":
        header["organizer"][draw(st.sampled_from(["name", "public_key", "x"]))] = \
            draw(JSON_VALUES)
    encoded = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    if kind == "duplicate":
        key = draw(st.sampled_from(HEADER_KEYS))
        encoded = encoded[:-1] + b',"' + key.encode() + b'":' + \
            json.dumps(header[key]).encode() + b"}"
    if kind == "raw-number":
        key = draw(st.sampled_from(["segment_size", "manifest_length", "total_size"]))
        literal = draw(st.sampled_from([b"1e999", b"-0", b"1.0", b"NaN", b"Infinity",
                                        b"9" * 5000, b"0x10", b"01", b"-65536"]))
        encoded = encoded.replace(f'"{key}":{header[key]}'.encode(),
                                  f'"{key}":'.encode() + literal)
    return encoded


@SETTINGS
@given(data=st.data())
def test_header_edits_raise_documented_errors(base: bytes, tmp_path: Path,
                                              data: st.DataObject) -> None:
    header, rest = _split(base)
    encoded = data.draw(header_edits(header))
    keep_total = data.draw(st.booleans(), label="fix total_size")
    mutated = _join(encoded, rest, base)
    if keep_total and b'"total_size":' in encoded:
        # also try with a consistent total_size, so the edit reaches the later checks
        try:
            obj = json.loads(encoded)
            obj["total_size"] = len(mutated)
            for _ in range(3):
                encoded = json.dumps(obj, separators=(",", ":")).encode()
                obj["total_size"] = 16 + len(encoded) + len(rest)
            mutated = _join(encoded, rest, base)
        except (ValueError, TypeError, KeyError, RecursionError):
            pass
    if mutated == base:
        return
    assert _attempt(tmp_path / "h.revpkg", mutated) != "ok"


@SETTINGS
@given(data=st.data())
def test_random_splices(base: bytes, tmp_path: Path, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(base)))
    end = data.draw(st.integers(start, min(len(base), start + 200)))
    insert = data.draw(st.binary(max_size=64))
    mutated = base[:start] + insert + base[end:]
    if mutated == base:
        return
    assert _attempt(tmp_path / "s.revpkg", mutated) != "ok"


def test_huge_declared_lengths(base: bytes, tmp_path: Path) -> None:
    header, rest = _split(base)
    for key, value, expected in [("manifest_length", 2**53 - 1, LimitsExceeded),
                                 ("manifest_length", 64 * 2**20, Tampered),
                                 ("total_size", 2**53 - 1, Truncated),
                                 ("total_size", 2**60, LimitsExceeded)]:
        edited = {**header, key: value}
        mutated = _join(json.dumps(edited, separators=(",", ":")).encode(), rest, base)
        with pytest.raises(expected):
            open_package(_write(tmp_path, mutated), trusted_keys=None, x25519_key=RECIPIENT)
    mutated = base[:12] + struct.pack(">I", 2**32 - 1) + base[16:]
    with pytest.raises(LimitsExceeded):
        open_package(_write(tmp_path, mutated), trusted_keys=None, x25519_key=RECIPIENT)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "x.revpkg"
    path.write_bytes(data)
    return path


# --- validly signed, malformed manifests (a broken or hostile organizer) --------------

ORGANIZER = Ed25519PrivateKey.generate()


def _crafted(tmp_path: Path, manifest: bytes, members: list[bytes], **kw: Any) -> Path:
    return _write(tmp_path, craft(manifest, members, ORGANIZER,
                                  RECIPIENT.public_key().public_bytes_raw(), **kw))


def _manifest(**overrides: Any) -> dict[str, Any]:
    base = {"format": MANIFEST_FORMAT, "package_id": "00" * 16,
            "members": [{"id": 1, "name": "a", "media_type": "x/y", "length": 3,
                         "blake3": blake3.blake3(b"abc").hexdigest()}]}
    base.update(overrides)
    return base


def test_crafted_valid_package_opens(tmp_path: Path) -> None:
    path = _crafted(tmp_path, json.dumps(_manifest()).encode(), [b"abc"])
    with open_package(path, trusted_keys=None, x25519_key=RECIPIENT) as reader:
        assert reader.read_member(1) == b"abc"


@pytest.mark.parametrize("manifest", [
    b'{"format":"rvpkg-manifest/1","format":"rvpkg-manifest/1","package_id":"'
    + b"00" * 16 + b'","members":[]}',
    json.dumps(_manifest(format="other")).encode(),
    json.dumps(_manifest(package_id="11" * 16)).encode(),
    json.dumps(_manifest(members={})).encode(),
    json.dumps(_manifest(members=[{"id": 2, "name": "a", "media_type": "x", "length": 3,
                                   "blake3": "00" * 32}])).encode(),
    json.dumps(_manifest(members=[{"id": 1, "name": "a", "media_type": "x", "length": 4,
                                   "blake3": "00" * 32}])).encode(),
    json.dumps(_manifest(members=[{"id": 1, "name": "a", "media_type": "x", "length": 2,
                                   "blake3": "00" * 32}])).encode(),
    json.dumps(_manifest(members=[{"id": 1, "name": "a", "media_type": "x", "length": 3.0,
                                   "blake3": "00" * 32}])).encode(),
    json.dumps(_manifest(members=[{"id": 1, "name": "a", "media_type": "x", "length": 3,
                                   "blake3": "AB" * 32}])).encode(),
    json.dumps(_manifest(members=[{"id": 1, "name": "a", "media_type": "x", "length": 2**60,
                                   "blake3": "00" * 32}])).encode(),
    json.dumps(_manifest(members=[{"id": True, "name": "a", "media_type": "x", "length": 3,
                                   "blake3": "00" * 32}])).encode(),
    b"[1,2,3]", b"\xff\xfe{}", b'{"a":NaN}', b"[" * 5000 + b"]" * 5000,
], ids=lambda m: m[:40].decode("utf-8", "replace"))
def test_signed_but_malformed_manifests_are_refused(tmp_path: Path, manifest: bytes) -> None:
    path = _crafted(tmp_path, manifest, [b"abc"])
    with pytest.raises((Tampered, LimitsExceeded)):
        open_package(path, trusted_keys=None, x25519_key=RECIPIENT)


def test_member_count_limit(tmp_path: Path) -> None:
    members = [{"id": i, "name": "", "media_type": "", "length": 0,
                "blake3": blake3.blake3(b"").hexdigest()} for i in range(1, 100_002)]
    path = _crafted(tmp_path, json.dumps(_manifest(members=members)).encode(), [b""] * 10)
    with pytest.raises(LimitsExceeded):
        open_package(path, trusted_keys=None, x25519_key=RECIPIENT)


def test_low_order_ephemeral_is_refused(tmp_path: Path) -> None:
    path = _crafted(tmp_path, json.dumps(_manifest()).encode(), [b"abc"],
                    header_edit=lambda h: h["stanzas"][0].__setitem__(
                        "ephemeral", fmt.b64encode(bytes(32))))
    with pytest.raises(Tampered):
        open_package(path, trusted_keys=None, x25519_key=RECIPIENT)


def test_unknown_stanza_types_are_ignored(tmp_path: Path) -> None:
    path = _crafted(tmp_path, json.dumps(_manifest()).encode(), [b"abc"],
                    stanzas=[{"type": "future-kem", "anything": [1, 2]}])
    with open_package(path, trusted_keys=None, x25519_key=RECIPIENT) as reader:
        assert reader.read_member(1) == b"abc"


def test_two_passphrase_stanzas_are_refused(tmp_path: Path) -> None:
    extra = {"type": "argon2id", "salt": fmt.b64encode(bytes(16)), "memory_kib": 8192,
             "iterations": 1, "lanes": 1, "body": fmt.b64encode(bytes(48))}
    path = _crafted(tmp_path, json.dumps(_manifest()).encode(), [b"abc"],
                    stanzas=[extra, extra])
    with pytest.raises(Tampered):
        open_package(path, trusted_keys=None, x25519_key=RECIPIENT)


def test_truncated_member_with_last_flag_moved(tmp_path: Path) -> None:
    """Dropping a member's final segment and re-flagging is impossible without the key;
    dropping it outright changes the size, which the signed header pins."""
    content = os.urandom(3 * SEG)
    manifest = json.dumps(_manifest(members=[{
        "id": 1, "name": "a", "media_type": "x", "length": len(content),
        "blake3": blake3.blake3(content).hexdigest()}])).encode()
    data = _crafted(tmp_path, manifest, [content]).read_bytes()
    cut = data[:len(data) - (SEG + 16)]
    assert _attempt(tmp_path / "c.revpkg", cut) == "Truncated"


@pytest.mark.parametrize("size", [3 * SEG, 5 * 1024 * 1024 + 7])
def test_insider_reencrypted_member_is_refused(tmp_path: Path, size: int) -> None:
    """A recipient knows the file key, so it can re-encrypt a member with valid tags;
    only the organizer-signed digest catches it, on the small path and on the large
    one (mapped buffer, digest on a second thread)."""
    signed, served = os.urandom(size), bytearray(os.urandom(size))
    manifest = json.dumps(_manifest(members=[{
        "id": 1, "name": "a", "media_type": "x", "length": size,
        "blake3": blake3.blake3(signed).hexdigest()}])).encode()
    path = _crafted(tmp_path, manifest, [bytes(served)])
    with open_package(path, trusted_keys=None, x25519_key=RECIPIENT) as reader:
        with pytest.raises(Tampered, match="does not match its signed checksum"):
            reader.read_member_buffer(1)
        with pytest.raises(Tampered):
            reader.copy_member(1, io.BytesIO())


# --- long mode ----------------------------------------------------------------------

@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_deep_bit_flips(base: bytes, tmp_path: Path, data: st.DataObject) -> None:
    _flip_case(base, tmp_path, data, passphrase=False)


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_deep_header_edits(base: bytes, tmp_path: Path, data: st.DataObject) -> None:
    test_header_edits_raise_documented_errors.hypothesis.inner_test(base, tmp_path, data)


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_deep_splices(base: bytes, tmp_path: Path, data: st.DataObject) -> None:
    test_random_splices.hypothesis.inner_test(base, tmp_path, data)
