"""The rules that organisational life and organisational health are measured against, in one
place, each with its source. Change a threshold here and every page, alert and the summary
command follow."""

from __future__ import annotations

from dataclasses import dataclass

BRANCH_RULES_SOURCE = "《中国共产党支部工作条例（试行）》（2018）"


@dataclass(frozen=True)
class MeetingRule:
    """At least ``at_least`` activities of ``kind`` in every whole month (M) or quarter (Q).

    min_full_members: the rule applies only to branches with at least this many full
    members at the period's end (a branch of fewer than 7 full members has no 支委会).
    """

    kind: str
    freq: str
    at_least: int
    source: str
    min_full_members: int = 0


MEETING_RULES: tuple[MeetingRule, ...] = (
    MeetingRule(
        "支部党员大会", "Q", 1, f"{BRANCH_RULES_SOURCE}第十五条：党员大会一般每季度召开1次"
    ),
    MeetingRule(
        "支委会",
        "M",
        1,
        f"{BRANCH_RULES_SOURCE}第十五条：支部委员会会议一般每月召开1次；"
        "第九条：正式党员不足7人的党支部，不设支部委员会",
        min_full_members=7,
    ),
    MeetingRule(
        "党小组会",
        "M",
        1,
        f"{BRANCH_RULES_SOURCE}第十五条：党小组会一般每月召开1次；第十一条：党员人数较多的党支部"
        "应当划分党小组（条例未定人数，本看板按正式党员12人及以上计）",
        min_full_members=12,
    ),
    MeetingRule("党课", "Q", 1, f"{BRANCH_RULES_SOURCE}第十五条：党课每季度至少1次"),
    MeetingRule(
        "主题党日", "M", 1, f"{BRANCH_RULES_SOURCE}第十五条：党支部应当每月相对固定1天开展主题党日"
    ),
)

# A branch whose share of rule-periods met (12 months to D) is below this needs support.
COMPLIANCE_STANDARD = 0.8


@dataclass(frozen=True)
class AlertRule:
    key: str
    threshold: float
    source: str


# Thresholds that are settings, not quotations of a rule's text (those stay as quoted).
TERM_DUE_DAYS = 90  # 即将换届: the term ends within this many days
QUIET_MONTHS = 3  # 近期无组织生活: no activity for this many months
AGEING_MEDIAN = 60  # 党员年龄偏大: the median age is over this

ALERT_RULES: dict[str, AlertRule] = {
    rule.key: rule
    for rule in (
        AlertRule(
            "term_overdue", 0, "《中国共产党基层组织选举工作条例》：任期届满应当按期进行换届选举"
        ),
        AlertRule(
            "term_due",
            TERM_DUE_DAYS,
            f"《中国共产党基层组织选举工作条例》：提前做好换届准备（阈值：{TERM_DUE_DAYS}天内届满）",
        ),
        AlertRule(
            "few_full_members", 3, f"{BRANCH_RULES_SOURCE}第五条：正式党员3人以上的，应当成立党支部"
        ),
        AlertRule(
            "too_many_members",
            50,
            f"{BRANCH_RULES_SOURCE}第五条：党员人数一般不超过50人；"
            "超过的可考虑成立党总支或划分党小组",
        ),
        AlertRule(
            "no_activity",
            QUIET_MONTHS,
            f"{BRANCH_RULES_SOURCE}第十五条：三会一课按期开展（阈值：{QUIET_MONTHS}个月无活动）",
        ),
        AlertRule(
            "probation_overdue", 1, "《中国共产党章程》第七条：预备期为一年，期满应及时讨论转正"
        ),
        AlertRule(
            "ageing",
            AGEING_MEDIAN,
            f"党员队伍结构：支部党员年龄中位数超过{AGEING_MEDIAN}岁，需关注发展年轻党员",
        ),
        AlertRule(
            "should_form",
            1,
            "《中国共产党章程》第三十条：凡是有正式党员三人以上的，都应当成立党的基层组织",
        ),
        AlertRule(
            "development_checks",
            1,
            "《中国共产党发展党员工作细则》（2014）：发展党员程序检查（各项检查及依据见“发展党员”页）",
        ),
    )
}
ALERT_ORDER: tuple[str, ...] = tuple(ALERT_RULES)  # the rules in the order they are shown
# Rules whose smaller value is the more urgent (days left to a term's end, full members);
# for every other rule a larger value is (days overdue, months quiet, people, median age).
URGENT_WHEN_LOW: frozenset[str] = frozenset({"term_due", "few_full_members"})


DEVELOPMENT_SOURCE = "《中国共产党发展党员工作细则》（2014）"


@dataclass(frozen=True)
class DevelopmentRule:
    """A check of the 发展党员 procedure, counted once per person and only once its
    deadline has passed by D. ``threshold`` is in ``unit`` (years, months, days, 学时)."""

    key: str
    threshold: float
    unit: str
    source: str


ADULT_AGE = 18  # years: 党章 第一条, 年满十八岁 may apply
TALK_WITHIN_MONTHS = 1  # the organisation talks with an applicant within a month
ACTIVIST_YEARS = 1  # an activist is trained and observed a year or more before candidacy
TRAINING_DAYS = 3  # the candidate's concentrated training: at least 3 days …
TRAINING_HOURS = 24  # … or at least 24 学时
APPROVAL_WITHIN_MONTHS = 3  # the committee above approves within three months

DEVELOPMENT_RULES: dict[str, DevelopmentRule] = {
    rule.key: rule
    for rule in (
        DevelopmentRule(
            "under_18",
            ADULT_AGE,
            "years",
            f"《中国共产党章程》第一条：年满{ADULT_AGE}岁……可以申请加入中国共产党",
        ),
        DevelopmentRule(
            "talk_late",
            TALK_WITHIN_MONTHS,
            "months",
            f"{DEVELOPMENT_SOURCE}第七条：党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话",
        ),
        DevelopmentRule(
            "activist_short",
            ACTIVIST_YEARS,
            "years",
            f"{DEVELOPMENT_SOURCE}第三章（发展对象的确定和考察）：经过一年以上培养教育和考察、"
            "基本具备党员条件的入党积极分子，可列为发展对象",
        ),
        DevelopmentRule(
            "training_short",
            TRAINING_DAYS,
            "days",
            f"{DEVELOPMENT_SOURCE}第三章（发展对象的确定和考察）：对发展对象进行短期集中培训，"
            f"培训时间一般不少于{TRAINING_DAYS}天（或不少于{TRAINING_HOURS}个学时）",
        ),
        DevelopmentRule(
            "approval_late",
            APPROVAL_WITHIN_MONTHS,
            "months",
            f"{DEVELOPMENT_SOURCE}第四章（预备党员的接收）：上级党委对支部大会通过接收的预备党员，"
            "应当在三个月内审批",
        ),
    )
}
DEVELOPMENT_RULE_ORDER: tuple[str, ...] = tuple(DEVELOPMENT_RULES)
