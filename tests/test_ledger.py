"""The access ledger (``access.ledger``): accounts, failed sign-ins and ended sign-ins shared
by every server process, and an audit trail nobody can change."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from access.accounts import new_account
from access.ledger import FILE_NAME, Entry, Ledger

KEYS = ["user:zhao", "address:198.51.100.7"]


def test_an_account_reads_back_as_it_was_put(tmp_path: Path) -> None:
    entry, _ = new_account("li", "李明", "editor", ("C1", "P1"))
    Ledger(tmp_path).put([entry], by="wang")
    assert Ledger(tmp_path).account("li") == entry
    assert [e.name for e in Ledger(tmp_path).accounts()] == ["li"]


def test_a_store_without_the_file_has_no_accounts_and_makes_none(tmp_path: Path) -> None:
    assert not Ledger(tmp_path).has_accounts()
    assert not (tmp_path / FILE_NAME).exists()


def test_five_failures_in_the_window_make_a_key_wait(tmp_path: Path) -> None:
    now = [1000.0]
    ledger = Ledger(tmp_path, clock=lambda: now[0])
    for _ in range(4):
        ledger.failed(KEYS, window=900)
    assert ledger.wait(KEYS, 5, 900) == 0
    ledger.failed(KEYS, window=900)
    assert ledger.wait(KEYS, 5, 900) == 900  # until the first of the five is 900 s old
    now[0] += 600
    assert ledger.wait(KEYS, 5, 900) == 300
    now[0] += 300
    assert ledger.wait(KEYS, 5, 900) == 0


def test_a_success_clears_only_the_keys_it_names(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, clock=lambda: 1000.0)
    for _ in range(5):
        ledger.failed(KEYS, window=900)
    ledger.succeeded(KEYS[:1])
    assert ledger.wait(KEYS[:1], 5, 900) == 0
    assert ledger.wait(KEYS[1:], 5, 900) > 0


def _fail_once(folder: str) -> None:
    Ledger(Path(folder)).failed(KEYS, window=900)


def test_failures_in_other_processes_count_here(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(5) as pool:
        pool.map(_fail_once, [str(tmp_path)] * 5)
    assert Ledger(tmp_path).wait(KEYS, 5, 900) > 0


def test_an_ended_sign_in_is_ended_for_every_reader(tmp_path: Path) -> None:
    Ledger(tmp_path).end("token-1")
    assert Ledger(tmp_path).ended("token-1")
    assert not Ledger(tmp_path).ended("token-2")


def test_the_audit_trail_lists_entries_newest_first(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    ledger.record(Entry("li", "sign_in", "甲社区党委", "198.51.100.7", "login"))
    ledger.record(Entry("li", "member_list", "甲社区党委", "198.51.100.7", "branch", "C1a"))
    trail = ledger.trail()
    assert [e["action"] for e in trail] == ["member_list", "sign_in"]
    assert trail[0]["organisation"] == "C1a" and trail[0]["who"] == "li"


@pytest.mark.parametrize(
    "statement", ["UPDATE audit SET who = 'someone else'", "DELETE FROM audit"]
)
def test_nobody_can_change_or_delete_an_audit_entry(tmp_path: Path, statement: str) -> None:
    Ledger(tmp_path).record(Entry("li", "sign_in"))
    con = sqlite3.connect(tmp_path / FILE_NAME)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute(statement)
    con.close()
    assert [e["who"] for e in Ledger(tmp_path).trail()] == ["li"]


def test_the_server_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    first = Ledger(tmp_path).secret()
    assert len(first) >= 40 and Ledger(tmp_path).secret() == first
