"""Bolt's global error handler: the one place an unexpected failure lands.

Listeners catch only `CoachflowError` (a message meant for the user); any
other exception is a bug, logged with its traceback here, and the person who
clicked or typed gets a short apology instead of silence.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse

from handlers.blocks.roster import error_message

log = logging.getLogger("coachflow.errors")

APOLOGY = "Sorry, Coachflow hit a problem and nothing was changed. Please try again in a minute."


def handle_error(error: Exception, body: dict[str, Any], respond: Any, logger: logging.Logger) -> BoltResponse | None:
    log.exception("unhandled error in a Slack listener (type=%s)", body.get("type") or body.get("command"), exc_info=error)
    if respond is not None and body.get("response_url"):
        respond(response_type="ephemeral", replace_original=False, **error_message(APOLOGY))
    return None


def register(app: App) -> None:
    app.error(handle_error)
