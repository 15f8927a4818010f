"""The strict JSON parser: what it refuses so that every reader sees one document."""

import pytest

from reviewer_app import strictjson
from reviewer_app.strictjson import StrictJSONError


@pytest.mark.parametrize("document", [
    rb'"\ud800"',                      # a lone high surrogate
    rb'"\uDC00"',                      # a lone low surrogate, upper-case hex
    rb'{"a": ["x", "\udfff tail"]}',   # deep inside a value
    rb'{"\ud834": 1}',                 # in a key
    rb'"\ude00\ud83d"',                # a pair in the wrong order is two lone halves
    rb'"\\\ud800"',                    # an escaped backslash, then the escape
])
def test_lone_surrogate_escapes_are_refused(document: bytes) -> None:
    with pytest.raises(StrictJSONError, match="lone surrogate"):
        strictjson.loads(document)


@pytest.mark.parametrize("document, expected", [
    (rb'"\ud83d\ude00"', "\U0001F600"),   # a proper pair is one character
    (rb'"\\ud800"', "\\ud800"),           # a backslash and the letters, no escape
    ('"\U0001F600 评审"'.encode(), "\U0001F600 评审"),
])
def test_surrogate_pairs_and_lookalikes_are_accepted(document: bytes, expected: str) -> None:
    assert strictjson.loads(document) == expected
    expected.encode("utf-8")  # what was accepted can be written again


def test_refusal_applies_with_every_option() -> None:
    with pytest.raises(StrictJSONError, match="lone surrogate"):
        strictjson.loads(rb'[1.5, "\ud800"]', floats=True, bounded_ints=False)
