"""Running the app in Streamlit's AppTest, and reading what it shows.

``open_app`` opens a page as a link would (query parameters, then the page); the readers
decode what the browser would get (plotly ≥ 6 sends numeric arrays as base64).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from app.navigation import page_file

MAIN = str(Path(__file__).resolve().parent.parent / "dashboard" / "view.py")
HAN = re.compile(r"[\u4e00-\u9fff]")


def page_script(name: str) -> str:
    """The script of page ``name``, for ``AppTest.switch_page``."""
    return str(page_file(name))


def open_app(page: str = "overview", **query: str | list[str]) -> AppTest:
    """The app opened at ``page`` with the URL's ``query``; asserts no exception is shown."""
    at = AppTest.from_file(MAIN, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(page_script(page)).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_url(at: AppTest, path: str) -> AppTest:
    """Open a page by its URL path, as a typed or shared link does (the registered page
    whatever it is: the page file, or a refusal standing in for it)."""
    # AppTest has no public way to open a URL: choose the registered page by its path
    pages = at._registered_pages
    at._page_hash = next(h for h, info in pages.items() if info.get("url_pathname") == path)
    return at.run()


def sign_in(at: AppTest, user: str, password: str) -> AppTest:
    """Type ``user`` and ``password`` into the sign-in form and send it."""
    at.text_input(key="login_user").input(user)
    next(w for w in at.text_input if w.label == "密码").input(password)
    at.button[0].click().run()
    return at


def app_as(secrets: dict, user: str, password: str, timeout: float = 60) -> AppTest:
    """The app with ``secrets``, signed in as ``user``; asserts no exception is shown."""
    at = AppTest.from_file(MAIN, default_timeout=timeout)
    at.secrets = secrets
    sign_in(at.run(), user, password)
    assert not at.exception, [e.message for e in at.exception]
    return at


def decode(values: object) -> list:
    """Plotly >= 6 sends numeric arrays as {"dtype", "bdata"} (base64)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values or [])


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_titled(at: AppTest, title: str) -> dict:
    """The one chart titled ``title``."""
    found = [c for c in charts(at) if title_text(c) == title]
    assert len(found) == 1, [c["layout"].get("title") for c in charts(at)]
    return found[0]


def title_text(figure: dict) -> str:
    """A chart's title as one line (a long title is drawn on two: ``figures.theme``)."""
    text = (figure["layout"].get("title") or {}).get("text") or ""
    return re.sub(r"(?<=[\x21-\x7e])<br>", " ", text).replace("<br>", "")


def trace(figure: dict, name: str) -> dict:
    return next(t for t in figure["data"] if t.get("name") == name)


def metrics(at: AppTest) -> dict[str, str]:
    """The cards: label → value as shown."""
    return {m.label: m.value for m in at.metric}


def visible_text(at: AppTest) -> list[str]:
    """Every text a person reads: titles, captions, labels, cards, chart titles, axes,
    annotations and legends (the language switch, bilingual by design, left out)."""
    texts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info")
        for e in getattr(at, kind)
    ]
    texts += [m.label for m in at.metric] + [e.label for e in at.expander]
    for kind in ("multiselect", "selectbox", "date_input", "select_slider", "button"):
        texts += [w.label for w in getattr(at, kind)]
    texts += [b.label for b in at.get("button_group") if b.key != "lang"]
    for spec in charts(at):
        layout = spec["layout"]
        texts.append((layout.get("title") or {}).get("text", ""))
        texts += [
            (layout[k].get("title") or {}).get("text", "")
            for k in layout
            if k.startswith(("xaxis", "yaxis"))
        ]
        texts += [a.get("text", "") for a in layout.get("annotations", [])]
        texts += [t.get("name", "") for t in spec["data"]]
    return texts
