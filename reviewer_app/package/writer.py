"""Build a review package: one pass over each material, constant memory, atomic output.

The layout puts the manifest (which holds every material's digest) before the
materials, yet each material is read only once: the manifest's length does not
depend on the hash values (always 64 hex digits), so the writer reserves the
head of the file, streams the materials behind it while hashing and encrypting
them, and writes the preamble, header, signature and manifest last.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewer_app.atomic import atomic_output
from reviewer_app.package import format as fmt
from reviewer_app.package.errors import PackageWriteError
from reviewer_app.package.header import Header, pack_preamble
from reviewer_app.package.stanzas import (
    Argon2Params,
    Stanza,
    make_passphrase_stanza,
    make_x25519_stanza,
)

ProgressCallback = Callable[[int, int, str], None]
"""``progress(done, total, phase)``; phases: "keys", "encrypt", "finish" (see write_package)."""

# 64 segments per read: large enough that per-call overhead vanishes, small enough
# that three buffers in flight stay far below the memory budget.
CHUNK_SEGMENTS = 64
_PLACEHOLDER_DIGEST = "0" * (2 * fmt.MEMBER_DIGEST_SIZE)


@dataclass(frozen=True)
class MemberSource:
    """One material: a file streamed from disk, bytes already in memory, or bytes
    loaded into memory only when the writer reaches the member.

    Attributes:
        name: display name stored in the manifest (readers never use it as a path).
        media_type: e.g. ``application/pdf``.
        path: the file to stream; exactly one of ``path``, ``data`` and ``load`` is given.
        data: the content, for small generated members.
        load: returns the content (bytes-like; closed after use if it has ``close``,
            as an anonymous mapping does) when the writer gets to this member, so that
            only one such member is in memory at a time: materials taken from another,
            decrypted package never touch the disk. ``size`` is its length.
        size: with ``load``: the length the content must have.
        identity: (device, inode, size) of the file at ``path`` when it was checked
            (the intake's check); any other file found there is refused.
    """

    name: str
    media_type: str
    path: Path | None = None
    data: bytes | None = None
    identity: tuple[int, int, int] | None = None
    load: Callable[[], Any] | None = None
    size: int | None = None

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.path, self.data, self.load)) != 1:
            raise ValueError("a member source has exactly one of path, data and load")
        if (self.load is None) != (self.size is None):
            raise ValueError("a loaded member source states its size, and only it")


@dataclass(frozen=True)
class FixedRandomness:
    """Pinned values instead of fresh randomness: for test vectors only, never in use."""

    file_key: bytes
    package_id: bytes
    salt: bytes | None = None
    ephemeral_keys: tuple[bytes, ...] = field(default=())


@dataclass(frozen=True)
class PackageInfo:
    """What the writer produced (for the CLI's summary and the central DB)."""

    path: Path
    package_id: str
    manifest_sha256: str
    manifest_bytes: bytes
    size: int
    organizer_fingerprint: str


def _recipient_bytes(recipient: bytes | X25519PublicKey) -> bytes:
    if isinstance(recipient, X25519PublicKey):
        return recipient.public_bytes_raw()
    if isinstance(recipient, bytes | bytearray) and len(recipient) == 32:
        return bytes(recipient)
    raise PackageWriteError("a recipient must be a 32-byte x25519 public key")


def _member_lengths(members: Sequence[MemberSource]) -> list[int]:
    lengths = []
    for source in members:
        if source.data is not None:
            lengths.append(len(source.data))
            continue
        if source.size is not None:
            lengths.append(source.size)
            continue
        assert source.path is not None
        try:
            st = os.lstat(source.path)
        except OSError as exc:
            raise PackageWriteError(f"cannot read material {source.path}: "
                                    f"{exc.strerror or exc}") from exc
        if not stat.S_ISREG(st.st_mode):
            raise PackageWriteError(f"material {source.path} is not a regular file (a link, "
                                    "pipe or device is never packaged)")
        if source.identity is not None and (st.st_dev, st.st_ino, st.st_size) != source.identity:
            raise PackageWriteError(f"material {source.path} is not the file that was checked "
                                    "(replaced since): check the intake again")
        lengths.append(st.st_size)
    return lengths


def _open_material(path: Path, length: int,
                   identity: tuple[int, int, int] | None = None) -> BinaryIO:
    """Open a material without following a link, and make sure it is still the regular
    file of ``length`` bytes that was measured — and, with ``identity``, the very file
    that was checked (nothing swapped in since, not even through a folder above it)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise PackageWriteError(f"cannot read material {path}: {exc.strerror or exc}") from exc
    handle = os.fdopen(fd, "rb", buffering=0)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size != length or (
            identity is not None and (st.st_dev, st.st_ino, st.st_size) != identity):
        handle.close()
        raise PackageWriteError(f"material {path} changed while the package was written")
    return handle


def _check_text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise PackageWriteError(f"{what} must be a string of at most {limit} characters")
    return value


def _fixed_point_header(make: Callable[[int], Header], tail: int) -> tuple[Header, bytes]:
    """Find total_size such that total_size == 16 + len(header) + tail.

    total_size only grows between rounds (more digits, longer header), so this
    settles within a few rounds.
    """
    total = fmt.PREAMBLE_SIZE + tail
    for _ in range(32):
        header = make(total)
        encoded = header.to_json_bytes()
        needed = fmt.PREAMBLE_SIZE + len(encoded) + tail
        if needed == total:
            return header, encoded
        total = needed
    raise AssertionError("header size did not settle")  # pragma: no cover


class _Encryptor:
    """Streams members into the output while hashing on a second thread."""

    def __init__(self, out: BinaryIO, file_key: bytes, package_id: bytes,
                 progress: ProgressCallback | None, total: int) -> None:
        self._out = out
        self._file_key = file_key
        self._package_id = package_id
        self._progress = progress
        self._total = total
        self._done = 0
        chunk = CHUNK_SEGMENTS * fmt.SEGMENT_SIZE
        # Three input buffers: one being read, one or two still being hashed.
        self._inputs = [bytearray(chunk) for _ in range(3)]
        self._pending: list[Future[None] | None] = [None, None, None]
        self._output = bytearray(CHUNK_SEGMENTS * (fmt.SEGMENT_SIZE + fmt.TAG_SIZE))
        self._hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rvpkg-hash")

    def close(self) -> None:
        self._hasher.shutdown(wait=True, cancel_futures=True)

    def member(self, index: int, source: MemberSource, length: int) -> str:
        """Encrypt member ``index`` of ``length`` bytes; return its hex BLAKE3 digest."""
        aead = AESGCM(fmt.member_key(self._file_key, self._package_id, index))
        digest = fmt.member_hasher()
        if source.data is not None:
            self._encrypt_stream(aead, digest, _BytesReader(source.data), length, str(index))
        elif source.load is not None:
            content = source.load()
            try:
                if len(content) != length:
                    raise PackageWriteError(f"member {index} ({source.name}) is not the "
                                            f"{length} bytes it was said to be")
                self._encrypt_stream(aead, digest, _BytesReader(content), length,
                                     str(index))
            finally:
                close = getattr(content, "close", None)
                if close is not None:
                    close()
        else:
            assert source.path is not None
            handle = _open_material(source.path, length, source.identity)
            with handle:
                self._encrypt_stream(aead, digest, handle, length, str(source.path))
        for pending in self._pending:
            if pending is not None:
                pending.result()
        self._pending = [None, None, None]
        return digest.hexdigest()

    def _read_exact(self, handle: Any, view: memoryview, where: str) -> None:
        got = 0
        while got < len(view):
            try:
                n = handle.readinto(view[got:])
            except OSError as exc:
                raise PackageWriteError(f"cannot read material {where}: "
                                        f"{exc.strerror or exc}") from exc
            if not n:
                raise PackageWriteError(f"material {where} changed while it was being packed")
            got += n

    def _encrypt_stream(self, aead: AESGCM, digest: Any, handle: Any, length: int,
                        where: str) -> None:
        segments = fmt.segment_count(length)
        segment = 0
        remaining = length
        slot = 0
        out_view = memoryview(self._output)
        while segment < segments:
            take = min(remaining, CHUNK_SEGMENTS * fmt.SEGMENT_SIZE)
            pending = self._pending[slot]
            if pending is not None:
                pending.result()  # this buffer is still being hashed
            buffer = memoryview(self._inputs[slot])[:take]
            self._read_exact(handle, buffer, where)
            self._pending[slot] = self._hasher.submit(digest.update, buffer) if take else None
            written = 0
            position = 0
            while True:
                piece = min(fmt.SEGMENT_SIZE, take - position)
                last = segment == segments - 1
                aead.encrypt_into(fmt.segment_nonce(segment, last),
                                  buffer[position:position + piece], None,
                                  out_view[written:written + piece + fmt.TAG_SIZE])
                written += piece + fmt.TAG_SIZE
                position += piece
                segment += 1
                if position >= take or last:
                    break
            self._out.write(out_view[:written])
            remaining -= take
            self._done += take
            if self._progress is not None:
                self._progress(self._done, self._total, "encrypt")
            slot = (slot + 1) % 3
        if handle.readinto(bytearray(1)):
            raise PackageWriteError(f"material {where} changed while it was being packed")


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._view = memoryview(data)
        self._pos = 0

    def readinto(self, buffer: memoryview | bytearray) -> int:
        n = min(len(buffer), len(self._view) - self._pos)
        buffer[:n] = self._view[self._pos:self._pos + n]
        self._pos += n
        return n


def _encrypt_small(file_key: bytes, package_id: bytes, index: int, data: bytes) -> bytes:
    """Encrypt an in-memory member (the manifest) in one go."""
    aead = AESGCM(fmt.member_key(file_key, package_id, index))
    segments = fmt.segment_count(len(data))
    view = memoryview(data)
    return b"".join(
        aead.encrypt(fmt.segment_nonce(k, k == segments - 1),
                     view[k * fmt.SEGMENT_SIZE:(k + 1) * fmt.SEGMENT_SIZE], None)
        for k in range(segments))


def write_package(out_path: Path, manifest: Mapping[str, Any],
                  members: Sequence[MemberSource], *, organizer_key: Ed25519PrivateKey,
                  organizer_name: str, passphrase: str | None = None,
                  recipients: Sequence[bytes | X25519PublicKey] = (),
                  argon2: Argon2Params | None = None,
                  progress: ProgressCallback | None = None,
                  fixed: FixedRandomness | None = None,
                  package_id: bytes | None = None,
                  manifest_formats: tuple[str, ...] = fmt.MANIFEST_FORMATS) -> PackageInfo:
    """Write an RVPKG v1 package to ``out_path`` atomically.

    Args:
        manifest: the manifest without ``package_id`` and ``members``: the writer
            adds both (``members`` from ``members``, in order, ids 1..n). It must have
            ``"format": "rvpkg-manifest/1"`` and be JSON-serialisable without floats.
        members: the materials; member i of the package is ``members[i - 1]``.
        organizer_key: signs the package.
        organizer_name: shown to experts beside the key fingerprint.
        passphrase: adds an Argon2id stanza (NFC-normalised before use).
        recipients: raw 32-byte X25519 public keys of enrolled experts (one stanza each).
        argon2: Argon2id cost; the defaults are 65536 KiB, 3 iterations, 4 lanes.
        progress: called as ``progress(done, total, phase)`` with phase "keys" (0, 0)
            before the key wrapping (Argon2id takes about a second), "encrypt" after
            each chunk with plaintext bytes done and total, "finish" (total, total)
            before the final fsync.
        fixed: pinned randomness for test vectors only.
        package_id: the package id (16 bytes) the caller drew when the manifest
            depends on it (format 2: its seat keys are derived with it); fresh when None.
        manifest_formats: the formats this call may write (a photo package's writer
            passes ``PHOTOS_FORMAT``).

    Returns:
        A :class:`PackageInfo` describing the package written.

    Raises:
        PackageWriteError: invalid arguments, an unreadable material, a material
            that changed while it was read, a limit exceeded. Nothing is written.
        OSError: the output cannot be written (no partial file remains).
    """
    if passphrase is None and not recipients:
        raise PackageWriteError("a package needs a passphrase or at least one recipient")
    recipient_keys = [_recipient_bytes(r) for r in recipients]
    if (passphrase is not None) + len(recipient_keys) > fmt.MAX_STANZAS:
        raise PackageWriteError(f"at most {fmt.MAX_STANZAS} recipients in one package")
    if len(set(recipient_keys)) != len(recipient_keys):
        raise PackageWriteError("the same recipient is listed twice")
    if passphrase is not None and not passphrase:
        raise PackageWriteError("the passphrase is empty")
    _check_text(organizer_name, "organizer name", fmt.MAX_ORGANIZER_NAME)
    if len(members) > fmt.MAX_MEMBERS:
        raise PackageWriteError(f"{len(members)} materials, above the limit of "
                                f"{fmt.MAX_MEMBERS}")
    if "members" in manifest or "package_id" in manifest:
        raise PackageWriteError("the manifest given must not have members or package_id: "
                                "the writer adds them")
    if manifest.get("format") not in manifest_formats:
        raise PackageWriteError(f"the manifest format must be one of "
                                f"{', '.join(manifest_formats)}")
    if manifest["format"] != fmt.MANIFEST_FORMAT and manifest.get("suite") not in fmt.SUITES:
        raise PackageWriteError(f"a {manifest['format']} manifest needs a suite of "
                                f"{', '.join(fmt.SUITES)}")
    if manifest["format"] in fmt.SEAT_KEY_FORMATS and package_id is None and fixed is None:
        raise PackageWriteError(f"a {manifest['format']} manifest is bound to its "
                                "package id (its seat keys): pass the package_id it was "
                                "built for")
    if manifest["format"] in (fmt.MANIFEST_FORMAT_3, fmt.MANIFEST_FORMAT_4):
        try:
            if manifest["format"] == fmt.MANIFEST_FORMAT_3:
                fmt.return_recipient_key(manifest)
            else:
                fmt.check_manifest_4(manifest)
        except (fmt.FormatViolation, fmt.LimitViolation) as exc:
            raise PackageWriteError(str(exc)) from None
    if manifest["format"] == fmt.MANIFEST_FORMAT_5:
        try:
            fmt.second_round_section({**manifest, "package_id": None}, len(members))
        except fmt.FormatViolation as exc:
            raise PackageWriteError(str(exc)) from None
    if package_id is not None and (len(package_id) != 16 or (
            fixed is not None and fixed.package_id != package_id)):
        raise PackageWriteError("package_id must be 16 bytes (and agree with fixed randomness)")
    params = argon2 or Argon2Params()
    try:
        params.check()
    except ValueError as exc:
        raise PackageWriteError(str(exc)) from None
    for source in members:
        _check_text(source.name, "material name", 4096)
        _check_text(source.media_type, "media type", 255)

    if fixed is not None:
        file_key, package_id = fixed.file_key, fixed.package_id
        ephemerals = [X25519PrivateKey.from_private_bytes(k) for k in fixed.ephemeral_keys]
        if len(ephemerals) != len(recipient_keys):
            raise PackageWriteError("fixed randomness needs one ephemeral key per recipient")
    else:
        file_key, package_id = os.urandom(fmt.KEY_SIZE), package_id or os.urandom(16)
        ephemerals = [X25519PrivateKey.generate() for _ in recipient_keys]

    lengths = _member_lengths(members)
    entries = [{"id": i, "name": s.name, "media_type": s.media_type, "length": n,
                fmt.MEMBER_DIGEST_KEY: _PLACEHOLDER_DIGEST}
               for i, (s, n) in enumerate(zip(members, lengths, strict=True), start=1)]
    full_manifest = {**manifest, "package_id": package_id.hex(), "members": entries}
    try:
        manifest_bytes = fmt.dumps_compact(full_manifest)
    except (TypeError, ValueError) as exc:
        raise PackageWriteError(f"the manifest is not JSON-serialisable: {exc}") from None
    if _has_float(full_manifest):
        raise PackageWriteError("the manifest must not contain floating-point numbers")
    if len(manifest_bytes) > fmt.MAX_MANIFEST_LENGTH:
        raise PackageWriteError(f"the manifest is {len(manifest_bytes)} bytes, above the "
                                f"limit of {fmt.MAX_MANIFEST_LENGTH}")

    if progress is not None:
        progress(0, 0, "keys")
    stanzas: list[Stanza] = []
    if passphrase is not None:
        stanzas.append(make_passphrase_stanza(passphrase, file_key, package_id, params,
                                              fixed.salt if fixed else None))
    stanzas.extend(make_x25519_stanza(r, file_key, package_id, e)
                   for r, e in zip(recipient_keys, ephemerals, strict=True))

    organizer_public = organizer_key.public_key().public_bytes_raw()
    members_size = sum(fmt.ciphertext_length(n) for n in lengths)
    tail = fmt.SIGNATURE_SIZE + fmt.ciphertext_length(len(manifest_bytes)) + members_size
    header, header_bytes = _fixed_point_header(
        lambda total: Header(package_id, len(manifest_bytes), total, organizer_name,
                             organizer_public, tuple(stanzas)), tail)
    if len(header_bytes) > fmt.MAX_HEADER_LEN:
        raise PackageWriteError("the header is too large (too many recipients?)")
    if header.total_size > fmt.MAX_JSON_INT:  # pragma: no cover - 8 PiB
        raise PackageWriteError("the package would be too large")
    head = pack_preamble(len(header_bytes)) + header_bytes
    members_offset = len(head) + fmt.SIGNATURE_SIZE + fmt.ciphertext_length(len(manifest_bytes))

    total_plain = sum(lengths)
    out_path = Path(out_path)
    with atomic_output(out_path) as out:
        encryptor = _Encryptor(out, file_key, package_id, progress, total_plain)
        try:
            out.seek(members_offset)
            for i, (source, n) in enumerate(zip(members, lengths, strict=True), start=1):
                entries[i - 1][fmt.MEMBER_DIGEST_KEY] = encryptor.member(i, source, n)
        finally:
            encryptor.close()
        final_manifest = fmt.dumps_compact(full_manifest)
        if len(final_manifest) != len(manifest_bytes):  # pragma: no cover - invariant
            raise AssertionError("manifest length changed after hashing")
        signature = organizer_key.sign(fmt.signature_message(head, final_manifest))
        out.seek(0)
        out.write(head)
        out.write(signature)
        out.write(_encrypt_small(file_key, package_id, 0, final_manifest))
        if out.tell() != members_offset:  # pragma: no cover - invariant
            raise AssertionError("head size mismatch")
        out.seek(0, os.SEEK_END)
        if out.tell() != header.total_size:  # pragma: no cover - invariant
            raise AssertionError("total size mismatch")
        if progress is not None:
            progress(total_plain, total_plain, "finish")
    return PackageInfo(out_path, package_id.hex(), hashlib.sha256(final_manifest).hexdigest(),
                       final_manifest, header.total_size, fmt.fingerprint(organizer_public))


def _has_float(obj: Any) -> bool:
    if isinstance(obj, float):
        return True
    if isinstance(obj, dict):
        return any(_has_float(v) for v in obj.values())
    if isinstance(obj, list | tuple):
        return any(_has_float(v) for v in obj)
    return False
