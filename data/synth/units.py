"""两新组织: the register of 非公企业 and 社会组织, and which Party organisation covers each."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.synth.common import END
from data.synth.members import random_names
from data.synth.orgs import INDUSTRIES, TRADE_NAMES
from domain.contract import DATASETS

NATIONAL_COVERAGE = {"非公企业": 0.731, "社会组织": 0.617}  # the 2017 公报's 覆盖率
UNIT_SUFFIXES = {  # a 社会组织's name ends with what it does
    "非公企业": ("有限公司",) * 5,
    "社会组织": ("社工服务中心", "培训中心", "志愿者协会", "文化促进会", "养老服务中心"),
}


def _full_members_on(members: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Full members on the roster on ``on`` per branch_id."""
    arrived = members["registered_on"].fillna(members["joined_on"]) <= on
    here = arrived & ~(members["left_on"] <= on) & (members["full_on"] <= on)
    return members.loc[here, "branch_id"].value_counts()


def _building_of(name: str) -> str | None:
    """The office building an organisation's name says it is in (承业大厦党委 → 承业大厦,
    金融城楼宇党委 → 金融城), if any."""
    if "大厦" in name:
        return name[: name.index("大厦") + 2]
    for word in ("商务楼宇", "楼宇"):
        if word in name:
            return name[: name.index(word)]
    return None


def build_units(
    branches: pd.DataFrame, members: pd.DataFrame, rng: np.random.Generator, copy: int
) -> pd.DataFrame:
    """两新组织: the 非公企业 and 社会组织 of the sub-district on END and before.

    Covered units follow the branches: an enterprise or social organisation at the top of its
    own tree of 非公企业, 社会组织 or 行业商协会 organisations has its own organisation
    (单独组建; its full members from the roster); each 联合党支部 and each 楼宇 党支部 covers
    three to six small units (联合组建), those of a building in it. Units without an
    organisation bring each kind's 组织覆盖率 near the 2017 公报's (73.1%, 61.7%): most have
    a 党建指导员, a few have three full members or more (应建未建). Some registered since
    2013, some closed."""
    alive = branches[branches["dissolved_on"].isna()]
    full = _full_members_on(members, END)
    sector_of = branches.set_index("branch_id")["sector"]
    rows: list[dict[str, object]] = []

    def unit(kind: str, name: str, community: str, **kw: object) -> None:
        rows.append({"kind": kind, "name": name, "community": community} | kw)

    suffix = "" if copy == 1 else f"·{copy}"
    named = sorted(set(alive["community"]), key=len, reverse=True)
    for b in alive.itertuples():
        plain = b.name.removesuffix(suffix)
        # a 社区 joint branch's units are in the community its name says
        place = next((c for c in named if plain.startswith(c.removesuffix(suffix))), b.community)
        parent_sector = sector_of.get(b.parent_id) if isinstance(b.parent_id, str) else None
        building = _building_of(plain)
        joint = "联合党" in plain or (b.sector == "楼宇" and b.org_type == "党支部")
        if joint:
            n = int(rng.integers(3, 7))
            split = rng.multinomial(int(full.get(b.branch_id, 0)), np.ones(n) / n)
            # most of a joint branch's members work in units too small to list; a few
            # listed units have three or more and should form their own (应建未建)
            split = np.where(rng.random(n) < 0.12, split, np.minimum(split, 2))
            for i in range(n):
                unit(
                    "非公企业",
                    "",
                    place,
                    building=building,
                    coverage="联合组建",
                    branch_id=b.branch_id,
                    full_members=int(split[i]),
                    covered_on=b.founded_on,
                )
        elif b.sector in ("非公企业", "社会组织", "行业商协会") and parent_sector != b.sector:
            kind = "非公企业" if b.sector == "非公企业" else "社会组织"
            tree = branches.loc[branches["parent_id"] == b.branch_id, "branch_id"].tolist()
            unit(
                kind,
                plain.split("党")[0].removesuffix("第一"),
                b.community,
                building=building,
                coverage="单独组建",
                branch_id=b.branch_id,
                full_members=int(full.get(b.branch_id, 0) + sum(full.get(c, 0) for c in tree)),
                covered_on=b.founded_on,
            )
    communities = sorted(set(alive["community"]))
    for kind, rate in NATIONAL_COVERAGE.items():
        covered = sum(1 for r in rows if r["kind"] == kind)
        for _ in range(round(covered * (1 / rate - 1))):
            enough = rng.random() < 0.08  # 应建未建
            unit(
                kind,
                "",
                communities[int(rng.integers(0, len(communities)))],
                building=None,
                coverage="未建",
                branch_id=None,
                full_members=int(rng.integers(3, 6))
                if enough
                else int(rng.choice([0, 0, 0, 1, 2])),
                covered_on=pd.NaT,
                instructor=rng.random() < 0.6,
            )
    units = pd.DataFrame(rows)
    n = len(units)
    trade = np.array(TRADE_NAMES)[rng.integers(0, len(TRADE_NAMES), n)]
    field = np.array(INDUSTRIES)[rng.integers(0, len(INDUSTRIES), n)]
    endings = [UNIT_SUFFIXES[k][int(rng.integers(0, 5))] for k in units["kind"]]
    invented = [
        f"佛山市{t}{f}有限公司" if k == "非公企业" else f"佛山市{t}{e}"
        for t, f, e, k in zip(trade, field, endings, units["kind"], strict=True)
    ]
    names = pd.Series(np.where(units["name"] != "", units["name"], invented))
    repeat = names.groupby(names).cumcount().to_numpy()  # a second 佛山市华粤科技有限公司
    units["name"] = [
        f"{name}{'' if r == 0 else f'（{r + 1}）'}{suffix}"
        for name, r in zip(names, repeat, strict=True)
    ]
    registered = pd.Timestamp("1998-01-01") + pd.to_timedelta(
        rng.integers(0, (END - pd.Timestamp("1998-01-01")).days, n), "D"
    )
    covered_on = pd.to_datetime(units["covered_on"])
    units["registered_on"] = registered.where(
        covered_on.isna() | (registered <= covered_on), covered_on
    )
    closing = (units["coverage"] == "未建").to_numpy() & (rng.random(n) < 0.08)
    span = (END - units["registered_on"]).dt.days.clip(lower=1).to_numpy()
    closed = units["registered_on"] + pd.to_timedelta(rng.integers(0, span), "D")
    units["closed_on"] = closed.where(closing & (closed > pd.Timestamp("2013-01-01")))
    units["covered_on"] = covered_on
    staff = np.maximum(
        units["full_members"].to_numpy() + 1, np.round(rng.lognormal(3.0, 0.9, n))
    ).astype(int)
    big = units["coverage"] == "单独组建"
    units["staff"] = np.where(big, np.maximum(staff, units["full_members"] * 6), staff)
    units["probationary_members"] = rng.binomial(1, 0.15, n)
    instructors = random_names(rng, 12)
    has_instructor = units.get("instructor", pd.Series(False, index=units.index)).fillna(False)
    units["instructor"] = np.where(
        has_instructor.astype(bool), instructors[rng.integers(0, len(instructors), n)], None
    )
    organised = (units["coverage"] != "未建").to_numpy()
    units["union"] = rng.random(n) < np.where(organised, 0.9, 0.4)
    units["youth_league"] = rng.random(n) < np.where(organised, 0.5, 0.1)
    units["women_federation"] = rng.random(n) < np.where(organised, 0.6, 0.15)
    units = units.sort_values(["registered_on", "name"], kind="stable").reset_index(drop=True)
    units.insert(0, "unit_id", [f"91440605MA{copy:03d}{i + 1:04d}X" for i in range(n)])
    return units[[f.name for f in DATASETS["units"].fields if f.name in units]]
