"""Generate the synthetic demo dataset, calibrated to the 2018 Guicheng forum report.

    python data/generate.py                       # writes data/sample/ (seed 2018, scale 1)
    python data/generate.py --scale 10 --out /tmp/x10

Seeded and deterministic: the same seed and scale give byte-identical files. ``--scale K``
repeats the sub-district K times (branches, members, patents and activities all x K), with
copy numbers appended to names, for benchmarks.

What is calibrated (the report's published facts): on 2018-11-30 there are 460-469 党支部
and 10,000-10,999 active members; the organisations the report names appear with its facts
(翠颐社区's 44-person 楼长 team with 8 Party members after Typhoon 山竹; 承业大厦党委 founded
in August 2018; 昭信集团 with 300+ patent applications, 48 invention patents granted and
over 90% of its members managers or technical staff). Everything else, including every
person, name, community allocation and sector assignment, is invented for the demo.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from domain.contract import DATASETS, OCCUPATIONS

ROOT = Path(__file__).resolve().parent.parent

START = pd.Timestamp("2013-01-01")
END = pd.Timestamp("2018-11-30")
TYPHOON_MANGKHUT = pd.Timestamp("2018-09-16")  # 台风“山竹” made landfall in Guangdong
DEFAULT_SEED = 2018
DEFAULT_OUT = ROOT / "data" / "sample"
DAY = np.timedelta64(1, "D")

COMMUNITIES = (
    "翠颐社区",
    "灯湖社区",
    "桂园社区",
    "宝石社区",
    "南约社区",
    "东约社区",
    "北约社区",
    "平东社区",
    "平西社区",
    "平南社区",
    "平北社区",
    "叠南社区",
    "叠北社区",
    "夏北社区",
    "夏西社区",
    "夏南一社区",
    "夏南二社区",
    "石啃社区",
    "林岳社区",
    "海五社区",
    "海三社区",
    "简村社区",
    "怡海社区",
    "新城社区",
)
# 党支部 under each community 党委 (翠颐 first). Tuned so that 460-469 党支部 are active.
COMMUNITY_BRANCHES = (10, 9, 9, 8, 9, 8, 8, 9, 8, 8, 9, 8, 8, 9, 8, 8, 8, 9, 9, 8, 8, 9, 8, 8)

TRADE_NAMES = (
    "华粤",
    "南城",
    "桂盛",
    "恒晖",
    "汇通",
    "瀚海",
    "锦程",
    "粤新",
    "启明",
    "德胜",
    "金桂",
    "千湖",
    "宏达",
    "嘉信",
    "鼎盛",
    "信诚",
    "海川",
    "润泽",
    "安泰",
    "广顺",
    "景泰",
    "博远",
    "联创",
    "中桂",
    "永晟",
    "泓毅",
    "凯茂",
    "诚远",
    "盛禾",
    "敏捷",
    "雅景",
    "骏诚",
)
INDUSTRIES = (
    "科技",
    "电子",
    "机械",
    "物流",
    "建材",
    "置业",
    "商贸",
    "医疗器械",
    "新材料",
    "印刷",
    "家具",
    "陶瓷",
    "纺织",
    "食品",
    "软件",
    "检测",
    "光电",
    "环保",
    "模具",
    "铝业",
)
SURNAMES = (
    "陈黄李梁林何罗冯关邓叶潘张刘吴周徐孙朱胡郭高郑谢宋许韩曾彭萧杨蔡余杜苏卢钟谭陆"
    "麦区霍莫岑伍欧简源何黎谢邝袁招甘赵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华慧建国志伟文斌辉玲婷雪梅晓红燕"
    "俊峰嘉怡浩然子轩欣颖锦荣家豪咏诗振华绮珠杏仪丽萍永强卓伦"
)
OTHER_ETHNICITIES = ("壮族", "满族", "回族", "苗族", "土家族", "瑶族", "侗族")
CN_NUM = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 22 -> 二十二 (1 to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUM[tens - 1] + "十")
    return head + (CN_NUM[ones - 1] if ones else "")


# --------------------------------------------------------------------------- branches


@dataclass
class Org:
    key: str
    name: str
    org_type: str
    sector: str
    community: str
    founded_on: pd.Timestamp
    parent: str | None = None
    dissolved_on: pd.Timestamp | None = None
    service_center: bool = False
    size: float = 0.0  # mean active members at END (党支部 only)
    profile: str = ""  # member profile; defaults to the sector
    weak: bool = False  # misses meetings more often
    silent_from: pd.Timestamp | None = None  # no activities from this day


def _day(rng: np.random.Generator, lo: str, hi: str) -> pd.Timestamp:
    a, b = pd.Timestamp(lo), pd.Timestamp(hi)
    return a + pd.Timedelta(days=int(rng.integers(0, (b - a).days + 1)))


def _children(
    parent: Org, n: int, rng: np.random.Generator, size: float, **kw: object
) -> list[Org]:
    out = []
    for i in range(1, n + 1):
        founded = max(parent.founded_on, _day(rng, "1990-01-01", "2012-06-30"))
        if parent.founded_on >= START:
            founded = parent.founded_on
        out.append(
            Org(
                key=f"{parent.key}-{i}",
                name=f"{parent.name.removesuffix('党委').removesuffix('党总支')}第{cn_number(i)}党支部",
                org_type="党支部",
                sector=parent.sector,
                community=parent.community,
                founded_on=founded,
                parent=parent.key,
                size=float(rng.gamma(4.0, size / 4.0)),
                profile=parent.profile,
                **kw,  # type: ignore[arg-type]
            )
        )
    return out


def build_orgs(rng: np.random.Generator) -> list[Org]:
    """The organisations of one sub-district, named ones first."""
    orgs: list[Org] = []
    comm = list(COMMUNITIES)

    def pick_community() -> str:
        return comm[int(rng.integers(0, len(comm)))]

    # 社区: a 党委 per community with its 党支部, one of them for retired members.
    for community, n in zip(COMMUNITIES, COMMUNITY_BRANCHES, strict=True):
        committee = Org(
            f"C-{community}",
            f"{community}党委",
            "党委",
            "社区",
            community,
            _day(rng, "2001-01-01", "2006-12-31"),
            service_center=True,
            profile="社区",
        )
        orgs.append(committee)
        kids = _children(committee, n, rng, size=34.0)
        kids[-1].name = f"{community}退休党员党支部"
        kids[-1].profile = "退休"
        kids[-1].size *= 1.6
        orgs += kids

    # 国有企业
    poly = Org(
        "S-保利",
        "保利华南区域党委",
        "党委",
        "国有企业",
        "灯湖社区",
        pd.Timestamp("2009-03-18"),
        service_center=True,
        profile="国有企业",
    )
    fuguang = Org(
        "S-佛广",
        "佛广交通集团党委",
        "党委",
        "国有企业",
        "南约社区",
        pd.Timestamp("2004-07-01"),
        service_center=True,
        profile="国有企业",
    )
    orgs += [poly, *_children(poly, 8, rng, 22.0), fuguang, *_children(fuguang, 6, rng, 26.0)]
    orgs.append(
        Org(
            "S-中海",
            "中海物业佛山分公司党支部",
            "党支部",
            "国有企业",
            "怡海社区",
            pd.Timestamp("2011-05-20"),
            size=18.0,
            profile="国有企业",
        )
    )
    for i, (trade, industry) in enumerate(
        (("南城", "投资"), ("桂盛", "公用事业"), ("汇通", "建设"))
    ):
        org = Org(
            f"S-{i}",
            f"{trade}{industry}有限公司党总支",
            "党总支",
            "国有企业",
            pick_community(),
            _day(rng, "1995-01-01", "2008-12-31"),
            profile="国有企业",
        )
        orgs += [org, *_children(org, 4 + i, rng, 20.0)]
    for i in range(6):
        orgs.append(
            Org(
                f"S-s{i}",
                f"{TRADE_NAMES[i + 20]}{INDUSTRIES[i]}有限公司党支部",
                "党支部",
                "国有企业",
                pick_community(),
                _day(rng, "1998-01-01", "2012-12-31"),
                size=float(rng.gamma(4.0, 4.0)),
                profile="国有企业",
            )
        )

    # 非公企业: 昭信, 金赋科技, general branches of larger firms, and many small ones.
    zhaoxin = Org(
        "P-昭信",
        "昭信集团党委",
        "党委",
        "非公企业",
        "平北社区",
        pd.Timestamp("2006-06-28"),
        service_center=True,
        profile="昭信",
    )
    jinfu = Org(
        "P-金赋",
        "金赋科技党总支",
        "党总支",
        "非公企业",
        "灯湖社区",
        pd.Timestamp("2012-07-01"),
        profile="非公企业",
    )
    orgs += [zhaoxin, *_children(zhaoxin, 8, rng, 16.0), jinfu, *_children(jinfu, 3, rng, 12.0)]
    for i in range(10):
        org = Org(
            f"P-g{i}",
            f"{TRADE_NAMES[i]}{INDUSTRIES[i]}有限公司党总支",
            "党总支",
            "非公企业",
            pick_community(),
            _day(rng, "2003-01-01", "2012-12-31"),
            profile="非公企业",
        )
        orgs += [org, *_children(org, 3 + i % 3, rng, 9.0)]
    for i in range(80):
        founded = (
            _day(rng, "2013-01-01", "2018-06-30")
            if i % 5 == 0
            else _day(rng, "2002-01-01", "2012-12-31")
        )
        trade, industry = (
            TRADE_NAMES[(i * 7 + 3) % len(TRADE_NAMES)],
            INDUSTRIES[(i * 3 + 1) % len(INDUSTRIES)],
        )
        name = (
            f"{pick_community()}非公企业联合党支部"
            if i % 9 == 4
            else f"{trade}{industry}有限公司党支部"
        )
        orgs.append(
            Org(
                f"P-s{i}",
                name,
                "党支部",
                "非公企业",
                pick_community(),
                founded,
                size=float(rng.gamma(3.0, 3.0)),
                profile="非公企业",
            )
        )
    # Four small firms closed and their branches were dissolved during the period.
    for i, when in enumerate(("2015-04-30", "2016-09-30", "2017-03-31", "2018-05-31")):
        orgs.append(
            Org(
                f"P-d{i}",
                f"{TRADE_NAMES[i + 11]}{INDUSTRIES[i + 9]}有限公司党支部",
                "党支部",
                "非公企业",
                pick_community(),
                _day(rng, "2006-01-01", "2011-12-31"),
                dissolved_on=pd.Timestamp(when),
                size=6.0,
                profile="非公企业",
            )
        )

    # 楼宇: 承业大厦党委, founded in August 2018, and two older building organisations.
    chengye = Org(
        "B-承业",
        "承业大厦党委",
        "党委",
        "楼宇",
        "灯湖社区",
        pd.Timestamp("2018-08-16"),
        service_center=True,
        profile="楼宇",
    )
    orgs += [chengye, *_children(chengye, 3, rng, 16.0)]
    for i, name in enumerate(("金融城楼宇党委", "千灯湖商务楼宇党总支")):
        org = Org(
            f"B-{i}",
            name,
            "党委" if i == 0 else "党总支",
            "楼宇",
            "灯湖社区",
            _day(rng, "2012-01-01", "2015-12-31"),
            service_center=i == 0,
            profile="楼宇",
        )
        orgs += [org, *_children(org, 6 - i, rng, 12.0)]
    for i in range(6):
        orgs.append(
            Org(
                f"B-s{i}",
                f"{TRADE_NAMES[i + 14]}大厦联合党支部",
                "党支部",
                "楼宇",
                pick_community(),
                _day(rng, "2013-03-01", "2017-12-31"),
                size=float(rng.gamma(4.0, 2.5)),
                profile="楼宇",
            )
        )

    # 行业商协会 and 社会组织: small stand-alone branches.
    for i, trade in enumerate(
        (
            "物业管理",
            "餐饮",
            "陶瓷",
            "家具",
            "电子信息",
            "金融",
            "汽车服务",
            "建筑装饰",
            "物流",
            "酒店",
            "商贸",
            "美容美发",
            "软件",
            "医药",
            "教育培训",
        )
    ):
        orgs.append(
            Org(
                f"A-{i}",
                f"桂城{trade}行业协会党支部",
                "党支部",
                "行业商协会",
                pick_community(),
                _day(rng, "2008-01-01", "2016-12-31"),
                size=float(rng.gamma(4.0, 2.0)),
                profile="行业商协会",
            )
        )
    for i, kind in enumerate(
        (
            "社工服务中心",
            "社工服务中心",
            "志愿者协会",
            "养老服务中心",
            "民办学校",
            "民办学校",
            "幼儿园",
            "民办医院",
            "文化促进会",
            "慈善会",
            "青年创业服务中心",
            "心理咨询服务中心",
            "家庭服务中心",
            "社区服务社",
            "体育协会",
            "残疾人服务中心",
            "义工联合会",
        )
    ):
        orgs.append(
            Org(
                f"O-{i}",
                f"{TRADE_NAMES[(i * 5) % len(TRADE_NAMES)]}{kind}党支部",
                "党支部",
                "社会组织",
                pick_community(),
                _day(rng, "2009-01-01", "2017-06-30"),
                size=float(rng.gamma(4.0, 1.9)),
                profile="社会组织",
            )
        )

    # 机关事业单位: the sub-district's offices, schools and health centres.
    office = Org(
        "G-机关",
        "桂城街道机关党委",
        "党委",
        "机关事业单位",
        "桂园社区",
        pd.Timestamp("1993-05-01"),
        service_center=True,
        profile="机关事业单位",
    )
    orgs += [office, *_children(office, 14, rng, 22.0)]
    edu = Org(
        "G-教育",
        "桂城街道教育系统党委",
        "党委",
        "机关事业单位",
        "桂园社区",
        pd.Timestamp("1998-09-01"),
        profile="机关事业单位",
    )
    edu_kids = _children(edu, 22, rng, 18.0)
    for i, kid in enumerate(edu_kids, start=1):
        kid.name = (
            f"桂城第{cn_number(i if i <= 16 else i - 16)}{'小学' if i <= 16 else '中学'}党支部"
        )
    orgs += [edu, *edu_kids]
    health = Org(
        "G-卫生",
        "桂城社区卫生服务中心党总支",
        "党总支",
        "机关事业单位",
        "平东社区",
        pd.Timestamp("2003-03-01"),
        profile="机关事业单位",
    )
    orgs += [health, *_children(health, 6, rng, 17.0)]
    return orgs


def _mark_health_cases(orgs: list[Org], rng: np.random.Generator) -> None:
    """A few branches that a well-run sub-district still has: weak, silent, ageing."""
    branches = [o for o in orgs if o.org_type == "党支部" and o.dissolved_on is None]
    order = rng.permutation(len(branches))
    for i in order[:40]:
        branches[i].weak = True
    for i in order[40:43]:
        branches[i].silent_from = pd.Timestamp("2018-08-01")


# --------------------------------------------------------------------------- members


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


def _uniform_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A uniform day in [lo, hi] for each pair (datetime64[D] arrays)."""
    span = np.maximum((hi - lo) / DAY, 0)
    return lo + np.floor(rng.random(len(lo)) * (span + 1)).astype(int) * DAY


def _birth_for_age(rng: np.random.Generator, on: np.ndarray, age: np.ndarray) -> np.ndarray:
    days = np.floor(age * 365.25).astype(int) + rng.integers(0, 365, len(age))
    return on - days * DAY


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
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
            first_day = _uniform_days(rng, np.full(n0, opened), np.full(n0, settle))
        else:
            first_day = np.full(n0, start)
        later = _uniform_days(rng, np.full(n - n0, opened), np.full(n - n0, closed))
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
                _uniform_days(rng, joined, begin),
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
    m["name"] = _names(rng, n)
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


# --------------------------------------------------------------------------- activities

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


# --------------------------------------------------------------------------- patents

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
    filed = _uniform_days(
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


# --------------------------------------------------------------------------- assembly


def _tables_for_copy(copy: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    orgs = build_orgs(rng)
    _mark_health_cases(orgs, rng)
    m = build_members(orgs, rng)
    acts = build_activities(orgs, m, rng)
    pats = build_patents(orgs, rng)
    suffix = "" if copy == 1 else f"·{copy}"

    # Branches, with terms: 党委 five years, 党总支 and 党支部 three; a few overdue.
    instructors = _names(rng, 30)  # 专职 and 兼职 党建指导员
    n = len(orgs)
    founded = pd.Series([o.founded_on for o in orgs])
    term_years = np.array([5 if o.org_type == "党委" else 3 for o in orgs])
    last_election = END - pd.to_timedelta(rng.integers(0, 365 * 3, n) * (term_years / 3), "D")
    last_election = np.maximum(last_election, founded)
    term_ends = pd.Series(
        [e + pd.DateOffset(years=int(t)) for e, t in zip(last_election, term_years, strict=True)]
    )
    overdue = rng.choice(n, 6, replace=False)
    term_ends.iloc[overdue] = END - pd.to_timedelta(rng.integers(20, 240, 6), "D")
    dissolved = pd.Series([o.dissolved_on for o in orgs], dtype="datetime64[us]")
    term_ends = term_ends.where(dissolved.isna())
    ids = [f"B{copy:03d}{i + 1:04d}" for i in range(n)]
    key_to_id = {o.key: ids[i] for i, o in enumerate(orgs)}
    branches = pd.DataFrame(
        {
            "branch_id": ids,
            "name": [o.name + suffix for o in orgs],
            "org_type": [o.org_type for o in orgs],
            "sector": [o.sector for o in orgs],
            "parent_id": [key_to_id.get(o.parent) if o.parent else None for o in orgs],
            "community": [o.community + suffix for o in orgs],
            "founded_on": founded,
            "dissolved_on": dissolved,
            "term_ends_on": term_ends,
            "service_center": np.where([o.service_center for o in orgs], "是", "否"),
            "instructor": instructors[rng.integers(0, len(instructors), n)],
        }
    )

    # Named events from the forum report.
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
    reach = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]
    members = members.assign(**_out_of_reach(members, reach))

    ledger_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]
    development = build_development(members, branches, ledger_rng, copy)
    plan_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]
    plans = build_plans(development, branches, plan_rng)
    unit_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]
    units = build_units(branches, members, unit_rng, copy)

    pats = pats.sort_values(["filed", "branch", "kind"], kind="stable").reset_index(drop=True)
    serial = _patent_serials(copy, rng.permutation(900000)[: len(pats)])
    years = pd.DatetimeIndex(pats["filed"]).year.to_numpy()
    codes = pats["kind"].map(PATENT_KIND_CODES).to_numpy()
    check = rng.integers(0, 10, len(pats))
    member_inv = rng.binomial(pats["inventors"].to_numpy(), pats["member_share"].to_numpy())
    patents = pd.DataFrame(
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
    return {
        "branches": branches,
        "members": members,
        "patents": patents,
        "participation": acts_out.reset_index(drop=True),
        "development": development,
        "plans": plans,
        "units": units,
    }


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
                    "name": _names(rng, n),
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
    instructors = _names(rng, 12)
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


def _out_of_reach(members: pd.DataFrame, rng: np.random.Generator) -> dict[str, object]:
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


def _patent_serials(copy: int, drawn: np.ndarray) -> np.ndarray:
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


def generate(seed: int = DEFAULT_SEED, scale: int = 1) -> dict[str, pd.DataFrame]:
    """The four tables (canonical column names), for ``scale`` copies of the sub-district."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in DATASETS}
    for copy in range(1, scale + 1):
        rng = np.random.default_rng([seed, copy])
        for name, frame in _tables_for_copy(copy, rng).items():
            parts[name].append(frame)
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}


def to_csv_text(name: str, frame: pd.DataFrame) -> str:
    """A table as the CSV users keep: Chinese headers, ISO dates, blanks for missing."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(out[column]):
            out[column] = np.where(out[column], "是", "否")
        elif pd.api.types.is_float_dtype(out[column]) and column != "hours":
            out[column] = out[column].astype("Int64")
    out.columns = [DATASETS[name].field(c).zh for c in out.columns]
    return out.to_csv(index=False, lineterminator="\n", float_format="%g")


def write(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as UTF-8 CSV with a BOM (so Excel shows the Chinese)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        path.write_bytes(b"\xef\xbb\xbf" + to_csv_text(name, frame).encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="生成合成演示数据 / generate the synthetic demo data"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=int, default=1, help="repeat the sub-district K times")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    for path in write(generate(args.seed, args.scale), args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
