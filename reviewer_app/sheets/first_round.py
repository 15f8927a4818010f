"""A seat's own first-round scores, sealed so that only that seat can read them
(docs/formats.md §1.8.4, "first-round members").

A second-round package (manifest format 5) is opened with one package passphrase
that every expert of the panel holds; its members are therefore readable by all of
them. Each seat's first-round scores travel in a member of their own, encrypted
once more with a key derived from that seat's NEW seat code — printed on that
expert's letter alone — and the package id::

    key   = HKDF-SHA256(ikm  = ASCII of the canonical seat code,
                        salt = the 16 package id bytes,
                        info = "RVROUND2 first-round " || UTF-8(seat id))   32 bytes
    nonce = 12 zero bytes (each key seals exactly one plaintext)
    aad   = "RVROUND2 first-round" || package id bytes || UTF-8(seat id)
    sealed member = AES-256-GCM(key, nonce, plaintext, aad)   (ciphertext || 16-byte tag)

The plaintext is the canonical JSON (sorted keys, no blanks, UTF-8) of::

    {"format": "reviewer-app/first-round/1", "seat_id": ..., "first_round_package_id":
     ..., "projects": [{"project_id", "scores": {criterion: decimal string},
     "total": decimal string}, ...]}

The info string differs from the seat key's ("RVSEATKEY2 "), so the two keys derived
from one seat code are independent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.seat_codes import canonical_seat_code
from reviewer_app.package.format import hkdf_sha256

FIRST_ROUND_FORMAT = "reviewer-app/first-round/1"
FIRST_ROUND_INFO = b"RVROUND2 first-round "
FIRST_ROUND_AAD = b"RVROUND2 first-round"
FIRST_ROUND_MEDIA_TYPE = "application/vnd.reviewer-app.first-round+aes256gcm"
NONCE = bytes(12)
MAX_SEALED = 1024 * 1024


class FirstRoundError(ValueError):
    """The sealed member does not open with this seat code, or is not what it claims."""


@dataclass(frozen=True)
class OwnScore:
    """One project as this seat scored it in the first round."""

    project_id: str
    scores: Mapping[str, Decimal]
    total: Decimal


@dataclass(frozen=True)
class OwnFirstRound:
    seat_id: str
    first_round_package_id: str
    projects: tuple[OwnScore, ...]

    def get(self, project_id: str) -> OwnScore | None:
        return next((p for p in self.projects if p.project_id == project_id), None)


def first_round_key(seat_code: str, package_id: str, seat_id: str) -> bytes:
    """The 32-byte AES key of ``seat_id``'s member in package ``package_id`` (hex).

    Raises:
        SeatCodeError: the seat code cannot be canonicalised.
        ValueError: the package id is not 32 hex digits.
    """
    salt = bytes.fromhex(package_id)
    if len(salt) != 16:
        raise ValueError("a package id is 16 bytes")
    code = canonical_seat_code(seat_code).encode("ascii")
    return hkdf_sha256(code, salt, FIRST_ROUND_INFO + seat_id.encode("utf-8"))


def _aad(package_id: str, seat_id: str) -> bytes:
    return FIRST_ROUND_AAD + bytes.fromhex(package_id) + seat_id.encode("utf-8")


def plaintext(own: OwnFirstRound) -> bytes:
    document = {"format": FIRST_ROUND_FORMAT, "seat_id": own.seat_id,
                "first_round_package_id": own.first_round_package_id,
                "projects": [{"project_id": p.project_id,
                              "scores": {c: decimal_str(v) for c, v in p.scores.items()},
                              "total": decimal_str(p.total)} for p in own.projects]}
    return json.dumps(document, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def seal(own: OwnFirstRound, seat_code: str, package_id: str) -> bytes:
    """The sealed member of ``own.seat_id`` for package ``package_id``."""
    key = first_round_key(seat_code, package_id, own.seat_id)
    return AESGCM(key).encrypt(NONCE, plaintext(own), _aad(package_id, own.seat_id))


def open_sealed(sealed: bytes, seat_code: str, package_id: str, seat_id: str,
                first_round_package_id: str) -> OwnFirstRound:
    """Open a seat's sealed member and check what it says.

    Raises:
        FirstRoundError: another seat's code, a changed byte, or a plaintext that is
            not this seat's first round of ``first_round_package_id``.
        SeatCodeError: the seat code cannot be canonicalised.
    """
    if len(sealed) > MAX_SEALED:
        raise FirstRoundError("the first-round member is too large")
    key = first_round_key(seat_code, package_id, seat_id)
    try:
        data = AESGCM(key).decrypt(NONCE, sealed, _aad(package_id, seat_id))
    except InvalidTag:
        raise FirstRoundError(f"seat {seat_id}: the first-round scores do not open with "
                              "this seat code (another seat's, or changed)") from None
    return _parse(data, seat_id, first_round_package_id)


def _parse(data: bytes, seat_id: str, first_round_package_id: str) -> OwnFirstRound:
    from reviewer_app import strictjson
    from reviewer_app.sheets.body import decimal_value

    try:
        raw: Any = strictjson.loads(data)
        if raw["format"] != FIRST_ROUND_FORMAT or raw["seat_id"] != seat_id \
                or raw["first_round_package_id"] != first_round_package_id:
            raise FirstRoundError(f"seat {seat_id}: the first-round member is for another "
                                  "seat or round")
        projects = []
        for entry in raw["projects"]:
            scores = {str(c): decimal_value(v) for c, v in entry["scores"].items()}
            total = decimal_value(entry["total"])
            if total is None or any(v is None for v in scores.values()) \
                    or not isinstance(entry["project_id"], str):
                raise FirstRoundError(f"seat {seat_id}: a first-round score is malformed")
            projects.append(OwnScore(entry["project_id"], scores, total))  # type: ignore[arg-type]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, FirstRoundError):
            raise
        raise FirstRoundError(f"seat {seat_id}: the first-round member is malformed") from None
    return OwnFirstRound(seat_id, first_round_package_id, tuple(projects))


def own_first_round(seat_id: str, first_round_package_id: str,
                    reviews: Sequence[tuple[str, Mapping[str, Decimal], Decimal]]
                    ) -> OwnFirstRound:
    """An :class:`OwnFirstRound` from (project id, scores, total) triples, sorted."""
    return OwnFirstRound(seat_id, first_round_package_id, tuple(
        OwnScore(pid, dict(scores), total) for pid, scores, total in sorted(
            reviews, key=lambda r: r[0])))


@dataclass(frozen=True)
class SecondRoundView:
    """What the expert's app shows beside each project of a second round: the expert's
    own first-round scores (None when they cannot be read, with ``error`` saying why)
    and the anonymised distribution (decimal strings, as in the manifest)."""

    first_round_package_id: str
    projects: tuple[str, ...]
    distribution: Mapping[str, Mapping[str, Any]]
    own: OwnFirstRound | None
    error: str = ""

    def failed(self, error: str) -> SecondRoundView:
        return SecondRoundView(self.first_round_package_id, self.projects, self.distribution,
                               None, error)


def second_round_view(manifest: Mapping[str, Any], seat_id: str, seat_code: str,
                      read_member: Any) -> SecondRoundView | None:
    """The view of a format-5 package for ``seat_id`` (None for any other package).

    ``read_member(member_id)`` reads a member of the opened package. Without a seat code
    (a seat opened with the expert's enrolled key) the sealed scores stay closed."""
    from reviewer_app.core.errors import ReviewerError
    from reviewer_app.core.seat_codes import SeatCodeError
    from reviewer_app.package.format import MANIFEST_FORMAT_5

    if manifest.get("format") != MANIFEST_FORMAT_5:
        return None
    section = manifest["second_round"]
    first_id = str(section["first_round_package_id"])
    distribution = {str(k): dict(v) for k, v in section.get("distribution", {}).items()
                    if isinstance(v, Mapping)}
    base = SecondRoundView(first_id, tuple(map(str, section["projects"])), distribution, None)
    member = section.get("seat_members", {}).get(seat_id)
    if member is None:
        return base.failed("no first-round scores for this seat in the package")
    if not seat_code:
        return base.failed("the seat code is needed to read the first-round scores")
    try:
        own = open_sealed(read_member(int(member)), seat_code, str(manifest["package_id"]),
                          seat_id, first_id)
    except (FirstRoundError, SeatCodeError, ReviewerError, OSError) as exc:
        # A member that does not read or open leaves the panel saying why; the
        # package's own materials are unaffected.
        return base.failed(str(exc))
    return SecondRoundView(first_id, base.projects, distribution, own)

