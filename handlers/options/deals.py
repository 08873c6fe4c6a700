"""The deal select of the debrief (and shadow) modal: the open deals matching what was typed.

Only the caller's own deals, or, in a modal about one of their reps (its
metadata names `rep`), that rep's when the caller is their manager; anyone
else's are never listed (an empty list). The answer is the HTTP response
itself, so it must come within Slack's 3 seconds: one read-only unit.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from handlers.blocks.debriefs import deal_options
from handlers.blocks.inputs import metadata, metadata_user
from handlers.edge.services import services, workspace_of

MAX_TYPED = 100  # characters of the query looked at; a deal name is rarely longer


def handle_deal_options(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    svc, ws = services(context), workspace_of(context)
    user = body.get("user")
    caller_id = user.get("id") if isinstance(user, dict) else None
    typed = body.get("value")
    view = body.get("view")
    rep_id = metadata_user(metadata(view), "rep") if isinstance(view, dict) else None
    if not isinstance(caller_id, str):
        ack(options=[])
        return
    picks = svc.debriefs.deal_options(ws, caller_id, typed[:MAX_TYPED] if isinstance(typed, str) else "", rep_id)
    ack(**deal_options(picks))
