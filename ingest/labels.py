"""Normalising headers and category labels to the contract's canonical forms."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from domain.contract import (
    ACTIVITY_KINDS,
    COVERAGE,
    EDUCATION,
    GENDERS,
    JOIN_KINDS,
    LEFT_KINDS,
    MEMBER_TYPES,
    OCCUPATIONS,
    ORG_TYPES,
    PARTY_STATUSES,
    PATENT_KINDS,
    SECTOR_EN,
    SECTORS,
    UNIT_KINDS,
    WITHDRAWN_REASONS,
)
from ingest.codes import CODE_TABLES, ETHNICITY_CODES, occupation_from_name, split_code

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """NFKC-fold (full-width to half-width), drop all white space, lower-case."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(text))).lower()


def normalise_header(text: object) -> str:
    """A header as compared with the contract: folded, without a leading '*' or trailing ':'."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return fold(str(text)).lstrip("*").rstrip(":")


def _table(canonical: tuple[str, ...], variants: dict[str, str | None]) -> dict[str, str | None]:
    table: dict[str, str | None] = {fold(label): label for label in canonical}
    table.update({fold(k): v for k, v in variants.items()})
    return table


# Each table maps a folded spelling to its canonical label, or to None for a spelling that
# is known but has no label (学历 其他: left blank, not refused).
CATEGORY_LABELS: dict[tuple[str, ...], dict[str, str | None]] = {
    SECTORS: _table(
        SECTORS,
        {
            **{en: zh for zh, en in SECTOR_EN.items()},
            "城市社区": "社区",
            "国企": "国有企业",
            "非公有制企业": "非公企业",
            "民营企业": "非公企业",
            "商务楼宇": "楼宇",
            "商协会": "行业商协会",
            "行业协会": "行业商协会",
            "机关": "机关事业单位",
            "事业单位": "机关事业单位",
            "机关和事业单位": "机关事业单位",
        },
    ),
    ORG_TYPES: _table(
        ORG_TYPES,
        {
            "基层党委": "党委",
            "党委员会": "党委",
            "党总支部": "党总支",
            "党总支部委员会": "党总支",
            "党支部委员会": "党支部",
            "党的基层委员会": "党委",
            "党的总支部委员会": "党总支",
            "党的支部委员会": "党支部",
            "联合支部": "党支部",
            "联合党支部": "党支部",
            "临时党支部": "党支部",
            "支部": "党支部",
            "committee": "党委",
            "generalbranch": "党总支",
            "branch": "党支部",
        },
    ),
    GENDERS: _table(
        GENDERS,
        {"男性": "男", "女性": "女", "m": "男", "f": "女", "male": "男", "female": "女"},
    ),
    EDUCATION: _table(
        EDUCATION,
        {
            "博士": "研究生",
            "硕士": "研究生",
            "博士研究生": "研究生",
            "硕士研究生": "研究生",
            "研究生及以上": "研究生",
            "本科": "大学本科",
            "大专": "大学专科",
            "专科": "大学专科",
            "中技": "中专",
            "技校": "中专",
            "中等专科": "中专",
            "职高": "中专",
            "初中": "初中及以下",
            "小学": "初中及以下",
            "小学及以下": "初中及以下",
            # as the member information system names its 学历 codes (see ingest.codes)
            "研究生班": "研究生",
            "中央党校研究生": "研究生",
            "省(区、市)委党校研究生": "研究生",
            "省委党校研究生": "研究生",
            "大学": "大学本科",
            "大学普通班": "大学本科",
            "第二学士学位班": "大学本科",
            "中央党校大学": "大学本科",
            "省(区、市)委党校大学": "大学本科",
            "省委党校大学": "大学本科",
            "中央党校大专": "大学专科",
            "省(区、市)委党校大专": "大学专科",
            "省委党校大专": "大学专科",
            "中等专科(中专)": "中专",
            "职业高中": "中专",
            "职业高中(中技)": "中专",
            "技工学校": "中专",
            "普通高中": "高中",
            "其他": None,
        },
    ),
    OCCUPATIONS: _table(
        OCCUPATIONS,
        {
            "工人(工勤技能人员)": "工人",
            "工勤技能人员": "工人",
            "企事业单位、社会组织专业技术人员": "专业技术人员",
            "企业事业单位、社会组织专业技术人员": "专业技术人员",
            "企事业单位、社会组织管理人员": "管理人员",
            "企业事业单位、社会组织管理人员": "管理人员",
            "离休人员": "离退休人员",
            "退休人员": "离退休人员",
            "离退休": "离退休人员",
            "退休": "离退休人员",
            "其他": "其他职业人员",
        },
    ),
    LEFT_KINDS: _table(
        LEFT_KINDS,
        {
            "组织关系转出": "转出",
            "整建制转出组织关系": "整建制转出",
            "去世": "死亡",
            "病故": "死亡",
            "劝退除名": "除名",
            "自行脱党除名": "除名",
            "退党除名": "退党",
            "取消预备资格": "取消预备党员资格",
            "其它": "其他",
        },
    ),
    JOIN_KINDS: _table(
        JOIN_KINDS,
        {
            "新发展": "发展",
            "发展党员": "发展",
            "组织关系转入": "转入",
            "整建制转入组织关系": "整建制转入",
            "恢复": "恢复党籍",
        },
    ),
    MEMBER_TYPES: _table(MEMBER_TYPES, {"正式": "正式党员", "预备": "预备党员"}),
    WITHDRAWN_REASONS: _table(
        WITHDRAWN_REASONS,
        {
            "撤回": "本人撤回",
            "本人申请撤回": "本人撤回",
            "自愿放弃": "本人撤回",
            "不符合条件": "不具备条件",
            "不具备党员条件": "不具备条件",
            "组织关系转出": "转出",
            "其它": "其他",
        },
    ),
    COVERAGE: _table(
        COVERAGE,
        {
            "单独建立": "单独组建",
            "单建": "单独组建",
            "独立组建": "单独组建",
            "联合建立": "联合组建",
            "联建": "联合组建",
            "未建立": "未建",
            "未组建": "未建",
            "无": "未建",
        },
    ),
    UNIT_KINDS: _table(
        UNIT_KINDS,
        {
            "非公有制企业": "非公企业",
            "民营企业": "非公企业",
            "私营企业": "非公企业",
            "外资企业": "非公企业",
            "新经济组织": "非公企业",
            "新社会组织": "社会组织",
            "社会团体": "社会组织",
            "民办非企业单位": "社会组织",
            "社会服务机构": "社会组织",
            "基金会": "社会组织",
        },
    ),
    PARTY_STATUSES: _table(
        PARTY_STATUSES,
        {"在册": "正常", "停止": "停止党籍", "保留": "保留党籍", "其它": "其他"},
    ),
    PATENT_KINDS: _table(
        PATENT_KINDS,
        {
            "发明专利": "发明",
            "实用新型专利": "实用新型",
            "外观设计专利": "外观设计",
            "外观": "外观设计",
        },
    ),
    ACTIVITY_KINDS: _table(
        ACTIVITY_KINDS,
        {
            "党员大会": "支部党员大会",
            "支部委员会": "支委会",
            "支部委员会会议": "支委会",
            "党小组会议": "党小组会",
            "主题党日活动": "主题党日",
            "志愿活动": "志愿服务",
            "志愿者服务": "志愿服务",
            "其他活动": "其他",
        },
    ),
}

YES = frozenset({"是", "有", "y", "yes", "true", "1"})
NO = frozenset({"否", "无", "n", "no", "false", "0"})

_ETHNICITY_SHORT = re.compile(r"^[\u4e00-\u9fff]{1,3}$")


def category_label(text: str, allowed: tuple[str, ...]) -> tuple[bool, str | None]:
    """(known, label) of one cell: its name looked up (without a leading code), then its
    code (see ``ingest.codes``), then for occupations the words of a 工作岗位 name. known is
    False for a spelling the contract cannot read; label is None for a known spelling
    without a category."""
    table = CATEGORY_LABELS[allowed]
    folded = fold(text)
    if folded in table:
        return True, table[folded]
    code, name = split_code(text)
    if name and fold(name) in table:
        return True, table[fold(name)]
    codes = CODE_TABLES.get(allowed, {})
    if code is not None and code in codes:
        return True, codes[code]
    if allowed is OCCUPATIONS and name:
        label = occupation_from_name(name)
        return label is not None, label
    return False, None


def normalise_category(values: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    """Map each spelling to its canonical label (see ``category_label``); unknown spellings
    become NA, and so do known spellings without a label (``unknown_categories`` tells
    them apart). Blank cells stay NA too."""
    lookup = {v: label for v, (_, label) in _labels(values, allowed).items()}
    return values.map(lookup).astype(object).where(lambda s: s.notna(), None)


def unknown_categories(values: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    """True where a non-blank text cell is a spelling the contract cannot read."""
    lookup = {v: not known for v, (known, _) in _labels(values, allowed).items()}
    return values.map(lookup).eq(True).astype(bool)


def _labels(values: pd.Series, allowed: tuple[str, ...]) -> dict[str, tuple[bool, str | None]]:
    """``category_label`` of each distinct text cell."""
    return {v: category_label(v, allowed) for v in pd.unique(values.dropna()) if isinstance(v, str)}


def normalise_ethnicity(value: str) -> str:
    """'汉', '汉族', '01 汉族' and '01' all mean 汉族: a leading GB/T 3304 code is read (alone)
    or dropped (before the name), and a short name without 族 gets it appended."""
    code, name = split_code(value)
    if code is not None and not name:
        return ETHNICITY_CODES.get(code.zfill(2), value.strip())
    value = name if code is not None else value.strip()
    if value and not value.endswith("族") and _ETHNICITY_SHORT.match(value):
        return value + "族"
    return value
