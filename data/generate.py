"""Generate the synthetic demo dataset, calibrated to the 2018 Guicheng forum report.

    python data/generate.py                       # writes data/sample/ (seed 2018, scale 1)
    python data/generate.py --scale 10 --out /tmp/x10

Seeded and deterministic: the same seed and scale give byte-identical files. ``--scale K``
repeats the sub-district K times (branches, members, patents and activities all x K), with
copy numbers appended to names, for benchmarks.

What is calibrated (the report's published facts): on 2018-11-30 there are 460-469 党支部
and 10,000-10,999 active members; the organisations the report names appear with its facts
(翠颐社区's 44-person 楼长 team with 8 Party members after Typhoon 山竹; 承业大厦党委 founded
in August 2018; 昭信集团 with 300+ patent applications, 48 invention patents granted and
over 90% of its members managers or technical staff). Everything else, including every
person, name, community allocation and sector assignment, is invented for the demo.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from data.synth.activities import build_activities, participation_table
from data.synth.development import build_development, build_plans
from data.synth.members import build_members, members_table
from data.synth.orgs import branches_table, build_orgs, mark_health_cases
from data.synth.patents import build_patents, patents_table
from data.synth.units import build_units
from domain.contract import DATASETS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 2018
DEFAULT_OUT = ROOT / "data" / "sample"


def _tables_for_copy(copy: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Every table of one copy of the sub-district (draws in a fixed order: the sample's
    bytes depend on it)."""
    orgs = build_orgs(rng)
    mark_health_cases(orgs, rng)
    m = build_members(orgs, rng)
    acts = build_activities(orgs, m, rng)
    pats = build_patents(orgs, rng)
    branches, ids = branches_table(orgs, copy, rng)
    key_to_id = {o.key: ids[i] for i, o in enumerate(orgs)}
    participation = participation_table(acts, ids, key_to_id, copy)
    members = members_table(m, ids, copy, rng)
    ledger_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]  # numpy's hints lack seed_seq
    development = build_development(members, branches, ledger_rng, copy)
    plan_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]  # numpy's hints lack seed_seq
    plans = build_plans(development, branches, plan_rng)
    unit_rng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]  # numpy's hints lack seed_seq
    units = build_units(branches, members, unit_rng, copy)

    patents = patents_table(pats, ids, copy, rng)
    return {
        "branches": branches,
        "members": members,
        "patents": patents,
        "participation": participation,
        "development": development,
        "plans": plans,
        "units": units,
    }


def generate(seed: int = DEFAULT_SEED, scale: int = 1) -> dict[str, pd.DataFrame]:
    """The four tables (canonical column names), for ``scale`` copies of the sub-district."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in DATASETS}
    for copy in range(1, scale + 1):
        rng = np.random.default_rng([seed, copy])
        for name, frame in _tables_for_copy(copy, rng).items():
            parts[name].append(frame)
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}


def to_csv_text(name: str, frame: pd.DataFrame) -> str:
    """A table as the CSV users keep: Chinese headers, ISO dates, blanks for missing."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(out[column]):
            out[column] = np.where(out[column], "是", "否")
        elif pd.api.types.is_float_dtype(out[column]) and column != "hours":
            out[column] = out[column].astype("Int64")
    out.columns = [DATASETS[name].field(c).zh for c in out.columns]
    return out.to_csv(index=False, lineterminator="\n", float_format="%g")


def write(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as UTF-8 CSV with a BOM (so Excel shows the Chinese)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        path.write_bytes(b"\xef\xbb\xbf" + to_csv_text(name, frame).encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="生成合成演示数据 / generate the synthetic demo data"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=int, default=1, help="repeat the sub-district K times")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    for path in write(generate(args.seed, args.scale), args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
