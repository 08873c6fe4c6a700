"""Logs carry no tokens, no signing secret and no free-text answer.

The whole coaching record of a rep is made through the app over real HTTP
(waitress, the real Web API client, the fake Slack): debriefs, a manager's
feedback, shadow notes, homework and its hand-in, role-play notes, a success
story; every free-text field carries a marker. Then a week of scheduled sends
goes out through the same client (the debrief digest carries the words). Every record of every logger is captured at
DEBUG (Bolt's, slack_sdk's, SQLAlchemy's, ours) and scanned, formatted with
its exception if any: no marker, no bot token, no signing secret.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.fake_slack import SignedRequest
from domain.ports import UnitOfWorkFactory
from tests.fakes import FakeDispatcherLock
from tests.handlers.conftest import Reply, Slack
from tests.handlers.privacy_steps import SECRET as MARKER
from tests.security.http_edge import BOT_TOKEN, SIGNING_SECRET, HttpEdge
from tests.security.world import seeded

# Our loggers and the libraries' (each at DEBUG, whatever the app's configuration set).
LOGGERS = ("", "coachflow", "slack_bolt", "slack_sdk", "sqlalchemy", "apscheduler", "alembic", "waitress", "urllib3")
# The test's own fake Slack logs what it was sent; it is not the app.
FAKE_SLACK_LOGGERS = ("bot.fake_slack",)


class OverHttp(Slack):
    """Every request goes through waitress and the WSGI edge, as Slack's would."""

    url: str = ""

    def dispatch(self, request: SignedRequest) -> Reply:
        answer = request.post(self.url)
        return Reply(answer.status, answer.body, [])


def _logged(records: list[logging.LogRecord]) -> list[tuple[str, str]]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return [(record.name, formatter.format(record)) for record in records
            if not record.name.startswith(FAKE_SLACK_LOGGERS)]


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> Any:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def test_no_token_secret_or_free_text_answer_reaches_the_logs(
        http_edge: HttpEdge, everything_logged: pytest.LogCaptureFixture) -> None:
    slack = OverHttp(http_edge.runtime.app, http_edge.fake, http_edge.requests)
    slack.url = http_edge.events_url
    uow_factory: UnitOfWorkFactory = http_edge.runtime.uow_factory

    seeded(slack, uow_factory)
    assert MARKER in slack.coach("UMGR", "calls <@UA|alex>").last_text  # the words were stored and shown
    job = http_edge.runtime.dispatch_job(FakeDispatcherLock())
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for hours in range(0, 8 * 24, 2):  # a week of scheduled sends: lessons, prompts, the debrief digest...
        job.tick(start + timedelta(hours=hours))
    http_edge.finish_listeners()
    digests = [c for c in http_edge.fake.calls_to("chat.postMessage") if MARKER in str(c.params)
               and "debrief_digest" in str(c.params.get("metadata"))]
    assert digests  # a scheduled message carried Alex's words through slack_sdk

    logged = _logged(everything_logged.records)
    assert len(logged) > 100  # DEBUG was on: Bolt and slack_sdk said a lot
    # A response_url lets whoever holds it post in someone's conversation for 30 minutes.
    response_tokens = {str(call.params["token"]) for call in http_edge.fake.calls if call.method == "response_url"}
    assert response_tokens
    for secret in (MARKER, BOT_TOKEN, SIGNING_SECRET, "xoxb-", "xoxp-", "xapp-", *response_tokens):
        leaks = [line[:300] for _, line in logged if secret in line]
        assert not leaks, f"{secret!r} logged {len(leaks)} times, e.g. {leaks[:3]}"
