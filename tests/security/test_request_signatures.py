"""Over real HTTP: a request without a valid Slack signature is answered 401 and changes nothing.

For each kind of request Slack sends (a slash command, a button click, an
Events API event), each way of getting the signature wrong (a bad signature,
no signature, no timestamp, a timestamp more than five minutes old or ahead):
the answer is 401, no table gains or loses a row, the fake Slack gets no Web
API call and no response_url post. The same requests, signed as Slack signs
them, do act: so the test would notice a check that let them through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from bot.fake_slack import SignedRequest, SlackRequests
from handlers.edge import ids
from tests.security.http_edge import HttpEdge

FIVE_MINUTES_AND_A_BIT = 5 * 60 + 20


def _without(header: str) -> Callable[[SlackRequests, SignedRequest], SignedRequest]:
    return lambda _, request: replace(request, headers={k: v for k, v in request.headers.items() if k != header})


def _at(offset_seconds: int) -> Callable[[SlackRequests, SignedRequest], SignedRequest]:
    # `stale` signs the same body correctly at now - age: a negative age is a timestamp in the future.
    return lambda requests, request: requests.stale(request, age_seconds=-offset_seconds)


WRONG_SIGNATURES: dict[str, Callable[[SlackRequests, SignedRequest], SignedRequest]] = {
    "bad signature": lambda _, request: SlackRequests.tampered(request),
    "signed with another secret": lambda requests, request: replace(request, headers=SlackRequests(
        "not-our-secret", team_id=requests.team_id).sign(request.body, request.headers["content-type"]).headers),
    "no signature": _without("x-slack-signature"),
    "no timestamp": _without("x-slack-request-timestamp"),
    "timestamp over 5 minutes old": _at(-FIVE_MINUTES_AND_A_BIT),
    "timestamp over 5 minutes ahead": _at(FIVE_MINUTES_AND_A_BIT),
}

REQUESTS: dict[str, Callable[[SlackRequests], SignedRequest]] = {
    "command": lambda r: r.slash_command("UMGR", "/coach", "team add <@UB|bea>"),
    "interaction": lambda r: r.block_actions("UMGR", ids.REMOVE_REP, value="UA", channel_id="DUMGR"),
    "event": lambda r: r.app_home_opened("UA"),
}


def _seeded(edge: HttpEdge) -> None:
    """Maya manages Alex: rows in the database before the attempts."""
    request = edge.requests.slash_command("UMGR", "/coach", "team add <@UA|alex>")
    assert request.post(edge.events_url).status == 200
    edge.wait_idle()
    assert "joined your team" in str(edge.fake.responses_for(request.response_token or ""))


def _web_api_calls(edge: HttpEdge) -> list[str]:
    return [call.method for call in edge.fake.calls if call.method != "auth.test"]


@pytest.mark.parametrize("kind", sorted(REQUESTS))
def test_an_unsigned_or_out_of_date_request_gets_401_and_changes_nothing(http_edge: HttpEdge, kind: str) -> None:
    _seeded(http_edge)
    rows_before, calls_before, responses_before = (http_edge.row_counts(), _web_api_calls(http_edge),
                                                   len(http_edge.fake.responses))
    assert sum(rows_before.values()) > 0

    statuses = {}
    for name, spoil in WRONG_SIGNATURES.items():
        request = spoil(http_edge.requests, REQUESTS[kind](http_edge.requests))
        statuses[name] = request.post(http_edge.events_url).status
    http_edge.finish_listeners()  # anything a listener would still do has been done

    assert statuses == dict.fromkeys(WRONG_SIGNATURES, 401)
    assert http_edge.row_counts() == rows_before
    assert _web_api_calls(http_edge) == calls_before
    assert len(http_edge.fake.responses) == responses_before


def test_the_same_requests_signed_as_slack_signs_them_do_act(http_edge: HttpEdge) -> None:
    _seeded(http_edge)
    rows_before = http_edge.row_counts()
    for kind, build in REQUESTS.items():
        assert build(http_edge.requests).post(http_edge.events_url).status == 200, kind
    http_edge.finish_listeners()

    assert http_edge.row_counts() != rows_before  # Bea added, Alex removed
    assert http_edge.fake.home_of("UA") is not None  # the event published Alex's App Home
