"""Every message key the code can build exists in both languages.

A key written out (``t("kpi.active", …)``) must be in the catalogue; a key built from a
value (``t(f"alert.{rule}", …)``) must be there for every value the code can give it, as
listed below from the code's own constants. A new built key with no entry here fails the
test, so that its values are listed too. Problem codes (``problem("…")``,
``UploadError("…")``) must be in ingest's message catalogue, and the small forms
(``phrase("…")``) in i18n.format.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from access.ledger import ACTIONS
from access.roles import ROLES
from app.accounts import DETAILS
from app.navigation import NAMES, PAGES
from app.params import PARAMS
from domain.annual import TABLE1_COLUMNS
from domain.contract import DATASETS, GENDERS, ORG_TYPES
from domain.definitions import DIMENSIONS, SHARE_MEASURES, STAGES
from domain.rules import ALERT_RULES, DEVELOPMENT_RULES, MEETING_RULES
from figures.annual import CARD_COLUMNS, CHECK_KEYS, COVERAGE_COLUMNS, FORMS
from i18n import STRINGS
from i18n.format import _PHRASES
from i18n.problems import MESSAGES
from ingest.reference import read_reference
from ingest.store import ADDED, CARRIED, REMOVED, REPLACED
from metrics.development import FLOW_DATES, STEPS
from metrics.profile import SHARE_KEYS
from report.exports import KINDS
from report.slides import OUTLINES

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    path
    for folder in ("app", "pages", "report", "figures", "queries", "metrics", "ingest", "domain")
    for path in sorted((ROOT / folder).rglob("*.py"))
]
SOURCE = {path: path.read_text(encoding="utf-8") for path in CODE}
FREQS = ("M", "Q", "Y")
CARDS = (
    "branches",
    "active",
    "new",
    "probationary",
    "patents",
    "attendance",
    "coverage",
)  # the overview's
SECTOR_MEASURES = (
    "members",
    "members_per_branch",
    "new_per_100",
    *SHARE_MEASURES,
)


def _reliabilities() -> set[str]:
    ref = read_reference()
    values: set[str] = set()
    for table in (ref.statistics, ref.age_bands, ref.occupations):
        if "reliability" in table.columns:
            values |= {str(v) for v in table["reliability"].dropna() if str(v)}
    return values


# Each prefix of a built key: the values the code builds it from.
# 表一's relations, written the same in both languages (no ``annual.rule.`` words).
_PLAIN_RULES = {"increase", "decrease", "expected", "difference", "reconciled"}
BUILT: dict[str, set[str]] = {
    "annual.col.": set(TABLE1_COLUMNS),
    "annual.card.": set(CARD_COLUMNS),
    "annual.check.": {k.removeprefix("annual.check.") for k in CHECK_KEYS},
    "annual.rule.": {k.removeprefix("annual.check.") for k in CHECK_KEYS} - _PLAIN_RULES,
    "annual.form.": set(FORMS) | {f"{f}.caption" for f in FORMS if f != "1"},
    "annual.tab.": set(FORMS) - {"1"},
    "annual.sheet.": set(FORMS),
    "annual.coverage.": set(COVERAGE_COLUMNS),
    "alert.": set(ALERT_RULES) | {f"{r}.threshold" for r in ALERT_RULES},
    "slide.next.": set(ALERT_RULES),
    "freq.": set(FREQS),
    "chart.trend.": set(FREQS),
    "chart.flows.": set(FREQS),
    "chart.development.flows.": set(FREQS),
    "dim.": set(DIMENSIONS),
    "slide.": {k for keys in OUTLINES.values() for k in keys},
    "sectors.by.": {"sector", "community"},
    "chart.small_multiples.": {"sector", "community"},
    "reliability.": _reliabilities(),
    "present.kind.": set(KINDS),
    "present.outline.": set(OUTLINES),
    "measure.": set(SECTOR_MEASURES),
    "unit.": set(SECTOR_MEASURES),
    "kpi.": set(CARDS) | {f"{n}.help" for n in CARDS},
    "vfig.": {"branches", "active", "probationary", "patents_granted", "activities"},
    "store.": {"import", "rollback"},
    "status.": {"full", "probationary"},
    "rule.": {rule.freq for rule in MEETING_RULES} | set(DEVELOPMENT_RULES),
    "stage.": set(STAGES),
    "step.": set(STEPS),
    "due.": {"activist_year", "approval"},
    "col.flow_": set(FLOW_DATES),
    "orglife.rules_": {rule.freq for rule in MEETING_RULES},
    "role.": set(ROLES),
    "accounts.source.": {"settings", "store"},
    "accounts.state.": {"enabled", "disabled"},
    "audit.action.": set(ACTIONS),
    "audit.detail.": set(DETAILS),
    "login.ended.": {"disabled", "password", "expired", "signed_out"},
    "quality.": {
        "over_100",
        "no_members",
        "in_dissolved",
        "pipeline_in_dissolved",
        "admitted_unlinked",
        "unit_in_dissolved",
    },
    "plan.": {REPLACED, ADDED, CARRIED, REMOVED},
    "page.": set(NAMES),
    "org.": set(ORG_TYPES),
    "nav.section.": {section for *_, section in PAGES},
    "gender.": set(GENDERS),
    "dataset_name.": set(DATASETS),
    "dataset.": set(DATASETS),
    "col.": {"rule", "branch", "sector", "community", "detail", "source_rule", "link"}
    | {"version", "created", "by", "files", "members_rows"}
    | set(SHARE_KEYS),
}


# A URL parameter's labels, the catalogue's ``words.<code>`` (``app.params``).
for _param in PARAMS:
    if _param.words:
        BUILT.setdefault(f"{_param.words}.", set()).update(_param.options)


def _written_keys() -> set[str]:
    return {k for text in SOURCE.values() for k in re.findall(r'\bt\(\s*"([^"]+)"', text)}


def _built_prefixes() -> set[str]:
    found = set()
    for text in SOURCE.values():
        found |= set(re.findall(r'\bt\(\s*f"([a-z_.]+)\{', text))
    return found


def test_every_key_written_in_the_code_is_in_the_catalogue() -> None:
    assert sorted(_written_keys() - set(STRINGS)) == []


def test_every_built_key_has_its_values_listed_here() -> None:
    assert sorted(_built_prefixes() - set(BUILT)) == []


@pytest.mark.parametrize("prefix", sorted(BUILT))
def test_every_value_of_a_built_key_is_in_the_catalogue(prefix: str) -> None:
    missing = sorted(f"{prefix}{v}" for v in BUILT[prefix] if f"{prefix}{v}" not in STRINGS)
    assert missing == []


def test_every_problem_code_raised_is_in_the_message_catalogue() -> None:
    pattern = r'\b(?:problem|UploadError|message)\(\s*"([a-z_]+\.[a-z_]+)"'
    codes = {c for text in SOURCE.values() for c in re.findall(pattern, text)}
    assert codes, "no problem codes found: the pattern is out of date"
    assert sorted(codes - set(MESSAGES)) == []


def test_every_small_form_used_is_defined() -> None:
    names = {
        n for text in SOURCE.values() for n in re.findall(r'(?<![\w.])phrase\(\s*"([a-z_]+)"', text)
    }
    assert names and sorted(names - set(_PHRASES)) == []


def test_no_code_outside_i18n_branches_on_the_language() -> None:
    branching = re.compile(r'lang\s*[!=]=\s*"(zh|en)"')
    found = [str(p.relative_to(ROOT)) for p, text in SOURCE.items() if branching.search(text)]
    assert found == []


def test_the_alert_words_take_their_thresholds_from_the_rules() -> None:
    """A threshold is a setting (domain.rules): the words on screen get it through a
    placeholder, so no alert text holds a number of its own."""
    typed = [
        key
        for key, (zh, en) in STRINGS.items()
        if key.startswith(("alert.", "slide.next."))
        and re.search(r"\d", re.sub(r"\{\w+\}", "", zh + en))
    ]
    assert typed == []
