"""The written briefing (汇报稿): a few paragraphs with the key figures, the changes against a
year earlier, the highlights and the warnings, as Markdown and as .docx."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from i18n import t
from i18n.format import form
from report.slides import Deck

EA_FONT = "Microsoft YaHei"


def _paragraphs(deck: Deck, lang: str) -> list[tuple[str, str | list[str]]]:
    """(heading, paragraph or list of points) in order."""
    sep = form("list", lang)
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


def briefing_markdown(deck: Deck, lang: str) -> str:
    lines = [f"# {deck.title}", "", deck.subtitle, ""]
    for heading, body in _paragraphs(deck, lang):
        lines += [f"## {heading}", ""]
        if isinstance(body, list):
            lines += [body[0], "", *(f"- {b}" for b in body[1:])]
        else:
            lines.append(body)
        lines.append("")
    lines.append(t("deck.source", lang, source=deck.source))
    return "\n".join(lines) + "\n"


def _font(run, size: int, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Arial"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EA_FONT)
    if color is not None:
        run.font.color.rgb = color


def briefing_docx(deck: Deck, lang: str) -> bytes:
    doc = Document()
    _font(doc.add_paragraph().add_run(deck.title), 22, True, RGBColor(0xB7, 0x1C, 0x1C))
    _font(doc.add_paragraph().add_run(deck.subtitle), 12, color=RGBColor(0x61, 0x61, 0x61))
    for heading, body in _paragraphs(deck, lang):
        _font(doc.add_paragraph().add_run(heading), 15, True)
        if isinstance(body, list):
            _font(doc.add_paragraph().add_run(body[0]), 12)
            for point in body[1:]:
                _font(doc.add_paragraph(style="List Bullet").add_run(point), 12)
        else:
            _font(doc.add_paragraph().add_run(body), 12)
    _font(doc.add_paragraph().add_run(t("deck.source", lang, source=deck.source)), 10)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
