"""Reliability: every single-byte change is caught; random damage raises only SheetRejected."""

from __future__ import annotations

import base64
import contextlib
import copy
import hashlib
import json
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app.sheets import SheetContext, SheetRejected, verify_sheet
from reviewer_app.sheets.envelope import seal

from .conftest import GEN, VECTORS

SMALL = (VECTORS / "valid-r1.revsheet").read_bytes()
ENROLLED = (VECTORS / "valid-enrolled-key.revsheet").read_bytes()


def test_every_single_byte_change_is_rejected(context) -> None:
    assert len(SMALL) < 4096  # small on purpose: every byte, three ways
    started = time.perf_counter()
    accepted = []
    reasons: set[str] = set()
    for index in range(len(SMALL)):
        for mask in (0x01, 0x20, 0xFF):
            damaged = bytearray(SMALL)
            damaged[index] ^= mask
            try:
                verify_sheet(bytes(damaged), context)
            except SheetRejected as exc:
                reasons.add(exc.reason)
            else:
                accepted.append((index, mask))
    assert accepted == []
    assert {"malformed", "bad signature", "keyid mismatch"} <= reasons
    assert time.perf_counter() - started < 15


_mutation = st.one_of(
    st.tuples(st.just("replace"), st.integers(0, len(SMALL) - 1), st.binary(min_size=1,
                                                                            max_size=8)),
    st.tuples(st.just("insert"), st.integers(0, len(SMALL)), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, len(SMALL) - 1), st.integers(1, 64)),
    st.tuples(st.just("truncate"), st.integers(0, len(SMALL) - 1), st.just(0)),
)


def _apply(data: bytes, mutation: tuple[str, int, Any]) -> bytes:
    kind, at, arg = mutation
    if kind == "replace":
        return data[:at] + arg + data[at + len(arg):]
    if kind == "insert":
        return data[:at] + arg + data[at:]
    if kind == "delete":
        return data[:at] + data[at + arg:]
    return data[:at]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_random_byte_damage_only_raises_sheet_rejected(mutations) -> None:
    context = _context()
    data = SMALL
    for mutation in mutations:
        data = _apply(data, mutation)
    try:
        verify_sheet(data, context)
    except SheetRejected:
        return
    assert data == SMALL


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
    | st.sampled_from(["", "0", "8.5", "-0", "30", "25.5", "1e3", "P1", "S01"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    paths = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            paths += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += _paths(item, (*prefix, index))
    return paths


BODY = json.loads(base64.b64decode(json.loads(ENROLLED)["payload"]))
PATHS = [p for p in _paths(BODY) if p]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), _json, st.booleans())
def test_signed_garbage_bodies_only_raise_sheet_rejected(path, value, canonical_form) -> None:
    # Signed by the right key, so the damage reaches the body checks behind the signature.
    body = copy.deepcopy(BODY)
    target = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    text = json.dumps(body, ensure_ascii=False, sort_keys=canonical_form,
                      separators=(",", ":") if canonical_form else None)
    data = seal(text.encode("utf-8", "surrogatepass"), GEN.KEY_B)
    with contextlib.suppress(SheetRejected):
        verify_sheet(data, _context())


_CONTEXT: list[Any] = []


def _context():
    # Hypothesis forbids function-scoped fixtures in @given tests; build the context once.
    if not _CONTEXT:
        manifest = GEN.manifests()["manifest.json"]
        _CONTEXT.append(SheetContext.from_manifest(
            manifest, hashlib.sha256(GEN.manifest_bytes(manifest)).hexdigest(),
            GEN.SEAT_CODES))
    return _CONTEXT[0]
