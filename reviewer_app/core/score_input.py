"""Reading a score as an expert types it, Chinese input method included.

A Chinese IME produces full-width digits (``２８``), the ideographic full stop
(``2。5``) or the full-width full stop (``2．5``) and full-width blanks. These are
read as the number they plainly mean. Anything else -- a sign, letters, two decimal
points -- is refused with a reason the desk shows beside the field; a value is never
changed silently (an input mask that dropped ``。`` turned ``2。5`` into 25).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import Enum

from reviewer_app.core.errors import ScoreError
from reviewer_app.core.rubric import Rubric

# Every character an IME or a European keyboard uses as a decimal point. NFKC already
# folds the full-width stop (．) and comma (，) to ASCII; the ideographic full stop (。)
# and the halfwidth ideographic stop (｡ folds to 。) need saying.
_DECIMAL_POINTS = {"。": ".", ",": "."}
# "1,000" reads as a thousand to some and as 1.000 to others: refused, never guessed.
_GROUPING = re.compile(r"[0-9]+,[0-9]{3}")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?|[0-9]*\.[0-9]+|[0-9]+\.")
_SIGNS = frozenset("+-−")


class ScoreTextProblem(Enum):
    """Why a typed score is refused; the desk words each one in the user's language."""

    NEGATIVE = "negative"
    SIGNED = "signed"
    NOT_A_NUMBER = "not_a_number"


class ScoreTextError(ScoreError):
    """A typed score is not a number the desk may read."""

    def __init__(self, problem: ScoreTextProblem, text: str) -> None:
        super().__init__(f"score: {problem.value.replace('_', ' ')}: {text!r}")
        self.problem = problem


def normalize_score_text(text: str) -> str:
    """Fold what a Chinese IME types into ASCII: ``"２。５"`` → ``"2.5"``.

    Blanks around and inside are dropped (an IME may insert a full-width space).
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(_DECIMAL_POINTS.get(ch, ch) for ch in folded)
    return "".join(ch for ch in folded if not ch.isspace())


def parse_score_text(text: str) -> Decimal | None:
    """The number a typed score means, or None for an empty field ("not scored").

    Range and step are the rubric's business (:meth:`Rubric.validate_score`).

    Raises:
        ScoreTextError: a sign (negative scores do not exist; "+3" is refused too
            rather than guessed), or anything that is not a plain decimal number.
    """
    plain = normalize_score_text(text)
    if _GROUPING.fullmatch(unicodedata.normalize("NFKC", text).strip()):
        raise ScoreTextError(ScoreTextProblem.NOT_A_NUMBER, text)
    if not plain:
        return None
    if plain[0] in _SIGNS:
        problem = (ScoreTextProblem.NEGATIVE if plain[0] != "+"
                   else ScoreTextProblem.SIGNED)
        raise ScoreTextError(problem, text)
    if not _NUMBER.fullmatch(plain):
        raise ScoreTextError(ScoreTextProblem.NOT_A_NUMBER, text)
    return Decimal(plain)


def read_score(rubric: Rubric, criterion_id: str, text: str) -> Decimal | None:
    """The valid score a typed field holds, None when empty.

    Raises:
        ScoreError: a :class:`ScoreTextError` for unreadable text, else the rubric's
            range or step refusal.
    """
    value = parse_score_text(text)
    return None if value is None else rubric.validate_score(criterion_id, value)
