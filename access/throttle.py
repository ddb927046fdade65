"""The limit on failed sign-ins: after MAX_FAILURES failed attempts for a key (a user name,
or a client address) within WINDOW seconds, further attempts for that key are refused until
the oldest of them is WINDOW seconds old; a success clears the key's failures. The counts
are kept in the store, shared by every server process (``access.ledger.Ledger.wait``,
``failed``, ``succeeded``)."""

from __future__ import annotations

MAX_FAILURES = 5
WINDOW = 15 * 60  # seconds
