"""党员: the members of every 党支部, their profiles by sector, names, education, and the few
out of reach (失联, 流动)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.synth.common import DAY, END, START, Org
from domain.contract import OCCUPATIONS

SURNAMES = (
    "陈黄李梁林何罗冯关邓叶潘张刘吴周徐孙朱胡郭高郑谢宋许韩曾彭萧杨蔡余杜苏卢钟谭陆"
    "麦区霍莫岑伍欧简源何黎谢邝袁招甘赵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华慧建国志伟文斌辉玲婷雪梅晓红燕"
    "俊峰嘉怡浩然子轩欣颖锦荣家豪咏诗振华绮珠杏仪丽萍永强卓伦"
)
OTHER_ETHNICITIES = ("壮族", "满族", "回族", "苗族", "土家族", "瑶族", "侗族")


@dataclass(frozen=True)
class Profile:
    """How a kind of branch's members look: female share, working age (mean, sd), share
    retired, transfer-out hazard a year, occupation weights (OCCUPATIONS order)."""

    female: float
    age: tuple[float, float]
    retired: float
    out: float
    occ: tuple[float, ...]


PROFILES: dict[str, Profile] = {
    "社区": Profile(0.47, (46, 11), 0.35, 0.025, (0.16, 0.01, 0.16, 0.12, 0.08, 0.03, 0.44, 0.0)),
    "退休": Profile(0.44, (50, 8), 0.9, 0.01, (0.2, 0.0, 0.2, 0.1, 0.1, 0.0, 0.4, 0.0)),
    "国有企业": Profile(0.32, (40, 9), 0.04, 0.04, (0.24, 0.0, 0.36, 0.34, 0.0, 0.0, 0.06, 0.0)),
    "非公企业": Profile(0.36, (35, 7), 0.0, 0.10, (0.25, 0.0, 0.34, 0.30, 0.0, 0.0, 0.11, 0.0)),
    "昭信": Profile(0.30, (37, 7), 0.0, 0.05, (0.05, 0.0, 0.52, 0.42, 0.0, 0.0, 0.01, 0.0)),
    "楼宇": Profile(0.46, (33, 6), 0.0, 0.11, (0.03, 0.0, 0.46, 0.40, 0.0, 0.0, 0.11, 0.0)),
    "行业商协会": Profile(0.34, (43, 8), 0.03, 0.05, (0.05, 0.0, 0.20, 0.58, 0.0, 0.0, 0.17, 0.0)),
    "社会组织": Profile(0.62, (34, 8), 0.03, 0.09, (0.02, 0.0, 0.62, 0.20, 0.0, 0.0, 0.16, 0.0)),
    "机关事业单位": Profile(
        0.48, (41, 9), 0.0, 0.035, (0.02, 0.0, 0.40, 0.06, 0.50, 0.0, 0.02, 0.0)
    ),
}
JOIN_RATE = 0.020  # new members a year, per member
TRANSFER_IN_RATE = 0.042  # transfers in a year, per member
EXPEL_RATE = 0.0002


def _profile(o: Org) -> str:
    return o.profile or o.sector


def uniform_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A uniform day in [lo, hi] for each pair (datetime64[D] arrays)."""
    span = np.maximum((hi - lo) / DAY, 0)
    return lo + np.floor(rng.random(len(lo)) * (span + 1)).astype(int) * DAY


def _birth_for_age(rng: np.random.Generator, on: np.ndarray, age: np.ndarray) -> np.ndarray:
    days = np.floor(age * 365.25).astype(int) + rng.integers(0, 365, len(age))
    return on - days * DAY


def random_names(rng: np.random.Generator, n: int) -> np.ndarray:
    surname = np.array(list(SURNAMES))[rng.integers(0, len(SURNAMES), n)]
    chars = np.array(list(GIVEN))
    first = chars[rng.integers(0, len(chars), n)]
    second = np.where(rng.random(n) < 0.75, chars[rng.integers(0, len(chars), n)], "")
    return np.char.add(np.char.add(surname, first), second)


def build_members(orgs: list[Org], rng: np.random.Generator) -> pd.DataFrame:
    """Members of every 党支部: those there in 2013, then joins and transfers in, each leaving
    by transfer out, death or expulsion at a hazard that depends on sector and age."""
    start, end = START.to_datetime64().astype("M8[D]"), END.to_datetime64().astype("M8[D]")
    rows: list[pd.DataFrame] = []
    for bi, o in enumerate(orgs):
        if o.org_type != "党支部":
            continue
        p = PROFILES[_profile(o)]
        opened = max(o.founded_on, START).to_datetime64().astype("M8[D]")
        closed = (o.dissolved_on or END).to_datetime64().astype("M8[D]")
        years = ((closed - opened) / DAY) / 365.25
        new_branch = o.founded_on >= START
        n0 = int(rng.poisson(o.size * (0.95 if new_branch else 0.88)))
        n_join = int(rng.poisson(o.size * JOIN_RATE * years))
        n_in = int(rng.poisson(o.size * TRANSFER_IN_RATE * years))
        n = n0 + n_join + n_in
        if n == 0:
            continue
        kind = np.array(["initial"] * n0 + ["join"] * n_join + ["in"] * n_in)
        # When the membership starts here.
        if new_branch:
            settle = min(closed, opened + 75 * DAY)
            first_day = uniform_days(rng, np.full(n0, opened), np.full(n0, settle))
        else:
            first_day = np.full(n0, start)
        later = uniform_days(rng, np.full(n - n0, opened), np.full(n - n0, closed))
        begin = np.concatenate([first_day, later])

        age_mean, age_sd = p.age
        retired = rng.random(n) < p.retired * (kind == "initial")
        age_at_begin = np.where(
            retired, rng.uniform(60, 88, n), np.clip(rng.normal(age_mean, age_sd, n), 22, 59)
        )
        age_at_begin = np.where(kind == "join", np.clip(rng.normal(29, 6, n), 19, 45), age_at_begin)
        birth = _birth_for_age(rng, begin, age_at_begin)
        # Joined: new members on the day; others at 19-40, never before 18.
        join_age = np.clip(rng.normal(27, 6, n), 19, None)
        # Joined before arriving here: at least a month, and for most well over a year, earlier.
        latest_join = begin - rng.integers(30, 2500, n) * DAY
        joined = np.minimum(birth + np.floor(join_age * 365.25).astype(int) * DAY, latest_join)
        joined = np.maximum(joined, birth + int(18.2 * 365.25) * DAY)
        joined = np.where(kind == "join", begin, joined)
        registered = np.where(
            kind == "in",
            begin,
            np.where(
                (kind == "initial") & (rng.random(n) < 0.4) & (joined < begin),
                uniform_days(rng, joined, begin),
                np.datetime64("NaT"),
            ),
        ).astype("M8[D]")
        registered = np.where(new_branch & (kind == "initial"), begin, registered)
        full = joined + (365 + rng.integers(0, 25, n)) * DAY
        full = np.where(full > end, np.datetime64("NaT"), full).astype("M8[D]")

        # Leaving: the earliest of transfer out, death and expulsion.
        age_now = ((begin - birth) / DAY) / 365.25
        death_rate = np.where(age_now >= 60, 0.004 * np.exp((age_now - 60) / 9.0), 0.0008)
        t_out = rng.exponential(1 / p.out, n)
        t_death = rng.exponential(1 / death_rate)
        t_expel = rng.exponential(1 / EXPEL_RATE, n)
        t = np.minimum(np.minimum(t_out, t_death), t_expel)
        reason = np.where(t == t_out, "转出", np.where(t == t_death, "死亡", "出党"))
        left = begin + np.ceil(t * 365.25).astype(int) * DAY
        gone = left <= closed
        if o.dissolved_on is not None:
            reason = np.where(gone, reason, "转出")
            left = np.where(gone, left, closed)
            gone = np.ones(n, bool)
        left = np.where(gone, left, np.datetime64("NaT")).astype("M8[D]")
        reason = np.where(gone, reason, "")

        occ_p = np.array(p.occ, dtype=float)
        occupation = np.array(OCCUPATIONS)[rng.choice(len(OCCUPATIONS), n, p=occ_p / occ_p.sum())]
        occupation = np.where(
            (occupation == "学生") & (age_at_begin > 28), "其他职业人员", occupation
        )
        occupation = np.where(retired | (age_at_begin > 62), "离退休人员", occupation)
        rows.append(
            pd.DataFrame(
                {
                    "branch": bi,
                    "kind": kind,
                    "begin": begin,
                    "birth": birth,
                    "joined": joined,
                    "registered": registered,
                    "full": full,
                    "left": left,
                    "left_reason": reason,
                    "female": rng.random(n) < p.female,
                    "occupation": occupation,
                    "age_at_begin": age_at_begin,
                }
            )
        )
    m = pd.concat(rows, ignore_index=True)
    n = len(m)
    m["name"] = random_names(rng, n)
    m["ethnicity"] = np.where(
        rng.random(n) < 0.986,
        "汉族",
        np.array(OTHER_ETHNICITIES)[rng.integers(0, len(OTHER_ETHNICITIES), n)],
    )
    m["education"] = _education(rng, m)
    return m


def _education(rng: np.random.Generator, m: pd.DataFrame) -> np.ndarray:
    """Younger and professional members are more educated; retired members much less."""
    levels = np.array(("研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下"))
    birth_year = pd.to_datetime(m["birth"]).dt.year.to_numpy()
    young = birth_year >= 1975
    professional = m["occupation"].isin(("专业技术人员", "管理人员", "党政机关工作人员")).to_numpy()
    p_young = np.array([0.10, 0.46, 0.26, 0.08, 0.07, 0.03])
    p_prof = np.array([0.14, 0.56, 0.22, 0.04, 0.03, 0.01])
    p_old = np.array([0.01, 0.08, 0.15, 0.18, 0.30, 0.28])
    u = rng.random(len(m))
    out = np.empty(len(m), dtype=object)
    for mask, p in (
        (young & ~professional, p_young),
        (professional, p_prof),
        (~young & ~professional, p_old),
    ):
        out[mask] = levels[np.searchsorted(np.cumsum(p), u[mask] * p.sum())]
    return out.astype(str)


FLOATING_TO = (
    "广东省广州市",
    "广东省深圳市",
    "广东省东莞市",
    "佛山市禅城区",
    "佛山市顺德区",
    "湖南省长沙市",
    "广西壮族自治区南宁市",
    "江西省赣州市",
    "上海市",
    "北京市",
)


def out_of_reach(members: pd.DataFrame, rng: np.random.Generator) -> dict[str, object]:
    """失联 and 流动, for the members on the roster at END: about 0.4% of the full members
    have lost contact (since a day after they were registered, at least a month before
    END), and about 2.5% of those still working are away (流动党员) in another city."""
    n = len(members)
    on_roster = (
        members["registered_on"].fillna(members["joined_on"]).le(END) & members["left_on"].isna()
    ).to_numpy()
    full = members["full_on"].notna().to_numpy()
    working = (members["occupation"] != "离退休人员").to_numpy()
    lost = on_roster & full & (rng.random(n) < 0.004)
    floating = on_roster & working & ~lost & (rng.random(n) < 0.025)
    since = members["registered_on"].fillna(members["joined_on"]).clip(lower="2008-01-01")
    span = (END - pd.Timedelta(days=30) - since).dt.days.clip(lower=1).to_numpy()
    lost_on = since + pd.to_timedelta(rng.integers(0, span), "D")
    return {
        "lost_contact": lost,
        "lost_on": lost_on.where(lost),
        "floating": floating,
        "floating_to": np.where(floating, rng.choice(FLOATING_TO, n), None),
    }


def members_table(
    m: pd.DataFrame, ids: list[str], copy: int, rng: np.random.Generator
) -> pd.DataFrame:
    """The 党员 table of copy ``copy``: two members' probation left undecided, and the few
    out of reach drawn from a stream of their own."""
    m = m.sort_values(["branch", "begin", "birth"], kind="stable").reset_index(drop=True)
    members = pd.DataFrame(
        {
            "member_id": [f"M{copy:03d}{i + 1:06d}" for i in range(len(m))],
            "branch_id": np.array(ids)[m["branch"].to_numpy()],
            "name": m["name"],
            "gender": np.where(m["female"], "女", "男"),
            "birth_date": m["birth"],
            "ethnicity": m["ethnicity"],
            "education": m["education"],
            "occupation": m["occupation"],
            "joined_on": m["joined"],
            "full_on": m["full"],
            "registered_on": m["registered"],
            "left_on": m["left"],
            "left_reason": m["left_reason"].replace("", None),
        }
    )
    # Two members whose probation has run well past a year without a decision.
    late = members.index[
        (members["joined_on"] >= "2017-03-01")
        & (members["joined_on"] < "2017-06-01")
        & members["left_on"].isna()
    ][:2]
    members.loc[late, "full_on"] = pd.NaT
    # drawn from a stream of their own, so that every other column is as it was before
    reach = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]  # numpy's hints lack seed_seq
    return members.assign(**out_of_reach(members, reach))
