"""Privacy of "Add a comment for my manager": nobody comments as someone else, nor reads someone's comment.

The button and the modal carry only a week; the rep is whoever clicks or
submits. So Alex's own button or modal, in anyone else's hands, is at most
a comment on *their* scorecard, to *their* manager: Bea's goes to Maya
under Bea's name, Chen's to Omar, never to Maya as Alex's. Maya, Omar and
Ada have no manager above them and are told so; someone in another
workspace is refused at the edge. Nothing Alex wrote reaches any of them
but Maya. Listed in test_develop_privacy.py's TRIED_ELSEWHERE.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import errors
from tests.handlers.privacy_steps import OUTSIDER, attempt, everything_sent_to, requests_for
from tests.handlers.receipt_steps import column
from tests.handlers.scorecard_comment_steps import comment_request, comment_values, dms_saying, open_comment

SECRET = "Zephyr-Q7 in Alex's comment"
NO_MANAGER = "You have no manager in Coachflow yet"


def _comments(engine: Engine) -> list[str]:
    return column(engine, "SELECT rep_id || '>' || manager_id || ':' || text FROM scorecard_comments ORDER BY id")


def test_nobody_comments_as_alex_or_reads_his_comment(slack: Slack, engine: Engine,
                                                      fake_server: FakeSlackServer) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    alex_modal = open_comment(slack, "UA")
    assert slack.dispatch(comment_request(slack, "UA", alex_modal, SECRET)).body == ""
    slack.fake.wait_for(lambda: bool(dms_saying(slack, "UMGR", SECRET)))
    week = json.loads(alex_modal["private_metadata"])["week"]

    # Another rep with Alex's button and Alex's modal: her own comment, under her name, to her own manager.
    bea_modal = attempt(slack, engine, "UB", slack.requests.block_actions(
        "UB", ids.ADD_SCORECARD_COMMENT, value=week, channel_id="DUB")).modal
    assert bea_modal is not None and SECRET not in json.dumps(bea_modal)
    bea = attempt(slack, engine, "UB", comment_request(slack, "UB", alex_modal, "Bea's own words"))
    assert "Sent to <@UMGR>" in bea.seen and SECRET not in bea.seen
    chen = attempt(slack, engine, "UC", comment_request(slack, "UC", alex_modal, "Chen's own words"))
    assert SECRET not in chen.seen
    slack.fake.wait_for(lambda: bool(dms_saying(slack, "UMGR2", "Chen's own words")))
    assert _comments(engine) == [f"UA>UMGR:{SECRET}", "UB>UMGR:Bea's own words", "UC>UMGR2:Chen's own words"]
    assert [m["text"].split(" commented")[0] for m in dms_saying(slack, "UMGR", "commented on")] == ["<@UA>", "<@UB>"]
    assert dms_saying(slack, "UMGR2", "<@UA>") == []

    # Managers and the admin have nobody above them: told so, for the click and for Alex's modal.
    for person in ("UMGR", "UMGR2", "UADMIN"):
        click = attempt(slack, engine, person, slack.requests.block_actions(
            person, ids.ADD_SCORECARD_COMMENT, value=week, channel_id=f"D{person}"))
        assert NO_MANAGER in click.seen and click.modal is None, person
        submitted = slack.dispatch(slack.requests.view_submission(
            person, ids.SCORECARD_COMMENT_VIEW, comment_values("As Alex"),
            private_metadata=alex_modal["private_metadata"]))
        assert NO_MANAGER in errors(submitted)["comment"], person

    # Another workspace: refused before any listener.
    outsider = requests_for(slack, OUTSIDER, fake_server.response_url_base)
    for request in (outsider.block_actions(OUTSIDER, ids.ADD_SCORECARD_COMMENT, value=week, channel_id="DOUT"),
                    outsider.view_submission(OUTSIDER, ids.SCORECARD_COMMENT_VIEW, comment_values("As Alex"),
                                             private_metadata=alex_modal["private_metadata"])):
        tried = attempt(slack, engine, OUTSIDER, request)
        assert [c for c in tried.calls if c["method"] != "auth.test"] == [] and SECRET not in tried.seen

    assert len(_comments(engine)) == 3
    for person in ("UB", "UC", "UMGR2", "UADMIN"):
        assert SECRET not in everything_sent_to(slack, person), person
