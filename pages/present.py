"""会议汇报 Presenting: the deck one slide at a time, sized for a projector, and its exports
(PPTX with native charts, offline HTML, the written briefing). No personal data on any slide."""

from functools import partial
from pathlib import Path

import streamlit as st

from app import audit, cached, context, device
from app.style import SLIDE_CSS
from app.widgets import keep_units, md_plain, plotly_config
from i18n import t
from report.exports import KINDS, MIME, SUFFIX, source_name
from report.narrative import scope_name
from report.slides import OUTLINES, SLIDES

ctx = context.get(__file__)
lang = ctx.lang
st.set_page_config(initial_sidebar_state="collapsed")  # the projector gets the whole width
nav = st.container(horizontal=True, vertical_alignment="center", key="slide_nav")
with nav.popover(t("present.outline", lang), icon=":material/list:"):
    outline = st.selectbox(
        t("present.outline", lang),
        [*OUTLINES, "custom"],
        format_func=lambda o: t(f"present.outline.{o}", lang),
        key="outline",
    )
    if outline == "custom":
        keys = tuple(
            st.multiselect(
                t("present.pick", lang),
                SLIDES,
                default=list(SLIDES[:3]),
                format_func=lambda k: t(f"slide.{k}", lang),
                help=t("present.pick.help", lang),
                key="custom_slides",
            )
        )
    else:
        keys = OUTLINES[outline]
        st.caption(" → ".join(t(f"slide.{k}", lang) for k in keys))
if not keys:
    st.info(t("present.empty", lang))
    st.stop()

label = scope_name(ctx.scope, lang)
source = source_name(Path(ctx.folder), lang)
args = (*ctx.view, ctx.as_of, lang, label, source, keys)
shown = cached.slide_keys(*ctx.view, keys)
if not shown:
    st.info(t("present.empty", lang))
    st.stop()
n = len(shown)
index = min(st.session_state.get("slide_index", 0), n - 1)


def step(by: int, count: int) -> None:
    """on_click of previous/next: move before the rerun, so both buttons see the new slide."""
    st.session_state["slide_index"] = max(0, min(count - 1, index + by))


nav.button(
    t("present.prev", lang),
    icon=":material/arrow_back:",
    disabled=index == 0,
    on_click=step,
    args=(-1, n),
    key="slide_prev",
)
nav.button(
    t("present.next", lang),
    icon=":material/arrow_forward:",
    disabled=index >= n - 1,
    on_click=step,
    args=(1, n),
    key="slide_next",
)
nav.caption(t("present.position", lang, i=index + 1, n=n) + " · " + t("page.present", lang))

with st.spinner(t("present.building", lang)):
    slide = cached.slide(*ctx.view, ctx.as_of, lang, label, shown[index])
st.html(SLIDE_CSS)  # the chart takes the height the screen leaves it
with st.container(border=True, key="slide"):
    st.markdown(f"## {md_plain(slide.title)}")
    st.markdown(f"#### {keep_units(md_plain(slide.headline))}")
    if slide.figure is not None:
        body, side = st.columns([3, 1]) if slide.figures else (st.container(), None)
        side = side.container(key="slide_figures") if side is not None else None
        phone = device.is_phone()
        drawn = cached.slide_chart(*ctx.view, ctx.as_of, lang, label, shown[index], phone)
        assert drawn is not None  # the slide has a figure
        fig, height = drawn
        with body.container(key="slide_chart_phone" if phone else "slide_chart"):
            st.plotly_chart(
                fig, key=f"slide_{slide.key}", config=plotly_config(lang), height=height
            )
        if side is not None:
            for name, value in slide.figures:
                side.metric(name, value, border=True)
    for point in slide.bullets:
        st.markdown(f"#### • {md_plain(point)}")

st.header(t("present.exports", lang))
st.caption(t("present.exports.caption", lang))
if st.button(t("present.prepare", lang), icon=":material/build:", type="primary"):
    with st.status(t("present.building", lang), expanded=True) as status:
        for kind in KINDS:
            st.write(t(f"present.kind.{kind}", lang))
            cached.deck_file(*args, kind)
        status.update(label=t("present.ready", lang), state="complete", expanded=False)
    st.session_state["deck_ready"] = args
if st.session_state.get("deck_ready") == args:
    row = st.container(horizontal=True)
    stem = f"{t('deck.title', lang)}_{label}_{ctx.as_of.date().isoformat()}"
    for kind in KINDS:
        row.download_button(
            t(f"present.kind.{kind}", lang),
            audit.on_download(
                partial(cached.deck_file, *args, kind), "present", stem + SUFFIX[kind], "export"
            ),
            file_name=stem + SUFFIX[kind],
            mime=MIME[kind],
            icon=":material/download:",
            on_click="ignore",
            key=f"export_{kind}",
        )
