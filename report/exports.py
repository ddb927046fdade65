"""Every export of the deck by kind: one entry point for the page's buttons and the command
line, so both build the same files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from i18n import t
from ingest.source import is_sample
from ingest.store import is_version_folder
from report.briefing import briefing_docx, briefing_markdown
from report.html_report import deck_html
from report.png import charts_png_zip
from report.pptx_deck import deck_pptx
from report.slides import SLIDES, Deck, build_deck

KINDS = ("pptx", "html", "docx", "markdown", "png")
SUFFIX = {"pptx": ".pptx", "html": ".html", "docx": ".docx", "markdown": ".md", "png": ".zip"}
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "markdown": "text/markdown",
    "png": "application/zip",
}


def source_name(folder: Path, lang: str) -> str:
    """How the deck names its data: the bundled sample as synthetic, a stored version by its
    id, else the folder."""
    if is_sample(folder):
        return t("deck.sample_source", lang)
    if is_version_folder(folder):
        return t("banner.store", lang, version=Path(folder).name)
    return Path(folder).resolve().name


def render(deck: Deck, lang: str, kind: str) -> bytes:
    """The deck as ``kind``: pptx, html, png (a zip of every chart), docx or markdown."""
    if kind == "pptx":
        return deck_pptx(deck, lang)
    if kind == "html":
        return deck_html(deck, lang).encode("utf-8")
    if kind == "png":
        return charts_png_zip(deck)
    if kind == "docx":
        return briefing_docx(deck, lang)
    return briefing_markdown(deck, lang).encode("utf-8")


def export_bytes(
    tables: Mapping[str, pd.DataFrame],
    on: pd.Timestamp,
    lang: str,
    source: str,
    kind: str,
    scope: str | None = None,
    keys: tuple[str, ...] = SLIDES,
) -> bytes:
    """The deck of ``keys`` for ``tables`` on ``on``, as ``kind`` (pptx, html, docx, markdown)."""
    deck = build_deck(tables, on, lang, scope or t("scope.all", lang), source, keys)
    return render(deck, lang, kind)
