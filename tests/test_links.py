"""Every choice a page shows is kept in its link: set to a value other than its default,
the link of the view reopens with the same value, in either language.

Widgets that choose what is viewed (select boxes, multiselects, dates, sliders, segmented
controls) are walked on every page; the few that are not part of a view are named below
with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from app.navigation import PAGES

KINDS = ("selectbox", "multiselect", "date_input", "select_slider", "button_group")
NOT_IN_LINK = {
    "outline": "会议汇报's outline: a choice for the person presenting, kept for the session",
    "custom_slides": "会议汇报's own slides, shown only with the outline 自选",
    "alert_rules": "组织健康's quick filter of the list below it",
    "rollback_to": "版本历史's version to roll back to: an action, not a view",
}


def _shown(block: object) -> dict[str, object]:
    """Every widget of the kinds above shown in ``block`` (the app, its main area or its
    sidebar), by key."""
    return {w.key: w for kind in KINDS for w in block.get(kind) if w.key}


def _other(current: object, options: tuple[object, ...], multi: bool) -> object:
    """A value other than ``current``: for a date, the middle of its range."""
    if options and isinstance(options[0], dt.date):
        earliest, latest = options
        return earliest + (latest - earliest) // 2
    if multi:
        return [options[-1]]
    return next(o for o in reversed(options) if o != current)


def _query(at: AppTest) -> dict[str, str | list[str]]:
    """The link's parameters (a repeated one as a list)."""
    return dict(at.query_params)


def _bound(at: AppTest) -> dict[str, tuple[str, tuple[object, ...]]]:
    return at.session_state["_url_shown"]


def _choose_others(at: AppTest, block: str, skip: set[str]) -> dict[str, object]:
    """Each widget of ``at``'s ``block`` ("main" or "sidebar"), but those in ``skip``, set
    in turn to a value other than its own; the values chosen, by widget key."""
    chosen: dict[str, object] = {}
    for key in _shown(getattr(at, block)):
        if key in skip:
            continue
        _, options = _bound(at)[key]
        current = at.session_state[key]
        value = _other(current, options, isinstance(current, list))
        _shown(getattr(at, block))[key].set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
        chosen[key] = value
    return chosen


EVERY_PAGE = [(name, lang) for name, _, _ in PAGES for lang in ("zh", "en")]


def _open(on_sample: Callable[..., AppTest], page: str, lang: str) -> AppTest:
    return on_sample(page, **({"lang": lang} if lang != "zh" else {}))


@pytest.mark.parametrize(("page", "lang"), EVERY_PAGE)
def test_every_choice_on_a_page_is_kept_in_its_link(
    on_sample: Callable[..., AppTest], page: str, lang: str
) -> None:
    at = _open(on_sample, page, lang)
    chosen = _choose_others(at, "main", set(NOT_IN_LINK))
    again = on_sample(page, **_query(at))
    for key, value in chosen.items():
        assert again.session_state[key] == value, key


@pytest.mark.parametrize(("page", "lang"), EVERY_PAGE)
def test_every_choice_shown_is_bound_to_the_link_or_said_not_to_be(
    on_sample: Callable[..., AppTest], page: str, lang: str
) -> None:
    at = _open(on_sample, page, lang)
    loose = set(_shown(at)) - set(_bound(at)) - set(NOT_IN_LINK)
    assert loose == set()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_choice_of_the_sidebar_is_kept_in_the_link(
    on_sample: Callable[..., AppTest], lang: str
) -> None:
    at = _open(on_sample, "members", lang)
    chosen = _choose_others(at, "sidebar", {"lang"})  # the language is the test's parameter
    query = _query(at)
    assert query.get("lang", "zh") in (lang, [lang])
    again = on_sample("members", **query)
    for key, value in chosen.items():
        assert again.session_state[key] == value, key
