"""The faster TrueType subsetting gives reportlab's own bytes."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

from reviewer_app.pdffont import register_cjk_font
from reviewer_app.pdfsubset import FastSubsetFace


def test_the_registered_font_subsets_with_the_fast_face() -> None:
    assert isinstance(pdfmetrics.getFont(register_cjk_font()).face, FastSubsetFace)


@pytest.mark.parametrize("seed", range(6))
def test_subsets_are_byte_identical_to_reportlabs(seed: int) -> None:
    face = pdfmetrics.getFont(register_cjk_font()).face
    rng = random.Random(seed)
    codes = sorted(face.charToGlyph)
    cjk = [c for c in codes if 0x4E00 <= c <= 0x9FFF]
    # As reportlab assigns them: subset 0 holds ASCII at its own codes, later ones
    # start with .notdef; codes missing from the font map to glyph 0.
    first = [0, *rng.sample(cjk, 31), *range(32, 128), *rng.sample(cjk, 100)]
    later = [0, *rng.sample(codes, 200), 0x10FFFF - seed]
    for subset in (first, later, [0, 32]):
        assert face.makeSubset(subset) == TTFontFace.makeSubset(face, subset)
        assert face.makeSubset(list(subset)) == TTFontFace.makeSubset(face, subset)  # cached
