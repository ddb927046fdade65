"""Regenerate the README's screenshots from the browser tests' full-page screenshots.

    python docs/screenshots.py          # run the page tests (Chromium), then copy
    python docs/screenshots.py --copy   # only copy what artifacts/screenshots/ holds

The browser tests save every page in both languages at 1920×1080, 1366×768 and 390×844 to
artifacts/screenshots/ (git-ignored). The README shows the Chinese pages at 1920 px wide,
cut to the first CUT_AT pixels of height where a page is longer, and PHONE_PAGES as a phone
shows them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from PIL import Image

from app.navigation import NAMES

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "artifacts" / "screenshots"
DOCS = ROOT / "docs"
PAGES = NAMES  # one picture per page, from its browser test module
CUT_AT = 2200  # px: the README shows a page's top, not a 3,000 px scroll
PHONE_PAGES = ("overview", "members", "present")  # also shown as a phone sees them (390 px)
PHONE_CUT_AT = 1700  # px: two phone screens


def run_page_tests() -> int:
    """The browser tests that take the screenshots (one per page module)."""
    tests = [f"tests/browser/test_{page}.py" for page in PAGES]
    return subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-k", "renders", *tests], cwd=ROOT
    )


def copy_to_docs() -> list[Path]:
    written = []
    for page in PAGES:
        source = SHOTS / f"{page}_zh_1920x1080.png"
        if not source.is_file():
            raise SystemExit(f"{source} is missing: run `python docs/screenshots.py` first")
        image = Image.open(source)
        if image.height > CUT_AT:
            image = image.crop((0, 0, image.width, CUT_AT))
        target = DOCS / f"{page}.png"
        image.save(target, optimize=True)
        written.append(target)
    for page in PHONE_PAGES:
        source = SHOTS / f"{page}_zh_390x844.png"
        if not source.is_file():
            raise SystemExit(f"{source} is missing: run `python docs/screenshots.py` first")
        image = Image.open(source)
        image = image.crop((0, 0, image.width, min(image.height, PHONE_CUT_AT)))
        target = DOCS / f"{page}_phone.png"
        image.save(target, optimize=True)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copy", action="store_true", help="copy only; do not run the tests")
    args = parser.parse_args(argv)
    if not args.copy and (code := run_page_tests()) != 0:
        print("the browser tests failed: the README's screenshots were left as they were")
        return code
    for path in copy_to_docs():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
