"""Bolt's listener executor, counting the listeners still working after their ack.

Listeners DM, upload charts and republish App Homes after `ack()`, on Bolt's
worker threads. The tests and the offline demo wait until those are done
(`wait_idle`) instead of sleeping a guessed amount or waiting for "some new
call", which on a busy machine can be an earlier listener's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import App

# How long a test or the demo waits for the app's work after its ack. Generous
# on purpose: on a loaded two-core machine a listener can take seconds, and a
# wait ends as soon as its condition holds, so a long deadline costs nothing.
WAIT_SECONDS = 30.0


class ListenerPool(ThreadPoolExecutor):
    """A thread pool for Bolt's listeners that knows when none is running."""

    def __init__(self) -> None:
        super().__init__(max_workers=10, thread_name_prefix="listener")
        self._idle = threading.Condition()
        self._running = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        # Counted before the work is queued, so a listener submitted by a
        # dispatch that has returned is never missed by `wait_idle`.
        with self._idle:
            self._running += 1

        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                with self._idle:
                    self._running -= 1
                    self._idle.notify_all()

        return super().submit(run)

    def wait_idle(self, timeout: float = WAIT_SECONDS) -> None:
        """Return once every listener submitted so far has finished; AssertionError after `timeout`."""
        with self._idle:
            assert self._idle.wait_for(lambda: self._running == 0, timeout), (
                f"listeners still busy after {timeout:.1f}s"
            )


def counted_listeners(app: App) -> ListenerPool:
    """Give `app` a `ListenerPool` (once) and return it; call before dispatching anything."""
    runner = app.listener_runner
    if not isinstance(runner.listener_executor, ListenerPool):
        runner.listener_executor = ListenerPool()
    pool = runner.listener_executor
    assert isinstance(pool, ListenerPool)
    return pool
