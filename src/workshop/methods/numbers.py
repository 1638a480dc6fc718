"""Numbers as the room reads them: thousands grouped, no float noise, Chinese 万 where natural.

``fmt(1000000, "zh")`` → ``100万``; ``fmt(3571.5)`` → ``3,571.5``; ``amount(700, "万元")`` →
``700万元``; ``percent(0.1)`` → ``10%``. Pure: no I/O, no Textual.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from fractions import Fraction

from workshop import i18n
from workshop.model import limits
from workshop.text import is_han

Number = int | float | Fraction | Decimal

WAN = 10_000
WAN_FROM = 1_000_000
"""From a million up, a whole number of 万 reads better in Chinese (100万 rather than
1,000,000); below it, grouped digits read fine (25,000, 3,571)."""


def _lang(lang: str | None) -> str:
    return i18n.normalize(lang) or i18n.get_language()


def fmt(value: Number | None, lang: str | None = None, *, places: int = 2,
        wan: bool = True) -> str:
    """`value` with thousands grouped and at most `places` decimals (trailing zeros
    dropped); ``—`` for None. In Chinese, a large multiple of 10,000 is written in 万."""
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return "—"
    exact = Fraction(value) if not isinstance(value, float) else Fraction(repr(value))
    rounded = round(exact, places)
    if rounded.denominator == 1:
        whole = int(rounded)
        if wan and _lang(lang) == "zh" and abs(whole) >= WAN_FROM and whole % WAN == 0:
            return f"{whole // WAN:,}万"
        return f"{whole:,}"
    text = f"{float(rounded):,.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount(value: Number | None, unit: str = "", lang: str | None = None, *,
           places: int = 2) -> str:
    """`value` in `unit`: ``700万元``, ``20%``, ``1,000,000 USD``. A unit that already
    counts in 万 or 亿 never gets a second 万."""
    number = fmt(value, lang, places=places, wan=not ("万" in unit or "亿" in unit))
    if not unit or value is None:
        return number
    if unit.startswith("%") or is_han(unit[0]):
        return f"{number}{unit}"
    return f"{number} {unit}"


def percent(rate: Number | None, lang: str | None = None, *, places: int = 1) -> str:
    """A share as a percentage: ``0.1`` → ``10%``, ``0.125`` → ``12.5%``."""
    if rate is None:
        return "—"
    return fmt(Fraction(rate if not isinstance(rate, float) else repr(rate)) * 100, lang,
               places=places, wan=False) + "%"


def signed(value: Number, lang: str | None = None, *, places: int = 2) -> str:
    """A change with its sign: ``+200``, ``−50``, ``±0``."""
    if value == 0:
        return "±0"
    text = fmt(abs(value), lang, places=places)
    return ("+" if value > 0 else "−") + text


# -- reading what people type ---------------------------------------------------------------

class ParseError(ValueError):
    """Typed text that is not the number or date asked for; the message says so."""


_GROUPING = re.compile(r"(?<=\d)[,，_ ](?=\d{3}(?!\d))")
_UNIT_SCALES = {"万": 10_000, "亿": 100_000_000}
"""A unit that starts with 万 or 亿 (万元, 亿元, 万台) counts in that many."""
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "k": 1_000, "K": 1_000, "m": 1_000_000,
                "M": 1_000_000}


def _plain_text(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text or "").strip()


def parse_number(text: str, *, allow_empty: bool = True, lang: str | None = None,
                 unit: str | None = None) -> float | None:
    """A number as people type it: ``700``, ``1,000,000``, ``３５７１``, ``12.5``, ``10万``,
    ``2k``. Empty gives None (or an error without `allow_empty`); errors say so in `lang`.

    In a `unit` that counts in 万 or 亿 (万元, 亿元), a typed 万, 亿 or k counts units of
    the thing itself, as people say it: "6.2万" in 万元 is 6.2 (62,000元), "1.2亿" is
    12,000, "5k" is 0.5; a bare number is in the unit (700 is 700万元)."""
    value = _plain_text(text)
    if not value:
        if allow_empty:
            return None
        raise ParseError(i18n.t("number.required", lang))
    value = _GROUPING.sub("", value)
    multiplier = 1
    if value and value[-1] in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[value[-1]]
        value = value[:-1].strip()
        scale = _UNIT_SCALES.get((unit or "").strip()[:1], 1)
        multiplier = multiplier // scale if multiplier >= scale else multiplier / scale
    try:
        number = float(value) * multiplier
    except ValueError:
        raise ParseError(i18n.t("number.not_number", lang, text=text.strip())) from None
    if not math.isfinite(number):
        raise ParseError(i18n.t("number.not_number", lang, text=text.strip()))
    return number


def parse_rate(text: str, *, allow_empty: bool = True, lang: str | None = None) -> float | None:
    """A share as people type it: ``10%``, ``10 %``, ``0.1`` → 0.1; a bare number above 1
    (``15``) is read as percent."""
    value = _plain_text(text)
    if not value:
        if allow_empty:
            return None
        raise ParseError(i18n.t("number.required", lang))
    is_percent = value.endswith("%")
    number = parse_number(value.rstrip("%").strip(), allow_empty=False, lang=lang)
    assert number is not None
    if is_percent or abs(number) > 1:
        number /= 100
    return number


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")


def parse_date(text: str, *, lang: str | None = None) -> dt.date | None:
    """A date as people type it: ``2027-12-31``, ``2027/12/31``, ``2027.12.31``,
    ``2027年12月31日``. Empty gives None."""

    value = _plain_text(text)
    if not value:
        return None
    match = _DATE.match(value)
    if match is None:
        raise ParseError(i18n.t("number.not_date", lang, text=text.strip()))
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ParseError(i18n.t("number.not_date", lang, text=text.strip())) from None
    if not limits.EARLIEST <= day <= limits.LATEST:  # 0001-01-01 is a typo, not a deadline
        raise ParseError(i18n.t("limits.date", lang, date=day.isoformat(),
                                earliest=limits.EARLIEST.year, latest=limits.LATEST.year))
    return day


def plain(value: float | None) -> str:
    """`value` as an editable string: ``700`` not ``700.0``, no grouping; "" for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))
