import pytest

from reviewer_app.central.sanitize import csv_text, strip_controls


@pytest.mark.parametrize("raw, safe", [
    ('=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'),
    ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("＝1+1", "'＝1+1"),
    ("深圳市\x07南山\x00科技有限公司", "深圳市南山科技有限公司"),
    ("普通名称", "普通名称"), ("91440305MA5F1234X7", "91440305MA5F1234X7"),
])
def test_csv_text(raw: str, safe: str) -> None:
    assert csv_text(raw) == safe


def test_strip_controls_keeps_newlines() -> None:
    assert strip_controls("a\nb\tc\x1bd") == "a\nb\tcd"
