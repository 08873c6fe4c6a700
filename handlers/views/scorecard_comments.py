"""Submission of a rep's comment on their scorecard, for their manager.

The rep is the person submitting; the modal's metadata carries only the
week. Problems come back inline under the field with the text still there;
the comment is stored once whatever Slack's retries or a double submit
(its receipt), and the manager's DM and the rep's confirmation go out after.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.scorecard_comments import COMMENT_FIELD
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.scorecard_comments import read_comment
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_scorecard_comment(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                             context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    week_label, text = read_comment(view)
    if week_label is None:
        ack(response_action="errors", errors={COMMENT_FIELD: FORM_UNREADABLE})
        return
    try:
        done = svc.scorecard_comments.comment_and_tell(ws, rep_id, week_label, text, receipt_of(body, context))
    except Replayed:
        ack()  # the first delivery stored it and sent the DMs
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=problems.problems)
        return
    except CoachflowError as error:
        # No manager any more, a week that is not one, or the database too slow: said under the field.
        ack(response_action="errors", errors={COMMENT_FIELD: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
