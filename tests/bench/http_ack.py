"""How fast HTTP mode acknowledges `/coach team add` and answers it.

Slack gives an app 3 seconds to acknowledge; this prints what Coachflow
takes over real HTTP (waitress + Bolt + SQLite), with every Web API call
going over HTTP to the local fake Slack.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

from bot.app import build_runtime
from bot.config import load_settings
from bot.database import database_health_check, upgrade_database
from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests
from bot.fake_slack.signed import SignedRequest
from bot.http import CoachflowWsgi, HttpServer
from bot.request_guard import SignatureCheck, read_body
from handlers.edge import InstalledWorkspace, ResponseUrlPolicy

SECRET = "bench-secret"
ROUNDS = 200


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run() -> list[str]:
    fake = FakeSlack(team_id="TBENCH")
    fake.add_user("UMGR", "Maya Chen", "America/New_York")
    for n in range(ROUNDS):
        fake.add_user(f"UR{n:04d}", f"Rep {n}", "Europe/Berlin")
    with tempfile.TemporaryDirectory() as scratch, FakeSlackServer(fake) as slack:
        url = f"sqlite:///{Path(scratch) / 'bench.db'}"
        settings = load_settings(
            None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=slack.base_url, DATABASE_URL=url, COACHFLOW_LOG_LEVEL="ERROR",
        )
        upgrade_database(url)
        runtime = build_runtime(settings)
        wsgi = CoachflowWsgi(runtime.app, database_health_check(url), signing_secret=SECRET)
        server = HttpServer(wsgi, host="127.0.0.1", port=0).start()
        requests = SlackRequests(SECRET, team_id="TBENCH", response_url_base=slack.response_url_base)
        acks: list[float] = []
        answers: list[float] = []
        try:
            for n in range(ROUNDS):
                request = requests.slash_command("UMGR", "/coach", f"team add <@UR{n:04d}|rep>")
                started = time.perf_counter()
                reply = request.post(server.url + "/slack/events")
                acks.append((time.perf_counter() - started) * 1000)
                assert reply.status == 200, reply
                token = request.response_token or ""
                answered = lambda: bool(fake.responses_for(token))  # noqa: B023, E731 - waited for in this round
                fake.wait_for(answered, timeout=10, interval=0.001)
                answers.append((time.perf_counter() - started) * 1000)
        finally:
            server.stop()
    lines = [f"HTTP mode, /coach team add, {ROUNDS} requests (one rep each, team grows to {ROUNDS}):"]
    for name, values, note in (
        ("ack (HTTP 200)", acks, "Slack's limit: 3000 ms"),
        ("ephemeral answer", answers, "users.info, DM, App Home, respond()"),
    ):
        lines.append(
            f"  {name:<17} p50 {statistics.median(values):6.1f} ms  p95 {_percentile(values, 0.95):6.1f} ms"
            f"  p99 {_percentile(values, 0.99):6.1f} ms  max {max(values):6.1f} ms   ({note})"
        )
    lines.append(_edge_checks_line(requests.slash_command("UMGR", "/coach", "team add <@UR0000|rep>")))
    return lines


def _edge_checks_line(sample: SignedRequest) -> str:
    """What the edge checks themselves cost a request, apart from the network and Bolt."""
    body = sample.body.encode()
    check = SignatureCheck(SECRET)
    policy = ResponseUrlPolicy.with_extra_origins(["http://127.0.0.1:4000/api/"])
    installed = InstalledWorkspace("TBENCH")
    rounds = 5000
    started = time.perf_counter()
    for _ in range(rounds):
        environ = {"CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
        check.verified_text(read_body(environ, 1024 * 1024), sample.timestamp, sample.signature)
        policy.allows("https://hooks.slack.com/commands/TBENCH/1/abc")
        installed.admits("TBENCH", None)
    per_request = (time.perf_counter() - started) / rounds * 1_000_000
    return f"  edge checks (size cap, signature, response_url host, workspace): {per_request:5.1f} µs a request"
