"""查询留痕 in a real browser: the page at every size in both languages."""

from __future__ import annotations

from tests.browser.harness import shoot_every_view


def test_audit_renders_at_every_size_in_both_languages(new_tab, guarded):
    shoot_every_view(new_tab, guarded.server, "audit", with_charts=False,
                     cookie=guarded.cookies["wang"],
                     viewports=("1920x1080", "1366x768", "390x844"))  # fmt: skip
