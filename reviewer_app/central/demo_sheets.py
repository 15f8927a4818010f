"""``reviewer-admin demo-sheets``: rehearsal score sheets for every seat of a package.

The secretariat can try verify -> merge -> results before a real session. Every
sheet goes through the expert app's own signing code
(:func:`reviewer_app.sheets.build.build_sheet`): a format-2 package's sheets are
signed with each seat's key derived from its code, as the app does; a format-1
package's with a key derived from the seed, the seat claim made with the code.
So the same package, seat codes and seed always give the same files.

What the sheets hold, so that every step downstream has something to show:

- scores on the rubric's step within each criterion's maximum, around a
  per-project "quality", varied per expert (a bias) and per criterion (noise);
  the noise is bounded so that ordinary projects stay within the program's
  divergence threshold;
- one divergent project: one of its experts scores it far off, so that the
  spread of its totals exceeds ``divergence_threshold``;
- a comment wherever the rubric requires one (``comment_required_bands``) and on
  some other criteria; Chinese overall comments and a recommendation;
- a few conflict declarations with their reasons (never leaving a project with
  fewer than the program's minimum of reviews);
- a second revision of one seat's sheet, chained to the first by
  ``previous_sha256``;
- for an inspection package, a visit per project with every checklist item
  answered (a few 不符合 / 无法核实 with notes), findings and photo hashes;
- for a second-round package (manifest format 5, 复议): every asked seat re-scores
  around the same per-project quality, now without an outlier, and writes its reason
  (复议理由); no conflict, no second revision.

Seats enrolled with an expert's own key cannot be signed for (only that expert
holds the key): they are skipped and named in :attr:`DemoSheets.skipped`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.program import parse_program
from reviewer_app.core.rubric import Criterion, Rubric
from reviewer_app.core.seat_codes import SeatCodeError, canonical_seat_code, seat_code_matches
from reviewer_app.sheets.body import ChecklistAnswer, EvidenceRef, InspectionVisit, Photo
from reviewer_app.sheets.build import (
    SignedSheet,
    build_sheet,
    conflict_hints,
    second_round_of,
)
from reviewer_app.sheets.seat_keys import sheet_signing_key

# Per-expert bias and per-criterion noise, as fractions of a criterion's maximum.
# Together at most 0.08 of every maximum, plus half a step of rounding: an
# ordinary project's totals spread less than 20 % of the rubric's total.
EXPERT_BIAS = 0.03
CRITERION_NOISE = 0.05
QUALITY_RANGE = (0.48, 0.93)

CONFLICT_REASONS = (
    "近三年内曾为该申报企业提供有偿技术咨询服务",
    "本人所在单位与申报企业存在项目合作关系",
    "与申报企业法定代表人系大学同学，往来密切",
    "本人持有申报企业关联公司少量股份",
)
# The category each reason falls in (manifest format 4); "other" where the program
# has not that category.
CONFLICT_CATEGORIES = ("employment", "other", "other", "shareholding")
SECOND_ROUND_REASON = "经复议，参考专家组评分分布并重新核对实施成效材料后调整评分"
HINT_NO_CONFLICT = "本人与该单位的任职关系已于三年前终止，与本项目无利益关联"

# Criterion-specific remarks of the default rubric, by band; other rubrics get the
# band's own guidance.
REMARKS: Mapping[str, Mapping[str, str]] = {
    "advancement": {
        "top": "核心模型基于行业数据微调并有第三方测评报告佐证，工程化程度高，已稳定生产运行",
        "high": "在云厂商大模型能力之上做了较多二次开发与系统集成，技术路线清晰",
        "mid": "以调用通用 AI 接口为主，定制化程度有限",
        "bottom": "技术描述较为空泛，材料中看不出实质性的模型应用与自主开发",
    },
    "innovation": {
        "top": "应用场景在国内同行业中尚无同类落地案例，对业务流程重塑明显，示范意义突出",
        "high": "场景选择贴合企业主业，较大程度改变了原有作业流程",
        "mid": "场景较为常见，对原有流程属局部优化",
        "bottom": "场景描述不清，难以体现 AI 带来的实质改变",
    },
    "applicability": {
        "top": "方案标准化程度高，已在多家同行企业复制推广，成本优势明显",
        "high": "方案具备在本行业推广的条件，实施成本可承受",
        "mid": "方案与企业自身系统耦合较深，推广需较多定制",
        "bottom": "方案依赖特定条件，可复制性差",
    },
    "outcome": {
        "top": "实施前后关键指标改善显著，审计报告与业务数据相互印证",
        "high": "主要指标有明显改善，数据来源基本清楚",
        "mid": "成效数据以企业自述为主，缺少第三方佐证",
        "bottom": "成效指标口径不一致，审计报告与申报数据存在出入",
    },
}
OPENERS = ("经审阅申报材料，", "结合实施方案和审计报告，", "对照评分标准，", "")

OVERALL = {
    "recommend": ("项目技术路线清晰，实施成效有审计数据支撑，与“AI+百业”的支持方向高度契合，"
                  "建议予以支持。",
                  "申报材料完整规范，场景示范价值较高，建议按评审结果予以资助。"),
    "conditional": ("项目具备一定应用价值，但成效数据佐证不足，建议核实实际发生费用后择优支持。",
                    "技术方案可行，推广价值一般，建议在资金允许时给予适当支持。"),
    "not_recommended": ("项目以调用通用接口为主，创新性和成效均不突出，不建议本轮支持。",
                        "申报材料中关键指标口径不清，难以判断实施成效，建议暂不支持。"),
}
OUTLIER_COMMENT = ("本人认为该项目实施成效被明显高估：月调用量与合同约定规模不符，"
                   "审计报告未覆盖全部费用，建议复议。")
REVISION_NOTE = "（第二版：复核专项审计报告后调整实施成效得分）"

CHECKLIST_NOTES = {
    "non_compliant": ("现场未见合同约定的推理服务器部署，企业称已迁移至云端但未能出示迁移记录",
                      "系统后台调用日志显示的月调用量明显低于申报材料所述"),
    "unverifiable": ("企业未能提供项目上线以来的运行日志",
                     "终验报告原件存放于集团总部，现场未能核对"),
}
PHOTO_CAPTIONS = ("企业前台及门牌", "机房服务器机柜", "系统运行界面", "项目团队现场演示",
                  "合同及发票原件")


class DemoSheetsError(ReviewerError):
    """The package or the seat codes cannot be rehearsed (named in the message)."""


@dataclass(frozen=True)
class _Entry:
    """What one expert "typed" for one project (the ``ProjectInput`` protocol)."""

    project_id: str
    scores: Mapping[str, str] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)
    conflict_declared: bool = False
    conflict_reason: str = ""
    overall_comment: str = ""
    recommendation: str = ""
    evidence: Sequence[EvidenceRef] = ()
    conflict_category: str | None = None
    hint_answer: str | None = None
    hint_reason: str = ""
    second_round_reason: str = ""


@dataclass(frozen=True)
class DemoSheets:
    """What :func:`make_demo_sheets` signed.

    Attributes:
        sheets: every signed sheet, by seat in package order; the revised seat's
            revision 1 comes right before its revision 2.
        divergent: project id -> the seat that scored it far off.
        conflicts: (seat id, project id) -> the reason declared.
        revised: the seat with a second revision, or None (no seat could have one).
        skipped: seats enrolled with an expert's own key (not signed).
        inspection: whether the package is an inspection package.
    """

    sheets: tuple[SignedSheet, ...]
    divergent: Mapping[str, str]
    conflicts: Mapping[tuple[str, str], str]
    revised: str | None
    skipped: tuple[str, ...]
    inspection: bool


def demo_signing_key(seed: int, package_id: str, seat_id: str) -> Ed25519PrivateKey:
    """The rehearsal key of one seat: a function of the seed, the package and the seat."""
    digest = hashlib.sha256(f"reviewer-app demo-sheets:{seed}:{package_id}:{seat_id}"
                            .encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(digest)


def _divergence_threshold(manifest: Mapping[str, Any], rubric: Rubric) -> Decimal:
    text = manifest.get("program", {}).get("program_file")
    if text:
        return parse_program(text).aggregation.divergence_threshold
    return rubric.total_max / 5


def _check_codes(manifest: Mapping[str, Any], seat_codes: Mapping[str, str]) -> dict[str, str]:
    seats = {str(s["seat_id"]): s for s in manifest["seats"]}
    unknown = sorted(set(seat_codes) - set(seats))
    if unknown:
        raise DemoSheetsError(f"seat codes name seats this package does not have: "
                              f"{', '.join(unknown)} (are they another package's codes?)")
    codes: dict[str, str] = {}
    for seat_id, code in seat_codes.items():
        try:
            codes[seat_id] = canonical_seat_code(code)
        except SeatCodeError as exc:
            raise DemoSheetsError(f"seat {seat_id}: {exc}") from None
        check = seats[seat_id].get("seat_code_check")
        if check and not seat_code_matches(seat_id, codes[seat_id], check):
            raise DemoSheetsError(f"seat {seat_id}: the seat code is not this package's "
                                  "(the seat codes file belongs to another package)")
    return codes


def _on_step(criterion: Criterion, fraction: float) -> Decimal:
    """``fraction`` of the criterion's maximum, on its step, within 0..max."""
    raw = Decimal(str(round(max(0.0, min(1.0, fraction)) * float(criterion.max), 6)))
    steps = (raw / criterion.step).to_integral_value(ROUND_HALF_EVEN)
    return max(Decimal(0), min(criterion.max, steps * criterion.step))


def _text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0.0") else text


def _remark(criterion: Criterion, score: Decimal, rng: random.Random) -> str:
    band = criterion.band_for(score)
    if band is None:
        return f"{criterion.name}：依据申报材料评分。"
    specific = REMARKS.get(criterion.id, {}).get(band.id) or band.guidance or band.name
    return f"{rng.choice(OPENERS)}{criterion.name}{band.name}：{specific}。"


def _recommendation(total: Decimal, rubric: Rubric) -> str:
    share = total / rubric.total_max
    if share >= Decimal("0.75"):
        return "recommend"
    if share >= Decimal("0.65"):
        return "conditional"
    return "not_recommended"


class _Panel:
    """The rehearsal's random choices, all from one seeded stream, in a fixed order."""

    def __init__(self, manifest: Mapping[str, Any], seed: int, signed_seats: Sequence[str]
                 ) -> None:
        self.manifest = manifest
        self.rubric = Rubric.from_dict(manifest["rubric"])
        # Seeded by the projects, not by the package id (new at every build): the same
        # intake and seed give the same scores, so a rehearsal written down in a guide
        # can be followed and gives the results it describes.
        projects = ",".join(sorted(str(p["project_id"]) for p in manifest["projects"]))
        self.rng = random.Random(f"reviewer-app demo-sheets:{seed}:{projects}")
        self.projects = {str(p["project_id"]): p for p in manifest["projects"]}
        self.assigned = {seat: [str(p) for p in manifest["assignments"].get(seat, ())]
                         for seat in signed_seats}
        reviewers: dict[str, list[str]] = {}
        for seat, pids in self.assigned.items():
            for pid in pids:
                reviewers.setdefault(pid, []).append(seat)
        self.reviewers = reviewers
        order = [pid for pid in self.projects if pid in reviewers]
        low, high = QUALITY_RANGE
        self.quality = {pid: self.rng.uniform(low, high) for pid in order}
        self.bias = {seat: self.rng.uniform(-EXPERT_BIAS, EXPERT_BIAS) for seat in signed_seats}
        min_reviews = 3
        text = manifest.get("program", {}).get("program_file")
        if text:
            min_reviews = parse_program(text).aggregation.min_reviews
        self.threshold = _divergence_threshold(manifest, self.rubric)
        # The divergent project: one with the most reviewers (ties: package order). A
        # second round has none: it is where the panel converges.
        self.second_round = second_round_of(manifest) is not None
        self.divergent: dict[str, str] = {}
        candidates = [pid for pid in order if len(reviewers[pid]) >= 3
                      and not self.second_round]
        if candidates:
            most = max(len(reviewers[pid]) for pid in candidates)
            pid = next(p for p in candidates if len(reviewers[p]) == most)
            self.divergent[pid] = self.rng.choice(reviewers[pid])
        # A few conflicts: about one assignment in twenty-five, at most one a project,
        # never on the divergent project, never below the minimum of reviews.
        self.conflicts: dict[tuple[str, str], str] = {}
        self.categories = {str(c["id"]) for c in manifest.get("conflict_categories") or ()}
        pairs = [(seat, pid) for seat in signed_seats for pid in self.assigned[seat]
                 if pid not in self.divergent and len(reviewers[pid]) > min_reviews]
        wanted = max(1, len(pairs) // 25) if pairs and not self.second_round else 0
        taken: set[str] = set()
        for seat, pid in self.rng.sample(pairs, len(pairs)):
            if len(self.conflicts) >= wanted:
                break
            if pid not in taken:
                taken.add(pid)
                self.conflicts[(seat, pid)] = self.rng.choice(CONFLICT_REASONS)

    def entry(self, seat: str, pid: str) -> _Entry:
        rng = self.rng
        reason = self.conflicts.get((seat, pid))
        if reason is not None:
            category = CONFLICT_CATEGORIES[CONFLICT_REASONS.index(reason)]
            return _Entry(pid, conflict_declared=True, conflict_reason=reason,
                          conflict_category=category if category in self.categories
                          else "other")
        quality = self.quality[pid]
        outlier = self.divergent.get(pid) == seat
        if outlier:
            shift = min(0.9, float(self.threshold / self.rubric.total_max) + 0.2)
            quality = quality - shift if quality - shift >= 0.02 else quality + shift
        scores: dict[str, str] = {}
        comments: dict[str, str] = {}
        values: dict[str, Decimal] = {}
        for criterion in self.rubric.criteria:
            noise = 0.0 if outlier else (self.bias[seat]
                                         + rng.uniform(-CRITERION_NOISE, CRITERION_NOISE))
            score = _on_step(criterion, quality + noise)
            values[criterion.id] = score
            scores[criterion.id] = _text(score)
            if self.rubric.comment_required(criterion.id, score) or rng.random() < 0.3:
                comments[criterion.id] = _remark(criterion, score, rng)
        total = self.rubric.total(values)
        recommendation = _recommendation(total, self.rubric)
        overall = OUTLIER_COMMENT if outlier else rng.choice(OVERALL[recommendation])
        evidence: list[EvidenceRef] = []
        materials = self.projects[pid].get("materials", ())
        if materials and rng.random() < 0.4:
            material = rng.choice(materials)
            evidence.append(EvidenceRef(rng.choice(self.rubric.criteria).id,
                                        int(material["member_id"]), rng.randint(1, 3)))
        return _Entry(pid, scores, comments, overall_comment=overall,
                      recommendation=recommendation, evidence=tuple(evidence),
                      second_round_reason=SECOND_ROUND_REASON if self.second_round else "")

    def revise(self, entry: _Entry) -> _Entry:
        """The same project re-scored: the last criterion two steps up (or down)."""
        criterion = self.rubric.criteria[-1]
        old = Decimal(entry.scores[criterion.id])
        new = old + 2 * criterion.step
        if new > criterion.max:
            new = old - 2 * criterion.step
        scores = dict(entry.scores) | {criterion.id: _text(new)}
        comments = dict(entry.comments) | {
            criterion.id: f"复核专项审计报告后调整：{_remark(criterion, new, self.rng)}"}
        values = {cid: Decimal(text) for cid, text in scores.items()}
        return _Entry(entry.project_id, scores, comments,
                      overall_comment=entry.overall_comment + REVISION_NOTE,
                      recommendation=_recommendation(self.rubric.total(values), self.rubric),
                      evidence=entry.evidence)

    def visit(self, pid: str, checklist: Sequence[Mapping[str, Any]]) -> InspectionVisit:
        rng = self.rng
        answers = []
        for item in checklist:
            draw = rng.random()
            result = ("non_compliant" if draw < 0.06 else
                      "unverifiable" if draw < 0.1 else "compliant")
            note = rng.choice(CHECKLIST_NOTES[result]) if result != "compliant" else ""
            answers.append(ChecklistAnswer(str(item["id"]), result, note))
        bad = [a for a in answers if a.result != "compliant"]
        findings = ("现场核查情况与申报材料基本一致，项目系统运行正常。" if not bad else
                    f"现场核查发现 {len(bad)} 项与申报材料不一致或无法核实，详见检查项说明。")
        recommendation = ("建议按评审结果支持。" if not bad else
                          "建议企业补充说明后再提交决策会议研究。")
        photos = tuple(
            Photo(hashlib.sha256(f"demo photo:{self.manifest['package_id']}:{pid}:{i}"
                                 .encode()).hexdigest(), "image/jpeg", caption)
            for i, caption in enumerate(rng.sample(PHOTO_CAPTIONS, rng.randint(1, 3))))
        return InspectionVisit(pid, tuple(answers), findings, recommendation, photos)


def _created_at(manifest: Mapping[str, Any], index: int, revision: int) -> dt.datetime:
    try:
        base = dt.datetime.strptime(str(manifest.get("created_at")), "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        base = dt.datetime(2026, 1, 1)
    moment = base.replace(tzinfo=dt.UTC) + dt.timedelta(days=revision, hours=1,
                                                        minutes=37 * index)
    return moment


def make_demo_sheets(manifest: Mapping[str, Any], manifest_sha256: str,
                     seat_codes: Mapping[str, str], *, seed: int = 1) -> DemoSheets:
    """Sign a rehearsal sheet for every seat of the package (see the module docstring).

    Args:
        manifest: the decrypted manifest (with ``package_id``).
        manifest_sha256: hex SHA-256 of the manifest plaintext.
        seat_codes: seat id -> seat code (the CSV that ``build --seat-codes-out`` wrote).
        seed: the same manifest, codes and seed give the same sheets, byte for byte.

    Raises:
        DemoSheetsError: a seat without a code and without an enrolled key, codes of
            another package, or no seat left to sign for.
    """
    codes = _check_codes(manifest, seat_codes)
    seats = [str(s["seat_id"]) for s in manifest["seats"]]
    enrolled = {str(s["seat_id"]) for s in manifest["seats"] if s.get("public_key")}
    skipped = tuple(s for s in seats if s not in codes and s in enrolled)
    missing = [s for s in seats if s not in codes and s not in enrolled]
    if missing:
        raise DemoSheetsError(f"no seat code for seat(s) {', '.join(missing)}: give the "
                              "seat codes file that build wrote for this package")
    signed_seats = [s for s in seats if s in codes]
    if not signed_seats:
        raise DemoSheetsError("every seat of this package is enrolled with an expert's own "
                              "key: only those experts can sign its sheets")
    inspection = manifest["session"]["kind"] == "inspection"
    checklist = list(manifest.get("inspection_checklist", ()))
    panel = _Panel(manifest, seed, signed_seats)
    names = {str(s["seat_id"]): str(s.get("name") or s["seat_id"]) for s in manifest["seats"]}
    package_id = manifest["package_id"]
    outliers = set(panel.divergent.values())
    conflicted_seats = {seat for seat, _ in panel.conflicts}
    revisable = [s for s in signed_seats if panel.assigned[s] and s not in outliers]
    revised = next((s for s in revisable if s not in conflicted_seats),
                   revisable[0] if revisable else None) if not panel.second_round else None

    sheets: list[SignedSheet] = []
    for index, seat in enumerate(signed_seats):
        key = sheet_signing_key(manifest, seat, codes[seat],
                                demo_signing_key(seed, package_id, seat))
        hinted = conflict_hints(manifest, seat)
        entries = {pid: _answer_hint(panel.entry(seat, pid), pid in hinted)
                   for pid in panel.assigned[seat]}
        visits = [panel.visit(pid, checklist) for pid, e in entries.items()
                  if not e.conflict_declared] if inspection else []
        common = {"manifest_sha256": manifest_sha256, "seat_id": seat,
                  "expert_name": names[seat], "private_key": key, "seat_code": codes[seat],
                  "inspection": visits,
                  # The 承诺书 was accepted an hour before the first revision was signed.
                  "commitment_accepted_at": _created_at(manifest, index, 1)
                  - dt.timedelta(hours=1)}
        first = build_sheet(manifest, states=entries,
                            created_at=_created_at(manifest, index, 1), **common)
        sheets.append(first)
        if seat != revised:
            continue
        target = next((pid for pid, e in entries.items()
                       if not e.conflict_declared and pid not in panel.divergent), None)
        if target is None:
            revised = None
            continue
        entries[target] = panel.revise(entries[target])
        sheets.append(build_sheet(manifest, states=entries, revision=2,
                                  previous_sha256=first.body_sha256,
                                  created_at=_created_at(manifest, index, 2), **common))
    return DemoSheets(sheets=tuple(sheets), divergent=MappingProxyType(dict(panel.divergent)),
                      conflicts=MappingProxyType(dict(panel.conflicts)), revised=revised,
                      skipped=skipped, inspection=inspection)


def _answer_hint(entry: _Entry, hinted: bool) -> _Entry:
    """The demo expert's answer to a pre-screened likely conflict (manifest format 4):
    a declared conflict confirms it, otherwise "no conflict" with a reason."""
    if not hinted:
        return entry
    if entry.conflict_declared:
        return replace(entry, hint_answer="conflict")
    return replace(entry, hint_answer="no_conflict", hint_reason=HINT_NO_CONFLICT)


def write_demo_sheets(out_dir: Path, demo: DemoSheets,
                      manifest: Mapping[str, Any]) -> list[Path]:
    """Export every sheet as the expert app does: ``<seat>-r<revision>.revsheet`` and its PDF.

    Writing the same sheets again changes nothing; a different sheet under an
    existing name is refused (:class:`reviewer_app.sheets.errors.ExportFailed`).

    Returns:
        The .revsheet paths, in the order of ``demo.sheets``.
    """
    from reviewer_app.files import private_dir
    from reviewer_app.sheets.export import export_sheet

    out_dir = Path(out_dir)
    private_dir(out_dir)
    return [export_sheet(out_dir, sheet, manifest)[0] for sheet in demo.sheets]
