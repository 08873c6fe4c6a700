"""Bolt's global error handler: the one place an unexpected failure lands.

Listeners catch only `CoachflowError` (a message meant for the user); any
other exception is a bug, logged with its traceback here, and the person who
clicked or typed gets a short apology instead of silence.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from handlers.blocks.roster import error_message
from handlers.edge import VERIFIED_KEY

log = logging.getLogger("coachflow.errors")

APOLOGY = "Sorry, Coachflow hit a problem and nothing was changed. Please try again in a minute."


def handle_error(
    error: Exception, body: dict[str, Any], context: BoltContext, respond: Any, logger: logging.Logger
) -> BoltResponse | None:
    if not context.get(VERIFIED_KEY):
        # Raised before Coachflow's first middleware, e.g. inside Bolt's signature
        # check: the body is unverified, so nothing in it is used, and no traceback
        # (the request may be anyone's junk).
        log.warning("refused a request that failed before verification (%s)", error.__class__.__name__)
        return BoltResponse(status=401, body={"error": "invalid request"})
    # Bolt calls this outside the `except`, so the traceback is passed explicitly.
    log.error("unhandled error in a Slack listener (type=%s)", body.get("type") or body.get("command"), exc_info=error)
    # The edge guard removed any response_url that is not Slack's own from the context.
    if respond is not None and context.response_url:
        respond(response_type="ephemeral", replace_original=False, **error_message(APOLOGY))
    return None


def register(app: App) -> None:
    app.error(handle_error)
