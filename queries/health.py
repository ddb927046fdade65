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

import pandas as pd

from metrics.alerts import alert_counts, alerts, alerts_of
from metrics.scope import whole_of


def warnings(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """Every organisation's warnings on D over the whole dataset (``metrics.alerts.alerts``):
    found once per version and day, then picked by ``health``."""
    return alerts(tables, on)


def health(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, found: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The warnings on D of the organisations in ``tables`` (restricted to a scope or not:
    ``metrics.scope.whole_of``): ``found``, every organisation's warnings over the whole
    dataset (``metrics.alerts.alerts``, made here when not given), the scope's picked
    (``metrics.alerts.alerts_of``)."""
    whole, scope = whole_of(tables)
    found = alerts(whole, on) if found is None else found
    if scope.is_everything:
        return found
    return alerts_of(found, tables["branches"]["branch_id"])


def health_counts(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, found: pd.DataFrame | None = None
) -> dict[str, int]:
    """``metrics.alerts.alert_counts`` of ``health``: warnings per rule, the total and the
    organisations concerned."""
    return alert_counts(health(tables, on, found))
