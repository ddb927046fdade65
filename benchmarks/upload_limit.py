"""The check of an upload at the size limit: how long it takes and how much memory it holds,
for real files and for files made to exhaust it.

    python benchmarks/upload_limit.py [--repeat 3] [--work DIR]

Each case is written once into --work (default ``$TMPDIR/dangjian-upload-limit``), then
checked as the 数据管理 page checks an upload: unpacked (``ingest.upload.unpack``) into a
temporary folder, then ``ingest.load_dataset`` with the sample's branches. Each run is a
fresh Python process, so its peak memory (RSS, imports included) is its own; the time is
the median of --repeat and excludes imports. The cases:

- roster CSV: the sample's members repeated to 50 MB (``MAX_FILE_BYTES``), ids unique;
- one row repeated: one member row repeated to 50 MB, every row but the first an error;
- roster .xlsx: the sample's members repeated to about 50 MB, one sheet;
- zip bomb: 590 KB zipping one row repeated to 190 MB (refused unopened);
- workbook bomb: an .xlsx of 1 MB whose sheet unpacks to 600 MB (refused unread).

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
LIMIT = 50 * 2**20
CASES = ("roster CSV", "one row repeated", "roster .xlsx", "zip bomb", "workbook bomb")


def _members() -> tuple[list[str], list[list[str]]]:
    with (SAMPLE / "members.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _roster_csv(path: Path) -> None:
    header, body = _members()
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(header)
    size, k = len(",".join(header).encode()), 0
    while True:
        for r in body:
            row = [f"{r[0]}-{k}", *r[1:]]
            size += len(",".join(row).encode()) + 1
            if size > LIMIT - 1000:
                path.write_text(text.getvalue(), encoding="utf-8")
                return
            out.writerow(row)
        k += 1


def _repeated(size: int) -> bytes:
    header, body = _members()
    line = ",".join(body[0]) + "\n"
    return (",".join(header) + "\n").encode() + line.encode() * (size // len(line.encode()))


def _roster_xlsx(path: Path) -> None:
    from xlsxwriter import Workbook

    header, body = _members()
    book = Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("党员")
    sheet.write_row(0, 0, header)
    n, k = 1, 0
    while n < 700_000:  # about 50 MB written
        for r in body:
            sheet.write_row(n, 0, [f"{r[0]}-{k}", *r[1:]])
            n += 1
        k += 1
    book.close()


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("members.csv", _repeated(190 * 2**20))


def _workbook_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (100 * 2**20))


def write(case: str, work: Path) -> Path:
    """The file of ``case`` in ``work`` (written when absent)."""
    names = {"roster CSV": "members.csv", "one row repeated": "members_repeated.csv",
             "roster .xlsx": "members.xlsx", "zip bomb": "bomb.zip",
             "workbook bomb": "members_bomb.xlsx"}  # fmt: skip
    path = work / names[case]
    if not path.exists():
        makers = {"roster CSV": _roster_csv, "roster .xlsx": _roster_xlsx,
                  "zip bomb": _zip_bomb, "workbook bomb": _workbook_bomb}  # fmt: skip
        if case == "one row repeated":
            path.write_bytes(_repeated(LIMIT - 1000))
        else:
            makers[case](path)
    return path


def step(path: Path) -> dict[str, object]:
    """Check ``path`` as an upload, in this process: seconds, peak MB, outcome."""
    from ingest import load_dataset
    from ingest.upload import UploadError, unpack

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        uploads = [
            (path.name, path.read_bytes()),
            ("branches.csv", (SAMPLE / "branches.csv").read_bytes()),
        ]
        try:
            unpack(uploads, Path(folder) / "files")
        except UploadError as exc:
            outcome = f"refused: {exc.code}"
        else:
            report = load_dataset([Path(folder) / "files"], salt="bench").report
            kinds = sorted({p.code for p in report.problems if p.severity == "error"})
            noun = "error" if report.n_errors == 1 else "errors"
            found = f"{report.n_errors:,} {noun} ({', '.join(kinds)})"
            outcome = "valid" if report.ok else found
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": peak_mb(), "outcome": outcome}


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM): its own, unlike ``ru_maxrss``, which a
    process started by a large parent inherits through fork and exec on Linux."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--step", str(path)], capture_output=True, text=True,
        check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "dangjian-upload-limit"
    )
    parser.add_argument("--step", type=Path)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    print("| case | file (MB) | check (s) | peak memory (MB) | outcome |")
    print("|---|---|---|---|---|")
    for case in CASES:
        path = write(case, args.work)
        runs = [_child(path) for _ in range(args.repeat)]
        seconds = statistics.median(float(r["seconds"]) for r in runs)
        peak = max(float(r["peak_mb"]) for r in runs)
        size = path.stat().st_size / 2**20
        print(f"| {case} | {size:.1f} | {seconds:.2f} | {peak:,.0f} | {runs[0]['outcome']} |")


if __name__ == "__main__":
    main()
