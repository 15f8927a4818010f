"""Eligibility review (形式审查): every condition of the operating rules as a named check.

Each check returns a :class:`Finding` with a status and the fact that decided it,
in Chinese for the secretariat's table and in English for logs and the English UI.
The ``rule`` field cites the operating rules' section. :func:`evaluate` judges one
application; :func:`evaluate_all` also compares the applications of an intake with
one another (one contract or one project claimed twice).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.names import find_name, name_contains, normalise_name
from reviewer_app.core.program import (
    MATERIAL_CATEGORY_IDS,
    EligibilityRules,
    Program,
    RequiredDocument,
)
from reviewer_app.core.uscc import uscc_problem, uscc_problem_zh


class Status(enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "needs_review"


@dataclass(frozen=True)
class Application:
    """One application (project) as the intake recorded it, already typed."""

    project_id: str
    project_title: str
    enterprise_name: str
    uscc: str
    entity_type: str
    registered_district: str
    registration_date: dt.date | None
    operating_in_district: bool
    location_changed: bool
    industry: str
    vendor: str
    contract_no: str
    contract_amount: Decimal
    contract_signed_date: dt.date | None
    completion_date: dt.date | None
    acceptance_report_date: dt.date | None
    actual_cost: Decimal
    requested_amount: Decimal
    legal_representative: str = ""
    summary: str = ""
    invoiced_amount: Decimal | None = None  # 发票金额, 元; None when the intake gives none


@dataclass(frozen=True)
class MaterialRef:
    """A material file of an application, known by category and title (not content)."""

    project_id: str
    category: int
    title: str
    filename: str
    size: int


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    rule: str
    message: str
    message_en: str


@dataclass(frozen=True)
class EligibilityReport:
    project_id: str
    findings: tuple[Finding, ...]

    @property
    def status(self) -> Status:
        statuses = {f.status for f in self.findings}
        if Status.FAIL in statuses:
            return Status.FAIL
        if Status.REVIEW in statuses:
            return Status.REVIEW
        return Status.PASS

    @property
    def failed_checks(self) -> tuple[str, ...]:
        return tuple(f.check for f in self.findings if f.status is Status.FAIL)

    def to_dict(self) -> dict[str, object]:
        return {
            "project_id": self.project_id,
            "status": self.status.value,
            "findings": [
                {"check": f.check, "status": f.status.value, "rule": f.rule,
                 "message": f.message, "message_en": f.message_en}
                for f in self.findings
            ],
        }


# 四（二）1: the two lists the rules name, and the name used when the intake names none.
DISHONEST_LISTS_EN = {
    "严重失信主体名单": "list of seriously dishonest entities",
    "失信惩戒措施清单": "list of entities under dishonesty sanctions",
}
GENERIC_DISHONEST_LIST = "失信名单"
GENERIC_DISHONEST_LIST_EN = "dishonest list"


@dataclass(frozen=True)
class _Context:
    app: Application
    materials: tuple[MaterialRef, ...]
    program: Program
    dishonest: Mapping[str, str]  # upper-case uscc -> name of the list it is on


def _finding(check: str, ok: bool, rule: str, zh: str, en: str,
             review: bool = False) -> Finding:
    status = Status.PASS if ok else (Status.REVIEW if review else Status.FAIL)
    return Finding(check, status, rule, zh, en)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def check_uscc(c: _Context) -> Finding:
    problem = uscc_problem(c.app.uscc)
    return _finding("uscc_valid", problem is None, "六（二）",
                    f"统一社会信用代码 {c.app.uscc} "
                    + ("校验通过" if problem is None else "无效：" + uscc_problem_zh(c.app.uscc)),
                    f"credit code {c.app.uscc} " + ("is valid" if problem is None
                                                   else "is invalid: " + problem))


def _matches_any(kind: str, forms: Collection[str]) -> str | None:
    """The longest form that ``kind`` contains (normalised), or None."""
    found = [f for f in forms if name_contains(kind, f)]
    return max(found, key=lambda f: (len(normalise_name(f)), f)) if found else None


def check_entity_type(c: _Context) -> Finding:
    """四（一）1 具有独立法人资格的企业, by the entity type's legal form."""
    rules = c.program.eligibility
    kind = c.app.entity_type
    refused = _matches_any(kind, rules.entity_types_refused)
    if refused is not None:
        return _finding("entity_type", False, "四（一）1",
                        f"主体类型为{kind}（{refused}），不具有独立法人资格的企业",
                        f"entity type {kind} ({refused}) is not an enterprise with "
                        "independent legal personality")
    if _matches_any(kind, rules.entity_types_review) is not None:
        return _finding("entity_type", False, "四（一）1",
                        f"主体类型为{kind}，需复核是否符合“独立法人资格的企业”",
                        f"entity type {kind} needs review against 'independent legal "
                        "person enterprise'", review=True)
    if _matches_any(kind, rules.entity_types_allowed) is not None:
        return _finding("entity_type", True, "四（一）1",
                        f"主体类型：{kind}", f"entity type: {kind}")
    return _finding("entity_type", False, "四（一）1",
                    f"主体类型“{kind or '—'}”无法识别，需复核是否为具有独立法人资格的企业",
                    f"entity type '{kind}' is not recognised; review whether it is an "
                    "enterprise with independent legal personality", review=True)


def _in_district(registered: str, rules: EligibilityRules) -> bool:
    return find_name(registered, {rules.district, *rules.district_aliases}) is not None


def check_registration(c: _Context) -> Finding:
    district = c.program.eligibility.district
    app = c.app
    if not _in_district(app.registered_district, c.program.eligibility):
        return _finding("nanshan_registration", False, "四（一）1",
                        f"注册地为{app.registered_district}，不在{district}",
                        f"registered in {app.registered_district}, not in {district}")
    if not app.operating_in_district:
        return _finding("nanshan_registration", False, "四（一）1",
                        f"注册于{district}但未在本区实际经营",
                        f"registered in {district} but not operating there")
    return _finding("nanshan_registration", True, "四（一）1",
                    f"注册并实际经营于{district}", f"registered and operating in {district}")


def check_location(c: _Context) -> Finding:
    if c.app.location_changed:
        return _finding("location_unchanged", False, "四（二）2",
                        "申请后项目实施地或数据申报地发生变化",
                        "project site or data-reporting location changed after applying")
    return _finding("location_unchanged", True, "四（二）2",
                    "项目实施地及数据申报地未变化", "project site and data reporting unchanged")


def check_dishonest(c: _Context) -> Finding:
    listed = c.dishonest.get(c.app.uscc.upper())
    if listed is None:
        return _finding("dishonest_list", True, "四（二）1",
                        "未列入严重失信主体名单或失信惩戒措施清单",
                        "not on the list of seriously dishonest entities nor under "
                        "dishonesty sanctions")
    names = [n for n in listed.split("、") if n]
    names_en = "; ".join(DISHONEST_LISTS_EN.get(n, n) for n in names)
    return _finding("dishonest_list", False, "四（二）1", f"已被纳入{listed}",
                    f"on the {names_en} ({listed})")


def check_vendor(c: _Context) -> Finding:
    vendor = c.app.vendor
    registered = find_name(vendor, c.program.eligibility.registered_vendors)
    if registered is None:
        return _finding("registered_vendor", False, "四（一）4",
                        f"云服务商“{vendor}”不在备案名单中",
                        f"vendor '{vendor}' is not on the registered list")
    if registered == vendor:
        return _finding("registered_vendor", True, "四（一）4", f"云服务商“{vendor}”为备案厂商",
                        f"vendor '{vendor}' is registered")
    return _finding("registered_vendor", True, "四（一）4",
                    f"云服务商“{vendor}”为备案厂商（备案名称：{registered}）",
                    f"vendor '{vendor}' is registered (as '{registered}')")


def check_contract_amount(c: _Context) -> Finding:
    minimum = c.program.eligibility.min_contract_amount
    amount = c.app.contract_amount
    ok = amount >= minimum
    return _finding("contract_amount", ok, "四（一）6",
                    f"合同金额 {decimal_str(amount)} 元" + ("，不低于" if ok else "，低于")
                    + f" {decimal_str(minimum)} 元",
                    f"contract amount {decimal_str(amount)} CNY is "
                    + ("at least" if ok else "below") + f" {decimal_str(minimum)} CNY")


def check_actual_cost(c: _Context) -> Finding:
    """三 按照实际发生费用最高30%给予资助: the cost must be backed by contract and invoices."""
    app = c.app
    cost = decimal_str(app.actual_cost)
    zh: list[str] = []
    en: list[str] = []
    if app.actual_cost > app.contract_amount:
        zh.append(f"高于合同金额 {decimal_str(app.contract_amount)} 元")
        en.append(f"above the contract amount of {decimal_str(app.contract_amount)} CNY")
    invoiced = app.invoiced_amount
    if invoiced is not None and app.actual_cost > invoiced:
        zh.append(f"高于发票金额 {decimal_str(invoiced)} 元")
        en.append(f"above the invoiced amount of {decimal_str(invoiced)} CNY")
    if zh:
        return _finding("actual_cost", False, "三",
                        f"实际发生费用 {cost} 元" + "，".join(zh) + "，需复核",
                        f"actual cost {cost} CNY is " + " and ".join(en) + "; needs review",
                        review=True)
    basis_zh = f"合同金额 {decimal_str(app.contract_amount)} 元"
    basis_en = f"the contract amount of {decimal_str(app.contract_amount)} CNY"
    if invoiced is not None:
        basis_zh += f"及发票金额 {decimal_str(invoiced)} 元"
        basis_en += f" and the invoiced amount of {decimal_str(invoiced)} CNY"
    return _finding("actual_cost", True, "三", f"实际发生费用 {cost} 元，不高于{basis_zh}",
                    f"actual cost {cost} CNY is not above {basis_en}")


def check_completion(c: _Context) -> Finding:
    opening = c.program.info.opening_date
    start = c.program.eligibility.window_start(opening)
    done = c.app.completion_date
    window_zh = f"{start.isoformat()} 至 {opening.isoformat()}"
    window_en = f"{start.isoformat()} to {opening.isoformat()}"
    if done is None:
        return _finding("completion_window", False, "四（一）5", "未填写合同结项日期",
                        "no contract completion date")
    ok = start <= done <= opening
    return _finding("completion_window", ok, "四（一）5",
                    f"结项日期 {done.isoformat()} " + ("在" if ok else "不在")
                    + f"政策开通前一年内（{window_zh}）",
                    f"completion date {done.isoformat()} is " + ("within" if ok else "outside")
                    + f" the year before opening ({window_en})")


def check_acceptance(c: _Context) -> Finding:
    rules = c.program.eligibility
    opening = c.program.info.opening_date
    report = c.app.acceptance_report_date
    if report is None:
        return _finding("acceptance_report", not rules.require_acceptance_report, "四（一）5",
                        "未取得终验报告", "no final acceptance report")
    start = rules.window_start(opening)
    if not start <= report <= opening:
        return _finding("acceptance_report", False, "四（一）5",
                        f"终验报告日期 {report.isoformat()} 不在政策开通前一年内",
                        f"acceptance report dated {report.isoformat()} is outside the year "
                        "before opening")
    done = c.app.completion_date
    if done is not None and report < done:
        return _finding("acceptance_report", False, "四（一）5",
                        f"终验报告日期 {report.isoformat()} 早于结项日期 {done.isoformat()}",
                        f"acceptance report dated {report.isoformat()} precedes completion "
                        f"on {done.isoformat()}")
    return _finding("acceptance_report", True, "四（一）5",
                    f"已取得终验报告（{report.isoformat()}）",
                    f"final acceptance report dated {report.isoformat()}")


def check_contract_dates(c: _Context) -> Finding:
    """四（一）5 签订的项目合同结项: a contract cannot be completed before it was signed."""
    signed, done = c.app.contract_signed_date, c.app.completion_date
    if signed is None or done is None:
        return _finding("contract_dates", True, "四（一）5",
                        "签订日期或结项日期未填写，未作比较",
                        "signing or completion date not given; not compared")
    if signed > done:
        return _finding("contract_dates", False, "四（一）5",
                        f"合同签订日期 {signed.isoformat()} 晚于结项日期 {done.isoformat()}，"
                        "需复核", f"contract signed on {signed.isoformat()}, after its "
                        f"completion on {done.isoformat()}; needs review", review=True)
    return _finding("contract_dates", True, "四（一）5",
                    f"合同于 {signed.isoformat()} 签订，{done.isoformat()} 结项",
                    f"contract signed {signed.isoformat()}, completed {done.isoformat()}")


def _is_young(c: _Context) -> bool:
    registered = c.app.registration_date
    if registered is None:
        return False
    # 六（七）注册不满一年: registered after the same calendar day a year before opening.
    return registered > c.program.eligibility.young_since(c.program.info.opening_date)


def _exempt_categories(c: _Context) -> frozenset[int]:
    """Categories not required of the applicant's entity type (事业单位: 六（四）)."""
    by_type = c.program.eligibility.exempt_categories_by_entity_type
    form = _matches_any(c.app.entity_type, by_type)
    return by_type[form] if form is not None else frozenset()


def material_check(category: int) -> Callable[[_Context], Finding]:
    def check(c: _Context) -> Finding:
        rules = c.program.eligibility
        name = c.program.category(category).name
        name_en = c.program.category(category).name_en
        rule = f"六（{'一二三四五六七八'[category - 1]}）"
        check_id = f"material_{category}"
        files = [m for m in c.materials if m.category == category]
        count_zh, count_en = f"{len(files)} 份", f"{len(files)} file(s)"
        exempt = category in _exempt_categories(c)
        if exempt and not files:
            return _finding(check_id, True, rule, f"{name}：{c.app.entity_type}免于提供",
                            f"{name_en}: not required of {c.app.entity_type}")
        if category not in rules.required_material_categories:
            return _finding(check_id, True, rule, f"{name}：选报，{count_zh}",
                            f"{name_en}: optional, {count_en}")
        if not files:
            return _finding(check_id, False, rule, f"缺少{name}", f"missing: {name_en}")
        if category == 7:
            return _statements_finding(c, files, check_id, rule)
        documents = c.program.category(category).documents
        if documents:
            return _documents_finding(documents, files, check_id, rule, name, name_en)
        return _finding(check_id, True, rule, f"{name}：{count_zh}", f"{name_en}: {count_en}")
    check.__name__ = f"check_material_{category}"
    return check


def _documents_finding(documents: Sequence[RequiredDocument], files: Sequence[MaterialRef],
                       check_id: str, rule: str, name: str, name_en: str) -> Finding:
    """六（五）/六（六）: each document the category names must show in a file title."""
    def shown(document: RequiredDocument) -> bool:
        return any(name_contains(f.title, k) for f in files for k in document.keywords)

    missing = [d for d in documents if not shown(d)]
    count_zh, count_en = f"{len(files)} 份", f"{len(files)} file(s)"
    if missing:
        return _finding(check_id, False, rule,
                        f"{name}：{count_zh}，文件标题中未见"
                        + "、".join(d.name for d in missing) + "，请核对材料",
                        f"{name_en}: {count_en}, none titled as "
                        + " or ".join(d.name_en for d in missing) + "; check the files",
                        review=True)
    return _finding(check_id, True, rule,
                    f"{name}：{count_zh}（" + "、".join(d.name for d in documents) + "）",
                    f"{name_en}: {count_en} (" + ", ".join(d.name_en for d in documents) + ")")


def _statements_finding(c: _Context, files: Sequence[MaterialRef], check_id: str,
                        rule: str) -> Finding:
    """Category 7: statements of recent years, or capital verification when young."""
    capital = [m for m in files if "验资" in m.title]
    years = c.program.eligibility.statements_years
    if _is_young(c):
        if capital:
            return _finding(check_id, True, rule, "注册不满一年，已提供验资报告",
                            "registered less than a year ago; capital verification provided")
        return _finding(check_id, False, rule, "注册不满一年，应提供验资报告，请核对材料",
                        "registered less than a year ago: expected a capital verification "
                        "report; check the files", review=True)
    if capital and len(capital) == len(files):
        return _finding(check_id, False, rule,
                        f"注册已满一年，应提供近{years}年财务报表而非验资报告",
                        f"registered over a year ago: expected {years} years of statements, "
                        "found only capital verification", review=True)
    return _finding(check_id, True, rule, f"财务报表：{len(files)} 份",
                    f"financial statements: {len(files)} file(s)")


CHECKS: tuple[Callable[[_Context], Finding], ...] = (
    check_uscc,
    check_entity_type,
    check_registration,
    check_location,
    check_dishonest,
    check_vendor,
    check_contract_amount,
    check_actual_cost,
    check_completion,
    check_acceptance,
    check_contract_dates,
    *(material_check(category) for category in MATERIAL_CATEGORY_IDS),
)

CHECK_IDS: tuple[str, ...] = (
    "uscc_valid", "entity_type", "nanshan_registration", "location_unchanged",
    "dishonest_list", "registered_vendor", "contract_amount", "actual_cost", "completion_window",
    "acceptance_report", "contract_dates",
    *(f"material_{category}" for category in MATERIAL_CATEGORY_IDS),
)
# Checks that compare an application with the others of the intake (evaluate_all).
CROSS_CHECK_IDS: tuple[str, ...] = ("contract_no_unique", "project_unique",
                                     "enterprise_consistent")


def dishonest_by_uscc(dishonest: Collection[str] | Mapping[str, str]) -> dict[str, str]:
    """Upper-case uscc -> list name; a bare collection of codes gets the generic list name."""
    if isinstance(dishonest, Mapping):
        return {str(k).upper(): str(v) or GENERIC_DISHONEST_LIST for k, v in dishonest.items()}
    return {code.upper(): GENERIC_DISHONEST_LIST for code in dishonest}


def evaluate(application: Application, materials: Collection[MaterialRef], program: Program,
             dishonest_uscc: Collection[str] | Mapping[str, str] = frozenset()
             ) -> EligibilityReport:
    """Run every check on one application; the report keeps them in CHECK_IDS order.

    ``dishonest_uscc`` holds the codes on a dishonest list (四（二）1), or maps each to
    the name of its list (严重失信主体名单, 失信惩戒措施清单).
    """
    context = _Context(app=application,
                       materials=tuple(m for m in materials
                                       if m.project_id == application.project_id),
                       program=program, dishonest=dishonest_by_uscc(dishonest_uscc))
    return EligibilityReport(application.project_id,
                             tuple(check(context) for check in CHECKS))


def _others(key_of: Callable[[Application], str | None], applications: Sequence[Application]
            ) -> dict[str, tuple[str, ...]]:
    """Project id -> ids of the other applications with the same (non-empty) key."""
    groups: dict[str, list[str]] = {}
    for app in applications:
        key = key_of(app)
        if key:
            groups.setdefault(key, []).append(app.project_id)
    return {app.project_id: tuple(p for p in groups.get(key_of(app) or "", ())
                                  if p != app.project_id)
            for app in applications}


def _cross_findings(app: Application, same_contract: Sequence[str],
                    same_project: Sequence[str]) -> tuple[Finding, Finding]:
    if same_contract:
        others = "、".join(same_contract)
        contract = _finding("contract_no_unique", False, "八（二）",
                            f"合同编号 {app.contract_no} 亦见于申请 {others}，需复核是否重复申报",
                            f"contract {app.contract_no} also appears in application(s) "
                            f"{', '.join(same_contract)}; check for a duplicate claim",
                            review=True)
    else:
        contract = _finding("contract_no_unique", True, "八（二）",
                            f"合同编号 {app.contract_no or '—'} 未见于其他申请",
                            f"contract {app.contract_no or '—'} appears in no other application")
    if same_project:
        others = "、".join(same_project)
        project = _finding("project_unique", False, "八（二）",
                           f"同一主体（{app.uscc}）的同名项目“{app.project_title}”亦见于申请 "
                           f"{others}，需复核是否重复申报",
                           f"the same enterprise ({app.uscc}) applies with the same project "
                           f"'{app.project_title}' in {', '.join(same_project)}; check for a "
                           "duplicate application", review=True)
    else:
        project = _finding("project_unique", True, "八（二）", "同一主体无同名项目的其他申请",
                           "no other application of the enterprise with the same project")
    return contract, project


def _uscc_key(app: Application) -> str:
    return app.uscc.strip().upper()


def _enterprise_finding(app: Application, applications: Mapping[str, Application],
                        same_uscc: Sequence[str], same_name: Sequence[str]) -> Finding:
    """One enterprise, one credit code, one name (八（二）真实性).

    The same code in several applications is legitimate when they are several
    projects of one enterprise (their subsidies share its annual cap), so with
    the same name it passes, naming the others; under another name, or the same
    name under another code, one of the two is wrong or borrowed: 需复核.
    """
    key = normalise_name(app.enterprise_name)
    other_names = [p for p in same_uscc
                   if normalise_name(applications[p].enterprise_name) != key]
    other_codes = [p for p in same_name if _uscc_key(applications[p]) != _uscc_key(app)]
    # (others, what of theirs is shown, Chinese message, English message); the
    # messages are functions of the listing, never str.format of applicant text.
    conflicts = (
        (other_names, lambda other: other.enterprise_name,
         lambda listed: f"统一社会信用代码 {app.uscc} 亦见于申请 {listed}，申报主体名称不同，"
                        "需复核",
         lambda listed: f"credit code {app.uscc} also appears in application(s) {listed} "
                        "under another enterprise name; check which is right"),
        (other_codes, lambda other: other.uscc,
         lambda listed: f"申报主体“{app.enterprise_name}”亦见于申请 {listed}，统一社会信用"
                        "代码不同，需复核",
         lambda listed: f"enterprise '{app.enterprise_name}' also appears in application(s) "
                        f"{listed} with another credit code; check which is right"),
    )
    for others, shown, zh, en in conflicts:
        if others:
            listed_zh = "、".join(f"{p}（{shown(applications[p])}）" for p in others)
            listed_en = ", ".join(f"{p} ({shown(applications[p])})" for p in others)
            return _finding("enterprise_consistent", False, "八（二）", zh(listed_zh),
                            en(listed_en), review=True)
    if same_uscc:
        return _finding("enterprise_consistent", True, "八（二）",
                        f"同一主体另有申请 {'、'.join(same_uscc)}（不同项目，资助合计受企业年度"
                        "上限约束）", f"the enterprise also applies with "
                        f"{', '.join(same_uscc)} (other projects; together within the "
                        "enterprise's annual cap)")
    return _finding("enterprise_consistent", True, "八（二）",
                    "统一社会信用代码与申报主体名称未见于其他申请",
                    "credit code and enterprise name appear in no other application")


def evaluate_all(applications: Sequence[Application], materials: Collection[MaterialRef],
                 program: Program,
                 dishonest_uscc: Collection[str] | Mapping[str, str] = frozenset()
                 ) -> tuple[EligibilityReport, ...]:
    """:func:`evaluate` every application, and compare them with one another.

    Each report holds the findings of CHECK_IDS, then those of CROSS_CHECK_IDS:
    a contract number used by another application, or the same enterprise (by
    credit code) applying with the same project (by normalised title) twice, is
    flagged for review naming the other application (八（二）: 申报材料的真实性、
    准确性 — one contract's cost is not claimed twice). One credit code under two
    enterprise names, or one name under two codes, is flagged the same way.
    """
    same_contract = _others(lambda a: normalise_name(a.contract_no).upper(), applications)
    same_project = _others(
        lambda a: f"{_uscc_key(a)}|{normalise_name(a.project_title)}"
        if _uscc_key(a) and normalise_name(a.project_title) else None, applications)
    same_uscc = _others(lambda a: _uscc_key(a) or None, applications)
    same_name = _others(lambda a: normalise_name(a.enterprise_name) or None, applications)
    by_id = {app.project_id: app for app in applications}
    listed = dishonest_by_uscc(dishonest_uscc)
    reports = []
    for app in applications:
        report = evaluate(app, materials, program, listed)
        cross = (*_cross_findings(app, same_contract[app.project_id],
                                  same_project[app.project_id]),
                 _enterprise_finding(app, by_id, same_uscc[app.project_id],
                                     same_name[app.project_id]))
        reports.append(EligibilityReport(report.project_id, report.findings + cross))
    return tuple(reports)
