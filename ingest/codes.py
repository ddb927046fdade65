"""The official code tables of the national Party member information system's forms.

A coded cell is written as code and name together (" 21 大学", "01 汉族", "502 退休人员"), the
code alone ("21") or the name alone ("大学"). ``split_code`` separates the two; the name is
read first (``ingest.labels``), the code where the name is missing or unknown. Every table
maps a code to the contract's label, or to None where the code is known but has no
contract category (学历 9 其他: the education is then left blank, not refused). The tables
are printed in data/README.md by ``ingest.docs``.
"""

from __future__ import annotations

import re

from domain.contract import EDUCATION, GENDERS, OCCUPATIONS

# 学历 as coded in the member information system: 1x 研究生教育 (11 博士研究生, 12 硕士研究生,
# 13 研究生班, 1A/1B 中央/省委党校研究生), 2x 本专科 (21 大学, 22 大专, 23 大学普通班,
# 24 第二学士学位班, 2A/2B 中央/省委党校大学, 2C/2D 中央/省委党校大专), 4x 中等职业 (41 中专,
# 44 职业高中, 47 技工学校), 6 普通高中, 7 初中, 8 小学, 9 其他. The 3x codes of GB/T 4658
# (大学专科) are read too.
EDUCATION_CODES: dict[str, str | None] = {
    "1": "研究生",
    **{f"1{d}": "研究生" for d in "0123456789AB"},
    **dict.fromkeys(("2", "20", "21", "23", "24", "25", "28", "2A", "2B"), "大学本科"),
    **dict.fromkeys(("22", "2C", "2D", "3", "30", "31", "32", "33"), "大学专科"),
    "4": "中专",
    **{f"4{d}": "中专" for d in "0123456789"},
    **dict.fromkeys(("6", "60", "61", "62", "63"), "高中"),
    **dict.fromkeys(("7", "70", "71", "72", "73", "8", "80", "81", "82", "83"), "初中及以下"),
    "9": None,
    "90": None,
}

# 民族, GB/T 3304: 01 汉族 … 56 基诺族, 97 其他, 98 外国血统中国籍人士.
ETHNICITY_NAMES: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族",
    "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",
    "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)  # fmt: skip
ETHNICITY_CODES: dict[str, str] = {
    **{f"{i:02d}": name for i, name in enumerate(ETHNICITY_NAMES, start=1)},
    "97": "其他",
    "98": "外国血统中国籍人士",
}

# 性别, GB/T 2261.1: 1 男, 2 女.
GENDER_CODES: dict[str, str | None] = {"1": "男", "2": "女"}

# 工作岗位: only the 5xx family (501 离休人员, 502 退休人员) is read from a code alone; for the
# other posts the name is read (see ``occupation_from_name``), so write code and name.
OCCUPATION_CODES: dict[str, str | None] = dict.fromkeys(("5", "50", "501", "502"), "离退休人员")

# The 工作岗位 names of the member information system, read by their words, in this order: the
# first rule whose word a name contains decides.
OCCUPATION_WORDS: tuple[tuple[str, str], ...] = (
    ("离休", "离退休人员"),
    ("退休", "离退休人员"),
    ("学生", "学生"),
    ("公务员", "党政机关工作人员"),
    ("党政机关", "党政机关工作人员"),
    ("专业技术", "专业技术人员"),
    ("专技", "专业技术人员"),
    ("管理", "管理人员"),
    ("工勤", "工人"),
    ("工人", "工人"),
    ("农", "农牧渔民"),
    ("牧", "农牧渔民"),
    ("渔", "农牧渔民"),
    ("其他", "其他职业人员"),
)

CODE_TABLES: dict[tuple[str, ...], dict[str, str | None]] = {
    EDUCATION: EDUCATION_CODES,
    GENDERS: GENDER_CODES,
    OCCUPATIONS: OCCUPATION_CODES,
}

_CODED = re.compile(r"^\s*([0-9][0-9A-Za-z]{0,3})(?:\s*[.、:：\-]?\s*|\s+)(\D.*)?$")


def split_code(text: str) -> tuple[str | None, str]:
    """(code, name) of a coded cell: " 21 大学" → ("21", "大学"); "01" → ("01", "");
    "汉族" → (None, "汉族"). The code is upper-cased (1a → 1A); the name is stripped."""
    match = _CODED.match(text)
    if match is None:
        return None, text.strip()
    code, name = match.group(1).upper(), (match.group(2) or "").strip()
    if not name and not code.isdigit() and not re.fullmatch(r"\d[A-D]", code):
        return None, text.strip()  # a word such as "2B铅笔" is not a code
    return code, name


def occupation_from_name(name: str) -> str | None:
    """The contract's occupation for a 工作岗位 name, by OCCUPATION_WORDS; None if no word
    matches."""
    for word, label in OCCUPATION_WORDS:
        if word in name:
            return label
    return None
