"""Streamlit's own words in the Chinese UI.

- Words it shows: the file uploader's button and limits, the multiselect's 全选 and
  没有匹配项, the chart's 全屏 tooltip and the page-not-found dialog. Streamlit offers no
  setting for them, so a style sheet (``streamlit_css``) shows the Chinese in place of the
  English at once (CSS ``content``), and a script (``streamlit_script``) then puts the
  Chinese into the element itself, so that a screen reader reads it and a copy copies it.
- Words it does not show, the accessible names of its controls ("Help for 截至日期",
  "Collapse sidebar", "Open", a date's "year, …", "Choose an option"): the same script
  gives each its Chinese name (the ``aria`` context of the catalogue, English → Chinese,
  ``{label}`` standing for the part Streamlit takes from the page).

In English the style sheet is empty and the script puts back whatever it had changed.
"""

from __future__ import annotations

import json

from i18n.catalogue import pairs

WORDS: dict[str, str] = {key: zh for key, (zh, _) in pairs("streamlit").items()}  # catalogue
NAMES: dict[str, str] = {en: zh for en, (zh, _) in pairs("aria").items()}  # Streamlit's → ours
# the attributes that name or describe a control to a screen reader
NAMED_BY = ("aria-label", "placeholder", "title")
DONE = "data-zh"  # set on an element whose own text the script has put into Chinese


def _shown(upload_mb: int, upload_types: list[str]) -> list[tuple[str, str, str]]:
    """(selector, Chinese, font size) of every element whose English text is replaced."""
    types = "、".join(t.upper() for t in upload_types)
    return [
        (
            '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p',
            WORDS["upload"],
            "0.875rem",
        ),
        (
            '[data-testid="stFileUploaderDropzoneInstructions"] span',
            WORDS["limit"].format(mb=upload_mb, types=types),
            "0.75rem",
        ),
        ('[data-key="__select_all__"] > div', WORDS["select_all"], "0.875rem"),
        ('[role="option"][style*="contents"] > span', WORDS["no_results"], "0.875rem"),
        ('[role="dialog"] h2[slot="title"]', WORDS["not_found"], "1.5rem"),
        ('[role="dialog"] h2[slot="title"] + div > div', WORDS["not_found.text"], "1rem"),
        ('[data-testid="stSkipToContent"]', WORDS["skip"], "1rem"),
    ]


def _replace(selector: str, text: str, size: str) -> str:
    """The element's own text hidden and ``text`` shown in its place, until the script has
    put ``text`` into the element itself (``DONE``)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    before = f"{selector}:not([{DONE}])"
    return (
        f"{before} {{ font-size: 0 !important; user-select: none; }}\n"
        f'{before}::after {{ content: "{quoted}"; font-size: {size}; }}\n'
    )


def streamlit_css(lang: str, upload_mb: int, upload_types: list[str]) -> str:
    """The style sheet (a <style> element) that shows Streamlit's words in ``lang``."""
    if lang == "en":
        return ""
    rules = [_replace(*shown) for shown in _shown(upload_mb, upload_types)]
    rules += [
        '.modebar-btn[data-title="Fullscreen"]::after '
        f'{{ content: "{WORDS["fullscreen"]}" !important; }}\n',
        '.modebar-btn[data-title="Close fullscreen"]::after, '
        '.modebar-btn[data-title="Exit fullscreen"]::after '
        f'{{ content: "{WORDS["exit_fullscreen"]}" !important; }}\n',
    ]
    return "<style>\n" + "".join(rules) + "</style>"


_SCRIPT = """<script>
(() => {
  const settings = %(settings)s;
  const words = window.dangjianWords || (window.dangjianWords = { on: false });
  Object.assign(words, settings);
  const escape = (s) => s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&");
  const rules = Object.entries(words.names).map(([en, zh]) => [
    new RegExp("^" + escape(en).replace("\\\\{label\\\\}", "(.+)") + "$"), zh,
  ]);
  const saved = (attr) => "dangjianEn" + attr.replace(/(^|-)(\\w)/g, (_, __, c) => c.toUpperCase());
  const chinese = (value) => {
    for (const [pattern, zh] of rules) {
      const match = value.match(pattern);
      if (match) return zh.replace("{label}", match[1] || "");
    }
    return null;
  };
  const name = (el) => {
    for (const attr of words.attrs) {
      const value = el.getAttribute(attr);
      const zh = value && chinese(value);
      if (!zh) continue;
      el.dataset[saved(attr)] = value;
      el.setAttribute(attr, zh);
    }
  };
  const translate = (root) => {
    if (!words.on || root.nodeType !== 1) return;
    const selector = words.attrs.map((a) => "[" + a + "]").join(",");
    if (root.matches(selector)) name(root);
    root.querySelectorAll(selector).forEach(name);
    for (const [css, zh] of words.texts) {
      const all = [...(root.matches(css) ? [root] : []), ...root.querySelectorAll(css)];
      for (const el of all) {
        if (el.textContent === zh) continue;
        if (!el.hasAttribute(words.done)) el.dataset.dangjianEnText = el.textContent;
        el.textContent = zh;
        el.setAttribute(words.done, "");
      }
    }
  };
  const restore = () => {
    for (const attr of words.attrs) {
      const key = saved(attr);
      const data = "data-" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
      document.querySelectorAll("[" + data + "]").forEach((el) => {
        const en = el.dataset[key];  // put back unless Streamlit has named it anew since
        if (el.getAttribute(attr) === chinese(en)) el.setAttribute(attr, en);
        delete el.dataset[key];
      });
    }
    document.querySelectorAll("[" + words.done + "]").forEach((el) => {
      el.textContent = el.dataset.dangjianEnText || el.textContent;
      el.removeAttribute(words.done);
      delete el.dataset.dangjianEnText;
    });
  };
  if (!words.observer) {
    words.observer = new MutationObserver((changes) => {
      if (!words.on) return;
      for (const change of changes) {
        if (change.type === "attributes") name(change.target);
        else if (change.type === "characterData") translate(change.target.parentElement);
        else change.addedNodes.forEach(translate);
      }
    });
    words.observer.observe(document.body, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: words.attrs,
    });
  }
  if (words.on) translate(document.body); else restore();
})();
</script>"""


def streamlit_script(lang: str, upload_mb: int, upload_types: list[str]) -> str:
    """The script (a <script> element) that gives Streamlit's controls their accessible
    names in ``lang`` and puts the Chinese of ``streamlit_css`` into the elements; in
    English, it puts back what it had changed."""
    settings = {
        "on": lang != "en",
        "names": NAMES,
        "attrs": list(NAMED_BY),
        "texts": [[css, zh] for css, zh, _ in _shown(upload_mb, upload_types)],
        "done": DONE,
    }
    payload = json.dumps(settings, ensure_ascii=False).replace("</", "<\\/")
    return _SCRIPT % {"settings": payload}
