"""Outside text in a terminal: escape sequences stripped from cells, escaped in the net."""

from __future__ import annotations

import io

import pytest

from reviewer_app.cli.terminal import SafeStream
from reviewer_app.core.controls import escape_controls, first_control, strip_terminal_controls


@pytest.mark.parametrize(("raw", "shown"), [
    ("甲\x1b[31m红\x1b[0m", "甲红"),                      # CSI colour
    ("甲\x1b]0;窗口标题\x07乙", "甲乙"),                   # OSC retitle, BEL-terminated
    ("甲\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\", "甲链接"),  # OSC 8 hyperlink, ST-terminated
    ("甲\x9b2J乙", "甲乙"),                               # 8-bit CSI
    ("甲\x1bc乙", "甲乙"),                                # RIS (reset), two characters
    ("甲\r不通过", "甲 不通过"),                           # carriage return
    ("\u202e过通\u202c", "过通"),                         # bidi override
    ("一\u2028二\x85三\x0c四", "一 二 三 四"),             # line and page breaks
    ("甲\x1b[", "甲"),                                    # a sequence cut at the end
])
def test_strip_for_one_line(raw: str, shown: str) -> None:
    assert strip_terminal_controls(raw) == shown


def test_multi_line_keeps_newlines_and_tabs() -> None:
    assert strip_terminal_controls("a\tb\nc\x1b[2Kd\r", one_line=False) == "a\tb\ncd"


def test_escape_and_first_control() -> None:
    assert escape_controls("x\x1b[2K\u2066y\n", keep="\n") == "x\\u001b[2K\\u2066y\n"
    assert first_control("李\u202e明") == "\u202e"
    assert first_control("第一段\n第二段") is None
    assert first_control("第一段\n第二段", allowed="") == "\n"


def test_safe_stream_lets_a_leading_carriage_return_through_only() -> None:
    target = io.StringIO()
    stream = SafeStream(target)
    stream.write("\rencrypting  40%")
    stream.write("P1 甲\r不通过\x1b[1A\n")
    assert target.getvalue() == "\rencrypting  40%P1 甲\\u000d不通过\\u001b[1A\n"
