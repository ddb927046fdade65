"""Files in the layout of the national Party member information system's exports, written
the way the system writes them: the 2017 form 党员基本信息汇总表 (.xls and .xlsx) and a
党组织 list. Every person is invented; every 公民身份证号 has a valid GB 11643 check digit.

The roster ``ROSTER`` holds six members of two branches. Worked out by hand, on the file's
latest event date (2018-10-08, 陈七's 入党日期):
- active 6; probationary 2 (李四 and 陈七: 人员类别 预备党员);
- 男 3 (张三明, 赵六, 孙八), 女 3;
- 大专及以上 4 (张三明 21 大学, 李四 12 硕士研究生, 王小红 2C 中央党校大专, 孙八 1A 中央党校研究生);
  赵六 7 初中, 陈七 9 其他 (left blank);
- 少数民族 2 (李四 08 壮族, 孙八 03 回族);
- 失联 1 (王小红, since 2017-05-01); 流动 1 (李四, to 广东省广州市);
- by branch: 第一支部 3 (张三明, 李四, 孙八), 第二支部 3 (王小红, 赵六, 陈七).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import xlwt

STREET = "中共佛山市南海区桂城街道工作委员会"  # above the list: not in it
COMMITTEE = "中共佛山市南海区桂城街道翠颐社区委员会"
FIRST = "中共佛山市南海区桂城街道翠颐社区第一支部委员会"
SECOND = "中共佛山市南海区桂城街道翠颐社区第二支部委员会"

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_number(first17: str) -> str:
    """A 公民身份号码 with its GB 11643 check digit (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + _CHECK[total % 11]


# The two rows of the header as printed: 联系电话 spans 手机号 and 固定电话; every other
# header is merged down over both rows.
HEADERS: tuple[str, ...] = (
    "序号",
    "姓名",
    "所在党支部",
    "公民身份证号",
    "性别",
    "民族",
    "出生日期",
    "学历",
    "人员类别",
    " 加入党组织日期",
    "转为正式党员日期",
    "工作岗位",
    "联系电话",
    "",
    "家庭住址",
    "党籍状态",
    "是否为\n失联党员",
    "失去联系日期",
    "是否为\n流动党员",
    "外出流向",
)
SUBHEADERS = {12: "手机号", 13: "固定电话"}
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

D = dt.date
# 出生日期 and dates in every spelling the forms bring: date cells (written with the
# yyyy"年"m"月"d"日" format), an Excel serial number, and text (1990.06, 198506, 1985年06月).
ROSTER: tuple[tuple[object, ...], ...] = (
    (1, "张三明", FIRST, id_number("44060519850601001"), "男", "01 汉族", D(1985, 6, 1),
     " 21 大学", "正式党员", D(2010, 7, 1), D(2011, 7, 1), "企业管理人员", "13800138000", "",
     "佛山市南海区桂城街道翠颐路1号", "正常", "否", None, "否", None),
    (2, "李四", FIRST, id_number("44060519900615002"), "女", "08 壮族", "1990.06",
     "12 硕士研究生  ", "预备党员", D(2018, 3, 15), None, "专业技术人员", "13900139000",
     "0757-86200000", "佛山市南海区桂城街道翠颐路2号", "正常", "否", None, "是", "广东省广州市"),
    (3, "王小红", SECOND, id_number("44060519650601003"), "女", "汉族", "196506",
     "2C 中央党校大专", "正式党员", "1985年06月", None, "01 公务员", "", "", "", "正常", "是",
     D(2017, 5, 1), "否", None),
    (4, "赵六", SECOND, id_number("44060519500101004"), "男", "01", 18264.0, "7 初中",
     "正式党员", D(1975, 1, 1), D(1976, 1, 1), "502", "", "", "", " 正常", "否", None, "否", None),
    (5, "陈七", SECOND, id_number("44060519981008005"), "女", "01 汉族", D(1998, 10, 8),
     "9 其他", "预备党员", D(2018, 10, 8), None, "学生", "", "", "", "正常", "否", None, "否",
     None),
    (6, "孙八", FIRST, id_number("44060519700301006"), "男", "03 回族", D(1970, 3, 1),
     "1A 中央党校研究生", "正式党员", D(1995, 7, 1), D(1996, 7, 1), "502 退休人员", "", "", "",
     "正常", "否", None, "否", None),
)  # fmt: skip
FOOTER = "注：此表可从全国党员管理信息系统导出，身份证号等个人信息仅供核对，请妥善保管。"
TITLE = "党员基本信息汇总表"
INFO_LEFT = f"基层党委：{COMMITTEE}"
INFO_RIGHT = "汇总日期：2018年 11 月 30 日"

# The 党组织 list as the system's 党组织 screen exports it, with the 所属领域 column the user
# adds (``with_sector``) because the system has none.
ORG_HEADERS = ("党组织全称", "党组织编码", "组织类别", "成立日期", "批准成立的上级党组织",
               "党组织所在单位情况")  # fmt: skip
ORGS: tuple[tuple[object, ...], ...] = (
    (COMMITTEE, "440605001", "党委", D(2003, 3, 1), STREET, "城市社区"),
    (FIRST, "440605001001", "党支部", D(2003, 3, 1), COMMITTEE, "城市社区"),
    (SECOND, "440605001002", "党支部", D(2008, 6, 1), COMMITTEE, "城市社区"),
)  # fmt: skip


def roster_rows(rows: tuple[tuple[object, ...], ...] = ROSTER) -> list[list[object]]:
    """The roster as a grid, top to bottom: title, info line, two header rows, data, note."""
    info = [INFO_LEFT] + [None] * 8 + [INFO_RIGHT] + [None] * (len(HEADERS) - 10)
    sub = [SUBHEADERS.get(i) for i in range(len(HEADERS))]
    return [[TITLE], info, list(HEADERS), sub, *[list(r) for r in rows], [FOOTER]]


def _merges(n_rows: int) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first column, last column), 0-based, of the form's merges."""
    width = len(HEADERS)
    merges = [(0, 0, 0, width - 1), (2, 2, 12, 13), (4 + n_rows, 4 + n_rows, 0, width - 1)]
    merges += [(2, 3, c, c) for c in range(width) if c not in (12, 13)]
    return merges


def write_roster_xls(path: Path, rows: tuple[tuple[object, ...], ...] = ROSTER) -> Path:
    """The roster as BIFF .xls, as the national system exports it."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("党员基本信息")
    date_style = xlwt.easyxf(num_format_str=DATE_FORMAT)
    grid = roster_rows(rows)
    merged = _merges(len(rows))
    covered = {(r, c) for r0, r1, c0, c1 in merged for r in range(r0, r1 + 1)
               for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}  # fmt: skip
    for r0, r1, c0, c1 in merged:
        sheet.write_merge(r0, r1, c0, c1, grid[r0][c0] if c0 < len(grid[r0]) else None)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if (
                value is None
                or (r, c) in covered
                or any((r, c) == (r0, c0) for r0, _, c0, _ in merged)
            ):
                continue
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_roster_xlsx(path: Path, rows: tuple[tuple[object, ...], ...] = ROSTER) -> Path:
    """The roster as .xlsx, as the system's newer exports and 共产党员网's template have it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "党员基本信息"
    for r, row in enumerate(roster_rows(rows), start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(r, c, value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    for r0, r1, c0, c1 in _merges(len(rows)):
        sheet.merge_cells(start_row=r0 + 1, end_row=r1 + 1, start_column=c0 + 1,
                          end_column=c1 + 1)  # fmt: skip
    book.save(path)
    return path


def write_orgs_xlsx(path: Path, with_sector: bool = True) -> Path:
    """The 党组织 list, with a title row; ``with_sector`` adds the 所属领域 column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["党组织信息"])
    sheet.append([*ORG_HEADERS, *(("所属领域",) if with_sector else ())])
    for row in ORGS:
        sheet.append([*row, *(("社区",) if with_sector else ())])
        if isinstance(row[3], dt.date):
            sheet.cell(sheet.max_row, 4).number_format = DATE_FORMAT
    book.save(path)
    return path


def write_orgs_xls(path: Path) -> Path:
    """The 党组织 list as .xls, with the 所属领域 column."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("党组织")
    date_style = xlwt.easyxf(num_format_str=DATE_FORMAT)
    sheet.write(0, 0, "党组织信息")
    for c, header in enumerate((*ORG_HEADERS, "所属领域")):
        sheet.write(1, c, header)
    for r, row in enumerate(ORGS, start=2):
        for c, value in enumerate((*row, "社区")):
            sheet.write(r, c, value, date_style) if isinstance(value, dt.date) else sheet.write(
                r, c, value
            )
    book.save(str(path))
    return path
