"""The bundled program and typed test applications that pass every check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from decimal import Decimal

from reviewer_app.core.eligibility import Application, MaterialRef
from reviewer_app.core.program import Program, parse_program
from reviewer_app.core.uscc import check_character
from reviewer_app.paths import DEFAULT_PROGRAM


@functools.cache
def default_program_text() -> str:
    return DEFAULT_PROGRAM.read_text(encoding="utf-8")


@functools.cache
def default_program() -> Program:
    return parse_program(default_program_text())


def make_uscc(serial: int, prefix: str = "91440305") -> str:
    first17 = f"{prefix}{serial:09d}"
    return first17 + check_character(first17)


def valid_application(**changes: object) -> Application:
    """An application that passes every eligibility check of the default program."""
    app = Application(
        project_id="AI2026-0001",
        project_title="基于大模型的智能质检系统",
        enterprise_name="深圳市南山智造科技有限公司",
        uscc=make_uscc(123),
        entity_type="企业法人",
        registered_district="南山区",
        registration_date=dt.date(2015, 3, 1),
        operating_in_district=True,
        location_changed=False,
        industry="制造业",
        vendor="华为云计算技术有限公司",
        contract_no="HW-2025-0412",
        contract_amount=Decimal("860000"),
        contract_signed_date=dt.date(2025, 1, 20),
        completion_date=dt.date(2025, 11, 30),
        acceptance_report_date=dt.date(2025, 12, 15),
        actual_cost=Decimal("860000"),
        requested_amount=Decimal("258000"),
    )
    return dataclasses.replace(app, **changes)


def full_materials(project_id: str = "AI2026-0001",
                   categories: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8),
                   category7_title: str = "2023-2025年度财务报表") -> list[MaterialRef]:
    titles = {5: "技术服务合同及发票", 6: "项目实施方案及审计报告", 7: category7_title}
    return [MaterialRef(project_id, c, titles.get(c, f"材料{c}"), f"{c}-材料{c}.pdf", 1000)
            for c in categories]
