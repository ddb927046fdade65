"""Numbers and dates the Chinese way (10,215 名, 1.02万, 2018年11月), or the English way.

Digits, grouping, percentages, compact numbers, month names and plural forms come from
Babel (CLDR's rules for ``zh_Hans_CN`` and ``en``), never from the process's locale.
"""

from __future__ import annotations

import math
import unicodedata

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from i18n.catalogue import counted, pairs

Lang = str  # "zh" or "en"
LOCALES = {"zh": "zh_Hans_CN", "en": "en"}  # CLDR's: "en" writes Sep, en_GB Sept
_ENGLISH = Locale.parse("en")


def _unit(name: str) -> tuple[str, str, str]:
    """The words after a count of ``name`` (the catalogue's ``unit.<name>``): Chinese
    measure word, English plural and singular, each English one after a space."""
    if not name:
        return ("", "", "")
    zh, one, other = counted(f"unit.{name}")
    return zh, f" {other}", f" {one}"


UNITS = {  # Chinese measure word; English plural and singular
    name: _unit(name)
    for name in (
        "members", "branches", "organisations", "activities", "patents", "people", "hours",
        "warnings", "units", "",
    )
}  # fmt: skip


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def is_one(n: float) -> bool:
    """English takes the singular for this count (CLDR's plural rule: 1, not 1.5 or 0)."""
    return _ENGLISH.plural_form(abs(n)) == "one"


def fmt_int(value: float | int | None, lang: Lang = "zh", unit: str = "") -> str:
    """10215 -> '10,215 名' (zh) or '10,215 members' (en; '1 member'); missing -> '—'."""
    if value is None or _missing(value):
        return "—"
    zh, plural, singular = UNITS[unit]
    n = round(float(value))
    text = format_decimal(n, locale=LOCALES.get(lang, "zh_Hans_CN"))
    if lang == "zh":
        return f"{text} {zh}" if zh else text
    return text + (singular if is_one(n) else plural)


def fmt_big(value: float | int | None, lang: Lang = "zh") -> str:
    """Compact large numbers from 10,000 on, CLDR's way: 10215 -> '1.02万', 123456789 ->
    '1.23亿' (zh; two decimals at most); '10.2k', '123.46M' (en; thousands to one decimal,
    in plotly's lower-case k, as the charts' axes write them); below 10,000 as is."""
    if value is None or _missing(value):
        return "—"
    v = float(value)
    if abs(v) < 1e4:
        return fmt_int(v, lang)
    if lang == "zh":
        return format_compact_decimal(v, locale=LOCALES["zh"], fraction_digits=2)
    digits = 2 if abs(v) >= 1e6 else 1
    return format_compact_decimal(v, locale=LOCALES["en"], fraction_digits=digits).replace("K", "k")


def fmt_pct(value: float | None, digits: int = 1, signed: bool = False) -> str:
    """0.032 -> '3.2%' ('+3.2%' when signed); missing -> '—'."""
    if value is None or _missing(value):
        return "—"
    sign = "+" if signed and value > 0 else ""
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return sign + format_percent(float(value), pattern, locale=LOCALES["en"])


def fmt_signed(value: float | int | None, lang: Lang = "zh", unit: str = "") -> str:
    """A change: +277 名 / -12 members."""
    if value is None or _missing(value):
        return "—"
    text = fmt_int(abs(value), lang, unit)
    return ("+" if value > 0 else "-" if value < 0 else "±") + text


# English month abbreviations (Jan … Dec), CLDR's through Babel, taken once: never from
# the process's locale (with LC_TIME=zh_CN, strftime's %b gives 11月).
_MONTHS_EN = tuple(_ENGLISH.months["format"]["abbreviated"][m] for m in range(1, 13))
_ZH_PATTERNS = {"date": "y年M月d日", "month": "y年M月", "month_short": "M月"}  # CLDR's


def _zh_date(day: pd.Timestamp, kind: str) -> str:
    return format_date(pd.Timestamp(day).date(), _ZH_PATTERNS[kind], locale=LOCALES["zh"])


def _month_en(day: pd.Timestamp) -> str:
    """The month's English abbreviation (Nov)."""
    return _MONTHS_EN[day.month - 1]


def fmt_month(day: pd.Timestamp, lang: Lang = "zh") -> str:
    """2018年11月 / Nov 2018."""
    if lang == "en":
        return f"{_month_en(day)} {day.year}"
    return _zh_date(day, "month")


def fmt_date(day: pd.Timestamp, lang: Lang = "zh") -> str:
    """2018年11月30日 / 30 Nov 2018."""
    if lang == "en":
        return f"{day.day} {_month_en(day)} {day.year}"
    return _zh_date(day, "date")


_PERIOD_END = {
    "M": pd.offsets.MonthEnd(0),
    "Q": pd.offsets.QuarterEnd(0),
    "Y": pd.offsets.YearEnd(0),
}


def fmt_period(day: pd.Timestamp, freq: str, lang: Lang = "zh") -> str:
    """The label of the period ending on ``day``: month, quarter (2018年第4季度, Q4 2018), year.

    A period cut short by the as-of date says so: 2018年1–11月 / Jan–Nov 2018, 2018年第4季度
    （至11月）/ Q4 2018 (to Nov), 2018年11月（至15日）/ Nov 2018 (to 15th).
    """
    partial = day != day + _PERIOD_END[freq]
    if freq == "Q":
        q = (day.month - 1) // 3 + 1
        if lang == "zh":
            return f"{day.year}年第{q}季度" + (f"（至{day.month}月）" if partial else "")
        return f"Q{q} {day.year}" + (f" (to {_month_en(day)})" if partial else "")
    if freq == "Y":
        if not partial:
            return f"{day.year}年" if lang == "zh" else str(day.year)
        if lang == "zh":
            return f"{day.year}年1–{day.month}月"
        return f"Jan–{_month_en(day)} {day.year}"
    if partial:
        if lang == "zh":
            return f"{fmt_month(day, lang)}（至{day.day}日）"
        return f"{fmt_month(day, lang)} (to {_ordinal(day.day)})"
    return fmt_month(day, lang)


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def fmt_card(value: float | int | None, lang: Lang = "zh", unit: str = "") -> str:
    """A KPI card's figure: '10,595 名' in Chinese; '10,595' in English, where the card's
    label already names the unit and a narrow card would cut the word off."""
    return fmt_int(value, lang, unit if lang == "zh" else "")


def fmt_card_change(value: float | int | None, lang: Lang = "zh", unit: str = "") -> str:
    """A KPI card's change: '+287 名' / '+287'."""
    return fmt_signed(value, lang, unit if lang == "zh" else "")


def fmt_ratio(value: float | None) -> str:
    """A ratio such as members per branch or applications per 100 members: one decimal
    (15.3); — where there is none (NaN)."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:.1f}"


# Punctuation and formats that differ by language (separators, plotly's hover and axis
# formats, the HTML lang attribute): typography, not words, so not in the catalogue.
_PHRASES: dict[str, tuple[str, str]] = {
    "list": ("、", ", "),  # between the items of a list
    "clause": ("；", "; "),  # between clauses
    "stop": ("。", ". "),  # after a sentence, before the next
    "between_sentences": ("", " "),  # between sentences that end with their own stop
    "paren": ("（{text}）", " ({text})"),  # an aside after a word
    "percent_heading": ("{name}（%）", "{name} (%)"),  # a column of percentages
    "html_lang": ("zh-CN", "en"),  # the HTML lang attribute
    "month_axis": ("%Y年%-m月", "%b %Y"),  # plotly's tickformat for months
    "count_hover": ("%{y}: %{x:,}（%{customdata:.1%}）", "%{y}: %{x:,} (%{customdata:.1%})"),
    "share_hover": ("%{label}: %{value:,}（%{percent}）", "%{label}: %{value:,} (%{percent})"),
}
WEEKDAYS: dict[str, tuple[str, ...]] = {  # Monday first, CLDR's abbreviations: 周一 / Mon
    lang: tuple(Locale.parse(locale).days["format"]["abbreviated"][i] for i in range(7))
    for lang, locale in LOCALES.items()
}


def phrase(which: str, lang: Lang = "zh", /, **kw: object) -> str:
    """One of the small language-dependent phrases above, filled in with ``kw``."""
    zh, en = _PHRASES[which]
    text = en if lang == "en" else zh
    return text.format(**kw) if kw else text


def pick(zh: str, en: str, lang: Lang = "zh") -> str:
    """The text in ``lang`` of a message made in both (ingest's problems, access errors)."""
    return en if lang == "en" else zh


def sentence_case(text: str, lang: Lang = "zh") -> str:
    """A phrase as the start of a sentence or a legend entry: capitalised in English."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def fmt_year(year: int, lang: Lang = "zh") -> str:
    """2018年 / 2018."""
    return f"{year}年" if lang == "zh" else str(year)


def fmt_month_short(day: pd.Timestamp, lang: Lang = "zh") -> str:
    """The month alone, for an axis: 11月 / Nov."""
    return _month_en(day) if lang == "en" else _zh_date(day, "month_short")


def unit_after_big(lang: Lang = "zh", unit: str = "members") -> str:
    """The measure word after a compact figure (1.06万名); none in English (10.6k)."""
    return UNITS[unit][0] if lang == "zh" else ""


# The chart toolbar's tooltips in Chinese (the catalogue's ``plotly`` context): plotly.js
# looks them up in the locale given with the chart (Streamlit's bundle registers none).
# Streamlit's own "Fullscreen" stays English.
MODEBAR_ZH = {en: zh for en, (zh, _) in pairs("plotly").items()}


def plotly_locale(lang: Lang = "zh") -> dict[str, object]:
    """A plotly chart's config for ``lang``: the toolbar's tooltips (MODEBAR_ZH) in Chinese;
    plotly's own English otherwise."""
    if lang == "en":
        return {}
    return {"locale": "zh-CN", "locales": {"zh-CN": {"dictionary": MODEBAR_ZH}}}


def fmt_year_upto(year: int, on: pd.Timestamp, lang: Lang = "zh") -> str:
    """A year's label on a yearly chart, saying so when the as-of date cuts it short:
    2018年（至11月） / 2018 (to Nov); 2017年 / 2017."""
    if year != on.year or (on.month, on.day) == (12, 31):
        return fmt_year(year, lang)
    return f"{year}年（至{on.month}月）" if lang == "zh" else f"{year} (to {_month_en(on)})"


def fmt_card_big(value: float | int | None, lang: Lang = "zh", unit: str = "") -> str:
    """A large figure on a card, compact and with its unit in Chinese: 5.84万 小时 / 58.4k
    (the English card's label names the unit)."""
    if value is None or _missing(value):
        return "—"
    return fmt_big(value, lang) + (f" {UNITS[unit][0]}" if lang == "zh" and unit else "")
