"""Small hand-checkable datasets, written to disk the way users keep them."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from domain.contract import DATASETS
from ingest.migrate import migrate
from ingest.pg_store import PostgresStore, is_database
from ingest.store import Store, VersionStore
from tests.app_script import open_app
from tests.by_hand import read_sample
from tests.postgres import Postgres, bin_dir, running

SALT = "test-salt"

# Three organisations, three members, one patent, one activity. Every figure is checkable by
# eye: on 2018-11-30 M1 (full) and M2 (probationary) are active; M3 left on 2018-06-30.
VALID: dict[str, list[dict[str, str]]] = {
    "branches": [
        {
            "组织编号": "B1",
            "组织名称": "翠颐社区党委",
            "组织类型": "党委",
            "所属领域": "社区",
            "上级组织编号": "",
            "所在社区": "翠颐社区",
            "成立日期": "2010-01-01",
        },
        {
            "组织编号": "B2",
            "组织名称": "翠颐社区第一党支部",
            "组织类型": "党支部",
            "所属领域": "社区",
            "上级组织编号": "B1",
            "所在社区": "翠颐社区",
            "成立日期": "2010-01-01",
        },
        {
            "组织编号": "B3",
            "组织名称": "昭信集团第一党支部",
            "组织类型": "党支部",
            "所属领域": "非公企业",
            "上级组织编号": "",
            "所在社区": "平北社区",
            "成立日期": "2012-05-01",
        },
    ],
    "members": [
        {
            "党员编号": "M1",
            "组织编号": "B2",
            "姓名": "张三明",
            "性别": "男",
            "出生日期": "1980-01-01",
            "民族": "汉族",
            "学历": "大学本科",
            "职业": "管理人员",
            "入党日期": "2005-07-01",
            "转正日期": "2006-07-01",
            "转入日期": "",
            "减少日期": "",
            "减少原因": "",
        },
        {
            "党员编号": "M2",
            "组织编号": "B2",
            "姓名": "李四",
            "性别": "女",
            "出生日期": "1990-05-05",
            "民族": "壮族",
            "学历": "大学专科",
            "职业": "专业技术人员",
            "入党日期": "2018-01-10",
            "转正日期": "",
            "转入日期": "",
            "减少日期": "",
            "减少原因": "",
        },
        {
            "党员编号": "M3",
            "组织编号": "B3",
            "姓名": "王五",
            "性别": "男",
            "出生日期": "1950-03-03",
            "民族": "汉族",
            "学历": "高中",
            "职业": "离退休人员",
            "入党日期": "1975-01-01",
            "转正日期": "1976-01-01",
            "转入日期": "2012-06-01",
            "减少日期": "2018-06-30",
            "减少原因": "转出",
        },
    ],
    "patents": [
        {
            "专利号": "CN201510000001.1",
            "组织编号": "B3",
            "专利类型": "发明",
            "申请日期": "2015-01-01",
            "授权日期": "2017-06-01",
            "专利名称": "一种散热模组",
            "发明人数": "3",
            "党员发明人数": "2",
        },
    ],
    "participation": [
        {
            "活动编号": "A1",
            "组织编号": "B2",
            "活动日期": "2018-11-30",
            "活动类型": "主题党日",
            "实到人数": "2",
            "应到人数": "2",
            "时长（小时）": "2.5",
            "群众参与人数": "5",
            "活动名称": "学习论坛精神",
        },
    ],
}


def csv_text(rows: list[dict[str, str]], delimiter: str = ",", newline: str = "\n") -> str:
    headers = list(dict.fromkeys(k for row in rows for k in row))
    lines = [delimiter.join(headers)]
    lines += [delimiter.join(row.get(h, "") for h in headers) for row in rows]
    return newline.join(lines) + newline


def write_xlsx(path: Path, rows: list[dict[str, object]], title_rows: int = 0) -> Path:
    """A workbook with ``title_rows`` rows (a title, then blanks) above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title_rows:
        sheet.append(["桂城街道党员名册（2018年11月）"])
        for _ in range(title_rows - 1):
            sheet.append([])
    headers = list(dict.fromkeys(k for row in rows for k in row))
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


Edit = Callable[[dict[str, list[dict[str, str]]]], None]


@pytest.fixture
def valid() -> dict[str, list[dict[str, str]]]:
    """A deep copy of VALID, for a test to break one thing in."""
    return copy.deepcopy(VALID)


@pytest.fixture
def write_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Write tables (dataset name -> rows with Chinese headers) as CSV files in a folder."""

    def write(tables: dict[str, list[dict[str, str]]], folder: str = "data") -> Path:
        out = tmp_path / folder
        out.mkdir(exist_ok=True)
        for name, rows in tables.items():
            (out / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
        return out

    return write


def zh_headers(dataset: str) -> list[str]:
    return [f.zh for f in DATASETS[dataset].fields]


@pytest.fixture(scope="session")
def small_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-checkable dataset of tests/small_dataset.py, as CSV files in a folder."""
    from tests.small_dataset import SMALL

    folder = tmp_path_factory.mktemp("small")
    for name, rows in SMALL.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def small(small_dir: Path) -> dict:
    from ingest import load_dataset

    result = load_dataset([small_dir], salt=SALT)
    assert result.ok, result.report.to_json()
    return result.tables


@pytest.fixture(autouse=True)
def _no_store(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see the sample (or the folder they name), never a developer's own store."""
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path_factory.getbasetemp() / "no-store"))


@pytest.fixture
def on_small(monkeypatch: pytest.MonkeyPatch, small_dir: Path) -> Callable[..., AppTest]:
    """``open_app`` on tests/small_dataset.py."""
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    return open_app


@pytest.fixture
def on_sample(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """``open_app`` on the bundled sample."""
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    return open_app


@pytest.fixture
def on_alerts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., AppTest]:
    """``open_app`` on tests/alert_dataset.py (each health rule once)."""
    from tests import alert_dataset  # it takes csv_text from this module

    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(alert_dataset.write(tmp_path / "alerts")))
    return open_app


@pytest.fixture(scope="session")
def sample_csv() -> dict[str, pd.DataFrame]:
    """The sample read with plain pandas (tests/by_hand.py): an independent view."""
    return read_sample()


IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    """A PostgreSQL server of the tests' own (tests/postgres.py); where none is installed,
    the PostgreSQL half of the store tests is skipped, except in CI, which installs one."""
    if bin_dir() is None and not IN_CI:
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    with running() as server:
        yield server


BACKENDS = ["folder", "postgresql"]


@pytest.fixture(params=BACKENDS)
def new_location(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., str]:
    """new_location(name="s") → where a new store of each backend is: a folder under
    tmp_path, or a fresh, migrated PostgreSQL database's address; the same name gives the
    same place again (for a store opened by another process, a command or the app)."""
    made: dict[str, str] = {}

    def make(name: str = "s") -> str:
        if name not in made:
            if request.param == "folder":
                made[name] = str(tmp_path / name)
            else:
                made[name] = request.getfixturevalue("postgres_server").create_database()
                migrate(made[name])
        return made[name]

    return make


@pytest.fixture
def new_store(new_location: Callable[..., str]) -> Callable[..., VersionStore]:
    """new_store(name="s") → a store of each backend (``new_location``): a folder, or a
    fresh, migrated PostgreSQL database; the same name gives the same store again."""
    made: dict[str, VersionStore] = {}

    def make(name: str = "s") -> VersionStore:
        if name not in made:
            location = new_location(name)
            made[name] = PostgresStore(location) if is_database(location) else Store(Path(location))
        return made[name]

    return make
