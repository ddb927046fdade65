"""组织健康 Organisational health: the warnings of the organisations in view, for the page,
the overview's card, the deck (its warnings and next steps slides, and so every export) and
the summary alike.

A warning is about one organisation, but some depend on organisations outside the view (a
两新组织 unit answers to the joint organisation covering it, else its community's 社区党委,
whatever the filter). So every warning is found once over the whole dataset, then the view's
organisations are picked: a filter never changes what is said about an organisation, only
which organisations are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from metrics.alerts import alert_counts, alerts, alerts_within, first_activity
from metrics.scope import whole_of


@dataclass(frozen=True)
class Everywhere:
    """Every organisation's warnings on D (``metrics.alerts.alerts`` over the whole
    dataset) and each organisation's first recorded activity."""

    found: pd.DataFrame
    first: pd.Series


def everywhere(whole: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> Everywhere:
    """``Everywhere`` of the whole dataset on D (the costly part, made once per day)."""
    return Everywhere(alerts(whole, on), first_activity(whole))


def health(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, found: Everywhere | None = None
) -> pd.DataFrame:
    """The warnings on D of the organisations in ``tables`` (restricted to a scope or not:
    ``metrics.scope.whole_of``): found over the whole dataset (``found``, made here when not
    given), then the scope's organisations picked (``metrics.alerts.alerts_within``)."""
    whole, scope = whole_of(tables)
    found = everywhere(whole, on) if found is None else found
    if scope.is_everything:
        return found.found
    return alerts_within(found.found, found.first, tables["branches"]["branch_id"], on)


def health_counts(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, found: Everywhere | None = None
) -> dict[str, int]:
    """``metrics.alerts.alert_counts`` of ``health``: warnings per rule, the total and the
    organisations concerned."""
    return alert_counts(health(tables, on, found))
