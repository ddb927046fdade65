"""The results every session shares (app.cached.of_scope, app.memo: made once, never
copied) are never changed by the page that shows them: each page of a room, opened on the
sample and run again in the same session and then in a second one, shows exactly what it
showed first (a builder that changed a shared frame in place would show it changed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_script import charts, visible_text

ROOM = ("overview", "members", "sectors", "branch", "innovation", "orglife", "development",
        "coverage", "alerts", "present", "annual")  # fmt: skip


def _shown(at: AppTest) -> tuple:
    """Every text, card value, table and chart of the page."""
    return (
        visible_text(at),
        [m.value for m in at.metric],
        [d.value.to_csv() for d in at.dataframe],
        charts(at),
    )


@pytest.mark.parametrize("page", ROOM)
def test_a_page_shows_the_same_when_run_again_and_in_another_session(
    on_sample: Callable[..., AppTest], page: str
) -> None:
    first = on_sample(page)
    shown = _shown(first)
    assert shown[0] and (shown[2] or shown[3])  # the page has something to compare
    assert _shown(first.run()) == shown
    assert _shown(on_sample(page)) == shown
