"""Numbers as work reports write them: 261, 99.60, 1.2万, 二十三, 两, 一百一十, 一万余."""

from __future__ import annotations

import re

_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

CN_DIGIT_CHARS = "".join(_DIGITS)
CN_NUMBER_CHARS = CN_DIGIT_CHARS + "十百千万亿"

# One number token: Arabic (optionally decimal, optionally scaled by 万/亿) or a run of
# Chinese numerals. Full-width digits are normalised to ASCII before matching.
NUMBER_RE = re.compile(rf"\d+(?:\.\d+)?(?:[万亿])?|[{CN_NUMBER_CHARS}]+")


def _parse_cn_section(s: str) -> int:
    """Parse a Chinese numeral below 10 000 (no 万/亿), e.g. 一百一十, 二十三, 十五, 三千零五."""
    total = 0
    digit: int | None = None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            # "十五" means 15: a bare unit counts as one of it.
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"无法识别的数字：{s}")
    if digit is not None:
        total += digit
    return total


def _parse_cn(s: str) -> int:
    if all(ch in _DIGITS for ch in s) and len(s) > 1:
        # Digit-by-digit spelling, as in 二〇二三.
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total = 0
    section = ""
    for ch in s:
        if ch in _BIG_UNITS:
            value = _parse_cn_section(section) if section else 1
            if ch == "万" and total >= _BIG_UNITS["亿"]:
                total += value * _BIG_UNITS[ch]
            else:
                total = (total + value) * _BIG_UNITS[ch]
            section = ""
        else:
            section += ch
    if section:
        total += _parse_cn_section(section)
    return total


def parse_chinese_number(s: str) -> int | float:
    """Return the value of a number written in Arabic or Chinese numerals, or both.

    >>> parse_chinese_number("二十三"), parse_chinese_number("1.2万"), parse_chinese_number("99.60")
    (23, 12000, 99.6)
    """
    text = s.strip().translate(_FULLWIDTH)
    if not text:
        raise ValueError("空的数字")
    scale = 1
    if text[-1] in _BIG_UNITS and any(c.isdigit() for c in text):
        scale = _BIG_UNITS[text[-1]]
        text = text[:-1]
    if re.fullmatch(r"\d+", text):
        return int(text) * scale
    if re.fullmatch(r"\d+\.\d+", text):
        value = float(text) * scale
        return int(value) if value.is_integer() else round(value, 6)
    if all(ch in CN_NUMBER_CHARS for ch in text):
        return _parse_cn(text) * scale
    raise ValueError(f"无法识别的数字：{s}")


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
