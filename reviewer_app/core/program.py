"""A funding program: eligibility parameters, funding rules, tiers, aggregation, rubric.

Parsed from a TOML program file (``resources/programs/*.toml``) with the stdlib's
``tomllib``; callers read the file and hand in its text, keeping the core free of I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reviewer_app.core.dates import shift_years
from reviewer_app.core.decimals import decimal_str, parse_decimal
from reviewer_app.core.errors import ProgramError
from reviewer_app.core.rubric import Rubric

PROGRAM_FORMAT = "reviewer-app/program/1"
BUDGET_POLICIES = ("pro_rata", "rank_order")
MATERIAL_CATEGORY_IDS = tuple(range(1, 9))
# 四（一）1 具有独立法人资格的企业: forms that have no independent legal personality, for
# program files that do not list them (entity_types_refused).
DEFAULT_ENTITY_TYPES_REFUSED = ("分支机构", "分公司", "合伙企业", "个人独资企业", "个体工商户")


@dataclass(frozen=True)
class ProgramInfo:
    id: str
    name: str
    name_en: str
    authority: str
    authority_en: str
    year: int
    opening_date: dt.date
    currency: str


@dataclass(frozen=True)
class RequiredDocument:
    """A document a material category must contain, recognised by its file title.

    六（五） asks for the contract *and* the payment vouchers, 六（六） for the
    implementation plan *and* the audit report: a file whose title contains one
    of ``keywords`` (compared normalised) counts as this document.
    """

    name: str
    name_en: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class MaterialCategory:
    id: int
    name: str
    name_en: str
    documents: tuple[RequiredDocument, ...] = ()


@dataclass(frozen=True)
class EligibilityRules:
    district: str
    entity_types_allowed: frozenset[str]
    entity_types_review: frozenset[str]
    min_contract_amount: Decimal
    completion_window_days: int | None  # legacy program files; None when given in years
    require_acceptance_report: bool
    required_material_categories: frozenset[int]
    optional_material_categories: frozenset[int]
    exempt_categories_by_entity_type: Mapping[str, frozenset[int]]
    young_enterprise_days: int | None  # legacy program files; None when given in years
    statements_years: int
    registered_vendors: frozenset[str]
    completion_window_years: int = 1
    young_enterprise_years: int = 1
    # Other spellings of ``district`` that mean the same district (深圳市南山区).
    district_aliases: frozenset[str] = frozenset()
    # 四（一）1: entity forms without independent legal personality, refused outright.
    entity_types_refused: frozenset[str] = frozenset()

    def window_start(self, opening_date: dt.date) -> dt.date:
        """First day of 四（一）5's "向前溯源一年内": the same calendar day a year earlier."""
        if self.completion_window_days is not None:
            return opening_date - dt.timedelta(days=self.completion_window_days)
        return shift_years(opening_date, -self.completion_window_years)

    def young_since(self, opening_date: dt.date) -> dt.date:
        """六（七）"注册不满一年": registered after this day (a calendar year before opening)."""
        if self.young_enterprise_days is not None:
            return opening_date - dt.timedelta(days=self.young_enterprise_days)
        return shift_years(opening_date, -self.young_enterprise_years)


@dataclass(frozen=True)
class Tier:
    id: str
    name: str
    name_en: str
    min_score: Decimal
    rate: Decimal


@dataclass(frozen=True)
class FundingRules:
    max_rate: Decimal
    enterprise_annual_cap: Decimal
    annual_budget: Decimal
    budget_policy: str
    rounding_unit: Decimal
    cap_at_requested: bool
    tiers: tuple[Tier, ...]  # highest min_score first

    def tier_for(self, score: Decimal) -> Tier | None:
        return next((t for t in self.tiers if score >= t.min_score), None)


@dataclass(frozen=True)
class AggregationRules:
    trim_from_reviews: int
    trim_count: int
    min_reviews: int
    divergence_threshold: Decimal
    score_places: int
    tie_break: tuple[str, ...]
    normalisation: str | None
    # Panel size (not an AI+ rule: Shenzhen's practice for fiscal-fund reviews is a panel
    # of at least five experts, an odd number): below ``recommended_reviews`` valid
    # reviews, or an even number where ``odd_reviews`` asks for an odd one, build and
    # results warn (core/panel.py). Neither changes a score.
    recommended_reviews: int = 5
    odd_reviews: bool = False


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    text_en: str


@dataclass(frozen=True)
class ConflictCategory:
    """A kind of conflict of interest an expert can declare (e.g. 亲属关系)."""

    id: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Program:
    info: ProgramInfo
    eligibility: EligibilityRules
    material_categories: tuple[MaterialCategory, ...]
    funding: FundingRules
    aggregation: AggregationRules
    rubric: Rubric
    inspection_checklist: tuple[ChecklistItem, ...] = ()
    commitment: str = ""
    """The 承诺书 every expert accepts before any material opens; "" for none (older
    program files), in which case packages are of manifest format 2/3."""
    conflict_categories: tuple[ConflictCategory, ...] = ()

    def category(self, category_id: int) -> MaterialCategory:
        for category in self.material_categories:
            if category.id == category_id:
                return category
        raise ProgramError(f"unknown material category: {category_id}")

    def to_manifest(self) -> dict[str, Any]:
        """The program facts an expert's app needs, in the package manifest's form."""
        info = self.info
        return {
            "id": info.id, "name": info.name, "name_en": info.name_en,
            "authority": info.authority, "authority_en": info.authority_en,
            "year": info.year, "opening_date": info.opening_date.isoformat(),
            "currency": info.currency,
            "material_categories": [
                {"id": c.id, "name": c.name, "name_en": c.name_en}
                for c in self.material_categories
            ],
            "tiers": [
                {"id": t.id, "name": t.name, "name_en": t.name_en,
                 "min_score": decimal_str(t.min_score), "rate": decimal_str(t.rate)}
                for t in self.funding.tiers
            ],
        }


def parse_program(text: str) -> Program:
    """Parse and validate a program file's text.

    Raises:
        ProgramError: naming the first malformed or inconsistent setting.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(f"program file is not valid TOML: {exc}") from exc
    return program_from_dict(data)


def program_from_dict(data: Mapping[str, Any]) -> Program:
    if data.get("format") != PROGRAM_FORMAT:
        raise ProgramError(
            f"program file format is {data.get('format')!r}, expected {PROGRAM_FORMAT!r}"
        )
    section = "program"
    try:
        info = _info(data["program"])
        section = "eligibility"
        eligibility = _eligibility(data["eligibility"])
        section = "material_categories"
        categories = tuple(
            MaterialCategory(id=int(c["id"]), name=str(c["name"]),
                             name_en=str(c.get("name_en", c["name"])),
                             documents=tuple(_document(d) for d in c.get("documents", ())))
            for c in data["material_categories"]
        )
        section = "funding"
        funding = _funding(data["funding"], data["tiers"])
        section = "aggregation"
        aggregation = _aggregation(data["aggregation"])
        section = "inspection"
        checklist = tuple(
            ChecklistItem(id=str(item["id"]), text=str(item["text"]),
                          text_en=str(item.get("text_en", item["text"])))
            for item in data.get("inspection", {}).get("checklist", ())
        )
        section = "commitment"
        commitment = data.get("commitment", {})
        commitment_text = str(commitment["text"]).strip() if commitment else ""
        section = "conflict_categories"
        conflict_categories = tuple(
            ConflictCategory(id=str(c["id"]), name=str(c["name"]).strip(),
                             name_en=str(c.get("name_en", c["name"])).strip())
            for c in data.get("conflict_categories", ()))
        section = "rubric"
        raw_rubric = data["rubric"]
    except KeyError as exc:
        raise ProgramError(f"program file: {section}: missing {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise ProgramError(f"program file: {section}: {exc}") from exc
    rubric = Rubric.from_dict(raw_rubric, default_step=raw_rubric.get("step"),
                              expected_total=Decimal(100))
    program = Program(info=info, eligibility=eligibility, material_categories=categories,
                      funding=funding, aggregation=aggregation, rubric=rubric,
                      inspection_checklist=checklist, commitment=commitment_text,
                      conflict_categories=conflict_categories)
    _check(program)
    _check_conflicts(program)
    return program


def _document(raw: Mapping[str, Any]) -> RequiredDocument:
    keywords = raw["keywords"]
    if isinstance(keywords, str) or not keywords or not all(
            isinstance(k, str) and k.strip() for k in keywords):
        raise ValueError(f"document {raw.get('name')!r}: keywords must be a non-empty list "
                         "of words")
    return RequiredDocument(name=str(raw["name"]), name_en=str(raw.get("name_en", raw["name"])),
                            keywords=tuple(keywords))


def _info(raw: Mapping[str, Any]) -> ProgramInfo:
    opening = raw["opening_date"]
    if not isinstance(opening, dt.date) or isinstance(opening, dt.datetime):
        raise ValueError("opening_date must be a date such as 2026-06-04")
    return ProgramInfo(
        id=str(raw["id"]), name=str(raw["name"]), name_en=str(raw.get("name_en", raw["name"])),
        authority=str(raw.get("authority", "")), authority_en=str(raw.get("authority_en", "")),
        year=int(raw["year"]), opening_date=opening, currency=str(raw.get("currency", "CNY")),
    )


def _optional_int(raw: Mapping[str, Any], key: str) -> int | None:
    return int(raw[key]) if key in raw else None


def _eligibility(raw: Mapping[str, Any]) -> EligibilityRules:
    # Windows are calendar years ("completion_window_years", default 1); program files
    # of the first format version gave days ("completion_window_days"), still honoured.
    window_days = _optional_int(raw, "completion_window_days")
    young_days = _optional_int(raw, "young_enterprise_days")
    return EligibilityRules(
        district=str(raw["district"]),
        entity_types_allowed=frozenset(map(str, raw["entity_types_allowed"])),
        entity_types_review=frozenset(map(str, raw.get("entity_types_review", ()))),
        min_contract_amount=parse_decimal(raw["min_contract_amount"], "min_contract_amount"),
        completion_window_days=window_days,
        completion_window_years=int(raw.get("completion_window_years", 1)),
        require_acceptance_report=bool(raw.get("require_acceptance_report", True)),
        required_material_categories=frozenset(map(int, raw["required_material_categories"])),
        optional_material_categories=frozenset(map(int, raw.get("optional_material_categories",
                                                                 ()))),
        exempt_categories_by_entity_type={
            str(k): frozenset(map(int, v))
            for k, v in raw.get("exempt_categories_by_entity_type", {}).items()
        },
        young_enterprise_days=young_days,
        young_enterprise_years=int(raw.get("young_enterprise_years", 1)),
        statements_years=int(raw.get("statements_years", 3)),
        registered_vendors=frozenset(map(str, raw["registered_vendors"])),
        district_aliases=frozenset(map(str, raw.get("district_aliases", ()))),
        entity_types_refused=frozenset(map(str, raw.get("entity_types_refused",
                                                        DEFAULT_ENTITY_TYPES_REFUSED))),
    )


def _funding(raw: Mapping[str, Any], raw_tiers: list[Mapping[str, Any]]) -> FundingRules:
    tiers = tuple(sorted(
        (Tier(id=str(t["id"]), name=str(t["name"]), name_en=str(t.get("name_en", t["name"])),
              min_score=parse_decimal(t["min_score"], f"tier {t['id']} min_score"),
              rate=parse_decimal(t["rate"], f"tier {t['id']} rate"))
         for t in raw_tiers),
        key=lambda t: t.min_score, reverse=True,
    ))
    return FundingRules(
        max_rate=parse_decimal(raw["max_rate"], "max_rate"),
        enterprise_annual_cap=parse_decimal(raw["enterprise_annual_cap"],
                                            "enterprise_annual_cap"),
        annual_budget=parse_decimal(raw["annual_budget"], "annual_budget"),
        budget_policy=str(raw.get("budget_policy", "pro_rata")),
        rounding_unit=parse_decimal(raw.get("rounding_unit", "1"), "rounding_unit"),
        cap_at_requested=bool(raw.get("cap_at_requested", True)),
        tiers=tiers,
    )


def _aggregation(raw: Mapping[str, Any]) -> AggregationRules:
    normalisation = raw.get("normalisation")
    return AggregationRules(
        trim_from_reviews=int(raw["trim_from_reviews"]),
        trim_count=int(raw.get("trim_count", 1)),
        min_reviews=int(raw["min_reviews"]),
        divergence_threshold=parse_decimal(raw["divergence_threshold"], "divergence_threshold"),
        score_places=int(raw.get("score_places", 2)),
        tie_break=tuple(map(str, raw.get("tie_break", ()))),
        normalisation=str(normalisation) if normalisation else None,
        recommended_reviews=int(raw.get("recommended_reviews", 5)),
        odd_reviews=_flag(raw.get("odd_reviews", False), "aggregation.odd_reviews"),
    )


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ProgramError(f"{name} must be true or false, not {value!r}")
    return value


def _check(program: Program) -> None:
    funding, agg, elig = program.funding, program.aggregation, program.eligibility
    if not Decimal(0) < funding.max_rate <= Decimal(1):
        raise ProgramError("funding: max_rate must be above 0 and at most 1")
    for tier in funding.tiers:
        if not Decimal(0) < tier.rate <= funding.max_rate:
            raise ProgramError(
                f"tier {tier.id}: rate {decimal_str(tier.rate)} must be above 0 and at most "
                f"max_rate {decimal_str(funding.max_rate)}"
            )
    if len({t.id for t in funding.tiers}) != len(funding.tiers):
        raise ProgramError("tiers: ids are not unique")
    if len({t.min_score for t in funding.tiers}) != len(funding.tiers):
        raise ProgramError("tiers: two tiers share a min_score")
    if funding.budget_policy not in BUDGET_POLICIES:
        raise ProgramError(f"funding: budget_policy must be one of {', '.join(BUDGET_POLICIES)}")
    for name in ("enterprise_annual_cap", "annual_budget", "rounding_unit"):
        if getattr(funding, name) <= 0:
            raise ProgramError(f"funding: {name} must be positive")
    if agg.min_reviews < 1 or agg.trim_count < 0:
        raise ProgramError("aggregation: min_reviews must be >= 1 and trim_count >= 0")
    if agg.trim_from_reviews <= 2 * agg.trim_count:
        raise ProgramError("aggregation: trim_from_reviews must exceed twice trim_count")
    if agg.recommended_reviews < 1:
        raise ProgramError("aggregation: recommended_reviews must be >= 1")
    if not 0 <= agg.score_places <= 6:
        raise ProgramError("aggregation: score_places must be between 0 and 6")
    unknown = sorted(set(agg.tie_break) - set(program.rubric.criterion_ids))
    if unknown:
        raise ProgramError(f"aggregation: tie_break names unknown criteria: {unknown}")
    if len({item.id for item in program.inspection_checklist}) != len(
            program.inspection_checklist):
        raise ProgramError("inspection: checklist ids are not unique")
    if agg.normalisation not in (None, "zscore"):
        raise ProgramError("aggregation: normalisation must be 'zscore' or absent")
    ids = [c.id for c in program.material_categories]
    if sorted(ids) != list(MATERIAL_CATEGORY_IDS):
        raise ProgramError("material_categories: must define categories 1 to 8 once each")
    named = elig.required_material_categories | elig.optional_material_categories
    if not named <= set(MATERIAL_CATEGORY_IDS):
        raise ProgramError("eligibility: material categories must be between 1 and 8")
    windows = (elig.completion_window_days, elig.completion_window_years,
               elig.young_enterprise_days, elig.young_enterprise_years)
    if any(w is not None and w <= 0 for w in windows) or elig.min_contract_amount < 0:
        raise ProgramError("eligibility: completion and young-enterprise windows and "
                           "min_contract_amount must be positive")


CONFLICT_CATEGORY_ID = re.compile(r"[a-z0-9_]{1,32}")
# The ids the build's pre-screen uses for what it can see in names (core/conflicts.py).
EMPLOYMENT_CATEGORY = "employment"
VENDOR_CATEGORY = "vendor"
OTHER_CATEGORY = "other"


def _check_conflicts(program: Program) -> None:
    """A commitment and conflict categories come together (manifest format 4 needs both)."""
    categories = program.conflict_categories
    if bool(program.commitment) != bool(categories):
        raise ProgramError("commitment and conflict_categories: a program file gives both "
                           "or neither")
    if len(program.commitment) > 20_000:
        raise ProgramError("commitment: the text is longer than 20000 characters")
    if len(categories) > 32:
        raise ProgramError("conflict_categories: at most 32")
    ids = [c.id for c in categories]
    if len(set(ids)) != len(ids):
        raise ProgramError("conflict_categories: ids are not unique")
    for category in categories:
        if not CONFLICT_CATEGORY_ID.fullmatch(category.id):
            raise ProgramError(f"conflict_categories: id {category.id!r} must be 1 to 32 of "
                               "a-z, 0-9 and _")
        if not category.name or len(category.name) > 100:
            raise ProgramError(f"conflict_categories: {category.id}: the name must be 1 to "
                               "100 characters")
    if categories and OTHER_CATEGORY not in ids:
        raise ProgramError("conflict_categories: the list must include id \"other\" (其他)")
