"""Privacy of success stories: nobody records a win as someone else, and a private win reaches nobody but its rep
and the manager they had.

The button and the form carry only where they were opened; the rep is
whoever clicks or submits. So Alex's button or form in anyone else's hands
is at most *their* own win, told to *their* manager. Managers and the admin
have nobody above them and are told so; someone in another workspace is
refused at the edge, `/coach wins` included. Alex's private win (`SECRET`)
is read by Maya and Alex only: not in `/coach wins` of Bea, Chen, Omar or
Ada, not in the channel. Listed in test_develop_privacy.py's TRIED_ELSEWHERE.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer
from handlers.edge import ids
from tests.handlers.conftest import Slack, home_text
from tests.handlers.debrief_steps import errors
from tests.handlers.privacy_steps import OUTSIDER, attempt, everything_sent_to, requests_for
from tests.handlers.receipt_steps import column
from tests.handlers.win_steps import (
    CHANNEL,
    listed,
    open_win_by_command,
    saying,
    win_request,
    win_values,
    wins_team,
)

SECRET = "Zephyr-Q7 in Alex's private win"
NO_MANAGER = "no manager in Coachflow yet"


def _wins(engine: Engine) -> list[str]:
    return column(engine, "SELECT rep_id || '>' || manager_id || ':' || what_happened FROM success_stories "
                          "ORDER BY id")


def test_nobody_shares_a_win_as_alex_or_reads_his_private_one(slack: Slack, engine: Engine,
                                                               fake_server: FakeSlackServer) -> None:
    wins_team(slack)
    alex_modal = open_win_by_command(slack, "UA")
    assert slack.dispatch(win_request(slack, "UA", alex_modal, win_values(what=SECRET))).body == ""
    slack.fake.wait_for(lambda: bool(saying(slack, "UMGR", SECRET)))

    # Another rep with Alex's form: her own win, under her name, to her own manager.
    bea = attempt(slack, engine, "UB", win_request(slack, "UB", alex_modal, win_values(what="Bea's own win")))
    assert SECRET not in bea.seen
    chen = attempt(slack, engine, "UC", win_request(slack, "UC", alex_modal, win_values(what="Chen's own win")))
    assert SECRET not in chen.seen
    slack.fake.wait_for(lambda: bool(saying(slack, "UMGR2", "Chen's own win")))
    assert _wins(engine) == [f"UA>UMGR:{SECRET}", "UB>UMGR:Bea's own win", "UC>UMGR2:Chen's own win"]
    assert saying(slack, "UMGR2", SECRET) == [] and saying(slack, CHANNEL, SECRET) == []

    # Managers and the admin have nobody above them: told so, for the button and for Alex's form.
    for person in ("UMGR", "UMGR2", "UADMIN"):
        click = attempt(slack, engine, person, slack.requests.block_actions(
            person, ids.SHARE_WIN, value="home", channel_id=f"D{person}"))
        assert NO_MANAGER in click.seen and click.modal is None, person
        submitted = slack.dispatch(win_request(slack, person, alex_modal, win_values(what="As Alex")))
        assert NO_MANAGER in errors(submitted)["what_happened"], person

    # Reading: Alex's private win is his and Maya's only.
    assert SECRET in listed(slack, "UA") and SECRET in listed(slack, "UMGR")
    for person in ("UB", "UC", "UMGR2", "UADMIN"):
        assert SECRET not in listed(slack, person, "discovery"), person
        assert SECRET not in home_text(slack.open_home(person)), person

    # Another workspace: refused before any listener, `/coach wins` too.
    outsider = requests_for(slack, OUTSIDER, fake_server.response_url_base)
    for request in (outsider.block_actions(OUTSIDER, ids.SHARE_WIN, value="home", channel_id="DOUT"),
                    outsider.view_submission(OUTSIDER, ids.WIN_VIEW, win_values(what="As Alex"),
                                             private_metadata=alex_modal["private_metadata"]),
                    outsider.slash_command(OUTSIDER, "/coach", "wins discovery")):
        tried = attempt(slack, engine, OUTSIDER, request)
        assert [c for c in tried.calls if c["method"] != "auth.test"] == [] and SECRET not in tried.seen

    assert len(_wins(engine)) == 3
    for person in ("UB", "UC", "UMGR2", "UADMIN"):
        assert SECRET not in everything_sent_to(slack, person), person
    assert json.loads(alex_modal["private_metadata"]) == {"source": "command"}


def nobody_shares_a_win_as_someone_else(slack: Slack, engine: Engine, fake_server: FakeSlackServer) -> None:
    """For TRIED_ELSEWHERE: the button and the form name no record; the rep is whoever clicks or submits."""
    test_nobody_shares_a_win_as_alex_or_reads_his_private_one(slack, engine, fake_server)
