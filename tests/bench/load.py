"""Load: 2,000 signed requests at concurrency 20 over HTTP, Coachflow beside a bare Bolt app, same run.

Coachflow is `coachflow run --http` as a subprocess on a database holding a
10,000-person workspace (tests/bench/load_seed.py); the bare Bolt app
(tests/bench/load_bare_bolt.py) is a subprocess too and answers the same mix
(tests/bench/load_mix.py) with the same Web API calls and no database. Each
talks to its own fake Slack, both in a process of their own
(tests/bench/load_slack.py). Both are warmed up, then measured in alternate
rounds so that whatever else the machine does falls on both alike. Time to
respond is until the HTTP response arrives. Afterwards every request must have
been answered 200 (a submission without inline errors) and every Web API call
the mix asks for must have reached the fake Slack and been accepted; peak
memory is each server's VmHWM. On SQLite, and on PostgreSQL in a schema of
its own (COACHFLOW_TEST_DATABASE_URL, else the local default), dropped after.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.fake_slack import RESPONSE_URL, SlackRequests
from storage import migrate
from storage.uow import make_engine, normalise_database_url
from tests.bench.load_mix import KINDS, Mix, Outcome, Planned, clicks_needed, drive, wrong_answers
from tests.bench.load_paced import ANSWERED_AFTER_ACK, Paced, drive_paced
from tests.bench.load_seed import TEAM, People, record_nudges, seed
from tests.bench.load_servers import Server, start_bare_bolt, start_coachflow
from tests.bench.load_slack import slack_process

SECRET = "load-bench-secret"
TOTAL, CONCURRENCY, PEOPLE, ROUNDS = 2_000, 20, 10_000, 4
# Requests a second as people click (tests/bench/load_paced.py). A busy 10,000-person workspace: 5,000
# coached reps with about 10 requests each on a working day (debriefs, modals, Homes, nudges, scorecards)
# is 1.7 a second over 8 hours, about 5 a second in its busiest hour; 10 a second is twice that.
PACES, PACED_TOTAL = (5.0, 10.0), 300
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SETTLE_SECONDS = 300.0  # the most the work after the acks may take to reach the fake Slack
NUDGE = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Day 11 of 21*: ask at least 5 probing questions."}}]
_RESPOND_KEYS = ("text", "blocks", "attachments", "response_type", "replace_original", "unfurl_links", "unfurl_media")


@dataclass
class Measured:
    outcomes: list[Outcome]
    seconds: float
    peak_mib: float
    settled: tuple[int, float]  # Web API calls checked, seconds from the last answer to the last call
    wrong: list[str]
    cpu_seconds: float = 0.0  # the server's CPU for the measured rounds and the work after their acks
    paced: list[Paced] = field(default_factory=list)

    @property
    def web_api_calls(self) -> int:
        return self.settled[0]

    def ms(self, kind: str | None = None) -> list[float]:
        return [o.ms for o in self.outcomes if kind is None or o.kind == kind]

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.cpu_seconds / len(self.outcomes)

    @property
    def throughput(self) -> float:
        return len(self.outcomes) / self.seconds


@dataclass
class Result:
    label: str
    people: int
    concurrency: int
    coachflow: Measured
    bare: Measured
    seed_seconds: float


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class _App:
    """One server under load with its fake Slack, its mix and what it was asked to do."""

    server: Server
    slack: Any  # a SlackHost proxy
    mix: Mix
    expected: list[tuple[str, str]]
    wrong: list[str] = field(default_factory=list)
    last_answer_at: float = 0.0  # time.monotonic() when the last answer arrived

    def send(self, planned: list[Planned], concurrency: int) -> tuple[list[Outcome], float]:
        """Send `planned`; what was answered wrongly is kept (and reported), what was answered right must
        cause its Web API calls."""
        outcomes, seconds = drive(self.server.url, planned, concurrency)
        self.last_answer_at = time.monotonic()
        for item, outcome in zip(planned, outcomes, strict=True):
            wrong = wrong_answers([outcome])
            self.wrong += wrong
            if not wrong:
                self.expected += item.expected
        return outcomes, seconds

    def send_paced(self, planned: list[Planned], rate: float) -> Paced:
        paced = drive_paced(self.server.url, planned, rate)
        self.last_answer_at = time.monotonic()
        for item, outcome in zip(planned, paced.outcomes, strict=True):
            wrong = wrong_answers([outcome])
            self.wrong += wrong
            if not wrong:
                self.expected += item.expected
        return paced

    def settled(self) -> tuple[int, float]:
        """Wait until every expected Web API call arrived and was accepted; (how many were checked, how many
        seconds after the last answer the last of them arrived: the work still queued when the load ended)."""
        missing = self.slack.wait_for(self.expected, SETTLE_SECONDS)
        refused = self.slack.refused()
        assert not missing, f"{self.server.name}: {len(missing)} expected Web API calls missing, e.g. {missing[:5]}"
        assert not refused, f"{self.server.name}: the fake Slack refused {len(refused)} calls, e.g. {refused[:5]}"
        return len(self.expected), max(0.0, self.slack.last_accepted_at() - self.last_answer_at)


def measure(database_url: str, label: str, *, total: int = TOTAL, concurrency: int = CONCURRENCY,
            people: int = PEOPLE, rounds: int = ROUNDS, paces: Sequence[float] = PACES,
            paced_total: int = PACED_TOTAL) -> Result:
    """Seed, serve, warm up and measure both apps on `database_url` (migrated and empty): at `concurrency`,
    then at each of `paces` (`paced_total` requests each)."""
    crowd = People(people)
    warm = max(2 * len(KINDS), total // 10 // len(KINDS) * len(KINDS))
    chunk = -(-total // rounds // len(KINDS)) * len(KINDS)
    engine = make_engine(database_url)
    started = time.perf_counter()
    migrate.upgrade(engine)
    challenges = seed(engine, crowd)
    seed_seconds = time.perf_counter() - started
    clicked = [crowd.rep_id(n) for n in random.Random(7).sample(range(crowd.reps),
                                                                   clicks_needed(warm) + clicks_needed(total) * 2
                                                                   + clicks_needed(paced_total) * len(paces))]
    with tempfile.TemporaryDirectory() as scratch, slack_process() as manager:
        slacks = [manager.SlackHost(TEAM, crowd.everyone()) for _ in range(2)]
        nudges = [slack.post_nudges(clicked, NUDGE) for slack in slacks]
        record_nudges(engine, crowd, challenges, nudges[0])
        engine.dispose()
        api_url, response_base, token = slacks[0].addresses()
        coachflow = start_coachflow(Path(scratch), database_url=database_url, api_url=api_url, token=token,
                                    secret=SECRET)
        with _stopping(coachflow):
            coachflow.wait_until_ready()
            ours = _App(coachflow, slacks[0], _mix(crowd, response_base, challenges, nudges[0]), [])
            payloads = _warm_up(ours, warm, concurrency)
            bare_api, bare_base, bare_token = slacks[1].addresses()
            (Path(scratch) / "payloads.json").write_text(json.dumps(payloads))
            bare = start_bare_bolt(Path(scratch), payloads=Path(scratch) / "payloads.json", api_url=bare_api,
                                   token=bare_token, secret=SECRET, managers=crowd.managers)
            with _stopping(bare):
                bare.wait_until_ready()
                theirs = _App(bare, slacks[1], _mix(crowd, bare_base, challenges, nudges[1]), [])
                theirs.mix.modal_blocks = ours.mix.modal_blocks
                _warm_up(theirs, warm, concurrency)
                cpu_before = [app.server.cpu_seconds() for app in (ours, theirs)]
                measured = _rounds([ours, theirs], chunk, rounds, concurrency)
                results = []
                for app, (outcomes, seconds), cpu in zip((ours, theirs), measured, cpu_before, strict=True):
                    settled = app.settled()  # first: the peak memory includes the work after the acks
                    results.append(Measured(outcomes, seconds, app.server.peak_memory_mib(), settled, app.wrong,
                                            app.server.cpu_seconds() - cpu))
                for rate in paces:
                    for app, result in zip((ours, theirs), results, strict=True):
                        result.paced.append(app.send_paced(app.mix.plan(paced_total), rate))
                        app.settled()
                        result.paced[-1].note_answers(app.slack.accepted_at(
                            [p.expected[0] for p in result.paced[-1].planned if p.kind in ANSWERED_AFTER_ACK]))
    return Result(label, people, concurrency, results[0], results[1], seed_seconds)


def _mix(crowd: People, response_base: str, challenges: dict[str, int], nudges: dict[str, tuple[str, str]]) -> Mix:
    return Mix(crowd, SlackRequests(SECRET, team_id=TEAM, response_url_base=response_base), challenges, nudges)


def _warm_up(app: _App, count: int, concurrency: int) -> dict[str, Any]:
    """A /debrief first (its modal is what the submissions submit), then `count` requests of the mix;
    returns the payloads Coachflow sent for each kind (what the bare Bolt app will send)."""
    first = app.mix.plan(2)[1]
    app.send([first], 1)
    trigger = first.expected[0][1]
    app.slack.wait_for(list(first.expected), SETTLE_SECONDS)
    modal = app.slack.last_params("views.open", trigger)["view"]
    app.mix.modal_blocks = modal["blocks"]
    planned = app.mix.plan(count)
    outcomes, _ = app.send(planned, concurrency)
    app.settled()
    submitted = next(p for p, o in zip(planned, outcomes, strict=True)
                     if p.kind == "debrief submitted" and not wrong_answers([o]))
    rep, manager = submitted.expected[1][1], submitted.expected[2][1]
    scorecard = app.slack.last_params(RESPONSE_URL)
    copy, update = app.slack.last_params("chat.postMessage", rep), app.slack.last_params("chat.update")
    payloads = {
        "scorecard": {k: v for k, v in scorecard.items() if k in _RESPOND_KEYS},
        "debrief_modal": modal,
        "debrief_copy": {k: copy[k] for k in ("text", "blocks") if k in copy},
        "nudge_update": {k: update[k] for k in ("text", "blocks") if k in update},
        "rep_home": app.slack.last_params("views.publish", rep)["view"],
        "manager_home": app.slack.last_params("views.publish", manager)["view"],
    }
    app.slack.reset()
    app.expected, app.wrong = [], []
    return payloads


def _rounds(apps: list[_App], chunk: int, rounds: int, concurrency: int) -> list[tuple[list[Outcome], float]]:
    """`rounds` rounds of `chunk` requests each, the apps taking turns (and turns about who goes first)."""
    done: list[tuple[list[Outcome], float]] = [([], 0.0) for _ in apps]
    for number in range(rounds):
        order = list(range(len(apps))) if number % 2 == 0 else list(reversed(range(len(apps))))
        for index in order:
            outcomes, seconds = apps[index].send(apps[index].mix.plan(chunk), concurrency)
            done[index] = (done[index][0] + outcomes, done[index][1] + seconds)
    return done


@contextmanager
def _stopping(server: Server) -> Iterator[Server]:
    try:
        yield server
    except BaseException:
        server.stop()
        print(f"--- {server.name} log (last lines) ---\n{server.log_tail()}")
        raise
    server.stop()


def on_sqlite(**sizes: Any) -> Result:
    with tempfile.TemporaryDirectory() as scratch:
        return measure(f"sqlite:///{Path(scratch) / 'load.db'}", "SQLite", **sizes)


def on_postgres(base: str, **sizes: Any) -> Result:
    """In a schema of its own in `base`'s database, dropped afterwards (even when the run fails)."""
    from sqlalchemy import create_engine, make_url, text

    admin = create_engine(normalise_database_url(base), isolation_level="AUTOCOMMIT")
    schema = f"coachflow_load_{os.getpid()}_{int(time.time())}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = make_url(normalise_database_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
            return measure(url.render_as_string(hide_password=False), "PostgreSQL", **sizes)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def postgres_unreachable(base: str) -> str | None:
    """Why PostgreSQL cannot be used (in one line), or None when it answers."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(normalise_database_url(base), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        return str(error.orig).strip().splitlines()[0] if error.orig else str(error).splitlines()[0]
    finally:
        engine.dispose()
    return None


def report(result: Result) -> list[str]:
    ours, theirs = result.coachflow, result.bare
    lines = [
        (f"Load ({result.label}): {len(ours.outcomes):,} signed requests each at concurrency {result.concurrency} "
         f"over HTTP, {result.people:,} people (seeded in {result.seed_seconds:.1f} s); time to respond in ms:"),
        f"  {'':<19}{'Coachflow p50':>14}{'p99':>8}{'bare Bolt p50':>15}{'p99':>8}{'ratio p50':>11}{'p99':>7}",
    ]
    for kind in (*KINDS, None):
        mine, base = ours.ms(kind), theirs.ms(kind)
        p50, p99 = statistics.median(mine), percentile(mine, 0.99)
        b50, b99 = statistics.median(base), percentile(base, 0.99)
        lines.append(f"  {kind or 'overall':<19}{p50:14.1f}{p99:8.1f}{b50:15.1f}{b99:8.1f}"
                     f"{p50 / b50:10.2f}x{p99 / b99:6.2f}x")
    slowest = max(ours.ms())
    lines += [
        (f"  throughput: Coachflow {ours.throughput:.0f} requests/s, bare Bolt {theirs.throughput:.0f} requests/s; "
         f"slowest Coachflow answer {slowest:.0f} ms (Slack allows 3000 ms)"),
        f"  peak memory (VmHWM): Coachflow {ours.peak_mib:.0f} MiB, bare Bolt {theirs.peak_mib:.0f} MiB",
        (f"  server CPU per request (user + system, work after the ack included): Coachflow "
         f"{ours.cpu_ms_per_request:.1f} ms, bare Bolt {theirs.cpu_ms_per_request:.1f} ms "
         f"({ours.cpu_ms_per_request / max(theirs.cpu_ms_per_request, 0.001):.1f}x)"),
        (f"  work after the acks done {ours.settled[1]:.1f} s (Coachflow) and {theirs.settled[1]:.1f} s (bare Bolt) "
         "after the last answer"),
        (f"  checked: {ours.web_api_calls:,} / {theirs.web_api_calls:,} Web API calls reached the fake Slack, "
         "accepted, for the requests answered right"),
    ]
    for mine_paced, base_paced in zip(ours.paced, theirs.paced, strict=True):
        lines += paced_report(mine_paced, base_paced)
    for name, measured in (("Coachflow", ours), ("bare Bolt", theirs)):
        if measured.wrong:
            lines.append(f"  {name} answered {len(measured.wrong)} requests wrongly, e.g. {measured.wrong[0]}")
    if not ours.wrong and not theirs.wrong:
        lines.append("  every request of both was answered 200 (every submission accepted)")
    return lines


def paced_report(ours: Paced, theirs: Paced) -> list[str]:
    """Time to respond at a set pace, then when the answers sent after the ack arrived (tests/bench/load_paced.py)."""
    lines = [
        (f"  at {ours.rate:g} requests/s as people click ({len(ours.outcomes)} each, Poisson arrivals): "
         "time to respond in ms, from each request's arrival:"),
    ]
    for kind in (*KINDS, None):
        mine, base = ours.ms(kind), theirs.ms(kind)
        p50, p99, b50, b99 = statistics.median(mine), percentile(mine, 0.99), statistics.median(base), percentile(
            base, 0.99)
        lines.append(f"    {kind or 'overall':<17}{p50:14.1f}{p99:8.1f}{b50:15.1f}{b99:8.1f}"
                     f"{p50 / b50:10.2f}x{p99 / b99:6.2f}x")
    for kind in ANSWERED_AFTER_ACK:
        mine, base = ours.answered_ms.get(kind, []), theirs.answered_ms.get(kind, [])
        if mine and base:
            lines.append(f"    {kind + ' answered':<17}{statistics.median(mine):14.1f}{percentile(mine, 0.99):8.1f}"
                         f"{statistics.median(base):15.1f}{percentile(base, 0.99):8.1f}"
                         f"{statistics.median(mine) / statistics.median(base):10.2f}x"
                         f"{percentile(mine, 0.99) / percentile(base, 0.99):6.2f}x")
    lines.append(f"    slowest Coachflow answer {max(ours.ms()):.0f} ms, bare Bolt {max(theirs.ms()):.0f} ms")
    return lines


def run() -> list[str]:
    lines = report(on_sqlite())
    base = os.environ.get("COACHFLOW_TEST_DATABASE_URL") or LOCAL_POSTGRES
    why = postgres_unreachable(base)
    if why is not None:
        return [*lines, f"Load (PostgreSQL): skipped, {base} is unreachable: {why}"]
    return lines + report(on_postgres(base))


if __name__ == "__main__":  # `python -m tests.bench.load`: this benchmark alone
    for printed in run():
        print(printed)
