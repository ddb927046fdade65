"""The branch profile's picker: every organisation of the view when they are few, else a
search box above a list of at most ``PICKER_ROWS`` (1,000; at 100× the sample, 51,400
organisations: a list of all of them cost 40 ms of server time and 1.5 MB sent on every
run, and no one scrolls it)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from app import cached, params, url
from app.context import Context
from app.widgets import md_plain
from i18n import t

SEARCH = "branch_search"  # the search box's key


def _first_found(ctx: Context) -> None:
    """A new search chooses the first organisation it finds (the one chosen before stays
    chosen when the search finds it too)."""
    query = str(st.session_state.get(SEARCH, "")).strip()
    found, _ = cached.branch_matches(*ctx.view, ctx.as_of, query, cached.PICKER_ROWS)
    labels = cached.branch_choices(*ctx.view, ctx.as_of)
    wanted = query.casefold()
    held = [
        b for b in url.pending(params.BRANCH, ctx.lang) if wanted in labels.get(b, "").casefold()
    ]
    if query and found and not held:
        url.put(params.BRANCH, found[0])


def options_for(
    ctx: Context, labels: Mapping[str, str], query: str, lang: str
) -> tuple[list[str], str | None]:
    """The picker's options for ``query`` and what to say about them, as markdown with the
    query escaped (None: nothing, when every organisation is listed). The branch the link
    or the session names is always among the options, so that a link to an organisation
    beyond the list still opens it."""
    found, total = cached.branch_matches(*ctx.view, ctx.as_of, query, cached.PICKER_ROWS)
    note = None
    if query and not found:
        found, _ = cached.branch_matches(*ctx.view, ctx.as_of, "", cached.PICKER_ROWS)
        note = t("branch.search.none", lang, query=md_plain(query), shown=f"{len(found):,}")
    elif query:
        note = t("branch.search.found", lang, query=md_plain(query), total=f"{total:,}",
                 shown=f"{len(found):,}")  # fmt: skip
    elif len(found) < total:
        note = t("branch.search.shown", lang, shown=f"{len(found):,}", total=f"{total:,}")
    listed = set(found)
    named = [b for b in url.pending(params.BRANCH, lang) if b in labels and b not in listed]
    return list(dict.fromkeys([*named, *found])), note


def pick_branch(ctx: Context, labels: Mapping[str, str], lang: str) -> str:
    """The organisation chosen (its branch_id), by a search box when there are more than
    ``cached.PICKER_ROWS`` to choose from, and a list."""
    query = ""
    if len(labels) > cached.PICKER_ROWS:
        query = st.text_input(
            t("branch.search", lang),
            key=SEARCH,
            placeholder=t("branch.search.placeholder", lang),
            max_chars=60,
            on_change=_first_found,
            args=(ctx,),
        ).strip()
    options, note = options_for(ctx, labels, query, lang)
    chosen = url.selectbox(
        params.BRANCH,
        t("branch.pick", lang),
        lang,
        options=options,
        shown=lambda b, _lang: labels[b],
        help=t("branch.pick.help", lang),
    )
    if note is not None:
        st.caption(note)
    return chosen
