"""Each chart of the deck as a PNG (kaleido, driving Debian's Chromium with CJK fonts),
bundled in one zip: 01_总体情况.png, 02_党员队伍变化.png, …"""

from __future__ import annotations

import io
import re
import warnings
import zipfile

import kaleido

from report.slides import Deck

WIDTH, HEIGHT = 1600, 900  # 16:9, sharp on a projector and in a document


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_")


def charts_png_zip(deck: Deck) -> bytes:
    """A zip of one PNG per slide that has a chart, numbered in deck order."""
    kaleido.start_sync_server(silence_warnings=True)  # one browser for the whole batch
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for number, slide in enumerate(deck.slides, start=1):
            if slide.figure is None:
                continue
            fig = slide.figure.to_dict()
            figure = type(slide.figure)(fig)
            figure.update_layout(margin={"l": 60, "r": 60, "t": 90, "b": 60}, font_size=18)
            figure.update_layout(title_xref="paper", title_font_size=24)  # inside the margin
            with warnings.catch_warnings():  # plotly notes that the server ignores kopts
                warnings.simplefilter("ignore", UserWarning)
                png = figure.to_image(format="png", width=WIDTH, height=HEIGHT)
            z.writestr(f"{number:02d}_{_safe(slide.title)}.png", png)
    return out.getvalue()
