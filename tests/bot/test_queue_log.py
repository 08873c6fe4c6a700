"""Under load the log keeps one line a minute about waitress' queue, not one line per queued request."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import cast

import pytest
from waitress.task import Task, ThreadedTaskDispatcher

from bot.queue_log import QUEUE_LOGGER, FoldedQueueWarnings, fold_queue_warnings


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class NoTask:
    """What waitress queues; never run here (the dispatcher has no threads)."""

    def service(self) -> None:
        raise AssertionError("not run")


def waiting() -> Task:
    return cast(Task, NoTask())  # only queued: waitress reads nothing of it


@pytest.fixture
def folded() -> Iterator[tuple[FoldedQueueWarnings, Clock]]:
    clock = Clock()
    fold = FoldedQueueWarnings(60.0, clock)
    logger = logging.getLogger(QUEUE_LOGGER)
    # A server started by another test in this process installed the real one (on the real clock).
    installed = [f for f in logger.filters if isinstance(f, FoldedQueueWarnings)]
    for other in installed:
        logger.removeFilter(other)
    logger.addFilter(fold)
    yield fold, clock
    logger.removeFilter(fold)
    for other in installed:
        logger.addFilter(other)


def queue_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == QUEUE_LOGGER]


def test_five_hundred_queued_requests_make_one_line(folded, caplog: pytest.LogCaptureFixture) -> None:
    dispatcher = ThreadedTaskDispatcher()  # no threads: every task waits, and waitress warns for each

    with caplog.at_level(logging.WARNING, logger=QUEUE_LOGGER):
        for _ in range(500):
            dispatcher.add_task(waiting())

    assert queue_lines(caplog) == ["Task queue depth is 1"]


def test_the_next_line_after_a_minute_says_how_many_were_folded_and_how_deep(
        folded, caplog: pytest.LogCaptureFixture) -> None:
    _, clock = folded
    dispatcher = ThreadedTaskDispatcher()
    with caplog.at_level(logging.WARNING, logger=QUEUE_LOGGER):
        for _ in range(40):
            dispatcher.add_task(waiting())
        clock.now += 59.0
        dispatcher.add_task(waiting())  # still inside the minute: folded too
        clock.now += 1.5
        dispatcher.add_task(waiting())

    assert queue_lines(caplog) == [
        "Task queue depth is 1",
        "Task queue depth is 42 (40 more such warnings in the last 60 s, deepest 42)",
    ]


def test_a_quiet_queue_is_reported_as_it_is(folded, caplog: pytest.LogCaptureFixture) -> None:
    _, clock = folded
    with caplog.at_level(logging.WARNING, logger=QUEUE_LOGGER):
        logging.getLogger(QUEUE_LOGGER).warning("Task queue depth is %d", 3)
        clock.now += 120.0
        logging.getLogger(QUEUE_LOGGER).warning("Task queue depth is %d", 2)

    assert queue_lines(caplog) == ["Task queue depth is 3", "Task queue depth is 2"]


def test_installing_twice_keeps_one_filter() -> None:
    logger = logging.getLogger(QUEUE_LOGGER)
    before = list(logger.filters)
    first = fold_queue_warnings()
    try:
        assert fold_queue_warnings() is first
        assert [f for f in logger.filters if isinstance(f, FoldedQueueWarnings)] == [first]
    finally:
        if first not in before:
            logger.removeFilter(first)
