"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

18 characters over the alphabet ``0-9A-HJ-NPQRTUWXY`` (no I, O, S, V, Z):
registration authority (1), entity category (1), administrative division (6),
organisation code (9), check character (1).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code.

    Raises:
        ValueError: if ``first17`` is not 17 characters of the code alphabet.
    """
    if len(first17) != 17 or any(ch not in _VALUE for ch in first17):
        raise ValueError(f"not 17 characters of the credit-code alphabet: {first17!r}")
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Say what is wrong with a code, or return None when it is valid."""
    if len(code) != 18:
        return f"has {len(code)} characters, expected 18"
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        return f"contains characters outside the code alphabet: {''.join(bad)}"
    if _is_placeholder(code):
        return "is all zeros, a placeholder rather than a code"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, expected {expected}"
    return None


def uscc_problem_zh(code: str) -> str | None:
    """:func:`uscc_problem` in Chinese, for the secretariat's table."""
    if len(code) != 18:
        return f"共 {len(code)} 位，应为 18 位"
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        return f"含有代码字符集以外的字符：{''.join(bad)}"
    if _is_placeholder(code):
        return "全为 0，是占位符而非代码"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"校验码为 {code[17]}，应为 {expected}"
    return None


def _is_placeholder(code: str) -> bool:
    """All zeros: its check character works out as 0, so the checksum alone passes it;
    no registration authority issues it (登记管理部门码 0 does not exist)."""
    return set(code) == {"0"}


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None
