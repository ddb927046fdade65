"""English names of the contract's category labels (Chinese is the canonical form), from
the catalogue's ``label`` context (``i18n/locale``)."""

from __future__ import annotations

from i18n.catalogue import pairs

LABELS_EN: dict[str, str] = {zh: en for zh, (_, en) in pairs("label").items()}


def label(value: object, lang: str = "zh") -> str:
    """A category label in the UI language; unknown labels (names) are returned as they are."""
    text = "" if value is None else str(value)
    if lang == "en":
        return LABELS_EN.get(text, text)
    return text
