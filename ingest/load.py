"""Loading a dataset: find its files, recognise each, read, type, validate, report.

``load_dataset`` is the one entry point the app and the command line use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from domain.contract import DATASETS, Dataset
from ingest.cells import type_table
from ingest.labels import fold, normalise_header
from ingest.privacy import get_salt
from ingest.problems import Report, problem
from ingest.read import TABLE_SUFFIXES, RawTable, ReadError, read_table
from ingest.records import check_table
from ingest.relations import check_references
from ingest.schemas import schema
from ingest.typed import Typed
from ingest.within import Within, check_within, scope_members

# Keywords are tried dataset by dataset in this order, so that 党员活动 is participation,
# not members, 发展党员 is development, not members, 发展党员计划 is plans, not development,
# 两新组织 and 社会组织 are units, and 党支部 is branches. A name that says one dataset while the
# headers fit another, and not the one named (非公企业党组织.xlsx holding the 党组织 list), is
# taken by its headers (``recognise``).
RECOGNITION_ORDER = (
    "plans",
    "development",
    "participation",
    "patents",
    "members",
    "units",
    "branches",
)


@dataclass
class LoadResult:
    """The typed tables (empty when there are errors) and the report of what was found."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    report: Report = field(default_factory=Report)

    @property
    def ok(self) -> bool:
        return self.report.ok


def collect_files(paths: Iterable[Path], report: Report) -> list[tuple[Path, bool]]:
    """(file, named directly) for the files named, and the table files found (not
    recursively) in the folders named."""
    files: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in TABLE_SUFFIXES
                and not p.name.startswith((".", "~$"))
            )
            if not found:
                subfolders = [p.name for p in sorted(path.iterdir()) if p.is_dir()]
                subfolders = [name for name in subfolders if not name.startswith(".")]
                hint = f" (sub-folders 子文件夹: {', '.join(subfolders)})" if subfolders else ""
                report.add(problem("file.no_tables", str(path), hint=hint))
            files += [(p, False) for p in found]
        elif path.exists():
            files.append((path, True))
        else:
            report.add(problem("file.missing", str(path)))
    return files


def recognise_by_name(path: Path) -> Dataset | None:
    stem = fold(path.stem)
    for name in RECOGNITION_ORDER:
        if any(fold(k) in stem for k in DATASETS[name].file_keywords):
            return DATASETS[name]
    return None


def _matched(raw: RawTable, d: Dataset) -> list[str]:
    """The names of ``d``'s columns that the file's headers hold."""
    headers = set(raw.normalised_headers)
    return [f.name for f in d.fields if headers & {normalise_header(h) for h in f.headers}]


def fits(raw: RawTable, d: Dataset) -> bool:
    """Whether the file holds every required column of ``d`` (or its fallback)."""
    names = set(_matched(raw, d))
    return all(f.name in names or f.fallback in names for f in d.fields if f.required)


def recognise(path: Path, raw: RawTable) -> Dataset | None:
    """The dataset a file is: the one its name says (``recognise_by_name``), unless its
    headers lack that one's required columns and fit another's; else the one its headers
    fit (``recognise_by_headers``)."""
    named = recognise_by_name(path)
    if named is not None and fits(raw, named):
        return named
    return recognise_by_headers(raw) or named


def recognise_by_headers(raw: RawTable) -> Dataset | None:
    """The dataset whose own headers the file matches best, if it has all required columns."""
    scores = sorted(
        ((len(_matched(raw, d)), d.name) for d in DATASETS.values() if fits(raw, d)), reverse=True
    )
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return DATASETS[scores[0][1]]


def _file_names(d: Dataset) -> str:
    return f"{d.name}.csv / {d.zh}.xlsx"


def _read_files(paths: Iterable[Path | str], report: Report) -> dict[str, RawTable]:
    """Each file read and recognised, by dataset. A file that cannot be read, is no dataset
    or is a dataset's second file is reported and passed over."""
    raws: dict[str, RawTable] = {}
    names = "、".join(_file_names(d) for d in DATASETS.values())

    def unrecognised(path: Path, named: bool) -> None:
        # A file named on purpose must be a dataset; a stray file found in a folder (notes,
        # a 说明.txt) is passed over with a warning.
        if named:
            report.add(problem("file.unrecognised", path.name, names=names))
        else:
            report.add(problem("file.ignored", path.name, names=names, severity="warning"))

    for path, named in collect_files([Path(p) for p in paths], report):
        try:
            raw = read_table(path)
        except ReadError as exc:
            unreadable = exc.problem.code in ("file.no_header", "file.binary", "file.encoding")
            if unreadable and recognise_by_name(path) is None:
                unrecognised(path, named)
            else:
                report.add(exc.problem)
            continue
        dataset = recognise(path, raw)
        if dataset is None:
            unrecognised(path, named)
        elif dataset.name in raws:
            other = raws[dataset.name].file
            where = f"{dataset.zh} {dataset.name}"
            report.add(problem("file.duplicate_dataset", raw.file, other=other, dataset=where))
        else:
            raws[dataset.name] = raw
            report.files[dataset.name] = raw.file
    return raws


def _say_missing(present: Iterable[str], report: Report) -> None:
    """A problem for each required dataset neither read nor carried (unless a file that
    looks like it by name failed to read: that is said already)."""
    present = set(present)
    for d in DATASETS.values():
        missing = d.required_dataset and d.name not in present
        if missing and not _unreadable_file_for(d, report):
            report.add(
                problem("dataset.missing", "", dataset=f"{d.zh} {d.name}", names=_file_names(d))
            )


def load_dataset(
    paths: Iterable[Path | str],
    salt: str | None = None,
    max_details: int = 1000,
    carried: Mapping[str, pd.DataFrame] | None = None,
    within: Within | None = None,
) -> LoadResult:
    """Read and validate a dataset given as a folder or a list of files.

    Every problem is collected. The tables are returned only when there is no error, each
    typed to the contract (see ``ingest.schemas``). ``carried`` holds typed tables kept
    from the current version for the datasets the files do not bring (a partial update):
    they count as present, the new files' references are checked against them, and they
    against the new files; they are not returned. ``within``: an update of part of the
    sub-district (``ingest.within``): each uploaded dataset stands beside the current
    version's rows outside that part, and every row must be of it.
    """
    offered = carried or {}
    report = Report(max_details=max_details)
    salt = get_salt() if salt is None else salt
    raws = _read_files(paths, report)

    # a dataset uploaded replaces the one kept; the others are read only now
    carried = {name: offered[name] for name in offered if name not in raws}
    _say_missing([*raws, *carried], report)

    typed: dict[str, Typed] = {}
    for name in list(raws):
        raw = raws.pop(name)  # its cells live on in the Typed table only, for quoting
        table, found = type_table(raw, DATASETS[name], salt)
        del raw
        report.extend(found)
        if table is not None:
            report.row_counts[name] = len(table.frame)
            report.extend(check_table(table))
            typed[name] = table
    beside = within.beside(list(typed)) if within is not None else {}
    if within is not None:  # a part's records name its own members only
        beside = {n: f for n, f in beside.items() if n != "members"}
        mine = scope_members(within, typed)
        if mine is not None and "members" not in typed:
            carried = {**carried, "members": mine}
    report.extend(check_references(typed, carried, beside))
    if within is not None:
        report.extend(check_within(typed, within))

    if not report.ok:
        return LoadResult({}, report)
    frames = {name: typed.pop(name).frame for name in list(typed)}  # the raw cells go here
    tables = {name: schema(name).validate(frame, inplace=True) for name, frame in frames.items()}
    return LoadResult(tables, report)


def _unreadable_file_for(d: Dataset, report: Report) -> bool:
    """True when a file that looks like this dataset by name failed to read (already said)."""
    return any(
        p.code.startswith("file.") and recognise_by_name(Path(p.file)) is d for p in report.problems
    )
