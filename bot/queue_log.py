"""waitress' queue warnings, folded: at most one line a minute saying how deep the queue got.

waitress logs "Task queue depth is N" (logger `waitress.queue`) for every
request that arrives while all its threads are busy: under load that is one
line per request (39,798 lines in one 30-second run of the load benchmark),
which buries everything else. A queue is worth knowing about, not line by
line: the first warning goes out as it is, then the rest of the interval is
counted and the deepest depth kept, and the next warning after the interval
says both ("... 412 more since, deepest 37").
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

QUEUE_LOGGER = "waitress.queue"
FOLD_SECONDS = 60.0


class FoldedQueueWarnings(logging.Filter):
    """A filter for `waitress.queue`: one record per `interval`, the others counted into the next one."""

    def __init__(self, interval: float = FOLD_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()  # waitress warns from its socket thread and from worker threads
        self._last_sent: float | None = None
        self._folded = 0
        self._deepest = 0

    def filter(self, record: logging.LogRecord) -> bool:
        depth = _depth(record)
        now = self._clock()
        with self._lock:
            if self._last_sent is not None and now - self._last_sent < self._interval:
                self._folded += 1
                self._deepest = max(self._deepest, depth)
                return False
            folded, deepest = self._folded, max(self._deepest, depth)
            self._last_sent, self._folded, self._deepest = now, 0, 0
        if folded:
            record.msg = "Task queue depth is %d (%d more such warnings in the last %.0f s, deepest %d)"
            record.args = (depth, folded, self._interval, deepest)
        return True


def _depth(record: logging.LogRecord) -> int:
    args = record.args
    if isinstance(args, tuple) and args and isinstance(args[0], int):
        return args[0]
    return 0


def fold_queue_warnings(interval: float = FOLD_SECONDS) -> FoldedQueueWarnings:
    """Install the filter on waitress' queue logger once per process (again: the one installed is kept)."""
    logger = logging.getLogger(QUEUE_LOGGER)
    for existing in logger.filters:
        if isinstance(existing, FoldedQueueWarnings):
            return existing
    folded = FoldedQueueWarnings(interval)
    logger.addFilter(folded)
    return folded
