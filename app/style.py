"""The dashboard's own layout for every screen, in both languages: a style sheet for what
CSS can do, and a short script for what it cannot (closing the sidebar after a page is
chosen on a narrow screen).

- Cards: a label, value or change that does not fit wraps to a second line; never "…"; on a phone
  two cards to a row.
- Charts: no toolbar on a narrow screen (≤ NARROW px); a finger dragged over a chart
  scrolls the page (the charts themselves neither zoom nor pan on a drag: see
  ``figures.theme.style``).
- Tables scroll inside themselves (Streamlit's own), their first column pinned
  (``app.widgets.data_table``).
"""

from __future__ import annotations

NARROW = 640  # px: a phone held upright, and Streamlit's own breakpoint for columns

# a row of columns that holds cards and no chart or table: two cards to a row on a phone
CARD_ROW = (
    '[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])'
    ':not(:has([data-testid="stPlotlyChart"], [data-testid="stDataFrame"]))'
)

LAYOUT_CSS = f"""<style>
[data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] *,
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] *,
[data-testid="stMetricLabel"], [data-testid="stMetricDelta"] {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere;
}}
[data-testid="stMetric"] div:has(> [data-testid="stMetricDelta"]) {{
  flex-wrap: wrap !important; row-gap: 0.25rem;
}}
[data-testid="stMetricDelta"], [data-testid="stMetricDeltaDescription"] {{
  flex-shrink: 0 !important; max-width: 100%;
}}
.js-plotly-plot .nsewdrag, .js-plotly-plot .draglayer, .js-plotly-plot .main-svg {{
  touch-action: pan-y !important;
}}
@media (max-width: {NARROW}px) {{
  .modebar-container {{ display: none !important; }}
  {CARD_ROW} {{ flex-flow: row wrap !important; gap: 0.5rem !important; }}
  {CARD_ROW} > [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 0.25rem) !important; min-width: calc(50% - 0.25rem) !important;
    width: calc(50% - 0.25rem) !important;
  }}
  {CARD_ROW} [data-testid="stMetric"] {{ padding: 0.5rem 0.75rem; }}
  {CARD_ROW} [data-testid="stMetricValue"] {{ font-size: 1.5rem; }}
  [data-testid="stExpanderDetails"] {{ padding-left: 0.25rem; padding-right: 0.25rem; }}
}}
</style>"""

CLOSE_ON_NAVIGATE = f"""<script>
(() => {{
  const doc = document;
  if (doc.documentElement.dataset.dangjianNav) return;
  doc.documentElement.dataset.dangjianNav = "1";
  doc.addEventListener("click", (event) => {{
    const link = event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || window.innerWidth > {NARROW}) return;
    setTimeout(() => {{
      const bar = doc.querySelector('[data-testid="stSidebar"]');
      const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (bar && close && bar.dataset.collapsed === "false") close.click();
    }}, 100);
  }}, true);
}})();
</script>"""

# 会议汇报: on a projector (1366×768, 1280×720, 1920×1080) a slide fits one screen: the
# page's top margin is small and the chart takes the height the viewport leaves below the
# title, the finding and the navigation. On a phone a slide fits one screen too: a smaller
# title, a chart as tall as it needs (``figures.theme.phone_height``), the key figures two
# to a row, and large step buttons.
SLIDE_CSS = f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 2.5rem; padding-bottom: 2rem; }}
.st-key-slide_chart {{
  flex: 0 0 auto !important; height: clamp(240px, calc(100vh - 360px), 720px) !important;
}}
.st-key-slide h2 {{ padding-top: 0; }}
html, body {{ overscroll-behavior-x: none; }}  /* a sideways swipe is not the browser's "back" */
.st-key-slide {{ touch-action: pan-y; }}
.st-key-slide h4 {{ font-size: 1.2rem; line-height: 1.45; }}
@media (max-width: {NARROW}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; }}
  .st-key-slide h2 {{ font-size: 1.5rem; padding-bottom: 0.25rem; }}
  .st-key-slide h4 {{ font-size: 1rem; line-height: 1.5; padding: 0.25rem 0; }}
  .st-key-slide_nav {{ flex-wrap: wrap !important; }}
  .st-key-slide_nav > div:has([data-testid="stCaptionContainer"]) {{ order: 1; flex: 1 1 auto; }}
  .st-key-slide_prev, .st-key-slide_next {{ order: 2; flex: 1 1 40% !important; }}
  .st-key-slide_prev button, .st-key-slide_next button {{
    width: 100%; min-height: 3rem; font-size: 1.05rem;
  }}
  .st-key-slide_figures {{
    display: grid !important; grid-template-columns: 1fr 1fr; gap: 0.5rem !important;
  }}
  .st-key-slide_figures [data-testid="stMetric"] {{ padding: 0.5rem 0.75rem; }}
  .st-key-slide_figures [data-testid="stMetricValue"] {{ font-size: 1.35rem; }}
}}
</style>"""

SWIPE_PX = 60  # a horizontal swipe at least this long, and twice as long as it is tall, steps

# 会议汇报's steps besides its two buttons: a swipe across the slide on a touch screen (left:
# next), and on a keyboard or a presenter's clicker → or PageDown for the next slide and ←
# or PageUp for the previous one (not while typing in a field).
STEP_SLIDES = f"""<script>
(() => {{
  const doc = document;
  if (doc.documentElement.dataset.dangjianSteps) return;
  doc.documentElement.dataset.dangjianSteps = "1";
  const press = (next) => {{
    const key = next ? ".st-key-slide_next" : ".st-key-slide_prev";
    const button = doc.querySelector(key + " button");
    if (button && !button.disabled) button.click();
  }};
  let start = null;
  doc.addEventListener("touchstart", (event) => {{
    const on = event.target.closest && event.target.closest(".st-key-slide");
    start = on && event.touches.length === 1
      ? [event.touches[0].clientX, event.touches[0].clientY] : null;
  }}, {{ passive: true }});
  doc.addEventListener("touchend", (event) => {{
    if (!start) return;
    const touch = event.changedTouches[0];
    const dx = touch.clientX - start[0], dy = touch.clientY - start[1];
    start = null;
    if (Math.abs(dx) >= {SWIPE_PX} && Math.abs(dx) >= 2 * Math.abs(dy)) press(dx < 0);
  }}, {{ passive: true }});
  doc.addEventListener("keydown", (event) => {{
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = "input, textarea, select, [role=listbox], [contenteditable]";
    if (event.target.closest && event.target.closest(typing)) return;
    if (!doc.querySelector(".st-key-slide")) return;
    const next = ["ArrowRight", "PageDown"].includes(event.key);
    const back = ["ArrowLeft", "PageUp"].includes(event.key);
    if (!next && !back) return;
    event.preventDefault();
    press(next);
  }});
}})();
</script>"""
