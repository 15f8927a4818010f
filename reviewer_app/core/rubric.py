"""The scoring rubric: criteria, sub-items, banded anchors, and score validation.

The rubric travels inside each review package (``manifest["rubric"]``), so the
expert's app never hard-codes criteria; :meth:`Rubric.to_dict` and
:meth:`Rubric.from_dict` are that wire form, with every number a decimal string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reviewer_app.core.decimals import decimal_str, parse_decimal
from reviewer_app.core.errors import ProgramError, ScoreError


@dataclass(frozen=True)
class Band:
    """A range of points with an anchor sentence telling the expert when it applies."""

    id: str
    name: str
    name_en: str
    min: Decimal
    max: Decimal
    guidance: str = ""
    guidance_en: str = ""

    def contains(self, score: Decimal) -> bool:
        return self.min <= score <= self.max


@dataclass(frozen=True)
class SubItem:
    id: str
    name: str
    name_en: str
    max: Decimal


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    name_en: str
    max: Decimal
    step: Decimal
    guidance: str = ""
    guidance_en: str = ""
    sub_items: tuple[SubItem, ...] = ()
    bands: tuple[Band, ...] = ()

    def band_for(self, score: Decimal) -> Band | None:
        return next((band for band in self.bands if band.contains(score)), None)


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...]
    comment_required_bands: frozenset[str] = frozenset()

    @property
    def total_max(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise ScoreError(f"unknown criterion: {criterion_id!r}")

    def validate_score(self, criterion_id: str, value: object) -> Decimal:
        """Parse and check one score against its criterion's range and step.

        Raises:
            ScoreError: unknown criterion, not a number, out of range or off step.
        """
        criterion = self.criterion(criterion_id)
        try:
            score = parse_decimal(value, f"score for {criterion_id}")
        except ValueError as exc:
            raise ScoreError(str(exc)) from exc
        if not Decimal(0) <= score <= criterion.max:
            raise ScoreError(
                f"score for {criterion_id}: {decimal_str(score)} is outside 0 to "
                f"{decimal_str(criterion.max)}"
            )
        if score % criterion.step != 0:
            raise ScoreError(
                f"score for {criterion_id}: {decimal_str(score)} is not a multiple of "
                f"{decimal_str(criterion.step)}"
            )
        return score

    def validate_scores(self, scores: Mapping[str, object], *,
                        complete: bool) -> dict[str, Decimal]:
        """Check a mapping of scores; with ``complete`` every criterion must be present."""
        unknown = sorted(set(scores) - set(self.criterion_ids))
        if unknown:
            raise ScoreError(f"unknown criteria: {', '.join(unknown)}")
        if complete:
            missing = [cid for cid in self.criterion_ids if cid not in scores]
            if missing:
                raise ScoreError(f"missing scores for: {', '.join(missing)}")
        return {cid: self.validate_score(cid, scores[cid]) for cid in self.criterion_ids
                if cid in scores}

    def total(self, scores: Mapping[str, Decimal]) -> Decimal:
        return sum((scores[cid] for cid in self.criterion_ids if cid in scores), Decimal(0))

    def comment_required(self, criterion_id: str, score: Decimal) -> bool:
        """Whether a score in this band needs a written justification."""
        band = self.criterion(criterion_id).band_for(score)
        return band is not None and band.id in self.comment_required_bands

    # --- wire form ---------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "comment_required_bands": sorted(self.comment_required_bands),
            "total_max": decimal_str(self.total_max),
            "criteria": [
                {
                    "id": c.id,
                    "name": c.name,
                    "name_en": c.name_en,
                    "max": decimal_str(c.max),
                    "step": decimal_str(c.step),
                    "guidance": c.guidance,
                    "guidance_en": c.guidance_en,
                    "sub_items": [
                        {"id": s.id, "name": s.name, "name_en": s.name_en,
                         "max": decimal_str(s.max)}
                        for s in c.sub_items
                    ],
                    "bands": [
                        {"id": b.id, "name": b.name, "name_en": b.name_en,
                         "min": decimal_str(b.min), "max": decimal_str(b.max),
                         "guidance": b.guidance, "guidance_en": b.guidance_en}
                        for b in c.bands
                    ],
                }
                for c in self.criteria
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, default_step: object = None,
                  expected_total: Decimal | None = None) -> Rubric:
        """Build and validate a rubric from its wire or program-file form.

        Args:
            data: ``{"criteria": [...], "comment_required_bands": [...]}``; each
                criterion may omit ``step`` when ``default_step`` is given.
            default_step: the rubric-wide step (program files set it once).
            expected_total: when given, the criteria's maxima must add up to it.

        Raises:
            ProgramError: on any malformed or inconsistent part, naming it.
        """
        try:
            raw_criteria = data["criteria"]
            if not isinstance(raw_criteria, list) or not raw_criteria:
                raise ProgramError("rubric: needs at least one criterion")
            criteria = tuple(_criterion(raw, default_step) for raw in raw_criteria)
            required = frozenset(data.get("comment_required_bands", ()))
        except (KeyError, TypeError, ValueError) as exc:
            raise ProgramError(f"rubric: {_describe(exc)}") from exc
        rubric = cls(criteria=criteria, comment_required_bands=required)
        rubric._check(expected_total)
        return rubric

    def _check(self, expected_total: Decimal | None) -> None:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ProgramError("rubric: criterion ids are not unique")
        if expected_total is not None and self.total_max != expected_total:
            raise ProgramError(
                f"rubric: criteria maxima add up to {decimal_str(self.total_max)}, "
                f"expected {decimal_str(expected_total)}"
            )
        band_ids = {b.id for c in self.criteria for b in c.bands}
        unknown = sorted(self.comment_required_bands - band_ids)
        if unknown:
            raise ProgramError(f"rubric: comment_required_bands names unknown bands: {unknown}")
        for c in self.criteria:
            _check_criterion(c)


def _check_criterion(c: Criterion) -> None:
    where = f"rubric criterion {c.id}"
    if c.step <= 0:
        raise ProgramError(f"{where}: step must be positive")
    if c.max <= 0 or c.max % c.step:
        raise ProgramError(f"{where}: max {decimal_str(c.max)} is not a positive multiple "
                           f"of the step {decimal_str(c.step)}")
    if c.sub_items:
        sub_total = sum((s.max for s in c.sub_items), Decimal(0))
        if sub_total != c.max:
            raise ProgramError(f"{where}: sub-items add up to {decimal_str(sub_total)}, "
                               f"expected {decimal_str(c.max)}")
    if not c.bands:
        return
    # Bands must tile 0..max exactly at the step: no gap, no overlap.
    ordered = sorted(c.bands, key=lambda b: b.min)
    expected_min = Decimal(0)
    for band in ordered:
        if band.min != expected_min or band.max < band.min or band.max % c.step:
            raise ProgramError(
                f"{where}: band {band.id} ({decimal_str(band.min)}-{decimal_str(band.max)}) "
                f"does not continue the bands from {decimal_str(expected_min)}"
            )
        expected_min = band.max + c.step
    if ordered[-1].max != c.max:
        raise ProgramError(f"{where}: bands end at {decimal_str(ordered[-1].max)}, "
                           f"not at the maximum {decimal_str(c.max)}")


def _criterion(raw: Mapping[str, Any], default_step: object) -> Criterion:
    cid = _ident(raw["id"], "criterion id")
    step_raw = raw.get("step", default_step)
    if step_raw is None:
        raise ValueError(f"criterion {cid}: no step")
    return Criterion(
        id=cid,
        name=str(raw["name"]),
        name_en=str(raw.get("name_en", raw["name"])),
        max=parse_decimal(raw["max"], f"criterion {cid} max"),
        step=parse_decimal(step_raw, f"criterion {cid} step"),
        guidance=str(raw.get("guidance", "")),
        guidance_en=str(raw.get("guidance_en", "")),
        sub_items=tuple(
            SubItem(id=_ident(s["id"], "sub-item id"), name=str(s["name"]),
                    name_en=str(s.get("name_en", s["name"])),
                    max=parse_decimal(s["max"], f"criterion {cid} sub-item max"))
            for s in raw.get("sub_items", ())
        ),
        bands=tuple(
            Band(id=_ident(b["id"], "band id"), name=str(b["name"]),
                 name_en=str(b.get("name_en", b["name"])),
                 min=parse_decimal(b["min"], f"criterion {cid} band min"),
                 max=parse_decimal(b["max"], f"criterion {cid} band max"),
                 guidance=str(b.get("guidance", "")),
                 guidance_en=str(b.get("guidance_en", "")))
            for b in raw.get("bands", ())
        ),
    )


def _ident(value: object, what: str) -> str:
    if not isinstance(value, str) or not value or not value.replace("_", "").isalnum() \
            or not value.isascii():
        raise ValueError(f"{what} must be a non-empty ASCII identifier, got {value!r}")
    return value


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc)
