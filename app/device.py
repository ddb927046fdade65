"""Which kind of screen the page is drawn for, from the browser's User-Agent header: a
phone gets the same page with its long sections folded and slides drawn for its size
(the style sheets in ``app.style`` do what width alone can decide)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import streamlit as st

# A phone's browser says "Mobile" (Safari, Chrome, WeChat's and every Android phone's) or
# names the phone; tablets ("iPad", Android without "Mobile") get the desktop layout.
PHONE_AGENT = re.compile(r"Mobi|iPhone|iPod|Windows Phone", re.IGNORECASE)


def phone_agent(headers: Mapping[str, str]) -> bool:
    """Whether the request's User-Agent is a phone's."""
    agent = next((v for k, v in headers.items() if k.lower() == "user-agent"), "")
    return bool(PHONE_AGENT.search(agent))


def is_phone() -> bool:
    """Whether the person is on a phone (False when there is no browser, as in tests)."""
    try:
        return phone_agent(st.context.headers)
    except Exception:
        return False
