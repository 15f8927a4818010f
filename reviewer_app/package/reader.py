"""Open a review package and read its materials with random access.

Every check of formats.md §1.9 runs in :func:`open_package` before it returns;
afterwards a material's bytes are only handed out once all of its segments
authenticate and its BLAKE3 digest and length match the signed manifest.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import mmap
import os
import threading
from collections.abc import Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewer_app.package import format as fmt
from reviewer_app.package.errors import (
    LimitsExceeded,
    NotAPackage,
    NotForThisKey,
    Tampered,
    Truncated,
    UnsupportedVersion,
    UntrustedOrganizer,
    WrongPassphrase,
)
from reviewer_app.package.format import FormatViolation, LimitViolation
from reviewer_app.package.header import Header, parse_header
from reviewer_app.package.stanzas import (
    AllZeroSharedSecret,
    PassphraseStanza,
    X25519Stanza,
    argon2_wrap_key,
    unwrap,
    x25519_exchange,
    x25519_wrap_key,
)

CHUNK_SEGMENTS = 64
_CHUNK_CIPHERTEXT = CHUNK_SEGMENTS * (fmt.SEGMENT_SIZE + fmt.TAG_SIZE)
SUBKEY_INFO_PREFIX = b"RVPKG1 subkey"
# Below this a second thread costs more than it saves.
_PARALLEL_HASH_MIN = 4 * 1024 * 1024
# From this size a material is returned in its own anonymous mapping (see
# _plaintext_buffer); smaller ones in a bytearray.
_MAPPED_BUFFER_MIN = 2 * 1024 * 1024

PlaintextBuffer = bytearray | mmap.mmap


@dataclass(frozen=True)
class MemberInfo:
    """One material as the signed manifest describes it."""

    id: int
    name: str
    media_type: str
    length: int
    blake3: str  # hex BLAKE3-256 of the plaintext, as signed
    offset: int  # of its first segment in the file


# --- low-level file access -------------------------------------------------------

class _File:
    """Positional reads, safe from several threads at once."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._lock = threading.Lock()
        try:
            self.size = os.fstat(self._fd).st_size
        except OSError:
            os.close(self._fd)
            raise

    def read(self, offset: int, n: int, what: str) -> bytes:
        """Exactly ``n`` bytes at ``offset``, or Truncated."""
        parts = []
        got = 0
        while got < n:
            if hasattr(os, "pread"):
                piece = os.pread(self._fd, n - got, offset + got)
            else:  # Windows has no pread: serialise seek + read
                with self._lock:
                    os.lseek(self._fd, offset + got, os.SEEK_SET)
                    piece = os.read(self._fd, n - got)
            if not piece:
                raise Truncated(f"the file ends inside the {what}")
            parts.append(piece)
            got += len(piece)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def read_into(self, offset: int, view: memoryview, what: str) -> None:
        """Fill ``view`` from ``offset`` (no allocation where the OS has preadv)."""
        if not hasattr(os, "preadv"):
            view[:] = self.read(offset, len(view), what)
            return
        got = 0
        while got < len(view):
            n = os.preadv(self._fd, [view[got:]], offset + got)
            if not n:
                raise Truncated(f"the file ends inside the {what}")
            got += n

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _plaintext_buffer(length: int) -> PlaintextBuffer:
    """Memory for one material's plaintext.

    A large material gets an anonymous mapping rather than a ``bytearray``: with
    transparent huge pages requested the kernel backs it with 2 MiB pages, so
    filling 200 MiB costs about a hundred page faults instead of fifty thousand
    (measured: 10 ms against 80 ms), and it is excluded from core dumps, which
    would otherwise carry confidential materials to wherever crash reports go.
    """
    if length < _MAPPED_BUFFER_MIN:
        return bytearray(length)
    if hasattr(mmap, "MAP_PRIVATE"):
        # Private: a shared anonymous mapping is shmem, which gets no huge pages.
        buffer = mmap.mmap(-1, length, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    else:  # Windows: anonymous memory backed by the paging file
        buffer = mmap.mmap(-1, length)
    for advice in ("MADV_HUGEPAGE", "MADV_DONTDUMP"):
        if hasattr(mmap, advice) and hasattr(buffer, "madvise"):
            # Advice only: kernels without huge pages or this flag refuse it harmlessly.
            with contextlib.suppress(OSError):
                buffer.madvise(getattr(mmap, advice))
    return buffer


# --- trust ----------------------------------------------------------------------

def _normalise_trusted(keys: Collection[bytes | str]) -> tuple[set[bytes], set[str]]:
    raw: set[bytes] = set()
    fingerprints: set[str] = set()
    for key in keys:
        if isinstance(key, bytes | bytearray):
            if len(key) != 32:
                raise ValueError("a trusted organizer key has 32 bytes")
            raw.add(bytes(key))
            continue
        if not isinstance(key, str):
            raise TypeError("trusted organizer keys are bytes or str")
        compact = key.replace(" ", "").strip()
        if len(compact) == 32 and all(c in "0123456789abcdefABCDEF" for c in compact):
            fingerprints.add(compact.upper())
            continue
        try:
            decoded = base64.b64decode(key.strip(), validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) != 32:
            raise ValueError(f"not an organizer key or fingerprint: {key[:60]!r}")
        raw.add(decoded)
    return raw, fingerprints


def _is_trusted(public_key: bytes, keys: Collection[bytes | str]) -> bool:
    raw, fingerprints = _normalise_trusted(keys)
    return public_key in raw or fmt.fingerprint(public_key).replace(" ", "") in fingerprints


# --- the reader ------------------------------------------------------------------

class PackageReader:
    """An opened, authenticated package. Create it with :func:`open_package`.

    Safe to use from several threads at once. Use it as a context manager or
    call :meth:`close` to release the file and forget the key.
    """

    def __init__(self, path: Path, file: _File, header: Header, file_key: bytes,
                 manifest_bytes: bytes, manifest: dict[str, Any],
                 members: tuple[MemberInfo, ...]) -> None:
        self.path = path
        self._file = file
        self._header = header
        self._file_key = bytearray(file_key)
        self._manifest_bytes = manifest_bytes
        self._manifest = manifest
        self._members = members
        self._hasher: ThreadPoolExecutor | None = None
        self._hasher_lock = threading.Lock()
        self._closed = False

    # --- what the package says -------------------------------------------------
    @property
    def manifest(self) -> dict[str, Any]:
        """The parsed manifest (treat as read-only)."""
        return self._manifest

    @property
    def manifest_bytes(self) -> bytes:
        """The manifest plaintext exactly as signed."""
        return self._manifest_bytes

    @property
    def manifest_sha256(self) -> str:
        """Hex SHA-256 of the manifest plaintext: what score sheets bind to."""
        return hashlib.sha256(self._manifest_bytes).hexdigest()

    @property
    def package_id(self) -> str:
        """32 lowercase hex digits."""
        return self._header.package_id.hex()

    @property
    def organizer_name(self) -> str:
        return self._header.organizer_name

    @property
    def organizer_public_key(self) -> bytes:
        """The organizer's raw 32-byte Ed25519 public key."""
        return self._header.organizer_key

    @property
    def organizer_public_key_b64(self) -> str:
        return fmt.b64encode(self._header.organizer_key)

    @property
    def organizer_fingerprint(self) -> str:
        return fmt.fingerprint(self._header.organizer_key)

    @property
    def size(self) -> int:
        return self._header.total_size

    @property
    def members(self) -> tuple[MemberInfo, ...]:
        """Materials 1..n in file order (``members[i - 1]`` is member i)."""
        return self._members

    def member(self, member_id: int) -> MemberInfo:
        """The manifest entry of a material; KeyError for an unknown id."""
        if type(member_id) is not int or not 1 <= member_id <= len(self._members):
            raise KeyError(f"no material {member_id!r} in this package")
        return self._members[member_id - 1]

    # --- keys ------------------------------------------------------------------
    def derive_subkey(self, info: bytes, length: int = 32) -> bytes:
        """HKDF-SHA256(file key, salt = package_id, info = "RVPKG1 subkey" || info).

        For keys bound to this package (the expert's encrypted workspace); the
        file key itself never leaves the reader.
        """
        if not isinstance(info, bytes) or not info:
            raise ValueError("a subkey needs a non-empty info label")
        if not 16 <= length <= 64:
            raise ValueError("subkey length must be 16..64 bytes")
        return fmt.hkdf_sha256(bytes(self._key()), self._header.package_id,
                               SUBKEY_INFO_PREFIX + info, length)

    def _key(self) -> bytearray:
        if self._closed:
            raise ValueError("the package reader is closed")
        return self._file_key

    # --- materials ---------------------------------------------------------------
    def read_member(self, member_id: int) -> bytes:
        """The authenticated plaintext of one material, decrypting only its segments.

        Holds the material twice for a moment (``bytes`` is immutable); for very
        large materials use :meth:`read_member_buffer` or :meth:`copy_member`.

        Raises:
            KeyError: no such member id.
            Tampered: a segment fails authentication, or the SHA-256 or length differs
                from the signed manifest.
            Truncated: the file was cut short after it was opened.
        """
        buffer = self.read_member_buffer(member_id)
        try:
            return bytes(buffer)
        finally:
            if isinstance(buffer, mmap.mmap):
                buffer.close()

    def read_member_buffer(self, member_id: int) -> PlaintextBuffer:
        """As :meth:`read_member`, without the final copy: a fresh writable buffer
        that belongs to the caller.

        Large materials come in an anonymous memory mapping (``mmap.mmap``; supports
        ``len``, slicing, ``memoryview`` and ``bytes()``), small ones in a
        ``bytearray``. Closing the mapping returns its memory at once.
        """
        info = self.member(member_id)
        out = _plaintext_buffer(info.length)
        view = memoryview(out)
        digest = fmt.member_hasher()
        # The digest runs on a second core while this thread decrypts the next chunk.
        futures: list[Future[object]] = []
        hasher = self._hash_executor() if info.length >= _PARALLEL_HASH_MIN else None
        try:
            for start, end in self._decrypt_chunks(info, view):
                if hasher is not None:
                    futures.append(hasher.submit(digest.update, view[start:end]))
                else:
                    digest.update(view[start:end])
        finally:
            for future in futures:
                future.result()
            del futures
        self._check_digest(info, digest)
        view.release()
        return out

    def copy_member(self, member_id: int, out: BinaryIO) -> None:
        """Stream one material into ``out`` (for large materials and audit extraction).

        Each chunk written has authenticated (AES-GCM) under the package key, but the
        SHA-256 against the signed manifest is known only at the end: when this raises,
        the caller MUST discard everything written to ``out`` (write to a temporary
        file and keep it only if this returns, e.g. with ``reviewer_app.atomic``).

        Raises:
            KeyError, Tampered, Truncated: as :meth:`read_member`.
            OSError: writing to ``out`` failed.
        """
        info = self.member(member_id)
        buffer = bytearray(CHUNK_SEGMENTS * fmt.SEGMENT_SIZE)
        view = memoryview(buffer)
        digest = fmt.member_hasher()
        for _, chunk_view in self._decrypt_chunks_reusing(info, view):
            digest.update(chunk_view)
            out.write(chunk_view)
        self._check_digest(info, digest)

    def iter_members(self) -> Iterator[MemberInfo]:
        return iter(self._members)

    def _check_digest(self, info: MemberInfo, digest: Any) -> None:
        if digest.hexdigest() != info.blake3:
            raise Tampered(f"material {info.id} ({info.name}) does not match its signed "
                           "checksum")

    def _hash_executor(self) -> ThreadPoolExecutor:
        with self._hasher_lock:
            if self._hasher is None:
                self._hasher = ThreadPoolExecutor(max_workers=1,
                                                  thread_name_prefix="rvpkg-hash")
            return self._hasher

    def _segments(self, info: MemberInfo) -> Iterator[tuple[int, int, int]]:
        """(first segment, segment count, ciphertext bytes) per chunk of the member."""
        total = fmt.segment_count(info.length)
        first = 0
        while first < total:
            count = min(CHUNK_SEGMENTS, total - first)
            plain = min(info.length - first * fmt.SEGMENT_SIZE, count * fmt.SEGMENT_SIZE)
            yield first, count, plain + count * fmt.TAG_SIZE
            first += count

    def _decrypt_chunk(self, aead: AESGCM, info: MemberInfo, first: int, count: int,
                       ct_len: int, out: memoryview, scratch: memoryview) -> int:
        """Decrypt ``count`` segments from ``first`` into ``out``; return plaintext bytes."""
        total = fmt.segment_count(info.length)
        offset = info.offset + first * (fmt.SEGMENT_SIZE + fmt.TAG_SIZE)
        data = scratch[:ct_len]
        self._file.read_into(offset, data, f"material {info.id}")
        pos = written = 0
        for k in range(first, first + count):
            seg_ct = min(fmt.SEGMENT_SIZE + fmt.TAG_SIZE, ct_len - pos)
            try:
                aead.decrypt_into(fmt.segment_nonce(k, k == total - 1),
                                  data[pos:pos + seg_ct], None,
                                  out[written:written + seg_ct - fmt.TAG_SIZE])
            except InvalidTag:
                raise Tampered(f"material {info.id} ({info.name}) failed authentication "
                               f"at segment {k}") from None
            pos += seg_ct
            written += seg_ct - fmt.TAG_SIZE
        return written

    def _member_aead(self, info: MemberInfo) -> AESGCM:
        return AESGCM(fmt.member_key(bytes(self._key()), self._header.package_id, info.id))

    def _decrypt_chunks(self, info: MemberInfo, out: memoryview) -> Iterator[tuple[int, int]]:
        aead = self._member_aead(info)
        scratch = memoryview(bytearray(min(_CHUNK_CIPHERTEXT, fmt.ciphertext_length(info.length))))
        for first, count, ct_len in self._segments(info):
            start = first * fmt.SEGMENT_SIZE
            written = self._decrypt_chunk(aead, info, first, count, ct_len, out[start:],
                                          scratch)
            yield start, start + written

    def _decrypt_chunks_reusing(self, info: MemberInfo,
                                buffer: memoryview) -> Iterator[tuple[int, memoryview]]:
        aead = self._member_aead(info)
        scratch = memoryview(bytearray(min(_CHUNK_CIPHERTEXT, fmt.ciphertext_length(info.length))))
        for first, count, ct_len in self._segments(info):
            written = self._decrypt_chunk(aead, info, first, count, ct_len, buffer, scratch)
            yield first * fmt.SEGMENT_SIZE, buffer[:written]

    # --- lifetime ----------------------------------------------------------------
    def close(self) -> None:
        """Release the file and overwrite the key in memory (best effort in Python)."""
        self._closed = True
        fmt.wipe(self._file_key)
        self._file.close()
        with self._hasher_lock:
            if self._hasher is not None:
                self._hasher.shutdown(wait=True)
                self._hasher = None

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- opening ----------------------------------------------------------------------

def looks_like_package(path: Path) -> bool:
    """Whether the file starts with the package signature bytes.

    A cheap look before the desk asks for a passphrase and seat code: a PDF or a
    spreadsheet picked by mistake is named as such at once. Opening still checks
    everything else.

    Raises:
        OSError: the file cannot be read.
    """
    with open(path, "rb") as file:
        return file.read(len(fmt.MAGIC)) == fmt.MAGIC


def _read_preamble(file: _File) -> int:
    """Check the preamble; return header_len."""
    head = file.read(0, min(fmt.PREAMBLE_SIZE, file.size), "preamble") if file.size else b""
    if len(head) < len(fmt.MAGIC):
        if head and fmt.MAGIC.startswith(head):
            raise Truncated(f"the file has only {len(head)} bytes")
        raise NotAPackage("it does not start with the review package signature bytes")
    if head[:8] != fmt.MAGIC:
        raise NotAPackage("it does not start with the review package signature bytes")
    if len(head) >= 10:
        version = int.from_bytes(head[8:10], "big")
        if version != fmt.VERSION:
            raise UnsupportedVersion(f"format version {version}, this reader knows 1")
    if len(head) < fmt.PREAMBLE_SIZE:
        raise Truncated(f"the file has only {len(head)} bytes")
    _, _, flags, header_len = fmt.PREAMBLE.unpack(head)
    if flags != 0:
        raise UnsupportedVersion(f"unknown feature flags {flags:#06x}")
    if header_len > fmt.MAX_HEADER_LEN:
        raise LimitsExceeded(f"header of {header_len} bytes (limit {fmt.MAX_HEADER_LEN})")
    if header_len < 2:
        raise Tampered(f"header of {header_len} bytes")
    return header_len


def _unwrap_file_key(header: Header, passphrase: str | None,
                     x25519_key: X25519PrivateKey | None) -> bytes:
    tried_passphrase = False
    if x25519_key is not None:
        own = x25519_key.public_key().public_bytes_raw()
        own_id = fmt.key_id(own)
        for stanza in header.stanzas:
            if not isinstance(stanza, X25519Stanza) or stanza.key_id != own_id:
                continue
            try:
                shared = x25519_exchange(x25519_key, stanza.ephemeral)
                wrap_key = x25519_wrap_key(shared, stanza.ephemeral, own)
            except AllZeroSharedSecret:
                raise Tampered("a recipient stanza has an invalid ephemeral key") from None
            file_key = unwrap(wrap_key, stanza.body, header.package_id)
            if file_key is not None:
                return file_key
    if passphrase is not None:
        for stanza in header.stanzas:
            if isinstance(stanza, PassphraseStanza):
                tried_passphrase = True
                wrap_key = argon2_wrap_key(passphrase, stanza.salt, stanza.params)
                file_key = unwrap(wrap_key, stanza.body, header.package_id)
                if file_key is not None:
                    return file_key
    if tried_passphrase:
        raise WrongPassphrase("check the passphrase you received with the package")
    if passphrase is not None and x25519_key is None:
        raise NotForThisKey("it opens only with an enrolled expert key, not a passphrase")
    raise NotForThisKey("no recipient entry matches your key")


def _decrypt_manifest(file: _File, header: Header, file_key: bytes, offset: int) -> bytes:
    length = header.manifest_length
    aead = AESGCM(fmt.member_key(file_key, header.package_id, 0))
    data = memoryview(file.read(offset, fmt.ciphertext_length(length), "manifest"))
    out = bytearray(length)
    segments = fmt.segment_count(length)
    step = fmt.SEGMENT_SIZE + fmt.TAG_SIZE
    for k in range(segments):
        piece = data[k * step:(k + 1) * step]
        try:
            aead.decrypt_into(fmt.segment_nonce(k, k == segments - 1), piece, None,
                              memoryview(out)[k * fmt.SEGMENT_SIZE:
                                              k * fmt.SEGMENT_SIZE + len(piece) - fmt.TAG_SIZE])
        except InvalidTag:
            raise Tampered("the table of contents failed authentication") from None
    return bytes(out)


_MEMBER_KEYS = ("id", "name", "media_type", "length", fmt.MEMBER_DIGEST_KEY)


def _parse_members(manifest: Any, header: Header, members_offset: int,
                   formats: tuple[str, ...] = fmt.MANIFEST_FORMATS) -> tuple[MemberInfo, ...]:
    if not isinstance(manifest, dict):
        raise FormatViolation("manifest is not a JSON object")
    if manifest.get("format") not in formats:
        raise FormatViolation(f"manifest format is not {' or '.join(formats)}")
    if manifest["format"] != fmt.MANIFEST_FORMAT:
        suite = manifest.get("suite")
        if not isinstance(suite, str):
            raise FormatViolation(f"a {manifest['format']} manifest names no suite")
        if suite not in fmt.SUITES:
            raise fmt.UnknownSuite(f"algorithm suite {suite[:64]!r}; this reader knows "
                                   f"{', '.join(fmt.SUITES)}")
    if manifest["format"] == fmt.MANIFEST_FORMAT_3:
        fmt.return_recipient_key(manifest)
    if manifest["format"] == fmt.MANIFEST_FORMAT_4:
        fmt.check_manifest_4(manifest)
    if manifest["format"] == fmt.MANIFEST_FORMAT_5:
        members_listed = manifest.get("members")
        fmt.second_round_section(manifest, len(members_listed)
                                 if isinstance(members_listed, list) else 0)
    if manifest.get("package_id") != header.package_id.hex():
        raise FormatViolation("manifest package_id differs from the header")
    entries = manifest.get("members")
    if not isinstance(entries, list):
        raise FormatViolation("manifest members is not a list")
    if len(entries) > fmt.MAX_MEMBERS:
        raise LimitViolation(f"{len(entries)} materials, above the limit of {fmt.MAX_MEMBERS}")
    members = []
    offset = members_offset
    for position, entry in enumerate(entries, start=1):
        where = f"manifest member {position}"
        if not isinstance(entry, dict) or any(k not in entry for k in _MEMBER_KEYS):
            raise FormatViolation(f"{where} lacks {', '.join(_MEMBER_KEYS)}")
        if fmt.json_int(entry["id"], f"{where} id", 1, fmt.MAX_MEMBERS) != position:
            raise FormatViolation(f"{where} has id {entry['id']}")
        length = fmt.json_int(entry["length"], f"{where} length", 0, fmt.MAX_JSON_INT)
        digest = entry[fmt.MEMBER_DIGEST_KEY]
        fmt.hex_exact(digest, fmt.MEMBER_DIGEST_SIZE, f"{where} {fmt.MEMBER_DIGEST_KEY}")
        if not isinstance(entry["name"], str) or not isinstance(entry["media_type"], str):
            raise FormatViolation(f"{where} name or media_type is not a string")
        members.append(MemberInfo(position, entry["name"], entry["media_type"], length,
                                  digest, offset))
        offset += fmt.ciphertext_length(length)
        if offset > header.total_size:
            raise FormatViolation("the materials listed do not fit in the file")
    if offset != header.total_size:
        raise FormatViolation(f"{header.total_size - offset} bytes after the last material")
    return tuple(members)


def open_package(path: Path, *, trusted_keys: Collection[bytes | str] | None,
                 passphrase: str | None = None,
                 x25519_key: X25519PrivateKey | bytes | None = None,
                 manifest_formats: tuple[str, ...] = fmt.MANIFEST_FORMATS) -> PackageReader:
    """Open and fully authenticate a package.

    Args:
        trusted_keys: organizer keys the caller trusts, each as 32 raw bytes, base64
            of them, or a fingerprint (spaces optional). ``None`` explicitly accepts
            any organizer whose signature is valid (the secretariat's own tools).
            An empty collection trusts nobody.
        passphrase: tried against the passphrase stanza (NFC-normalised).
        x25519_key: an enrolled expert's X25519 private key (object or 32 raw bytes).
        manifest_formats: the manifest formats accepted; a photo package's reader
            (``sheets.photos``) asks for ``PHOTOS_FORMAT`` instead of review packages.

    Raises:
        NotAPackage, UnsupportedVersion, LimitsExceeded, Truncated, WrongPassphrase,
        NotForThisKey, Tampered: see docs/formats.md §1.9 for when each is raised.
        UntrustedOrganizer: everything verified but the organizer key is not in
            ``trusted_keys``; the exception carries its fingerprint and public key.
        OSError: the file cannot be opened or read.
        ValueError: no credentials given, or a malformed ``trusted_keys`` entry.
    """
    if passphrase is None and x25519_key is None:
        raise ValueError("open_package needs a passphrase or an x25519 key")
    if isinstance(x25519_key, bytes | bytearray):
        x25519_key = X25519PrivateKey.from_private_bytes(bytes(x25519_key))
    if trusted_keys is not None:
        _normalise_trusted(trusted_keys)  # reject malformed entries before any work
    path = Path(path)
    file = _File(path)
    try:
        return _open(path, file, trusted_keys, passphrase, x25519_key, manifest_formats)
    except BaseException:
        file.close()
        raise


def _open(path: Path, file: _File, trusted_keys: Collection[bytes | str] | None,
          passphrase: str | None, x25519_key: X25519PrivateKey | None,
          formats: tuple[str, ...]) -> PackageReader:
    header_len = _read_preamble(file)
    head = file.read(0, fmt.PREAMBLE_SIZE + header_len, "header")
    try:
        header = parse_header(head[fmt.PREAMBLE_SIZE:])
    except LimitViolation as exc:
        raise LimitsExceeded(str(exc)) from None
    except FormatViolation as exc:
        raise Tampered(str(exc)) from None
    manifest_offset = len(head) + fmt.SIGNATURE_SIZE
    members_offset = manifest_offset + fmt.ciphertext_length(header.manifest_length)
    if members_offset > header.total_size:
        raise Tampered("the declared sizes are inconsistent")
    if file.size < header.total_size:
        raise Truncated(f"the file has {file.size} of {header.total_size} bytes")
    if file.size > header.total_size:
        raise Tampered(f"{file.size - header.total_size} unexpected bytes at the end")

    file_key = _unwrap_file_key(header, passphrase, x25519_key)
    signature = file.read(len(head), fmt.SIGNATURE_SIZE, "signature")
    manifest_bytes = _decrypt_manifest(file, header, file_key, manifest_offset)
    try:
        Ed25519PublicKey.from_public_bytes(header.organizer_key).verify(
            signature, fmt.signature_message(head, manifest_bytes))
    except (InvalidSignature, ValueError):
        raise Tampered("the organizer signature does not match") from None
    try:
        manifest = fmt.loads_strict(manifest_bytes, "manifest")
        members = _parse_members(manifest, header, members_offset, formats)
    except LimitViolation as exc:
        raise LimitsExceeded(str(exc)) from None
    except FormatViolation as exc:
        raise Tampered(str(exc)) from None
    except fmt.UnknownSuite as exc:
        raise UnsupportedVersion(str(exc)) from None
    if trusted_keys is not None and not _is_trusted(header.organizer_key, trusted_keys):
        raise UntrustedOrganizer(
            f"{header.organizer_name or 'unnamed organizer'}, fingerprint "
            f"{fmt.fingerprint(header.organizer_key)}",
            fingerprint=fmt.fingerprint(header.organizer_key),
            public_key=fmt.b64encode(header.organizer_key),
            public_key_raw=header.organizer_key, organizer_name=header.organizer_name)
    return PackageReader(path, file, header, file_key, manifest_bytes, manifest, members)
