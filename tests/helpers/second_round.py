"""Round-2 sheets as an expert's app would sign them (sheet format 4), for tests."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reviewer_app.core.rubric import Rubric
from reviewer_app.sheets.build import build_sheet
from reviewer_app.sheets.seat_keys import seat_signing_key


@dataclass
class Round2State:
    """What the expert entered for one project of a second round (ProjectInput)."""

    project_id: str
    scores: dict[str, str]
    comments: dict[str, str] = field(default_factory=dict)
    conflict_declared: bool = False
    conflict_reason: str = ""
    overall_comment: str = ""
    recommendation: str = ""
    evidence: list[Any] = field(default_factory=list)
    second_round_reason: str = ""


def read_codes(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return {row["seat_id"]: row["seat_code"] for row in csv.DictReader(handle)}


def scores_for_total(rubric: Rubric, total: Decimal) -> dict[str, str]:
    """Scores on every criterion's step that sum to ``total`` (filled in rubric order),
    with no band that asks for a comment where possible."""
    left = total
    scores = {}
    for criterion in rubric.criteria:
        take = min(criterion.max, left)
        take -= take % criterion.step
        scores[criterion.id] = str(take)
        left -= take
    assert left == 0, total
    return scores


def round2_sheet(manifest: Mapping[str, Any], manifest_sha256: str, seat_id: str, code: str,
                 totals: Mapping[str, Decimal], reason: str) -> bytes:
    """A signed round-2 sheet of ``seat_id`` giving each project ``totals[pid]``."""
    rubric = Rubric.from_dict(manifest["rubric"])
    states = {}
    for pid in manifest["assignments"][seat_id]:
        scores = scores_for_total(rubric, totals[pid])
        comments = {cid: "复议后调整" for cid, s in scores.items()
                    if rubric.comment_required(cid, Decimal(s))}
        states[pid] = Round2State(pid, scores, comments, overall_comment="复议意见",
                                  recommendation="建议资助", second_round_reason=reason)
    name = next(s["name"] for s in manifest["seats"] if s["seat_id"] == seat_id)
    key = seat_signing_key(code, manifest["package_id"], seat_id)
    return build_sheet(manifest, manifest_sha256=manifest_sha256, seat_id=seat_id,
                       expert_name=name, states=states, private_key=key,
                       seat_code=code).envelope
