"""通知函: the letter each expert receives with a package (docs/guide-expert.md, step 1).

One A4 page per seat: the program and session, the expert's name, seat id and seat
code, the organizer's name and fingerprint to compare when the app first shows it,
the review deadline, and the note that the package passphrase is *not* in the letter
but handed over separately. The seat code exists only in memory and on this paper:
the caller writes the letters owner-only and keeps no other copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reviewer_app.central.pdf_layout import PORTRAIT, Clock, Layout, cst_date, render_pdf
from reviewer_app.core.seat_codes import format_seat_code

KIND_ZH = {"panel": "专家评审", "inspection": "现场考察"}
PASSPHRASE_NOTE = ("评审包口令不在本函中：秘书处将另行当面或电话告知，请勿将口令写在本函上或"
                   "与评审包放在一起。")
FINGERPRINT_NOTE = ("首次打开评审包时，软件会显示组织方指纹：请逐字与上方指纹核对，一致后方可"
                    "信任；不一致时请停止并联系秘书处。")
SEAT_CODE_NOTE = ("席位编码仅供您本人使用，用于打开评审包、保护您的评审记录并签署评分表；"
                  "请妥善保管，不要转交他人。输错的编码会被立即拒绝。")


@dataclass(frozen=True)
class SeatLetter:
    program_name: str
    program_year: int
    session_name: str
    session_kind: str          # panel | inspection
    package_id: str
    package_file: str          # the .revpkg's file name, as it will be on the USB stick
    seat_id: str
    expert_name: str
    seat_code: str             # canonical; printed in groups of four
    organizer_name: str
    organizer_fingerprint: str
    deadline: dt.date | None
    # The package is a second round (复议, manifest format 5): the letter says so and
    # that the seat code is a new one.
    second_round: bool = False


SECOND_ROUND_NOTE = ("本评审包为第二轮复议评审包，仅含第一轮评分分歧较大、需要复议的项目。本函所列"
                     "席位编码为本轮新发的编码，第一轮的席位编码不能打开本评审包。软件会显示您本人"
                     "第一轮的评分和专家组评分的匿名分布（最低、中位、最高）；重新评分时须填写"
                     "复议理由。")


def seat_letters(manifest: dict, seat_codes: dict[str, str], *, package_file: str,
                 organizer_name: str, organizer_fingerprint: str) -> list[SeatLetter]:
    """One letter per seat of a built package, in the manifest's seat order."""
    deadline = manifest["session"].get("deadline")
    return [SeatLetter(
        program_name=str(manifest["program"]["name"]),
        program_year=int(manifest["program"]["year"]),
        session_name=str(manifest["session"]["name"]), session_kind=manifest["session"]["kind"],
        package_id=str(manifest.get("package_id", "")), package_file=package_file,
        seat_id=seat["seat_id"], expert_name=seat["name"], seat_code=seat_codes[seat["seat_id"]],
        organizer_name=organizer_name, organizer_fingerprint=organizer_fingerprint,
        deadline=dt.date.fromisoformat(deadline) if deadline else None,
        second_round="second_round" in manifest)
        for seat in manifest["seats"]]


def seat_letter_pdf(letter: SeatLetter, *, clock: Clock | None = None) -> bytes:
    """The letter as a one-page PDF (the project's CJK font; outside text literal)."""
    layout = Layout.create(clock, PORTRAIT)
    text = layout.text
    title = f"{letter.program_name}（{letter.program_year}）" + (
        "第二轮复议评审通知函" if letter.second_round else "评审通知函")
    rows = [
        ["专家姓名", text(letter.expert_name)],
        ["席位号", text(letter.seat_id)],
        ["席位编码", text(format_seat_code(letter.seat_code), "h2")],
        ["评审会", text(f"{letter.session_name}（{KIND_ZH.get(letter.session_kind, '')}）")],
        ["评审包", text(f"{letter.package_file}（编号 {letter.package_id}）")],
        ["组织方", text(letter.organizer_name)],
        ["组织方指纹", text(letter.organizer_fingerprint, "h2")],
        ["评审截止日期", text(cst_date(letter.deadline) if letter.deadline else "另行通知")],
    ]
    story: list[Flowable] = [
        text(title, "title"),
        text(f"{letter.expert_name}专家：", "body"),
        text("感谢您参加本次评审。请使用专家评审工作台打开秘书处交给您的评审包"
             "（文件 → 打开评审包），并输入评审包口令、您的席位号和席位编码。", "body"),
        *([text("第二轮复议", "h2"), text(SECOND_ROUND_NOTE, "body")]
          if letter.second_round else []),
        Spacer(1, 4 * mm),
        layout.table([[text(label, "body"), value] for label, value in rows], [40, 130],
                     header=False),
        Spacer(1, 4 * mm),
        text("口令", "h2"), text(PASSPHRASE_NOTE, "body"),
        text("组织方指纹", "h2"), text(FINGERPRINT_NOTE, "body"),
        text("席位编码", "h2"), text(SEAT_CODE_NOTE, "body"),
        text("提交", "h2"),
        text("评审完成后，请在软件中点击“完成评审”，将生成的评分表文件（.revsheet）及其 PDF "
             "保存到 U 盘，于截止日期前交回秘书处。", "body"),
        Spacer(1, 10 * mm),
        text(letter.organizer_name, "body"),
        text(cst_date(layout.generated_at.date()), "body"),
    ]
    return render_pdf(story, layout, title=title, author=letter.organizer_name)


def letter_file_name(letter: SeatLetter) -> str:
    return f"{letter.seat_id}-通知函.pdf"


def write_seat_letters(folder: Path, letters: Sequence[SeatLetter], *,
                       clock: Clock | None = None) -> list[Path]:
    """Write each letter owner-only and atomically into ``folder`` (made owner-only)."""
    from reviewer_app.atomic import atomic_write_bytes
    from reviewer_app.files import private_dir

    private_dir(folder)
    written = []
    for letter in letters:
        path = folder / letter_file_name(letter)
        atomic_write_bytes(path, seat_letter_pdf(letter, clock=clock), mode=0o600)
        written.append(path)
    return written
