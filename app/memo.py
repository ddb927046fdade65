"""A result made once for the same arguments and shared by every session, at the cost of a
dict lookup: for the small, hot calls of every run (a figure, a structure count), where
Streamlit's own cache (``st.cache_resource``) spends more on hashing its arguments than
the call itself costs (its key reads the function's signature and hashes every argument
on every call: about a fifth of a warm members view).

Arguments are keyed as they are when hashable (strings, dates, ``Scope``), frames and
series by the digest of their pickle (``frame_key``), containers by their items. A result
is shared, never copied: callers must not modify it, nor a frame once they have given it.
Concurrent callers of the same key wait for one computation, as with Streamlit's cache; at
most ``size`` results are kept, the least recently used dropped first.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

import pandas as pd

P = ParamSpec("P")
R = TypeVar("R")


def frame_key(frame: object) -> bytes:
    """A frame's key (or any picklable value's): the digest of its pickle. Equal pickles
    are equal frames; equal frames pickled apart at worst miss the cache. A frame or series
    is pickled once while it lives (``_DIGESTS``): the shared results a page passes on are
    the same objects on every run, and are never changed."""
    if not isinstance(frame, pd.DataFrame | pd.Series):
        return _digest(frame)
    known = _DIGESTS.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    digest = _digest(frame)
    ident = id(frame)
    _DIGESTS[ident] = (weakref.ref(frame, lambda _: _DIGESTS.pop(ident, None)), digest)
    return digest


def _digest(value: object) -> bytes:
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest()


# id of a live frame → (a weak reference to it, its digest); an entry goes as its frame does
_DIGESTS: dict[int, tuple[weakref.ref, bytes]] = {}


def argument_key(value: object) -> Hashable:
    """``value`` as part of a key: frames by ``frame_key``; tuples, lists and dicts by
    their items; a ``functools.partial`` by its function and arguments; anything else
    hashable as itself, and anything else by ``frame_key`` too."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return (type(value).__name__, frame_key(value))
    if isinstance(value, tuple | list):
        return (type(value).__name__, tuple(argument_key(v) for v in value))
    if isinstance(value, functools.partial):  # made anew on every run: keyed by its parts
        return ("partial", value.func, argument_key(value.args), argument_key(value.keywords))
    if isinstance(value, dict):
        return ("dict", tuple((argument_key(k), argument_key(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return ("pickled", frame_key(value))
    return value  # type: ignore[return-value]  # hash() accepted it


class Shared:
    """The results of one function, by key (see the module)."""

    def __init__(self, function: Callable[..., Any], size: int) -> None:
        self.function = function
        self.size = size
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        key = (argument_key(args), argument_key(tuple(sorted(kwargs.items()))))
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._done:
                    return self._done[key]
            value = self.function(*args, **kwargs)
            with self._lock:
                self._done[key] = value
                while len(self._done) > self.size:
                    self._done.popitem(last=False)
                self._pending.pop(key, None)
        return value


def shared(size: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: the function's results shared by every session (see the module)."""

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        return functools.wraps(function)(Shared(function, size))  # type: ignore[return-value]  # Shared is called as the function is

    return wrap
