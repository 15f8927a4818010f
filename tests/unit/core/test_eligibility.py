"""Each condition of the operating rules, in the rules' own words."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from reviewer_app.core.eligibility import (
    CHECK_IDS,
    CROSS_CHECK_IDS,
    MaterialRef,
    Status,
    evaluate,
    evaluate_all,
)
from tests.helpers.programs import default_program, full_materials, make_uscc, valid_application

PROGRAM = default_program()


def _status(app, materials=None, dishonest=()) -> dict[str, Status]:
    report = evaluate(app, full_materials() if materials is None else materials, PROGRAM,
                      dishonest)
    assert [f.check for f in report.findings] == list(CHECK_IDS)
    return {f.check: f.status for f in report.findings}


def test_a_complete_application_passes_every_check() -> None:
    report = evaluate(valid_application(), full_materials(), PROGRAM)
    assert report.status is Status.PASS
    assert report.failed_checks == ()
    assert all(f.message and f.message_en for f in report.findings)


@pytest.mark.parametrize("rule, changes, check", [
    # 四（一）1 在南山区依法从事实际经营，并具有独立法人资格的企业
    ("registered elsewhere", {"registered_district": "宝安区"}, "nanshan_registration"),
    ("not actually operating", {"operating_in_district": False}, "nanshan_registration"),
    ("a branch has no legal personality", {"entity_type": "分支机构"}, "entity_type"),
    # 四（一）4 使用经备案通过云服务商的AI技术服务
    ("unregistered vendor", {"vendor": "深圳市某某云科技有限公司"}, "registered_vendor"),
    # 四（一）5 结项时间应在政策开通之日向前溯源一年内
    ("completed too early", {"completion_date": dt.date(2025, 6, 3)}, "completion_window"),
    ("no completion date", {"completion_date": None}, "completion_window"),
    # 四（一）5 取得终验报告
    ("no acceptance report", {"acceptance_report_date": None}, "acceptance_report"),
    ("report after opening", {"acceptance_report_date": dt.date(2026, 6, 5)},
     "acceptance_report"),
    # 四（一）5 在上述期间完成合同所对应项目服务，取得终验报告: a final acceptance dated
    # before completion (结项) cannot be the acceptance of the completed service.
    ("report before completion", {"acceptance_report_date": dt.date(2025, 11, 1)},
     "acceptance_report"),
    # 四（一）6 合同金额不少于20万元
    ("contract below 200,000", {"contract_amount": Decimal("199999.99")}, "contract_amount"),
    # 四（二）2 实施地或数据申报地发生变化
    ("location changed", {"location_changed": True}, "location_unchanged"),
    # 六（二） 统一社会信用代码
    ("invalid credit code", {"uscc": "91440305000000123X"}, "uscc_valid"),
])
def test_each_rule_fails_alone(rule: str, changes: dict, check: str) -> None:
    statuses = _status(valid_application(**changes))
    failing = {k for k, v in statuses.items() if v is Status.FAIL}
    assert failing == {check}, rule


def test_completed_after_opening_四一5() -> None:
    """四（一）5: completed after opening; its acceptance, after completion, is late too."""
    app = valid_application(completion_date=dt.date(2026, 6, 5),
                            acceptance_report_date=dt.date(2026, 6, 6))
    failing = {k for k, v in _status(app).items() if v is Status.FAIL}
    assert failing == {"completion_window", "acceptance_report"}
    early = valid_application(completion_date=dt.date(2026, 6, 5),
                              acceptance_report_date=dt.date(2026, 6, 4))
    assert _status(early)["acceptance_report"] is Status.FAIL  # before completion


def test_window_boundaries_are_inclusive() -> None:
    # 四（一）5: one calendar year before 2026-06-04 is 2025-06-04: completing that day is
    # still in time.
    app = valid_application(completion_date=dt.date(2025, 6, 4),
                            acceptance_report_date=dt.date(2025, 6, 4))
    assert _status(app)["completion_window"] is Status.PASS
    app = valid_application(completion_date=dt.date(2026, 6, 4),
                            acceptance_report_date=dt.date(2026, 6, 4))
    assert _status(app)["completion_window"] is Status.PASS
    assert _status(valid_application(contract_amount=Decimal(200000)))[
        "contract_amount"] is Status.PASS


def test_dishonest_list_四二1() -> None:
    app = valid_application()
    assert _status(app, dishonest={app.uscc})["dishonest_list"] is Status.FAIL
    assert _status(app, dishonest={"other"})["dishonest_list"] is Status.PASS


@pytest.mark.parametrize("list_name, english", [
    ("严重失信主体名单", "seriously dishonest"),
    ("失信惩戒措施清单", "dishonesty sanctions"),
])
def test_dishonest_finding_names_the_list_四二1(list_name: str, english: str) -> None:
    """四（二）1 被依法依规纳入严重失信主体名单或失信惩戒措施清单的: say which list matched."""
    app = valid_application()
    finding = _finding_of(app, "dishonest_list", dishonest={app.uscc.lower(): list_name})
    assert finding.status is Status.FAIL
    assert finding.message == f"已被纳入{list_name}"
    assert english in finding.message_en and list_name in finding.message_en
    generic = _finding_of(app, "dishonest_list", dishonest={app.uscc})
    assert generic.message == "已被纳入失信名单"
    clear = _finding_of(app, "dishonest_list", dishonest={"X": list_name})
    assert clear.status is Status.PASS
    assert clear.message == "未列入严重失信主体名单或失信惩戒措施清单"


def test_public_institution_is_reviewed_and_exempt_from_tax_certificates() -> None:
    app = valid_application(entity_type="事业单位")
    statuses = _status(app, full_materials(categories=(1, 2, 3, 5, 6, 7)))
    assert statuses["entity_type"] is Status.REVIEW
    assert statuses["material_4"] is Status.PASS


def test_enterprise_without_tax_certificates_fails() -> None:
    statuses = _status(valid_application(), full_materials(categories=(1, 2, 3, 5, 6, 7)))
    assert statuses["material_4"] is Status.FAIL
    assert statuses["material_8"] is Status.PASS  # optional


@pytest.mark.parametrize("missing", [1, 2, 3, 5, 6, 7])
def test_each_required_category_is_checked(missing: int) -> None:
    categories = tuple(c for c in range(1, 9) if c != missing)
    statuses = _status(valid_application(), full_materials(categories=categories))
    assert {k for k, v in statuses.items() if v is Status.FAIL} == {f"material_{missing}"}


def test_young_enterprise_provides_capital_verification() -> None:
    young = valid_application(registration_date=dt.date(2025, 9, 1))
    ok = full_materials(category7_title="验资报告")
    assert _status(young, ok)["material_7"] is Status.PASS
    statements = full_materials(category7_title="2025年度财务报表")
    assert _status(young, statements)["material_7"] is Status.REVIEW
    old = valid_application()
    assert _status(old, ok)["material_7"] is Status.REVIEW
    assert _status(old)["material_7"] is Status.PASS


def test_materials_of_other_projects_do_not_count() -> None:
    statuses = _status(valid_application(), full_materials(project_id="OTHER"))
    assert statuses["material_1"] is Status.FAIL


def test_report_serialises_with_both_languages() -> None:
    data = evaluate(valid_application(contract_amount=Decimal(150000)), full_materials(),
                    PROGRAM).to_dict()
    assert data["status"] == "fail"
    finding = next(f for f in data["findings"] if f["check"] == "contract_amount")
    assert finding == {"check": "contract_amount", "status": "fail", "rule": "四（一）6",
                       "message": "合同金额 150000 元，低于 200000 元",
                       "message_en": "contract amount 150000 CNY is below 200000 CNY"}


def _opening(day: dt.date):
    info = dataclasses.replace(PROGRAM.info, opening_date=day)
    return dataclasses.replace(PROGRAM, info=info)


def _statuses_with(program, app, materials=None) -> dict[str, Status]:
    report = evaluate(app, full_materials() if materials is None else materials, program)
    return {f.check: f.status for f in report.findings}


@pytest.mark.parametrize("opening, first_day", [
    (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),
    (dt.date(2027, 3, 1), dt.date(2026, 3, 1)),
    (dt.date(2028, 3, 1), dt.date(2027, 3, 1)),  # 366 days: a leap day lies in between
])
def test_completion_window_is_one_calendar_year_四一5(opening: dt.date,
                                                     first_day: dt.date) -> None:
    """四（一）5 结项时间应在政策开通之日向前溯源一年内: same day a year earlier, not 365 days."""
    program = _opening(opening)
    assert program.eligibility.window_start(opening) == first_day
    before = first_day - dt.timedelta(days=1)
    for done, expected in ((first_day, Status.PASS), (before, Status.FAIL)):
        app = valid_application(contract_signed_date=dt.date(2025, 1, 1), completion_date=done,
                                acceptance_report_date=first_day + dt.timedelta(days=1))
        assert _statuses_with(program, app)["completion_window"] is expected, done
    finding = next(f for f in evaluate(valid_application(completion_date=first_day,
                                                         acceptance_report_date=first_day),
                                       full_materials(), program).findings
                   if f.check == "completion_window")
    assert first_day.isoformat() in finding.message


@pytest.mark.parametrize("opening, registered, young", [
    (dt.date(2028, 2, 29), dt.date(2027, 2, 28), False),  # exactly one year: 满一年
    (dt.date(2028, 2, 29), dt.date(2027, 3, 1), True),
    (dt.date(2027, 3, 1), dt.date(2026, 3, 1), False),
    (dt.date(2027, 3, 1), dt.date(2026, 3, 2), True),
    (dt.date(2028, 3, 1), dt.date(2027, 3, 1), False),    # 366 days before: not young
])
def test_young_enterprise_is_registered_less_than_a_calendar_year_六七(
        opening: dt.date, registered: dt.date, young: bool) -> None:
    """六（七）申报主体注册不满一年的，需提供注册时的验资报告 — by calendar year."""
    program = _opening(opening)
    app = valid_application(registration_date=registered)
    capital = full_materials(category7_title="验资报告")
    expected = Status.PASS if young else Status.REVIEW
    assert _statuses_with(program, app, capital)["material_7"] is expected


def test_invalid_credit_code_is_explained_in_chinese_六二() -> None:
    """六（二）统一社会信用代码: the Chinese message states the fact in Chinese."""
    app = valid_application(uscc="91350100M000100Y44")
    finding = next(f for f in evaluate(app, full_materials(), PROGRAM).findings
                   if f.check == "uscc_valid")
    assert finding.status is Status.FAIL
    assert finding.message == "统一社会信用代码 91350100M000100Y44 无效：校验码为 4，应为 3"
    assert finding.message_en.endswith("is invalid: check character is 4, expected 3")
    short = next(f for f in evaluate(valid_application(uscc="9144"), full_materials(),
                                     PROGRAM).findings if f.check == "uscc_valid")
    assert short.message.endswith("无效：共 4 位，应为 18 位")


def _finding_of(app, check: str, materials=None, program=PROGRAM, dishonest=()):
    report = evaluate(app, full_materials() if materials is None else materials, program,
                      dishonest)
    return next(f for f in report.findings if f.check == check)


def test_actual_cost_above_contract_is_reviewed_三() -> None:
    """三 按照实际发生费用最高30%给予资助: a cost above the contract amount needs review."""
    finding = _finding_of(valid_application(actual_cost=Decimal("910000")), "actual_cost")
    assert finding.status is Status.REVIEW and finding.rule == "三"
    assert "910000" in finding.message and "860000" in finding.message
    assert finding.message == "实际发生费用 910000 元高于合同金额 860000 元，需复核"
    assert "910000" in finding.message_en and "860000" in finding.message_en
    assert _finding_of(valid_application(), "actual_cost").status is Status.PASS


def test_actual_cost_above_invoices_is_reviewed_三() -> None:
    """三 实际发生费用: where the intake gives the invoiced amount, the cost may not exceed it."""
    app = valid_application(actual_cost=Decimal("800000"), invoiced_amount=Decimal("750000.5"))
    finding = _finding_of(app, "actual_cost")
    assert finding.status is Status.REVIEW
    assert "800000" in finding.message and "750000.5" in finding.message
    assert "发票金额" in finding.message and "invoiced" in finding.message_en
    both = _finding_of(valid_application(actual_cost=Decimal("900000"),
                                         invoiced_amount=Decimal("880000")), "actual_cost")
    assert "合同金额 860000" in both.message and "发票金额 880000" in both.message
    ok = _finding_of(valid_application(invoiced_amount=Decimal("860000")), "actual_cost")
    assert ok.status is Status.PASS and "发票金额 860000" in ok.message


@pytest.mark.parametrize("vendor", [
    "腾讯云计算(北京)有限责任公司", "腾讯云计算 （北京） 有限责任公司",
    "腾讯云计算\u3000(北京)\u3000有限责任公司", "华为云计算技术有限公司 ",
])
def test_vendor_names_are_compared_normalised_四一4(vendor: str) -> None:
    """四（一）4 经备案通过云服务商: brackets, spaces and widths do not make another vendor."""
    finding = _finding_of(valid_application(vendor=vendor), "registered_vendor")
    assert finding.status is Status.PASS, finding
    if vendor.startswith("腾讯"):
        assert "备案名称：腾讯云计算（北京）有限责任公司" in finding.message
    other = _finding_of(valid_application(vendor="腾讯云计算（深圳）有限责任公司"),
                        "registered_vendor")
    assert other.status is Status.FAIL


@pytest.mark.parametrize("district, status", [
    ("南山区", Status.PASS), ("深圳市南山区", Status.PASS), ("广东省深圳市南山区", Status.PASS),
    ("深圳市 南山区", Status.PASS), ("深圳市宝安区", Status.FAIL), ("宝安区", Status.FAIL),
])
def test_registered_district_accepts_its_full_name_四一1(district: str,
                                                          status: Status) -> None:
    """四（一）1 在南山区依法从事实际经营: 深圳市南山区 is 南山区."""
    assert _status(valid_application(registered_district=district))[
        "nanshan_registration"] is status


@pytest.mark.parametrize("kind, status", [
    # 四（一）1 具有独立法人资格的企业: companies are legal persons ...
    ("企业法人", Status.PASS), ("有限责任公司", Status.PASS),
    ("有限责任公司（自然人独资）", Status.PASS), ("有限责任公司(自然人投资或控股)", Status.PASS),
    ("股份有限公司", Status.PASS), ("股份有限公司（上市）", Status.PASS),
    ("有限公司", Status.PASS), ("股份合作公司", Status.PASS),
    # ... partnerships, sole proprietorships and branches are not ...
    ("普通合伙企业", Status.FAIL), ("有限合伙企业", Status.FAIL), ("合伙企业", Status.FAIL),
    ("个人独资企业", Status.FAIL), ("分支机构", Status.FAIL),
    ("有限责任公司分公司", Status.FAIL), ("个体工商户", Status.FAIL),
    # ... non-enterprise legal persons are reviewed ...
    ("事业单位", Status.REVIEW), ("社会团体", Status.REVIEW), ("民办非企业单位", Status.REVIEW),
    # ... and a form the rules do not name is reviewed, not refused.
    ("外国企业常驻代表机构", Status.REVIEW), ("", Status.REVIEW),
])
def test_entity_legal_forms_四一1(kind: str, status: Status) -> None:
    """四（一）1 具有独立法人资格的企业, by legal form."""
    finding = _finding_of(valid_application(entity_type=kind), "entity_type")
    assert finding.status is status, finding
    assert finding.message and finding.message_en


def test_public_institution_legal_person_is_exempt_from_tax_certificates_六四() -> None:
    """六（四）完税证明（事业单位除外）: also when written 事业单位法人."""
    app = valid_application(entity_type="事业单位法人")
    statuses = _status(app, full_materials(categories=(1, 2, 3, 5, 6, 7)))
    assert statuses["material_4"] is Status.PASS


def _with_titles(category: int, *titles: str) -> list[MaterialRef]:
    others = [m for m in full_materials() if m.category != category]
    return others + [MaterialRef("AI2026-0001", category, t, f"{category}-{t}.pdf", 1000)
                     for t in titles]


@pytest.mark.parametrize("titles, status, missing", [
    (("技术服务合同", "发票及支付凭证"), Status.PASS, None),
    (("云服务合同", "付款回单"), Status.PASS, None),
    (("合同及支付凭证",), Status.PASS, None),
    (("技术服务合同",), Status.REVIEW, "发票等支付凭证"),
    (("增值税专用发票",), Status.REVIEW, "合同"),
    (("扫描件1", "扫描件2"), Status.REVIEW, "合同、发票等支付凭证"),
])
def test_contract_and_payment_vouchers_六五(titles: tuple[str, ...], status: Status,
                                           missing: str | None) -> None:
    """六（五）签订的合同等相关证明文件、发票等支付凭证: both, recognised by file title."""
    finding = _finding_of(valid_application(), "material_5", _with_titles(5, *titles))
    assert finding.status is status, finding
    if missing:
        assert f"未见{missing}，" in finding.message
        assert "check the files" in finding.message_en


@pytest.mark.parametrize("titles, status, missing", [
    (("项目实施方案", "专项审计报告"), Status.PASS, None),
    (("项目实施方案",), Status.REVIEW, "审计报告"),
    (("审计报告", "审计报告附件扫描件（第1册）"), Status.REVIEW, "项目实施方案"),
])
def test_implementation_plan_and_audit_report_六六(titles: tuple[str, ...], status: Status,
                                                  missing: str | None) -> None:
    """六（六）项目实施方案，包括……项目的审计报告: both, recognised by file title."""
    finding = _finding_of(valid_application(), "material_6", _with_titles(6, *titles))
    assert finding.status is status, finding
    if missing:
        assert f"未见{missing}，" in finding.message


def test_no_files_in_category_5_still_fails_六五() -> None:
    """六（五）: no file at all is missing material, not a review."""
    assert _finding_of(valid_application(), "material_5",
                       full_materials(categories=(1, 2, 3, 4, 6, 7))).status is Status.FAIL


def test_program_documents_come_from_the_program_file() -> None:
    documents = PROGRAM.category(5).documents
    assert [d.name for d in documents] == ["合同", "发票等支付凭证"]
    assert documents[1].keywords == ("发票", "支付凭证", "付款")
    assert [d.name for d in PROGRAM.category(6).documents] == ["项目实施方案", "审计报告"]
    assert PROGRAM.category(1).documents == ()


def test_contract_signed_after_completion_is_reviewed_四一5() -> None:
    """四（一）5 签订的项目合同结项: signed after its completion date cannot be right."""
    app = valid_application(contract_signed_date=dt.date(2025, 12, 1))
    finding = _finding_of(app, "contract_dates")
    assert finding.status is Status.REVIEW
    assert "2025-12-01" in finding.message and "2025-11-30" in finding.message
    assert _finding_of(valid_application(), "contract_dates").status is Status.PASS
    same_day = valid_application(contract_signed_date=dt.date(2025, 11, 30))
    assert _finding_of(same_day, "contract_dates").status is Status.PASS
    unknown = valid_application(contract_signed_date=None)
    assert _finding_of(unknown, "contract_dates").status is Status.PASS


def _cross(apps) -> dict[str, dict[str, object]]:
    materials = [m for a in apps for m in full_materials(project_id=a.project_id)]
    reports = evaluate_all(apps, materials, PROGRAM)
    for report in reports:
        assert [f.check for f in report.findings] == [*CHECK_IDS, *CROSS_CHECK_IDS]
    return {r.project_id: {f.check: f for f in r.findings} for r in reports}


def test_same_contract_in_two_applications_is_reviewed_八二() -> None:
    """八（二）申报材料的真实性、准确性: one contract is not claimed by two applications."""
    apps = [valid_application(),
            valid_application(project_id="AI2026-0002", uscc=make_uscc(124),
                              project_title="另一个项目", contract_no="hw-2025-0412 "),
            valid_application(project_id="AI2026-0003", uscc=make_uscc(125),
                              project_title="第三个项目", contract_no="HW-2025-0999")]
    findings = _cross(apps)
    first = findings["AI2026-0001"]["contract_no_unique"]
    assert first.status is Status.REVIEW and "AI2026-0002" in first.message
    assert "AI2026-0002" in first.message_en
    assert "AI2026-0001" in findings["AI2026-0002"]["contract_no_unique"].message
    assert findings["AI2026-0003"]["contract_no_unique"].status is Status.PASS
    assert all(f["project_unique"].status is Status.PASS for f in findings.values())


def test_same_enterprise_same_project_twice_is_reviewed_八二() -> None:
    """八（二）: the same enterprise (USCC) with the same project (normalised title) twice."""
    apps = [valid_application(project_title="基于大模型的智能质检系统（一期）"),
            valid_application(project_id="AI2026-0002", contract_no="HW-2025-0413",
                              project_title="基于大模型的 智能质检系统(一期)"),
            valid_application(project_id="AI2026-0003", contract_no="HW-2025-0414",
                              project_title="智能排产平台"),
            valid_application(project_id="AI2026-0004", contract_no="HW-2025-0415",
                              uscc=make_uscc(999),
                              project_title="基于大模型的智能质检系统（一期）")]
    findings = _cross(apps)
    one = findings["AI2026-0001"]["project_unique"]
    assert one.status is Status.REVIEW and "AI2026-0002" in one.message
    assert "AI2026-0004" not in one.message  # another enterprise may use the same title
    assert "AI2026-0001" in findings["AI2026-0002"]["project_unique"].message_en
    assert findings["AI2026-0003"]["project_unique"].status is Status.PASS
    assert findings["AI2026-0004"]["project_unique"].status is Status.PASS
    assert all(f["contract_no_unique"].status is Status.PASS for f in findings.values())
