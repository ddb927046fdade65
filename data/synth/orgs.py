"""党组织: the organisations of one sub-district, calibrated to the 2018 forum report, and the
few marked to show each health warning."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.synth.common import END, START, Org, cn_number, random_day
from data.synth.members import random_names

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


def _children(
    parent: Org, n: int, rng: np.random.Generator, size: float, **kw: object
) -> list[Org]:
    out = []
    for i in range(1, n + 1):
        founded = max(parent.founded_on, random_day(rng, "1990-01-01", "2012-06-30"))
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
                **kw,  # type: ignore[arg-type]  # Org's own keywords, passed through
            )
        )
    return out


def _pick_community(rng: np.random.Generator) -> str:
    """A community drawn at random (for the organisations that are not a community's)."""
    return COMMUNITIES[int(rng.integers(0, len(COMMUNITIES)))]


def _community_orgs(rng: np.random.Generator) -> list[Org]:
    """社区: a 党委 per community with its 党支部, one of them for retired members."""
    orgs: list[Org] = []
    # 社区: a 党委 per community with its 党支部, one of them for retired members.
    for community, n in zip(COMMUNITIES, COMMUNITY_BRANCHES, strict=True):
        committee = Org(
            f"C-{community}",
            f"{community}党委",
            "党委",
            "社区",
            community,
            random_day(rng, "2001-01-01", "2006-12-31"),
            service_center=True,
            profile="社区",
        )
        orgs.append(committee)
        kids = _children(committee, n, rng, size=34.0)
        kids[-1].name = f"{community}退休党员党支部"
        kids[-1].profile = "退休"
        kids[-1].size *= 1.6
        orgs += kids

    return orgs


def _state_orgs(rng: np.random.Generator) -> list[Org]:
    """国有企业: the named groups and the sub-district's other state firms."""
    orgs: list[Org] = []
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
            _pick_community(rng),
            random_day(rng, "1995-01-01", "2008-12-31"),
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
                _pick_community(rng),
                random_day(rng, "1998-01-01", "2012-12-31"),
                size=float(rng.gamma(4.0, 4.0)),
                profile="国有企业",
            )
        )

    return orgs


def _private_orgs(rng: np.random.Generator) -> list[Org]:
    """非公企业: 昭信, 金赋科技, general branches of larger firms, many small ones, and four
    small firms closed during the period."""
    orgs: list[Org] = []
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
            _pick_community(rng),
            random_day(rng, "2003-01-01", "2012-12-31"),
            profile="非公企业",
        )
        orgs += [org, *_children(org, 3 + i % 3, rng, 9.0)]
    for i in range(80):
        founded = (
            random_day(rng, "2013-01-01", "2018-06-30")
            if i % 5 == 0
            else random_day(rng, "2002-01-01", "2012-12-31")
        )
        trade, industry = (
            TRADE_NAMES[(i * 7 + 3) % len(TRADE_NAMES)],
            INDUSTRIES[(i * 3 + 1) % len(INDUSTRIES)],
        )
        name = (
            f"{_pick_community(rng)}非公企业联合党支部"
            if i % 9 == 4
            else f"{trade}{industry}有限公司党支部"
        )
        orgs.append(
            Org(
                f"P-s{i}",
                name,
                "党支部",
                "非公企业",
                _pick_community(rng),
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
                _pick_community(rng),
                random_day(rng, "2006-01-01", "2011-12-31"),
                dissolved_on=pd.Timestamp(when),
                size=6.0,
                profile="非公企业",
            )
        )

    return orgs


def _building_orgs(rng: np.random.Generator) -> list[Org]:
    """楼宇: 承业大厦党委, founded in August 2018, and two older building organisations."""
    orgs: list[Org] = []
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
            random_day(rng, "2012-01-01", "2015-12-31"),
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
                _pick_community(rng),
                random_day(rng, "2013-03-01", "2017-12-31"),
                size=float(rng.gamma(4.0, 2.5)),
                profile="楼宇",
            )
        )

    return orgs


def _association_orgs(rng: np.random.Generator) -> list[Org]:
    """行业商协会 and 社会组织: small stand-alone branches."""
    orgs: list[Org] = []
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
                _pick_community(rng),
                random_day(rng, "2008-01-01", "2016-12-31"),
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
                _pick_community(rng),
                random_day(rng, "2009-01-01", "2017-06-30"),
                size=float(rng.gamma(4.0, 1.9)),
                profile="社会组织",
            )
        )

    return orgs


def _government_orgs(rng: np.random.Generator) -> list[Org]:
    """机关事业单位: the sub-district's offices, schools and health centres."""
    orgs: list[Org] = []
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


def build_orgs(rng: np.random.Generator) -> list[Org]:
    """The organisations of one sub-district, named ones first."""
    makers = (
        _community_orgs,
        _state_orgs,
        _private_orgs,
        _building_orgs,
        _association_orgs,
        _government_orgs,
    )
    return [org for make in makers for org in make(rng)]


def mark_health_cases(orgs: list[Org], rng: np.random.Generator) -> None:
    """A few branches that a well-run sub-district still has: weak, silent, ageing."""
    branches = [o for o in orgs if o.org_type == "党支部" and o.dissolved_on is None]
    order = rng.permutation(len(branches))
    for i in order[:40]:
        branches[i].weak = True
    for i in order[40:43]:
        branches[i].silent_from = pd.Timestamp("2018-08-01")


def branches_table(
    orgs: list[Org], copy: int, rng: np.random.Generator
) -> tuple[pd.DataFrame, list[str]]:
    """The 党组织 table of copy ``copy`` and its ids in the order of ``orgs``, with terms:
    党委 five years, 党总支 and 党支部 three; a few overdue."""
    suffix = "" if copy == 1 else f"·{copy}"
    instructors = random_names(rng, 30)  # 专职 and 兼职 党建指导员
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

    return branches, ids
