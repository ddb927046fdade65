"""The dashboard's own layout for every screen, in both languages: a style sheet for what
CSS can do, and a short script for what it cannot (closing the sidebar after a page is
chosen on a narrow screen).

- Cards: a label or value that does not fit wraps to a second line; never "…".
- Charts: no toolbar on a narrow screen (≤ NARROW px); a finger dragged over a chart
  scrolls the page (the charts themselves neither zoom nor pan on a drag: see
  ``figures.theme.style``).
- Tables scroll inside themselves (Streamlit's own), their first column pinned
  (``app.widgets.data_table``).
"""

from __future__ import annotations

NARROW = 640  # px: a phone held upright, and Streamlit's own breakpoint for columns

LAYOUT_CSS = f"""<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere;
}}
.js-plotly-plot .nsewdrag, .js-plotly-plot .draglayer, .js-plotly-plot .main-svg {{
  touch-action: pan-y !important;
}}
@media (max-width: {NARROW}px) {{
  .modebar-container {{ display: none !important; }}
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
