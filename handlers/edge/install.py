"""After an OAuth install: one DM, to the installer, asking whether to welcome the team (issue 14).

Bolt's success page calls this with a client holding the new workspace's bot
token. Nothing goes to anyone else: the team hears of Coachflow only when the
installer says yes and picks reps (handlers/actions/install.py).
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import Installation

from handlers.blocks.install import install_question

log = logging.getLogger(__name__)


def ask_the_installer(installation: Installation, client: WebClient) -> None:
    """DM the installer; a failure is logged (the install itself stands, and /coach still works)."""
    installer = installation.user_id
    try:
        channel = client.conversations_open(users=installer)["channel"]["id"]
        client.chat_postMessage(channel=channel, **install_question(installation.team_name or ""))
    except SlackApiError as error:
        log.warning("could not ask installer %s whether to welcome the team: %s", installer,
                    error.response.get("error"))
