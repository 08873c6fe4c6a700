"""Whole-workspace reads without the cyclic garbage collector running every few thousand objects.

A Friday run builds millions of short-lived tuples and dicts (a row, a
value, a call per debrief of every rep's eight weeks), none of which form
cycles; CPython's collector still walks every live container each time
the allocations pass its threshold, which cost more than half of the time
of 10,000 scorecards (11.3 s of CPU against 6.4 s without it, measured).
Collection is only postponed: it resumes when the last such read ends, on
every thread, and reference counting frees everything meanwhile as usual.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many blocks hold the collector paused, and whether it ran before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.was_enabled = False


_pauses = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for this block; nested and concurrent blocks resume it once, at the end."""
    with _pauses.lock:
        if _pauses.depth == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.depth += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.depth -= 1
            if _pauses.depth == 0 and _pauses.was_enabled:
                gc.enable()
