"""The fast canonical path agrees with the reference RFC 8785 encoder."""

import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.sheets.canonical import MAX_SAFE_INTEGER, canonical_bytes

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
