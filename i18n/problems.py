"""The messages of ingest's problems and refused uploads (``i18n/locale``, the
``problem`` context): code → (Chinese, English).

Templates use {column}, {value} and the keyword arguments passed to
``ingest.problems.message``; a ``Both`` argument differs by language.
"""

from __future__ import annotations

from typing import NamedTuple

from i18n.catalogue import pairs


class Both(NamedTuple):
    """A message argument that differs by language (a list of allowed values)."""

    zh: str
    en: str


# code → (Chinese template, English template), the catalogue's "problem" context. Templates
# use {column}, {value} and the keyword arguments passed to ``message``.
MESSAGES: dict[str, tuple[str, str]] = pairs("problem")
