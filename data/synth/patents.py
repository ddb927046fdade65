"""专利: the patents of the firms that file them, and their serial numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.synth.common import DAY, END, START, Org
from data.synth.members import uniform_days

INVENTION_TOPICS = (
    "LED封装结构",
    "废水处理装置",
    "脱硫脱硝催化剂",
    "光伏组件",
    "智能控制系统",
    "节能照明驱动电路",
    "固废资源化方法",
    "环保涂料",
    "散热模组",
    "检测方法",
)
PATENT_KIND_CODES = {"发明": 1, "实用新型": 2, "外观设计": 3}


def _patent_rows(
    rng: np.random.Generator, branch: np.ndarray, kind: np.ndarray, grant_p: dict[str, float]
) -> pd.DataFrame:
    n = len(branch)
    filed = uniform_days(
        rng,
        np.full(n, START.to_datetime64().astype("M8[D]")),
        np.full(n, END.to_datetime64().astype("M8[D]")),
    )
    lag_months = np.select(
        [kind == "发明", kind == "实用新型"],
        [rng.integers(22, 40, n), rng.integers(6, 13, n)],
        rng.integers(4, 9, n),
    )
    granted = filed + (lag_months * 30.44).astype(int) * DAY
    p = np.vectorize(grant_p.get)(kind)
    is_granted = (granted <= END.to_datetime64()) & (rng.random(n) < p)
    granted = np.where(is_granted, granted, np.datetime64("NaT")).astype("M8[D]")
    inventors = rng.integers(1, 7, n)
    topic = np.array(INVENTION_TOPICS)[rng.integers(0, len(INVENTION_TOPICS), n)]
    title = np.where(
        kind == "外观设计",
        np.char.add(topic, "（外观）"),
        np.char.add(np.char.add("一种", topic), np.where(kind == "发明", "及其制备方法", "")),
    )
    return pd.DataFrame(
        {
            "branch": branch,
            "kind": kind,
            "filed": filed,
            "granted": granted,
            "inventors": inventors,
            "title": title,
        }
    )


def build_patents(orgs: list[Org], rng: np.random.Generator) -> pd.DataFrame:
    """昭信's record (312 filed; 48 invention patents granted) and other enterprises' patents."""
    zx_kids = np.array([i for i, o in enumerate(orgs) if o.parent == "P-昭信"])
    kinds = np.array(["发明"] * 118 + ["实用新型"] * 171 + ["外观设计"] * 23)
    zx = _patent_rows(
        rng,
        zx_kids[rng.integers(0, len(zx_kids), len(kinds))],
        kinds,
        {"发明": 1.0, "实用新型": 0.93, "外观设计": 0.96},
    )
    # Exactly 48 invention patents granted by END: the earliest-filed eligible ones.
    inv = zx.index[(zx["kind"] == "发明")]
    lag = (rng.integers(22, 40, len(inv)) * 30.44).astype(int)
    zx.loc[inv, "granted"] = pd.NaT
    eligible = inv[(zx.loc[inv, "filed"] + pd.to_timedelta(lag, "D") <= END).to_numpy()]
    chosen = rng.choice(eligible, 48, replace=False)
    zx.loc[chosen, "granted"] = zx.loc[chosen, "filed"] + pd.to_timedelta(
        lag[np.searchsorted(inv, chosen)], "D"
    )
    zx["member_share"] = 0.62
    rows = [zx]
    firms = [
        i
        for i, o in enumerate(orgs)
        if o.org_type == "党支部"
        and o.sector in ("非公企业", "国有企业")
        and o.parent != "P-昭信"
        and o.dissolved_on is None
    ]
    has = [i for i in firms if rng.random() < 0.45]
    counts = rng.poisson(5.5, len(has))
    branch = np.repeat(np.array(has, dtype=int), counts)
    other_kinds = np.array(["发明", "实用新型", "外观设计"])[
        rng.choice(3, len(branch), p=[0.3, 0.55, 0.15])
    ]
    other = _patent_rows(
        rng, branch, other_kinds, {"发明": 0.45, "实用新型": 0.9, "外观设计": 0.95}
    )
    other["member_share"] = 0.35
    rows.append(other)
    return pd.concat(rows, ignore_index=True)


def patent_serials(copy: int, drawn: np.ndarray) -> np.ndarray:
    """Seven-digit serials no other copy uses. Copies 1-9 take ``drawn`` (random, below
    900,000) in the top 900,000 of a million block of their own (copy 9: block 0); copies
    10-109 number their patents in order inside a 10,000 slot of the blocks' bottom
    100,000s, which copies 1-9 never use."""
    if copy <= 9:
        return drawn + 100000 + copy * 1000000 % 9000000
    slot = copy - 10
    if slot >= 100 or len(drawn) > 10000:
        raise ValueError("--scale above 109 would repeat patent numbers")
    return (slot % 10) * 1000000 + (slot // 10) * 10000 + np.arange(len(drawn))


def patents_table(
    pats: pd.DataFrame, ids: list[str], copy: int, rng: np.random.Generator
) -> pd.DataFrame:
    """The 专利 table of copy ``copy``, with serial numbers no other copy uses."""
    pats = pats.sort_values(["filed", "branch", "kind"], kind="stable").reset_index(drop=True)
    serial = patent_serials(copy, rng.permutation(900000)[: len(pats)])
    years = pd.DatetimeIndex(pats["filed"]).year.to_numpy()
    codes = pats["kind"].map(PATENT_KIND_CODES).to_numpy()
    check = rng.integers(0, 10, len(pats))
    member_inv = rng.binomial(pats["inventors"].to_numpy(), pats["member_share"].to_numpy())
    return pd.DataFrame(
        {
            "patent_id": [
                f"CN{y}{c}{s:07d}.{k}"
                for y, c, s, k in zip(years, codes, serial, check, strict=True)
            ],
            "branch_id": np.array(ids)[pats["branch"].to_numpy()],
            "kind": pats["kind"],
            "filed_on": pats["filed"],
            "granted_on": pats["granted"],
            "title": pats["title"],
            "inventors": pats["inventors"],
            "member_inventors": member_inv,
        }
    )
