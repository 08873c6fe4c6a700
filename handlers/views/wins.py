"""Submission of a rep's win (issue 13): stored once, the manager told, the team channel only with consent.

The rep is the person submitting; the metadata carries only where the form
was opened. Problems come back inline under their field with everything
typed still there. After the ack: the channel post goes through its ledger
row (written with the story, so a retry or a second instance never posts
twice) and its ts is kept; then the manager's DM and App Home, and the rep's
confirmation saying where the win went.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.delivery import DeliveryStatus
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.wins import WHAT_FIELD
from handlers.blocks.inputs import FORM_UNREADABLE, errors_under_blocks
from handlers.blocks.win_messages import win_channel_message, win_recorded_message
from handlers.blocks.wins import read_win
from handlers.edge.channel_posts import post_recorded
from handlers.edge.dm import send_dm
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_win(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
               context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    source, draft = read_win(view)
    if source is None:
        ack(response_action="errors", errors={WHAT_FIELD: FORM_UNREADABLE})
        return
    receipt = receipt_of(body, context)
    try:
        done = svc.wins.record_and_tell(ws, rep_id, draft, source, receipt)
    except Replayed:
        ack()  # the first delivery stored it, posted it and told everyone
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, WHAT_FIELD))
        return
    except CoachflowError as error:
        # No manager any more, or the database too slow: said in the form, nothing typed lost.
        ack(response_action="errors", errors={WHAT_FIELD: str(error)})
        return
    ack()
    recorded = done.result
    posted: bool | None = None
    if recorded.post is not None and recorded.story.consent:  # never without the rep's consent
        sent = post_recorded(client, svc, ws, rep_id, recorded.post, win_channel_message(recorded))
        posted = sent.status is DeliveryStatus.SENT
        svc.wins.posted(ws, recorded.story.id or 0, sent)
    deliver(client, svc, ws, done.effects)
    key = f"win-saved:{ws.team_id}:{recorded.story.id}"
    send_dm(client, svc, ws, rep_id, win_recorded_message(recorded, posted), key=key)
