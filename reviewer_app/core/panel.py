"""Panel size: which projects are reviewed by too few experts, or by an even number.

Not a rule of the AI+ program (its operating rules do not size the panel): Shenzhen's
practice for fiscal-fund reviews is a panel of at least five experts, an odd number,
so that a trimmed mean keeps three totals and a vote cannot tie. The program file sets
both (``aggregation.recommended_reviews``, ``aggregation.odd_reviews``); the build
checks the seats assigned to each project, results the reviews that count (a declared
conflict does not). A warning changes no score: ``min_reviews`` alone decides whether
a project is scored at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reviewer_app.core.program import AggregationRules

TOO_FEW = "too_few"
EVEN = "even"


@dataclass(frozen=True)
class PanelSizeWarning:
    project_id: str
    reviews: int
    kind: str            # TOO_FEW | EVEN
    recommended: int     # the program's recommended_reviews

    def message(self, counted: tuple[str, str] = ("valid review", "valid reviews")) -> str:
        """Lowercase English for the command line, e.g. ``P001: 4 valid reviews, fewer
        than the 5 the program recommends``; ``counted`` is what is counted, singular
        and plural."""
        what = f"{self.reviews} {counted[self.reviews != 1]}"
        if self.kind == TOO_FEW:
            return (f"{self.project_id}: {what}, fewer than the {self.recommended} the "
                    f"program recommends")
        return f"{self.project_id}: {what}, an even number where the program asks for an odd one"

    def message_zh(self) -> str:
        """For the secretariat's reports."""
        if self.kind == TOO_FEW:
            return f"有效评审 {self.reviews} 份，少于建议的 {self.recommended} 份"
        return f"有效评审 {self.reviews} 份，为双数（评审办法要求单数）"


def panel_size_warnings(review_counts: Mapping[str, int],
                        rules: AggregationRules) -> tuple[PanelSizeWarning, ...]:
    """One warning per project whose count is below ``recommended_reviews`` or, where
    the program asks for an odd panel, even; projects in id order. A project with too
    few reviews is not also warned about as even: one reason, the one to act on."""
    warnings = []
    for project_id in sorted(review_counts):
        count = review_counts[project_id]
        if count < rules.recommended_reviews:
            warnings.append(PanelSizeWarning(project_id, count, TOO_FEW,
                                             rules.recommended_reviews))
        elif rules.odd_reviews and count % 2 == 0:
            warnings.append(PanelSizeWarning(project_id, count, EVEN,
                                             rules.recommended_reviews))
    return tuple(warnings)
