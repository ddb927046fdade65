"""docs/screenshots.py: the README's pictures are the browser tests' screenshots."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "SHOTS", tmp_path / "shots")
    monkeypatch.setattr(module, "DOCS", tmp_path / "docs")
    (tmp_path / "shots").mkdir()
    (tmp_path / "docs").mkdir()
    return module


def _shot(folder: Path, name: str, height: int, colour: str) -> None:
    Image.new("RGB", (1920, height), colour).save(folder / f"{name}_zh_1920x1080.png")
    Image.new("RGB", (390, height), colour).save(folder / f"{name}_zh_390x844.png")


def test_each_pages_chinese_screenshot_becomes_its_readme_picture(script) -> None:
    for page in script.PAGES:
        _shot(script.SHOTS, page, 1200, "green" if page == "members" else "red")
    script.copy_to_docs()
    picture = Image.open(script.DOCS / "members.png").convert("RGB")
    assert picture.size == (1920, 1200)
    assert picture.getpixel((10, 10)) == (0, 128, 0)


def test_a_long_page_is_cut_to_its_top(script) -> None:
    for page in script.PAGES:
        _shot(script.SHOTS, page, 3326, "red")
    script.copy_to_docs()
    assert Image.open(script.DOCS / "members.png").size == (1920, script.CUT_AT)


def test_a_missing_screenshot_says_how_to_make_it(script) -> None:
    with pytest.raises(SystemExit, match=r"python docs/screenshots\.py"):
        script.copy_to_docs()


def test_the_phone_pictures_are_the_390px_screenshots_cut_to_two_screens(script) -> None:
    for page in script.PAGES:
        _shot(script.SHOTS, page, 3326, "blue" if page == "overview" else "red")
    script.copy_to_docs()
    picture = Image.open(script.DOCS / "overview_phone.png").convert("RGB")
    assert picture.size == (390, script.PHONE_CUT_AT)
    assert picture.getpixel((10, 10)) == (0, 0, 255)
    assert {p.name for p in script.DOCS.glob("*_phone.png")} == {
        f"{page}_phone.png" for page in script.PHONE_PAGES
    }
