"""Every word the user sees, in Chinese (the default) and English.

``t(key, lang, **kw)`` for interface strings, ``label(value, lang)`` for the data's own
category labels, and the formatters in ``i18n.format`` for numbers and dates.
"""

from i18n.format import fmt_big, fmt_date, fmt_int, fmt_month, fmt_pct, fmt_period, fmt_signed
from i18n.labels import label
from i18n.strings import N_, STRINGS, t

LANGS = ("zh", "en")

__all__ = [
    "LANGS",
    "N_",
    "STRINGS",
    "fmt_big",
    "fmt_date",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "fmt_period",
    "fmt_signed",
    "label",
    "t",
]
