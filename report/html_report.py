"""The deck as one self-contained HTML file: plotly.js inlined once, every chart interactive
with no network, the text escaped."""

from __future__ import annotations

import html

from i18n import t
from i18n.format import phrase
from report.slides import Deck

STYLE = """
body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;margin:0;
color:#262626;background:#fff}
header{background:#B71C1C;color:#fff;padding:32px 48px}
header h1{margin:0 0 8px;font-size:34px}
section{padding:28px 48px;border-bottom:1px solid #eee;max-width:1400px}
h2{color:#B71C1C;font-size:26px;margin:0 0 8px}
p.headline{font-size:20px;line-height:1.6}
ul.figures{list-style:none;padding:0;display:flex;gap:32px;flex-wrap:wrap}
ul.figures li span{display:block;color:#616161;font-size:14px}
ul.figures li b{color:#B71C1C;font-size:28px}
ul.steps li{font-size:19px;line-height:1.8}
footer{color:#616161;font-size:13px;padding:16px 48px}
"""


def deck_html(deck: Deck, lang: str) -> str:
    """One HTML document: the title, then each slide's title, finding, key figures and chart.
    plotly.js is inlined in the first chart and shared by the rest."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{phrase("html_lang", lang)}"><head><meta charset="utf-8">',
        f"<title>{e(deck.title)} · {e(deck.subtitle)}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>{e(deck.title)}</h1><div>{e(deck.subtitle)}</div></header>",
    ]
    inlined = False
    for s in deck.slides:
        parts.append(f'<section id="{e(s.key)}"><h2>{e(s.title)}</h2>')
        parts.append(f'<p class="headline">{e(s.headline)}</p>')
        if s.figures:
            items = "".join(f"<li><span>{e(n)}</span><b>{e(v)}</b></li>" for n, v in s.figures)
            parts.append(f'<ul class="figures">{items}</ul>')
        if s.figure is not None:
            parts.append(
                s.figure.to_html(
                    full_html=False,
                    include_plotlyjs=not inlined,
                    config={"displaylogo": False, "responsive": True},
                    default_height="460px",
                )
            )
            inlined = True
        if s.bullets:
            parts.append('<ul class="steps">' + "".join(f"<li>{e(b)}</li>" for b in s.bullets))
            parts.append("</ul>")
        parts.append("</section>")
    parts.append(f"<footer>{e(t('deck.source', lang, source=deck.source))}</footer></body></html>")
    return "\n".join(parts)
