"""The fast canonical paths agree with the reference RFC 8785 encoder."""

import json

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.sheets.canonical import (
    MAX_SAFE_INTEGER,
    CanonicalError,
    CanonicalText,
    FloatFound,
    canonical_bytes,
    strict_loads,
)
from reviewer_app.strictjson import StrictJSONError

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)
scalars = st.none() | st.booleans() | text | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
ascii_keys = st.text(alphabet=st.characters(max_codepoint=127), max_size=8)
any_keys = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=8)


def values(keys):
    return st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                        | st.dictionaries(keys, children, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(values(ascii_keys))
def test_fast_path_matches_rfc8785(value) -> None:
    assert canonical_bytes(value) == rfc8785.dumps(value)


@settings(max_examples=200, deadline=None)
@given(values(any_keys))
def test_non_ascii_keys_take_the_reference_path(value) -> None:
    assert canonical_bytes(value) == rfc8785.dumps(value)


def test_escapes_and_key_order() -> None:
    value = {"b": "\x00\x1f\x7f\u2028\"\\/\b\f\n\r\t😀", "a": [True, None, -1], "\ue000": 1,
             "\U0001f600": 2}
    assert canonical_bytes(value) == rfc8785.dumps(value)


# --- CanonicalText: the verifier's check of received bytes ---------------------------

def _judged(data: bytes) -> str:
    """What CanonicalText says of some bytes: "canonical", or the error raised."""
    try:
        text = CanonicalText(data)
    except StrictJSONError:
        return "malformed"
    try:
        text.require_unique_names()
    except StrictJSONError:
        return "duplicate"
    try:
        text.require_canonical()
    except FloatFound:
        return "float"
    except CanonicalError:
        return "not canonical"
    return "canonical"


def _reference(data: bytes) -> str:
    """The same judgement, by the reference encoder and nothing clever."""
    try:
        value = strict_loads(data)
    except StrictJSONError as exc:
        return "duplicate" if "duplicate" in str(exc) else "malformed"
    try:
        return "canonical" if canonical_bytes(value) == data else "not canonical"
    except FloatFound:
        return "float"
    except CanonicalError:
        return "not canonical"


spellings = st.sampled_from([
    lambda v: rfc8785.dumps(v),
    lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode(),  # unsorted
    lambda v: json.dumps(v, sort_keys=True, separators=(",", ":")).encode(),  # \u escapes
    lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True, indent=1).encode(),
    lambda v: rfc8785.dumps(v).replace(b":", b": ", 1),
    lambda v: rfc8785.dumps(v).replace(b'{"', b'{"a":1,"', 1),  # maybe a duplicate
    lambda v: rfc8785.dumps(v).replace(b"1", b"1.0", 1),
    lambda v: rfc8785.dumps(v).replace(b"0", b"-0", 1),
    lambda v: rfc8785.dumps(v).replace(b"/", b"\\/", 1),
])


@settings(max_examples=600, deadline=None)
@given(values(any_keys), spellings)
def test_canonical_text_agrees_with_the_reference(value, spell) -> None:
    data = spell(value)
    assert _judged(data) == _reference(data)


@pytest.mark.parametrize(("data", "verdict"), [
    (b'{"a":1,"b":[true,null,"x"]}', "canonical"),
    ('{"a":"é","b":"中"}'.encode(), "canonical"),
    (b'{"b":1,"a":2}', "not canonical"),
    (b'{"a":1,"a":1}', "duplicate"),
    (b'{"a":1.5}', "float"),
    (b'{"a":-0}', "not canonical"),
    (b'{"a":9007199254740992}', "not canonical"),
    (b'{"a":"\\ud800"}', "malformed"),  # a lone surrogate: strictjson refuses it
    (b'{"a":"\\u0041"}', "not canonical"),
    ('{"\ue000":1,"\U0001f600":2}'.encode(), "not canonical"),  # code-point order
    ('{"\U0001f600":2,"\ue000":1}'.encode(), "canonical"),  # UTF-16 order
])
def test_canonical_text_cases(data: bytes, verdict: str) -> None:
    assert _judged(data) == verdict == _reference(data)
