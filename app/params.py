"""Every parameter of the URL, declared once: its name (also its widget's key), its codes,
its default, how a code is shown, and whether that depends on the language.

A parameter whose labels are the catalogue's ``words.<code>`` declares ``words``: the key
tests find its keys from here. A page binds a parameter to a widget with one call of
``app.url`` (``segmented``,
``selectbox``, ``multiselect``, ``select_slider``, ``date_input``); the call restores the
link's value, draws the widget and notes the value for the link. Codes and defaults the
data gives (sectors, communities, months, dates, branches) are passed when it is bound.

| name | codes | default | on |
|---|---|---|---|
| ``lang`` | ``zh``, ``en`` | ``zh`` | every page |
| ``sector`` | the contract's English sector codes, repeated | all | every page |
| ``community`` | community names, repeated | all | every page |
| ``asof`` | ``YYYY-MM-DD`` | the data's latest date | every page |
| ``period`` | ``YYYY-MM``, the trend's first month | five years before ``asof`` | every page |
| ``freq`` | ``M``, ``Q``, ``Y`` | ``M`` | 党员队伍 |
| ``dim`` | a structure dimension | ``age_band`` | 党员队伍 |
| ``cmp`` | ``YYYY-MM-DD``, the date compared | five years before ``asof`` | 党员队伍 |
| ``by`` | ``sector``, ``community`` | ``sector`` | 领域对比 |
| ``branch`` | a 组织编号 | the first | 支部画像 |
| ``building`` | a building's name | all | 两个覆盖 |
| ``year`` | ``YYYY`` | the last complete year up to ``asof`` | 统计年报 |
| ``org`` | a 组织编号 (党委 or 党总支) | the account's whole scope | 统计年报 |
"""

from __future__ import annotations

import functools

import pandas as pd

from app.url import Param
from domain.contract import SECTOR_EN
from domain.definitions import DIMENSIONS
from i18n import fmt_month, label

LANG_NAMES = {"zh": "中文", "en": "English"}
SECTOR_OF = {code: sector for sector, code in SECTOR_EN.items()}  # code → canonical label


def _sector_shown(code: str, lang: str) -> str:
    return label(SECTOR_OF[code], lang)


@functools.lru_cache(maxsize=4096)
def _month_shown(month: str, lang: str) -> str:
    return fmt_month(pd.Timestamp(month), lang)


LANG = Param("lang", ("zh", "en"), "zh", lambda code, _lang: LANG_NAMES[code])
SECTOR = Param("sector", shown=_sector_shown, translated=True)
COMMUNITY = Param("community")
ASOF = Param("asof")
PERIOD = Param("period", shown=_month_shown, translated=True)
FREQ = Param("freq", ("M", "Q", "Y"), "M", translated=True, words="freq")
DIM = Param("dim", tuple(DIMENSIONS), "age_band", translated=True, words="dim")
CMP = Param("cmp")
BY = Param("by", ("sector", "community"), "sector", translated=True, words="sectors.by")
BRANCH = Param("branch")
BUILDING = Param("building", default="")
YEAR = Param("year")
ORG = Param("org", default="")

PARAMS = (LANG, SECTOR, COMMUNITY, ASOF, PERIOD, FREQ, DIM, CMP, BY, BRANCH, BUILDING, YEAR, ORG)
