"""The access records on both backends (``access.ledger`` in SQLite beside a folder store,
``access.pg_ledger`` in a city's PostgreSQL store): what every host shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from adbc_driver_postgresql import dbapi

from access.accounts import new_account
from access.ledger import Entry, Ledger
from access.pg_ledger import PostgresLedger, open_ledger
from ingest.migrate import migrate

KEYS = ["user:zhao", "address:198.51.100.7"]


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_at(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Ledger]:
    """ledger_at(clock=…) → a ledger of each backend; every call reads the same records,
    as another server process (or host) would."""
    if request.param == "sqlite":
        return lambda clock=None: open_ledger(str(tmp_path), *((clock and [clock]) or []))
    uri = request.getfixturevalue("postgres_server").create_database()
    migrate(uri)
    return lambda clock=None: open_ledger(uri, *((clock and [clock]) or []))


def test_an_account_reads_back_as_it_was_put_and_is_replaced_whole(ledger_at) -> None:
    entry, _ = new_account("li", "李明", "editor", ("C1", "P1"))
    ledger_at().put([entry], by="wang")
    assert ledger_at().account("li") == entry
    assert ledger_at().has_accounts() and [e.name for e in ledger_at().accounts()] == ["li"]
    changed, _ = new_account("li", "李明", "viewer", ())
    ledger_at().put([changed], by="wang")
    assert ledger_at().account("li") == changed
    assert ledger_at().account("nobody") is None


def test_five_failures_in_the_window_make_a_key_wait_on_every_host(ledger_at) -> None:
    now = [1000.0]
    for _ in range(5):
        ledger_at(lambda: now[0]).failed(KEYS, window=900)
    assert ledger_at(lambda: now[0]).wait(KEYS, 5, 900) == 900
    now[0] += 600
    assert ledger_at(lambda: now[0]).wait(KEYS, 5, 900) == 300
    ledger_at(lambda: now[0]).succeeded(KEYS[:1])
    assert ledger_at(lambda: now[0]).wait(KEYS[:1], 5, 900) == 0
    assert ledger_at(lambda: now[0]).wait(KEYS[1:], 5, 900) == 300


def test_ended_sign_ins_and_a_hand_over_used_once(ledger_at) -> None:
    ledger_at(lambda: 50.0).end("token-1")
    assert ledger_at().ended("token-1") and not ledger_at().ended("token-2")
    assert ledger_at().ended_until("li") == 0.0
    ledger_at(lambda: 100.0).end_all("li")
    ledger_at(lambda: 200.0).end_all("li")
    assert ledger_at().ended_until("li") == 200.0
    assert ledger_at(lambda: 300.0).hand_over("h-1")
    assert not ledger_at(lambda: 301.0).hand_over("h-1")


def test_the_audit_trail_lists_entries_newest_first(ledger_at) -> None:
    ledger_at().record(Entry("li", "sign_in", address="198.51.100.7"))
    ledger_at().record(Entry("wang", "export", page="sectors", detail="csv"))
    trail = ledger_at().trail()
    assert [(e["who"], e["action"]) for e in trail] == [("wang", "export"), ("li", "sign_in")]
    assert trail[0]["page"] == "sectors" and trail[1]["address"] == "198.51.100.7"
    assert [e["who"] for e in ledger_at().trail(limit=1)] == ["wang"]


def test_the_server_secret_is_made_once_and_kept(ledger_at) -> None:
    first = ledger_at().secret()
    assert len(first) >= 40 and ledger_at().secret() == first


@pytest.mark.parametrize("statement", ["UPDATE access_audit SET who = 'x'",
                                       "DELETE FROM access_audit"])  # fmt: skip
def test_nobody_can_change_or_delete_an_audit_entry_in_the_database(
    postgres_server, statement: str
) -> None:
    uri = postgres_server.create_database()
    migrate(uri)
    PostgresLedger(uri).record(Entry("li", "sign_in"))
    with dbapi.connect(uri) as conn, conn.cursor() as cursor:
        with pytest.raises(dbapi.Error, match="append-only"):
            cursor.execute(statement)
        conn.rollback()
    assert [e["who"] for e in PostgresLedger(uri).trail()] == ["li"]
