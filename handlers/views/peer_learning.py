"""The peer-learning share form: the rep's words stored once, posted once, and the ask updated in place.

After the ack: the announcement is sent through its ledger row (written
with the decision, so a retry or a second instance never posts twice), the
outcome recorded (`posted`: the ts, or "not posted" and the admins told),
and the ask's DM replaced by what happened. A submission after the rep's
decision is answered inline, kindly, and posts nothing.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.peer_learning import ShareStatus
from domain.errors import CoachflowError, FieldProblems
from domain.model import WorkspaceRef
from domain.receipts import Replayed
from domain.services.peer_learning import WORDS_FIELD, Shared, ShareView
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.peer_learning import (
    already_decided_message,
    announcement_message,
    not_posted_message,
    read_share_form,
    shared_message,
)
from handlers.edge.channel_posts import post_recorded
from handlers.edge.dm import send_dm
from handlers.edge.message_updates import update_message
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import Services, services, workspace_of


def handle_peer_share(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                      context: BoltContext) -> None:
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    key, where, words = read_share_form(view)
    if key is None:
        ack(response_action="errors", errors={WORDS_FIELD: FORM_UNREADABLE})
        return
    try:
        done = svc.peer_learning.share(ws, user_id, *key, words, receipt_of(body, context))
    except Replayed:
        ack()  # the first delivery stored and posted it
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=problems.problems)
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={WORDS_FIELD: str(error)})
        return
    shared = done.result
    if not shared.fresh:
        said = already_decided_message(shared.view)["text"]
        ack(response_action="errors", errors={WORDS_FIELD: said})
        return
    ack()
    shown = _post(client, svc, ws, shared)
    answer = shared_message(shown) if shown.share.status is ShareStatus.SHARED else not_posted_message(shown)
    if where is None or not update_message(client, svc, *where, answer):
        send_dm(client, svc, ws, user_id, answer, key=f"peer-share-answer:{ws.team_id}:{':'.join(key)}")


def _post(client: WebClient, svc: Services, ws: WorkspaceRef, shared: Shared) -> ShareView:
    """Post the announcement through its ledger row and record how it went; the share as it now stands."""
    if shared.post is None:
        return shared.view  # nowhere to post: kept "not posted" by the use case
    sent = post_recorded(client, svc, ws, shared.rep.user_id, shared.post, announcement_message(shared))
    share = shared.view.share
    recorded = svc.peer_learning.posted(ws, share.rep_id, share.week, sent)
    deliver(client, svc, ws, recorded.effects)  # the admins, when the channel refused it
    return recorded.result
