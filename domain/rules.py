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
    )
}
ALERT_ORDER: tuple[str, ...] = tuple(ALERT_RULES)  # the rules in the order they are shown
