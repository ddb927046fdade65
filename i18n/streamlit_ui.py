"""Streamlit's own words in the Chinese UI: the file uploader's button and limits, the
multiselect's 全选 and 没有匹配项, the chart's 全屏 tooltip and the page-not-found dialog.
Streamlit offers no setting for them, so a style sheet puts the Chinese in place of the
English text (CSS ``content``); in English the style sheet is empty."""

from __future__ import annotations

from i18n.catalogue import pairs

WORDS: dict[str, str] = {key: zh for key, (zh, _) in pairs("streamlit").items()}  # catalogue


def _replace(selector: str, text: str, size: str = "0.875rem") -> str:
    """The element's own text hidden and ``text`` shown in its place."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"{selector} {{ font-size: 0 !important; }}\n"
        f'{selector}::after {{ content: "{quoted}"; font-size: {size}; }}\n'
    )


def streamlit_css(lang: str, upload_mb: int, upload_types: list[str]) -> str:
    """The style sheet (a <style> element) that shows Streamlit's words in ``lang``."""
    if lang == "en":
        return ""
    types = "、".join(t.upper() for t in upload_types)
    rules = [
        _replace(
            '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p',
            WORDS["upload"],
        ),
        _replace(
            '[data-testid="stFileUploaderDropzoneInstructions"] span',
            WORDS["limit"].format(mb=upload_mb, types=types),
            "0.75rem",
        ),
        _replace('[data-key="__select_all__"] > div', WORDS["select_all"]),
        _replace('[role="option"][style*="contents"] > span', WORDS["no_results"]),
        _replace('[role="dialog"] h2[slot="title"]', WORDS["not_found"], "1.5rem"),
        _replace('[role="dialog"] h2[slot="title"] + div > div', WORDS["not_found.text"], "1rem"),
        '.modebar-btn[data-title="Fullscreen"]::after '
        f'{{ content: "{WORDS["fullscreen"]}" !important; }}\n',
        '.modebar-btn[data-title="Close fullscreen"]::after, '
        '.modebar-btn[data-title="Exit fullscreen"]::after '
        f'{{ content: "{WORDS["exit_fullscreen"]}" !important; }}\n',
    ]
    return "<style>\n" + "".join(rules) + "</style>"
