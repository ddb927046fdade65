"""Sentences generated from the figures, for page headlines, slides and briefings."""

from __future__ import annotations

import pandas as pd

from domain.definitions import growth_rate
from i18n import N_, fmt_date, fmt_int, fmt_pct, label, t
from i18n.format import phrase
from metrics.scope import Scope


def change_phrase(now: int, before: int, lang: str) -> str:
    """增长3.2% / 减少1.5% / 持平 (zh); up 3.2% / down 1.5% / unchanged (en)."""
    rate = growth_rate(now, before)
    if pd.isna(rate):
        return "—"
    if abs(rate) < 0.0005:
        return t("change.flat", lang)
    return t(N_("change.up") if rate > 0 else N_("change.down"), lang, rate=fmt_pct(abs(rate)))


def overview_headline(summary: dict, scope_name: str, lang: str) -> str:
    """截至2018年11月30日，全街道共有党组织510个（其中党支部463个）、在册党员10,595名，较上年增长2.8%。

    Organisations are all three types (党委, 党总支, 党支部), as on the overview's card;
    the change is against the active members on the same day a year earlier. ``summary``
    is ``queries.overview.opening``.
    """
    members = summary["members"]["active"]
    before = summary["active_year_earlier"]
    return t(
        "overview.headline",
        lang,
        as_of=fmt_date(pd.Timestamp(summary["as_of"]), lang),
        scope=scope_name,
        orgs=fmt_int(summary["branches"]["total"], lang),
        branches=fmt_int(summary["branches"]["by_org_type"]["党支部"], lang),
        members=fmt_int(members, lang),
        change=change_phrase(members, before, lang),
    )


def scope_name(scope: Scope, lang: str) -> str:
    """What the view shows, in words: 全街道 / the whole sub-district; the organisations of
    an account's scope (翠颐社区党委); the sectors and communities chosen (楼宇、灯湖社区 /
    Office buildings, 灯湖社区), within those organisations when there are any."""
    sep = phrase("list", lang)
    names = sep.join(scope.names)
    sectors = sep.join(label(s, lang) for s in scope.sectors)
    communities = sep.join(scope.communities)
    if sectors and communities:  # the sectors' organisations within the communities
        filters = t("scope.in", lang, sectors=sectors, communities=communities)
    else:
        filters = sectors or communities
    if names and filters:
        return t("scope.within", lang, names=names, filters=filters)
    return names or filters or t("scope.all", lang)
