"""The load benchmark at a set pace: requests arrive as people click, whatever the answers.

At a fixed concurrency (tests/bench/load_mix.py `drive`) each client sends its
next request when the last is answered, so both apps run flat out and the time
to respond is the queue in front of them: by Little's law, p50 is about the
concurrency divided by the throughput (20 / 129 requests/s = 155 ms for bare
Bolt). The ratio of two such times is the ratio of the two apps' CPU per
request, not what anyone waits. Slack sends requests as people act, at a rate
that does not slow down when the app does; `drive_paced` does the same
(Poisson arrivals at `rate` a second from a seeded random, each request on a
free keep-alive connection) and counts each time from the request's arrival,
so a request that had to wait for a connection is charged for it.

The answer to `/scorecard`, `/debrief` and the challenge button comes after the
ack (at the response_url, `views.open`, `chat.update`): `answered_ms` is when
that Web API call reached the fake Slack, from the request's arrival.
"""

from __future__ import annotations

import http.client
import queue
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from tests.bench.load_mix import Outcome, Planned

# The kinds answered after the ack, and the Web API call that is their answer (the first one they expect).
ANSWERED_AFTER_ACK = ("/scorecard", "/debrief", "challenge button")
CONNECTIONS = 64  # more than ever needed at the paces measured: a request never waits for a connection


@dataclass
class Paced:
    """One app's requests at one pace: outcomes (ms from arrival to HTTP answer), arrivals, answers."""

    rate: float
    planned: list[Planned]
    outcomes: list[Outcome]
    arrived_at: list[float]  # time.monotonic() of each request's arrival
    seconds: float
    answered_ms: dict[str, list[float]] = field(default_factory=dict)

    def ms(self, kind: str | None = None) -> list[float]:
        return [o.ms for o in self.outcomes if kind is None or o.kind == kind]

    def note_answers(self, accepted_at: dict[tuple[str, str], float]) -> None:
        """`accepted_at`: when each Web API call first reached the fake Slack (same clock, every process)."""
        for item, arrived in zip(self.planned, self.arrived_at, strict=True):
            if item.kind in ANSWERED_AFTER_ACK and item.expected[0] in accepted_at:
                ms = (accepted_at[item.expected[0]] - arrived) * 1000
                self.answered_ms.setdefault(item.kind, []).append(ms)


def arrivals(count: int, rate: float, seed: int) -> list[float]:
    """Seconds from the start of each of `count` arrivals, `rate` a second on average (Poisson)."""
    chance, at, times = random.Random(seed), 0.0, []
    for _ in range(count):
        at += chance.expovariate(rate)
        times.append(at)
    return times


def drive_paced(url: str, planned: Sequence[Planned], rate: float, *, seed: int = 24) -> Paced:
    """POST `planned` to url's /slack/events as they arrive, at `rate` a second on average."""
    host, port = url.removeprefix("http://").split(":")
    offsets = arrivals(len(planned), rate, seed)
    outcomes: list[Outcome | None] = [None] * len(planned)
    arrived: list[float] = [0.0] * len(planned)
    waiting: queue.Queue[int | None] = queue.Queue()

    def connection_worker() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            while (index := waiting.get()) is not None:
                item = planned[index]
                connection.request("POST", "/slack/events", body=item.request.body.encode(),
                                   headers=item.request.headers)
                response = connection.getresponse()
                text = response.read().decode()
                outcomes[index] = Outcome(item.kind, response.status, text, (time.monotonic() - arrived[index]) * 1000)
        finally:
            connection.close()

    workers = [threading.Thread(target=connection_worker, name=f"paced-{n}") for n in range(CONNECTIONS)]
    for worker in workers:
        worker.start()
    started = time.monotonic()
    for index, offset in enumerate(offsets):
        delay = started + offset - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # the pace itself: the next person acts at their moment, not on a condition
        arrived[index] = time.monotonic()
        waiting.put(index)
    for _ in workers:
        waiting.put(None)
    for worker in workers:
        worker.join()
    done = [o for o in outcomes if o is not None]
    assert len(done) == len(planned), f"{len(planned) - len(done)} requests got no answer"
    return Paced(rate, list(planned), done, arrived, time.monotonic() - started)
