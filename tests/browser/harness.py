"""The browser harness: a Streamlit server on a free port, Debian's Chromium driven by
Playwright, and the checks every page shares (no exception box, no console error, every
chart drawn) and full-page screenshots.

Modelled on streamlit/streamlit's ``e2e_playwright`` (a server fixture, the
``data-test-script-state`` wait), without its snapshot comparison: our screenshots are for
people to look at, and the README's pictures are made from them (``docs/screenshots.py``).
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import ConsoleMessage, Download, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import csv_text
from tests.small_dataset import SMALL

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# every page is shot at these, and its layout checked (``layout_faults``)
VIEWPORTS = {"1920x1080": (1920, 1080), "1366x768": (1366, 768), "390x844": (390, 844)}
SIZES = {**VIEWPORTS, "1280x720": (1280, 720), "360x780": (360, 780)}  # a tab can open at these
# Opened at /sectors, Streamlit's frontend first probes /sectors/_stcore/health and
# /sectors/_stcore/host-config (in case the app is served under that path), gets 404, then
# uses /_stcore/. Those two 404s are the frontend's own probing, not a fault of the app.
PROBE_PATHS = ("/_stcore/health", "/_stcore/host-config")
# What a plotly chart draws its data with: bars, lines and markers, pie slices, heatmap cells.
MARKS = "g.trace path[d]:not([d='']), g.slice path, g.hm image, g.heatmaplayer image"


def find_chromium() -> str | None:
    """CHROMIUM_PATH when set (and only it), else Debian's Chromium, else one on PATH."""
    chosen = os.environ.get("CHROMIUM_PATH")
    candidates = (chosen,) if chosen else CHROMIUM_CANDIDATES
    for candidate in candidates:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None if chosen else shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """``streamlit run dashboard/main.py`` on 127.0.0.1, headless, on the dataset in ``data_dir``
    (None: the bundled sample)."""

    data_dir: Path | None = None
    secrets: Path | None = None  # a secrets.toml (users, single sign-on); None: no access control
    port: int = field(default_factory=free_port)
    # an empty store of its own: the server never shows a developer's store
    store: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="store-")))
    # a PostgreSQL store's address: the server keeps its copies of versions in ``store`` (a
    # folder of its own, as another host's disk would be)
    database: str | None = None
    _proc: subprocess.Popen[bytes] | None = None
    _log: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> AppServer:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("DANGJIAN_DATA_DIR", None)
        env["DANGJIAN_STORE"] = self.database or str(self.store)
        if self.database:
            env["DANGJIAN_CACHE"] = str(self.store / "cache")
        if self.data_dir is not None:
            env["DANGJIAN_DATA_DIR"] = str(self.data_dir)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
        args = [sys.executable, "-m", "streamlit", "run", "dashboard/main.py"]
        args += ["--server.headless", "true", "--server.address", "127.0.0.1"]
        args += ["--server.port", str(self.port), "--browser.gatherUsageStats", "false"]
        args += ["--server.fileWatcherType", "none", "--global.developmentMode", "false"]
        # never a developer's own .streamlit/secrets.toml
        args += ["--secrets.files", str(self.secrets or self.store / "no-secrets.toml")]
        self._proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.output()}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r,
            ):
                if r.read() == b"ok":
                    return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not answer in {timeout} s:\n{self.output()}")

    def output(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None


@contextlib.contextmanager
def running(
    data_dir: Path | None = None, secrets: Path | None = None, store: Path | None = None
) -> Iterator[AppServer]:
    server = AppServer(data_dir, secrets, store=store) if store else AppServer(data_dir, secrets)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def running_small_with(
    folder: Path, edit: Callable[[dict[str, list[dict[str, str]]]], None]
) -> Iterator[AppServer]:
    """The dashboard on tests/small_dataset.py with ``edit`` applied to a copy of its rows
    (names made hostile, say), written as CSV files into ``folder``."""
    tables = copy.deepcopy(SMALL)
    edit(tables)
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    with running(folder) as server:
        yield server


class Console:
    """Collects the browser's console errors and uncaught page errors."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        if "404" in message.text and where.endswith(PROBE_PATHS):
            return
        self.errors.append(f"{message.text} ({where})")


def app_url(base: str, page: str = "overview", **query: str | list[str]) -> str:
    return f"{base}/{page}" + (f"?{urlencode(query, doseq=True)}" if query else "")


def wait_for_app_run(page: Page, timeout: float = 60_000) -> None:
    """Until the script has run and every element skeleton is gone."""
    page.wait_for_timeout(250)  # a widget's change reaches the server after a short debounce
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=timeout
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=timeout
    )
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)
    page.wait_for_timeout(300)  # plotly draws after the script has finished


def open_page(page: Page, base: str, name: str = "overview", **query: str | list[str]) -> None:
    open_address(page, app_url(base, name, **query))


def open_address(page: Page, address: str) -> None:
    """Go to an address of the app and wait until it has run and drawn its charts."""
    page.goto(address)
    page.locator("[data-testid='stAppViewContainer']").wait_for(state="attached")
    wait_for_app_run(page)
    wait_for_charts(page)


def charts(page: Page) -> Locator:
    return page.get_by_test_id("stPlotlyChart")


def wait_for_charts(page: Page, timeout: float = 30_000) -> None:
    """Until every plotly chart on the page has its SVG."""
    n = charts(page).count()
    if n:
        expect(charts(page).locator("svg.main-svg").first).to_be_attached(timeout=timeout)
        deadline = time.monotonic() + timeout / 1000
        while time.monotonic() < deadline:
            drawn = page.evaluate(
                "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
                ".filter(c => c.querySelector('svg.main-svg')).length"
            )
            if drawn == n:
                return
            page.wait_for_timeout(200)


def marks_per_chart(page: Page) -> list[int]:
    """For each plotly chart on the page, how many data marks its SVG holds."""
    return page.evaluate(
        "sel => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".map(c => c.querySelectorAll(sel).length)",
        MARKS,
    )


def chart_texts(page: Page, index: int) -> list[str]:
    """Every text in one chart's SVG (titles, ticks, legend, labels)."""
    return charts(page).nth(index).locator("svg text").all_text_contents()


def chart_titled(page: Page, title: str) -> Locator:
    """The plotly chart whose title is ``title``."""
    return charts(page).filter(has=page.locator("text.gtitle", has_text=title))


def click_mark(page: Page, mark: Locator) -> None:
    """Click a bar or point as a person does: plotly's drag layer lies over the marks and
    takes the click, so click at the mark's centre rather than on the element."""
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    assert box is not None, "the mark is not drawn"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def choose(scope: Page | Locator, option: str) -> None:
    """Click an option of a segmented control (st.segmented_control) by its label."""
    scope.locator("[data-testid=stButtonGroup] button").filter(
        has_text=re.compile(f"^{re.escape(option)}$")
    ).click()


def download(page: Page, button: Locator) -> Download:
    """Click a download button and return the download. Under heavy load the first click on
    a fresh server can go unanswered (seen once in CI, not reproducible when idle), so a
    person's second click is allowed; a button that never delivers still fails."""
    expect(button).to_be_enabled()
    wait_for_app_run(page)
    for attempt in (1, 2):
        try:
            with page.expect_download(timeout=15_000) as info:
                button.click()
            return info.value
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def metric_cards(page: Page) -> dict[str, str]:
    """The page's metric cards: label → value as shown."""
    return dict(
        zip(
            page.get_by_test_id("stMetricLabel").all_inner_texts(),
            page.get_by_test_id("stMetricValue").all_inner_texts(),
            strict=True,
        )
    )


def share_link(page: Page) -> str:
    """The address in the sidebar's 本视图链接 / Link to this view box."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stExpander").last
    box.locator("summary").click()
    code = box.get_by_test_id("stCode")
    expect(code).to_be_visible()
    return code.inner_text().strip()


def assert_page_sound(page: Page, console: Console, with_charts: bool = True) -> None:
    """No Streamlit exception or error box, no console error, and every chart drawn (and,
    ``with_charts``, at least one)."""
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id(
        "stException"
    ).all_inner_texts()
    assert page.get_by_test_id("stAlertContentError").count() == 0, page.get_by_test_id(
        "stAlertContentError"
    ).all_inner_texts()
    assert console.errors == []
    marks = marks_per_chart(page)
    assert marks or not with_charts, "no chart on the page"
    assert all(n > 0 for n in marks), f"a chart without marks: {marks}"


def folded_sections(page: Page) -> Locator:
    """The page's sections folded on a phone (``app.widgets.section``), still closed."""
    return page.get_by_test_id("stMain").locator(
        "[data-testid='stExpander'] details:not([open]):has(> summary strong)"
    )


def unfold_sections(page: Page) -> int:
    """Every section folded on a phone opened, as a person would tap each; how many."""
    names = page.get_by_test_id("stMain").get_by_test_id("stExpander").locator("details")
    opened = 0
    for i in range(names.count()):
        details = names.nth(i)
        summary = details.locator(":scope > summary")
        if details.get_attribute("open") is None and summary.locator("strong").count():
            summary.click()
            opened += 1
    if opened:
        wait_for_charts(page)
        page.wait_for_timeout(500)
    return opened


def full_page_screenshot(page: Page, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main area, so the viewport is stretched
    to the content's height for the picture) as artifacts/screenshots/NAME.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1920, "height": 1080}
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stSidebarContent]')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(500)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=path, animations="disabled")
    page.set_viewport_size(size)
    return path


def han(text: str) -> list[str]:
    """The runs of Chinese characters in ``text``."""
    return re.findall(r"[\u4e00-\u9fff]+", text)


LANG_QUERY = {"zh": {}, "en": {"lang": "English"}}


def hold_sign_in(page: Page, base: str, cookie: str) -> None:
    """The browser holds a signed sign-in token (``access.tokens``), as after a sign-in."""
    page.context.add_cookies([{"name": "dangjian_session", "value": cookie, "url": base}])


def shoot_every_view(
    new_tab: object,
    server: AppServer,
    name: str,
    with_charts: bool = True,
    cookie: str | None = None,
    viewports: tuple[str, ...] = tuple(VIEWPORTS),
) -> None:
    """The page at each viewport (default: every one of VIEWPORTS) in both languages: sound
    each time, its layout without a fault (``layout_faults``), and a full-page screenshot of
    each (artifacts/screenshots/NAME_LANG_WxH.png). ``cookie``: a signed sign-in token the
    browser holds (``access.tokens``)."""
    for viewport in viewports:
        tab = new_tab(viewport)
        if cookie is not None:
            hold_sign_in(tab.page, server.url, cookie)
        for lang, query in LANG_QUERY.items():
            open_page(tab.page, server.url, name, **query)
            assert layout_faults(tab.page) == [], f"{name} {lang} {viewport}"
            full_page_screenshot(tab.page, f"{name}_{lang}_{viewport}")  # as it opens
            if unfold_sections(tab.page):  # a phone's folded sections, opened
                assert layout_faults(tab.page) == [], f"{name} {lang} {viewport} unfolded"
            assert_page_sound(tab.page, tab.console, with_charts)


NARROW = 640  # px: at or under it a screen is a phone's (see app/style.py)
# what WeChat's browser on an iPhone says it is (``app.device``): tabs that narrow say it too
PHONE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN"
)
_LAYOUT_FAULTS = (Path(__file__).parent / "layout_faults.js").read_text(encoding="utf-8")


def layout_faults(page: Page) -> list[str]:
    """What a person would frown at in the page's geometry: the page wider than the screen;
    text boxes of a chart (ticks, legend, value labels, axis titles, annotations, title)
    overlapping each other or cut at its edge; a chart's toolbar on a narrow screen; a
    card's label or value cut short."""
    return page.evaluate(_LAYOUT_FAULTS, NARROW)
