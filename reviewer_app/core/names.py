"""Comparing names as people type them: enterprise, vendor and district names.

The same name arrives with full-width or half-width brackets (``（北京）`` or
``(北京)``), with stray spaces (including the ideographic space U+3000) and in
full-width letters or digits. :func:`normalise_name` folds all of that away
(Unicode NFKC, brackets unified, whitespace removed), so two spellings of one
name compare equal. Pure functions, no I/O.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# After NFKC, （） are already (); these are the bracket forms NFKC leaves alone.
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")",
                           "【": "(", "】": ")", "﹙": "(", "﹚": ")"})


def normalise_name(name: str) -> str:
    """``name`` in a canonical form for comparison (not for display)."""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    return "".join(text.split())


def same_name(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


def find_name(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate that is the same name as ``name`` once normalised, or None."""
    key = normalise_name(name)
    return next((c for c in sorted(candidates) if normalise_name(c) == key), None)


def name_contains(name: str, part: str) -> bool:
    """Whether ``part`` occurs in ``name``, both normalised."""
    return normalise_name(part) in normalise_name(name)

