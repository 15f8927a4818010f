"""Name comparison for 四（一）1 (district) and 四（一）4 (registered vendors)."""

import pytest

from reviewer_app.core.names import find_name, name_contains, normalise_name, same_name


@pytest.mark.parametrize("a, b", [
    ("腾讯云计算（北京）有限责任公司", "腾讯云计算(北京)有限责任公司"),
    ("腾讯云计算（北京）有限责任公司", "腾讯云计算 (北京) 有限责任公司"),
    ("腾讯云计算（北京）有限责任公司", "腾讯云计算\u3000（北京）\u3000有限责任公司"),
    ("华为云计算技术有限公司", " 华为云计算技术有限公司\t"),
    ("ＡＢＣ科技有限公司", "ABC科技有限公司"),  # NFKC: full-width letters
    ("南山区", "南 山 区"),
])
def test_spellings_of_one_name_are_the_same(a: str, b: str) -> None:
    assert same_name(a, b)
    assert normalise_name(a) == normalise_name(b)


def test_different_names_stay_different() -> None:
    assert not same_name("腾讯云计算（北京）有限责任公司", "腾讯云计算（深圳）有限责任公司")
    assert not same_name("阿里云计算有限公司", "阿里云计算股份有限公司")


def test_find_and_contains() -> None:
    vendors = {"腾讯云计算（北京）有限责任公司", "阿里云计算有限公司"}
    assert find_name("腾讯云计算(北京)有限责任公司", vendors) == "腾讯云计算（北京）有限责任公司"
    assert find_name("某某云", vendors) is None
    assert name_contains("有限责任公司（自然人独资）", "有限责任公司")
    assert name_contains("普通 合伙企业", "合伙企业")
