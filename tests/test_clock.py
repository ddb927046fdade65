"""Today is the date in Beijing (or the configured time zone), not the host's: a record
dated today in Beijing is accepted while the server's UTC clock still says yesterday."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from domain import clock
from figures.display_tables import history_table, store_log_table
from ingest import load_dataset

# 20:00 UTC on 30 November 2018 is 04:00 on 1 December in Beijing
UTC_EVENING = dt.datetime(2018, 11, 30, 20, 0, tzinfo=dt.UTC)


@pytest.fixture
def beijing_morning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.TIME_ZONE_ENV, raising=False)
    monkeypatch.setattr(clock, "_utc_now", lambda: UTC_EVENING)


def test_today_is_the_date_in_beijing(beijing_morning: None) -> None:
    assert clock.today() == pd.Timestamp("2018-12-01")


def test_a_record_dated_today_in_beijing_is_not_in_the_future(
    beijing_morning: None, valid: dict, write_dataset
) -> None:
    valid["participation"][0]["活动日期"] = "2018-12-01"
    result = load_dataset([write_dataset(valid)], salt="s")
    assert not [p for p in result.report.problems if p.code == "logic.future_date"]


def test_a_record_dated_tomorrow_in_beijing_is_in_the_future(
    beijing_morning: None, valid: dict, write_dataset
) -> None:
    valid["participation"][0]["活动日期"] = "2018-12-02"
    result = load_dataset([write_dataset(valid)], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "logic.future_date"]
    assert (found.row, found.value) == (2, "2018-12-02")
    assert "2018-12-01" in found.message_zh  # today, as Beijing counts it


def test_another_configured_zone_decides_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_utc_now", lambda: UTC_EVENING)
    monkeypatch.setenv(clock.TIME_ZONE_ENV, "America/New_York")  # 15:00 on 30 November
    assert clock.today() == pd.Timestamp("2018-11-30")


def test_a_zone_that_is_not_one_is_refused_with_the_setting_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(clock.TIME_ZONE_ENV, "Beijing")
    with pytest.raises(ValueError, match="DANGJIAN_TIME_ZONE='Beijing'"):
        clock.today()


def test_the_import_log_names_the_configured_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    event = {"when": "2026-11-25T08:30:00+00:00", "action": "import", "version": "v0001"}
    monkeypatch.delenv(clock.TIME_ZONE_ENV, raising=False)
    assert "时间（北京时间）" in store_log_table([event], "zh").columns
    monkeypatch.setenv(clock.TIME_ZONE_ENV, "Asia/Urumqi")  # UTC+6
    log = store_log_table([event], "en")
    assert log["When (Asia/Urumqi)"].tolist() == ["2026-11-25 14:30:00"]
    assert log["Action"].tolist() == ["Import"]  # a word, not the code "import"
    history = pd.DataFrame({"version": ["v0001"], "current": [True], "by": ["组织办"],
                            "created": [event["when"]], "files": [("members.csv",)],
                            "members_rows": [3]})  # fmt: skip
    assert "导入时间（Asia/Urumqi）" in history_table(history, "zh").columns
