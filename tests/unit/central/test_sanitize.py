import pytest

from reviewer_app.central.sanitize import csv_text, strip_controls


@pytest.mark.parametrize("raw, safe", [
    ('=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'),
    ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("＝1+1", "'＝1+1"),
    ("深圳市\x07南山\x00科技有限公司", "深圳市南山科技有限公司"),
    ("普通名称", "普通名称"), ("91440305MA5F1234X7", "91440305MA5F1234X7"),
    # Invisible characters in front do not hide a formula.
    ("\ufeff=1+1", "'\ufeff=1+1"), ("\u200b\u200c\u200d@SUM(A1)", "'\u200b\u200c\u200d@SUM(A1)"),
    ("\u2060-2", "'\u2060-2"), ("\u00ad\u200e+1", "'\u00ad\u200e+1"),
    ("\u3000 \t=1", "'\u3000 \t=1"), ("\ufeff\r=1", "'\ufeff\r=1"),
    # Bidi embedding, override and isolate controls go, wherever they are.
    ("\u202e=1+1", "'=1+1"), ("深圳\u202a\u202b\u202c\u202d\u202e公司", "深圳公司"),
    ("\u2066\u2067\u2068科技\u2069", "科技"),
    ("a\u200db", "a\u200db"),  # a joiner inside a name stays
])
def test_csv_text(raw: str, safe: str) -> None:
    assert csv_text(raw) == safe


def test_strip_controls_keeps_newlines() -> None:
    assert strip_controls("a\nb\tc\x1bd") == "a\nb\tcd"


def test_strip_controls_removes_bidi_controls() -> None:
    assert strip_controls("\u202eABC\u2066x\u2069") == "ABCx"
