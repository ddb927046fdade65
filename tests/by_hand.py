"""The sample counted with plain pandas, from its CSV files: the independent side of the
comparisons with what the app shows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
DATES = {
    "members": ["出生日期", "入党日期", "转正日期", "转入日期", "减少日期"],
    "branches": ["成立日期", "撤销日期"],
}


def read_sample() -> dict[str, pd.DataFrame]:
    """members and branches, as text, dates parsed here."""
    return {
        name: pd.read_csv(
            SAMPLE / f"{name}.csv", encoding="utf-8-sig", dtype=str, parse_dates=DATES[name]
        )
        for name in DATES
    }


def active_by_hand(m: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Members on the roster on ``day``: arrived (转入日期, else 入党日期) by then, not left."""
    start = m["转入日期"].where(m["转入日期"].notna(), m["入党日期"])
    return m[(start <= day) & (m["减少日期"].isna() | (m["减少日期"] > day))]


LEDGER_DATES = [
    "申请入党日期",
    "确定入党积极分子日期",
    "确定发展对象日期",
    "接收预备党员日期",
    "终止日期",
]


def read_ledger() -> pd.DataFrame:
    """The 发展党员 ledger, as text, its stage dates parsed here."""
    return pd.read_csv(
        SAMPLE / "development.csv", encoding="utf-8-sig", dtype=str, parse_dates=LEDGER_DATES
    )


def stages_by_hand(ledger: pd.DataFrame, day: pd.Timestamp) -> dict[str, int]:
    """People in each ledger stage on ``day``: not withdrawn by then; reached a stage's
    date and not the next one's."""
    here = ledger[ledger["终止日期"].isna() | (ledger["终止日期"] > day)]

    def reached(column: str) -> pd.Series:
        return here[column].notna() & (here[column] <= day)

    return {
        "入党申请人": int((reached("申请入党日期") & ~reached("确定入党积极分子日期")).sum()),
        "入党积极分子": int((reached("确定入党积极分子日期") & ~reached("确定发展对象日期")).sum()),
        "发展对象": int((reached("确定发展对象日期") & ~reached("接收预备党员日期")).sum()),
    }


def tree_by_hand(top: str) -> set[str]:
    """The organisation and every organisation under it, 上级组织编号 followed one level at
    a time."""
    branches = pd.read_csv(SAMPLE / "branches.csv", encoding="utf-8-sig", dtype=str)
    children = branches.groupby("上级组织编号")["组织编号"].apply(list).to_dict()
    tree, level = {top}, [top]
    while level:
        level = [c for b in level for c in children.get(b, [])]
        tree |= set(level)
    return tree


def plans_by_hand(ledger: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The plans of ``day``'s year with ``admitted``: admissions from 1 January to ``day``
    in each planned organisation's tree."""
    plans = pd.read_csv(SAMPLE / "plans.csv", encoding="utf-8-sig", dtype={"组织编号": str})
    plans = plans[plans["年度"] == day.year]
    start = pd.Timestamp(year=day.year, month=1, day=1)
    admitted = ledger.loc[ledger["接收预备党员日期"].between(start, day), "组织编号"]
    counts = [int(admitted.isin(tree_by_hand(top)).sum()) for top in plans["组织编号"]]
    return plans.assign(admitted=counts)


def read_units() -> pd.DataFrame:
    """The 两新组织 register, as text, its dates parsed and its counts as numbers here."""
    units = pd.read_csv(
        SAMPLE / "units.csv",
        encoding="utf-8-sig",
        dtype=str,
        parse_dates=["成立日期", "注销日期", "覆盖日期"],
    )
    return units.astype({"从业人员数": int, "正式党员数": int})


def units_on(units: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The units operating on ``day`` (registered by then or undated, not closed), with
    覆盖 their coverage on that day (未建 before 覆盖日期)."""
    operating = (units["成立日期"].isna() | (units["成立日期"] <= day)) & ~(
        units["注销日期"] <= day
    )
    here = units[operating].copy()
    begun = here["覆盖日期"].isna() | (here["覆盖日期"] <= day)
    here["覆盖"] = here["党组织覆盖方式"].where(begun, "未建")
    return here
