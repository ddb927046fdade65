"""Memory a load has freed, given back to the system.

A session's run is a thread, and glibc gives each thread's allocations an arena of their
own; what a run frees there stays in the process unless ``malloc_trim`` hands it back.
Loading a version (and the first view computed on it) frees a lot at once: at 100× the
sample a server held 1,181 MB after its first view, 980 MB after a trim. So the run that
loaded a version asks for a trim (``request``) and the shell trims as that run ends
(``give_back``). Trimming on every run, or every few seconds, cost more than it saved: a
busy room then faulted its freed pages back in, a view at a time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


class Trimmer:
    """Calls ``trim(0)`` once after each ``request``."""

    def __init__(self, trim: Callable[[int], int] | None) -> None:
        self.trim = trim
        self._asked = False
        self._lock = threading.Lock()

    def request(self) -> None:
        """A trim is worth doing when the current run ends (a version was loaded)."""
        with self._lock:
            self._asked = True

    def __call__(self) -> bool:
        """Trim if one was asked for since the last; whether it did."""
        with self._lock:
            asked, self._asked = self._asked, False
        if not asked or self.trim is None:
            return False
        self.trim(0)
        return True


give_back = Trimmer(_malloc_trim())
