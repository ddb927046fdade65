"""组织生活: the meetings, 主题党日 and volunteering of every branch, month by month."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.synth.common import DAY, END, START, TYPHOON_MANGKHUT, Org

MEETINGS = ("支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会", "志愿服务")
HOURS = {
    "支部党员大会": 2.0,
    "支委会": 1.5,
    "党小组会": 1.5,
    "党课": 2.0,
    "主题党日": 2.5,
    "组织生活会": 3.0,
    "志愿服务": 3.0,
}
THEMES = {
    2013: "学习贯彻党的十八大精神",
    2014: "党的群众路线教育实践活动",
    2015: "“三严三实”专题教育",
    2016: "“两学一做”学习教育",
    2017: "“两学一做”常态化制度化",
    2018: "学习贯彻党的十九大精神",
}
VOLUNTEER_TITLES = (
    "社区环境清洁",
    "关爱长者探访",
    "文明交通劝导",
    "垃圾分类宣传",
    "义诊进社区",
    "助学帮困",
    "消防安全宣传",
    "创文志愿服务",
)


def _active_counts(orgs: list[Org], m: pd.DataFrame, months: pd.DatetimeIndex) -> np.ndarray:
    """Active members of each org at the middle of each month, shape (orgs, months)."""
    mid = (months + pd.Timedelta(days=14)).to_numpy().astype("M8[D]")
    start = np.where(pd.isna(m["registered"]), m["joined"], m["registered"]).astype("M8[D]")
    start = np.maximum(start, m["begin"].to_numpy().astype("M8[D]"))
    left = m["left"].to_numpy().astype("M8[D]")
    first = np.searchsorted(mid, start, side="left")
    last = np.where(pd.isna(left), len(mid), np.searchsorted(mid, left, side="left"))
    diff = np.zeros((len(orgs), len(mid) + 1), int)
    np.add.at(diff, (m["branch"].to_numpy(), first), 1)
    np.add.at(diff, (m["branch"].to_numpy(), last), -1)
    return np.cumsum(diff, axis=1)[:, :-1]


def build_activities(orgs: list[Org], m: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """三会一课, 主题党日, 组织生活会 and volunteering for every 党支部 and month it exists."""
    months = pd.date_range(START, END, freq="MS")
    counts = _active_counts(orgs, m, months)
    branch_idx = np.array([i for i, o in enumerate(orgs) if o.org_type == "党支部"])
    b_rep = np.repeat(branch_idx, len(months))
    mo_rep = np.tile(np.arange(len(months)), len(branch_idx))
    month_start = months.to_numpy()[mo_rep].astype("M8[D]")
    month_end = (months + pd.offsets.MonthEnd(0)).to_numpy()[mo_rep].astype("M8[D]")
    founded = np.array([o.founded_on.to_datetime64() for o in orgs]).astype("M8[D]")[b_rep]
    closes = np.array(
        [(o.dissolved_on or END + pd.Timedelta(days=1)).to_datetime64() for o in orgs]
    ).astype("M8[D]")[b_rep]
    silent = np.array(
        [(o.silent_from or END + pd.Timedelta(days=1)).to_datetime64() for o in orgs]
    ).astype("M8[D]")[b_rep]
    size = counts[b_rep, mo_rep]
    open_ = (founded <= month_end) & (closes > month_start) & (month_start < silent) & (size > 0)
    weak = np.array([o.weak for o in orgs])[b_rep]
    p_hold = np.where(weak, 0.62, 0.975)
    month_no = months.month.to_numpy()[mo_rep]
    quarter_pick = rng.integers(0, 3, len(b_rep))  # which month of the quarter
    # Quarterly meetings fall in one month per quarter; the pick is shared per branch-quarter.
    quarter_key = b_rep * 1000 + (mo_rep // 3)
    _, first_of_quarter = np.unique(quarter_key, return_index=True)
    pick_per_quarter = quarter_pick[first_of_quarter][
        np.searchsorted(np.unique(quarter_key), quarter_key)
    ]
    in_pick_month = (month_no - 1) % 3 == pick_per_quarter
    volunteer_rate = np.where(np.array([o.sector == "社区" for o in orgs])[b_rep], 0.8, 0.45)
    held: dict[str, np.ndarray] = {
        "主题党日": open_ & (rng.random(len(b_rep)) < p_hold),
        "支委会": open_ & (size >= 7) & (rng.random(len(b_rep)) < p_hold),
        "党小组会": open_ & (size >= 12) & (rng.random(len(b_rep)) < p_hold * 0.95),
        "支部党员大会": open_ & in_pick_month & (rng.random(len(b_rep)) < p_hold),
        "党课": open_ & in_pick_month & (rng.random(len(b_rep)) < p_hold),
        "组织生活会": open_ & (month_no == 1) & (rng.random(len(b_rep)) < p_hold),
    }
    n_volunteer = np.where(open_, rng.poisson(volunteer_rate), 0)
    engagement = np.clip(rng.beta(12, 2, len(orgs)), 0.55, 0.99)[b_rep]

    frames = []
    for kind in MEETINGS:
        if kind == "志愿服务":
            sel = np.repeat(np.arange(len(b_rep)), n_volunteer)
        else:
            sel = np.flatnonzero(held[kind])
        k = len(sel)
        span = ((month_end[sel] - month_start[sel]) / DAY).astype(int) + 1
        last_ok = np.minimum(month_end[sel], silent[sel] - DAY)
        last_ok = np.minimum(last_ok, closes[sel] - DAY)
        date = month_start[sel] + np.floor(rng.random(k) * span).astype(int) * DAY
        date = np.minimum(np.maximum(date, founded[sel]), last_ok)
        members = size[sel]
        if kind == "支委会":
            expected = np.minimum(members, np.where(members >= 50, 7, 5))
        elif kind == "党小组会":
            expected = np.maximum(3, members // np.maximum(1, members // 10))
        elif kind == "志愿服务":
            expected = np.full(k, -1)
        else:
            expected = members
        if kind == "志愿服务":
            attendees = np.maximum(1, rng.binomial(members, 0.22))
            non_members = rng.poisson(np.where(volunteer_rate[sel] > 0.5, 12, 4))
        else:
            attendees = rng.binomial(
                expected, engagement[sel] * (0.97 if kind == "支委会" else 0.9)
            )
            non_members = np.where(kind == "主题党日", rng.poisson(1.5, k), 0)
        hours = HOURS[kind] + 0.5 * rng.integers(-1, 2, k)
        years = pd.DatetimeIndex(date).year.to_numpy()
        months_ = pd.DatetimeIndex(date).month.to_numpy()
        if kind == "志愿服务":
            title = np.array(VOLUNTEER_TITLES)[rng.integers(0, len(VOLUNTEER_TITLES), k)]
        elif kind in ("主题党日", "党课"):
            title = np.array(
                [f"{y}年{mo}月{kind}：{THEMES[y]}" for y, mo in zip(years, months_, strict=True)]
            )
        else:
            title = np.array([f"{y}年{mo}月{kind}" for y, mo in zip(years, months_, strict=True)])
        frames.append(
            pd.DataFrame(
                {
                    "branch": b_rep[sel],
                    "date": date,
                    "kind": kind,
                    "attendees": attendees,
                    "expected": expected,
                    "hours": hours,
                    "non_member_attendees": non_members,
                    "title": title,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def participation_table(
    acts: pd.DataFrame, ids: list[str], key_to_id: dict[str, str], copy: int
) -> pd.DataFrame:
    """The 组织生活 table of copy ``copy``, with the two events the forum report names."""
    cuiyi = key_to_id["C-翠颐社区"]
    denghu = key_to_id["C-灯湖社区"]
    named = pd.DataFrame(
        {
            "branch_id": [cuiyi, denghu],
            "date": [TYPHOON_MANGKHUT + pd.Timedelta(days=1), END],
            "kind": ["志愿服务", "主题党日"],
            "attendees": [8, 31],
            "expected": [None, 36],
            "hours": [4.0, 2.5],
            "non_member_attendees": [36, 12],
            "title": [
                "台风“山竹”过境后楼长队伍清理小区（楼长44人，其中党员8人）",
                "学习桂城街道城市基层党建论坛精神主题党日",
            ],
        }
    )
    acts_out = pd.DataFrame(
        {
            "branch_id": np.array(ids)[acts["branch"].to_numpy()],
            "date": pd.to_datetime(acts["date"]),
            "kind": acts["kind"],
            "attendees": acts["attendees"],
            "expected": acts["expected"].where(acts["expected"] >= 0),
            "hours": acts["hours"],
            "non_member_attendees": acts["non_member_attendees"],
            "title": acts["title"],
        }
    )
    acts_out = pd.concat([acts_out, named], ignore_index=True)
    acts_out = acts_out.sort_values(["date", "branch_id", "kind", "title"], kind="stable")
    acts_out.insert(0, "activity_id", [f"A{copy:03d}{i + 1:07d}" for i in range(len(acts_out))])

    return acts_out.reset_index(drop=True)
