"""The written briefing (汇报稿): a few paragraphs with the key figures, the changes against a
year earlier, the highlights and the warnings, as Markdown and as .docx."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from i18n import t
from i18n.format import phrase
from ingest.problems import printable
from report.slides import Deck

EA_FONT = "Microsoft YaHei"


def _paragraphs(deck: Deck, lang: str) -> list[tuple[str, str | list[str]]]:
    """(heading, paragraph or list of points) in order."""
    sep = phrase("list", lang)
    out: list[tuple[str, str | list[str]]] = []
    for s in deck.slides:
        if s.bullets:
            out.append((s.title, [s.headline, *s.bullets]))
            continue
        text = s.headline
        if s.figures:
            figures = sep.join(f"{n} {v}" for n, v in s.figures)
            text += t("briefing.figures", lang, figures=figures)
        out.append((s.title, text))
    return out


# Characters that start Markdown's inline constructs (emphasis, links, images, code, raw
# HTML, tables, strikethrough) anywhere in a line; & < > become entities.
_INLINE = re.compile(r"([\\`*_\[\]!|~])")
# A line that would begin a heading, a list, a quote or a setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+=-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def md_text(text: str) -> str:
    """Text for a Markdown paragraph, shown as typed once rendered: control characters
    escaped (``ingest.problems.printable``), & < > as entities (no
    raw HTML), Markdown's inline markers backslash-escaped, and a line start that would
    open a heading, list or quote escaped. Names from the data go through it."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def briefing_markdown(deck: Deck, lang: str) -> str:
    """The briefing as Markdown; every text in it (the slides' words, which carry names
    from the data) through ``md_text``."""
    lines = [f"# {md_text(deck.title)}", "", md_text(deck.subtitle), ""]
    for heading, body in _paragraphs(deck, lang):
        lines += [f"## {md_text(heading)}", ""]
        if isinstance(body, list):
            lines += [md_text(body[0]), "", *(f"- {md_text(b)}" for b in body[1:])]
        else:
            lines.append(md_text(body))
        lines.append("")
    lines.append(md_text(t("deck.source", lang, source=deck.source)))
    return "\n".join(lines) + "\n"


def _font(run, size: int, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Arial"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EA_FONT)
    if color is not None:
        run.font.color.rgb = color


def briefing_docx(deck: Deck, lang: str) -> bytes:
    """The briefing as a Word document; every text ``printable`` (Word refuses control
    characters)."""
    doc = Document()

    def line(text: str, size: int, bold: bool = False, color: RGBColor | None = None,
             style: str | None = None) -> None:  # fmt: skip
        _font(doc.add_paragraph(style=style).add_run(printable(text)), size, bold, color)

    line(deck.title, 22, True, RGBColor(0xB7, 0x1C, 0x1C))
    line(deck.subtitle, 12, color=RGBColor(0x61, 0x61, 0x61))
    for heading, body in _paragraphs(deck, lang):
        line(heading, 15, True)
        if isinstance(body, list):
            line(body[0], 12)
            for point in body[1:]:
                line(point, 12, style="List Bullet")
        else:
            line(body, 12)
    line(t("deck.source", lang, source=deck.source), 10)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
