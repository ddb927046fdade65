"""发展党员: the ledger of people joining, and each 党委's yearly plan."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.synth.common import DAY, END, START
from data.synth.members import random_names
from domain.contract import DATASETS

DAYS = pd.to_timedelta  # days as a Timedelta column


def _admitted_rows(members: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The ledger rows of members who joined here since START (not transfers in): admitted on
    their 入党日期, the earlier steps at realistic intervals, none before their 18th
    birthday where the intervals allow it."""
    new = members[
        (members["joined_on"] >= START) & ~(members["registered_on"] > members["joined_on"])
    ]
    n = len(new)
    admitted = new["joined_on"].to_numpy(dtype="datetime64[D]")
    g1 = rng.integers(90, 400, n)  # applied → activist
    g2 = rng.integers(370, 560, n)  # activist → candidate
    g3 = rng.integers(90, 280, n)  # candidate → admitted
    adult = (new["birth_date"] + pd.DateOffset(years=18)).to_numpy(dtype="datetime64[D]")
    deficit = np.maximum(0, (adult + 20 * DAY - (admitted - (g1 + g2 + g3) * DAY)) // DAY)
    cut1 = np.minimum(deficit, g1 - 30)
    deficit, g1 = deficit - cut1, g1 - cut1
    cut3 = np.minimum(deficit, g3 - 30)
    deficit, g3 = deficit - cut3, g3 - cut3
    g2 = np.maximum(g2 - deficit, 200)
    candidate = admitted - g3 * DAY
    activist = candidate - g2 * DAY
    applied = activist - g1 * DAY
    talked = applied + rng.integers(3, 28, n) * DAY
    approved = admitted + rng.integers(15, 80, n) * DAY
    days = rng.choice([3.0, 4.0, 5.0], n)
    hours = days * 8
    end = END.to_datetime64().astype("M8[D]")
    out = pd.DataFrame(
        {
            "branch_id": new["branch_id"].to_numpy(),
            "name": new["name"].to_numpy(),
            "gender": new["gender"].to_numpy(),
            "birth_date": new["birth_date"].to_numpy(),
            "ethnicity": new["ethnicity"].to_numpy(),
            "education": new["education"].to_numpy(),
            "occupation": new["occupation"].to_numpy(),
            "applied_on": applied,
            "talked_on": talked,
            "activist_on": activist,
            "candidate_on": candidate,
            "training_days": days,
            "training_hours": hours,
            "admitted_on": admitted,
            "approved_on": np.where(approved <= end, approved, np.datetime64("NaT")),
            "member_id": new["member_id"].to_numpy(),
        }
    )
    # A few breaches of each rule, so that every view has content.
    pick = rng.permutation(n)
    late_talk, late_approval, short_training = pick[:3], pick[3:6], pick[6:9]
    out.loc[late_talk, "talked_on"] = out.loc[late_talk, "applied_on"] + DAYS(
        rng.integers(40, 90, 3), "D"
    )
    out.loc[late_approval, "approved_on"] = out.loc[late_approval, "admitted_on"] + DAYS(
        rng.integers(100, 140, 3), "D"
    )
    out.loc[short_training, ["training_days", "training_hours"]] = [2.0, 16.0]
    return out


def _pipeline_rows(
    members: pd.DataFrame, branches: pd.DataFrame, rng: np.random.Generator, yearly: int
) -> pd.DataFrame:
    """People on their way in at END: about a year's intake of candidates, twice that of
    activists, and applicants, in the 党支部 that have members, in proportion to them; some
    withdrawn along the way."""
    end = END.to_datetime64().astype("M8[D]")
    active = members[members["left_on"].isna() & (members["occupation"] != "离退休人员")]
    per_branch = active["branch_id"].value_counts()
    per_branch = per_branch[
        per_branch.index.isin(branches.loc[branches["org_type"] == "党支部", "branch_id"])
    ]
    stage_sizes = {"candidate": yearly, "activist": 2 * yearly, "applicant": yearly + yearly // 2}
    frames = []
    for stage, size in stage_sizes.items():
        n = int(rng.poisson(size))
        where = rng.choice(
            per_branch.index.to_numpy(), n, p=(per_branch / per_branch.sum()).to_numpy()
        )
        if stage == "candidate":
            candidate = end - rng.integers(1, 300, n) * DAY
            activist = candidate - rng.integers(370, 560, n) * DAY
        elif stage == "activist":
            candidate = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
            activist = end - rng.integers(1, 560, n) * DAY
        else:
            candidate = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
            activist = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        applied_from = np.where(np.isnat(activist), end, activist)
        applied = applied_from - rng.integers(20 if stage == "applicant" else 90, 400, n) * DAY
        talked = applied + rng.integers(3, 28, n) * DAY
        talked = np.where(talked <= end, talked, np.datetime64("NaT"))
        age = np.clip(rng.normal(27, 6, n), 18.3, 45)
        birth = applied - np.floor(age * 365.25).astype(int) * DAY
        female = rng.random(n) < 0.42
        frames.append(
            pd.DataFrame(
                {
                    "branch_id": where,
                    "name": random_names(rng, n),
                    "gender": np.where(female, "女", "男"),
                    "birth_date": birth,
                    "ethnicity": np.where(rng.random(n) < 0.986, "汉族", "壮族"),
                    "education": rng.choice(
                        ["研究生", "大学本科", "大学专科", "高中"], n, p=[0.1, 0.45, 0.3, 0.15]
                    ),
                    "occupation": rng.choice(
                        ["工人", "专业技术人员", "管理人员", "学生", "其他职业人员"],
                        n,
                        p=[0.2, 0.35, 0.2, 0.1, 0.15],
                    ),
                    "applied_on": applied,
                    "talked_on": talked,
                    "activist_on": activist,
                    "candidate_on": candidate,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    n = len(out)
    # Withdrawn along the way: about 6%, some time after their last step.
    gone = rng.random(n) < 0.06
    last = (
        out[["applied_on", "activist_on", "candidate_on"]]
        .max(axis=1)
        .to_numpy(dtype="datetime64[D]")
    )
    withdrawn = last + rng.integers(30, 400, n) * DAY
    gone &= withdrawn <= end
    out["withdrawn_on"] = np.where(gone, withdrawn, np.datetime64("NaT"))
    out["withdrawn_reason"] = np.where(
        gone,
        rng.choice(["本人撤回", "不具备条件", "转出", "其他"], n, p=[0.4, 0.3, 0.2, 0.1]),
        None,
    )
    # Breaches: two applied before 18, two activists made candidates after ten months, two
    # applicants not yet talked to well after a month.
    young = rng.permutation(np.flatnonzero(~gone))[:2]
    out.loc[young, "birth_date"] = out.loc[young, "applied_on"] - DAYS(int(17.5 * 365.25), "D")
    with_candidate = np.flatnonzero(out["candidate_on"].notna().to_numpy() & ~gone)[:2]
    out.loc[with_candidate, "activist_on"] = out.loc[with_candidate, "candidate_on"] - DAYS(
        300, "D"
    )
    out.loc[with_candidate, "applied_on"] = out.loc[with_candidate, "activist_on"] - DAYS(120, "D")
    out.loc[with_candidate, "talked_on"] = out.loc[with_candidate, "applied_on"] + DAYS(10, "D")
    applicants = np.flatnonzero(
        out["activist_on"].isna().to_numpy()
        & ~gone
        & (out["applied_on"] < END - pd.Timedelta(days=60)).to_numpy()
    )[:2]
    out.loc[applicants, "talked_on"] = pd.NaT
    return out


def build_development(
    members: pd.DataFrame, branches: pd.DataFrame, rng: np.random.Generator, copy: int
) -> pd.DataFrame:
    """The 发展党员 ledger: every member admitted here since START, and the people on their
    way in at END (see ``_admitted_rows``, ``_pipeline_rows``)."""
    admitted = _admitted_rows(members, rng)
    yearly = max(1, round(len(admitted) / ((END - START).days / 365.25)))
    ledger = pd.concat(
        [admitted, _pipeline_rows(members, branches, rng, yearly)], ignore_index=True
    )
    ledger = ledger.sort_values(["applied_on", "branch_id"], kind="stable").reset_index(drop=True)
    ledger.insert(0, "person_id", [f"P{copy:03d}{i + 1:06d}" for i in range(len(ledger))])
    return ledger[[f.name for f in DATASETS["development"].fields if f.name in ledger]]


PLAN_YEARS = range(START.year + 1, END.year + 1)  # the years a 党委 has a plan for


def _top_committee(branches: pd.DataFrame) -> pd.Series:
    """Each organisation's highest 党委 above or at it (NaN when none), by parent_id."""
    parent = branches.set_index("branch_id")["parent_id"]
    committee = branches.set_index("branch_id")["org_type"].eq("党委")
    top = pd.Series(np.where(committee, parent.index, None), index=parent.index, dtype=object)
    current = parent.copy()
    while current.notna().any():
        known = current.notna()
        above = current[known]
        top[known] = np.where(committee.reindex(above).fillna(False), above, top[known])
        current = above.map(parent).reindex(parent.index)
    return top


def build_plans(
    development: pd.DataFrame, branches: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """发展党员计划: each 党委 at the top of its tree has a plan a year for PLAN_YEARS, about
    the year's admissions under it (90–115%), END's year judged from its first eleven
    months, so that some plans are met and some are not."""
    top = _top_committee(branches)
    admitted = development.dropna(subset=["admitted_on"])
    year = admitted["admitted_on"].dt.year
    counts = (
        pd.DataFrame({"branch_id": admitted["branch_id"].map(top), "year": year})
        .dropna()
        .value_counts()
    )
    rows = []
    info = branches.set_index("branch_id")
    committees = sorted(set(top.dropna()))
    for y in PLAN_YEARS:
        for branch_id in committees:
            founded = info.at[branch_id, "founded_on"]
            dissolved = info.at[branch_id, "dissolved_on"]
            if founded.year > y or dissolved.year <= y:
                continue
            actual = counts.get((branch_id, y), 0)
            if y == END.year:
                actual *= 365 / END.day_of_year
            rows.append(
                {
                    "year": y,
                    "branch_id": branch_id,
                    "planned": max(1, round(actual * rng.uniform(0.9, 1.15))),
                }
            )
    return pd.DataFrame(rows, columns=["year", "branch_id", "planned"])
