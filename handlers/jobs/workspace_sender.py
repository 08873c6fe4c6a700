"""Scheduled sends in many workspaces: each ledger row goes out with its own workspace's token (issue 14).

In OAuth mode there is no one bot token: each workspace has its own, and
Slack's rotating tokens expire after 12 hours. Bolt renews a token only while
authorizing an incoming request, so the dispatch tick asks a resolver
(`ClientFor`, bot/workspace_clients.py) for a client per workspace: it loads
the installation, rotates the token if it expires soon, saves the result and
returns a client holding it. One client per workspace per tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient

from domain.delivery import Delivery, PermanentFailure, RateLimited, SendOutcome, Sent, TransientFailure
from handlers.jobs.slack_sender import SlackMessageSender

log = logging.getLogger(__name__)

# (team_id, enterprise_id) -> a client holding that workspace's current bot token.
ClientFor = Callable[[str, str | None], WebClient]


class NotInstalled(Exception):
    """The workspace has no installation (never installed, or uninstalled): nothing can be sent there."""


class TokenUnavailable(Exception):
    """The token could not be renewed now (Slack refused or was unreachable): try again later."""


class PerWorkspaceSender:
    """A `MessageSender` that sends each row with the client of the row's workspace."""

    def __init__(self, clients: ClientFor, make_sender: Callable[[WebClient], SlackMessageSender]) -> None:
        self._clients = clients
        self._make_sender = make_sender
        self._senders: dict[tuple[str, str | None], SlackMessageSender | SendOutcome] = {}

    def _sender(self, delivery: Delivery) -> SlackMessageSender | SendOutcome:
        workspace = (delivery.key.team_id, delivery.enterprise_id)
        if workspace not in self._senders:
            try:
                self._senders[workspace] = self._make_sender(self._clients(*workspace))
            except NotInstalled:
                log.warning("workspace %s (enterprise %s) has no installation: its messages are not sent",
                            *workspace)
                self._senders[workspace] = PermanentFailure("not_installed")
            except TokenUnavailable as error:
                log.warning("no usable token for workspace %s now: %s", workspace[0], error)
                self._senders[workspace] = TransientFailure("token_rotation_failed")
        return self._senders[workspace]

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        sender = self._sender(delivery)
        return sender.send(delivery, content) if isinstance(sender, SlackMessageSender) else sender

    def find_sent(self, delivery: Delivery) -> Sent | RateLimited | None:
        sender = self._sender(delivery)
        return sender.find_sent(delivery) if isinstance(sender, SlackMessageSender) else None
