import pytest

from reviewer_app.core.uscc import check_character, is_valid_uscc, uscc_problem, uscc_problem_zh


def test_worked_example_of_the_standard_is_valid() -> None:
    assert uscc_problem("91350100M000100Y43") is None


def test_every_17_char_prefix_gets_exactly_one_valid_check_character() -> None:
    prefix = "91440305MA5F1234"
    for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        first17 = prefix + ch
        valid = [c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY"
                 if is_valid_uscc(first17 + c)]
        assert valid == [check_character(first17)]


def test_wrong_check_character_is_named() -> None:
    assert uscc_problem("91350100M000100Y44") == "check character is 4, expected 3"


@pytest.mark.parametrize("code, fragment", [
    ("9135010", "has 7 characters"),
    ("91350100M000100YI3", "outside the code alphabet: I"),
    ("91350100M000100yI3", "outside the code alphabet"),
])
def test_malformed_codes(code: str, fragment: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None and fragment in problem
    assert not is_valid_uscc(code)


def test_check_character_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        check_character("123")


def test_problems_in_chinese() -> None:
    assert uscc_problem_zh("91350100M000100Y43") is None
    assert uscc_problem_zh("91350100M000100Y44") == "校验码为 4，应为 3"
    assert uscc_problem_zh("9135") == "共 4 位，应为 18 位"
    assert uscc_problem_zh("91350100M000100YI3") == "含有代码字符集以外的字符：I"
