"""``demo-intake`` and ``check-intake``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reviewer_app.central.intake import DEFAULT_MAX_MATERIAL_MB, load_intake
from reviewer_app.cli.table import format_table
from reviewer_app.cli.terminal import shown
from reviewer_app.core.eligibility import Status

STATUS_ZH = {Status.PASS: "通过", Status.FAIL: "不通过", Status.REVIEW: "需复核"}


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative number, got {text}")
    return value


def add_material_limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-material-mb", type=_positive_float, metavar="MB",
                        default=DEFAULT_MAX_MATERIAL_MB,
                        help="refuse material files above this size "
                             f"(default {DEFAULT_MAX_MATERIAL_MB} MB)")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo-intake", help="write a realistic, deterministic synthetic intake folder")
    demo.add_argument("dir", type=Path, help="output folder (must be empty or absent)")
    demo.add_argument("--projects", type=_positive_int, default=40)
    demo.add_argument("--seats", type=_positive_int, default=7)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--material-mb", type=_non_negative_float, default=None,
                      help="pad each project's materials to about this many MB")
    demo.set_defaults(func=run_demo_intake)

    check = subparsers.add_parser("check-intake", help="print the eligibility report")
    check.add_argument("dir", type=Path, help="intake folder")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    add_material_limit_option(check)
    check.set_defaults(func=run_check_intake)


def run_demo_intake(args: argparse.Namespace) -> int:
    from reviewer_app.central.demo_intake import generate_demo_intake

    plan = generate_demo_intake(args.dir, projects=args.projects, seats=args.seats,
                                seed=args.seed, material_mb=args.material_mb)
    print(f"wrote demo intake to {plan.out_dir}: {len(plan.project_ids)} projects, "
          f"{len(plan.planted)} planted ineligible")
    return 0


def run_check_intake(args: argparse.Namespace) -> int:
    """The eligibility report; exit 1 when a file of the intake was refused (build
    would refuse the intake), with every refusal listed."""
    intake = load_intake(args.dir, max_material_mb=args.max_material_mb)
    reports = intake.eligibility()
    counts = {status: sum(1 for r in reports if r.status is status) for status in Status}
    if args.json:
        apps = {a.project_id: a for a in intake.applications}
        document = {
            "program": intake.program.info.id,
            "summary": {status.value: counts[status] for status in Status},
            "projects": [
                {"project_id": r.project_id,
                 "enterprise_name": apps[r.project_id].enterprise_name,
                 "uscc": apps[r.project_id].uscc,
                 **{k: v for k, v in r.to_dict().items() if k != "project_id"}}
                for r in reports
            ],
            "warnings": list(intake.warnings),
            "refused": [{"file": r.file, "reason": r.reason} for r in intake.refused],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 1 if intake.refused else 0
    rows = []
    for report in reports:
        app = intake.application(report.project_id)
        issues = [f"[{f.check}] {f.message}" for f in report.findings
                  if f.status is not Status.PASS]
        rows.append([report.project_id, app.enterprise_name, STATUS_ZH[report.status],
                     "; ".join(issues) or "—"])
    print(f"{intake.program.info.name} {intake.program.info.year} — 形式审查 / eligibility")
    print(format_table(["项目", "申报主体", "结论", "问题"], rows))
    print(f"\n通过 {counts[Status.PASS]}，需复核 {counts[Status.REVIEW]}，"
          f"不通过 {counts[Status.FAIL]}（共 {len(reports)} 项）")
    for warning in intake.warnings:
        print(f"warning: {shown(warning)}", file=sys.stderr)
    if intake.refused:
        print(f"\n拒收文件 / refused: {len(intake.refused)} file(s); build refuses this "
              "intake until each is replaced or removed:")
        for refusal in intake.refused:
            print(f"  {refusal}")
        return 1
    return 0
