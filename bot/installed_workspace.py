"""The workspace this deployment serves, from `auth.test`, asked once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable

from slack_sdk import WebClient

from handlers.edge import InstalledWorkspace


def installed_workspace_of(client: WebClient) -> Callable[[], InstalledWorkspace | None]:
    """A lazy, cached `auth.test`: asked at the first request, not at start-up.

    Without a token there is nothing installed to compare with (the CLI's
    database-only commands); a failing `auth.test` is not cached, so the next
    request asks again instead of trusting every workspace.
    """
    lock = threading.Lock()
    known: list[InstalledWorkspace] = []

    def installed() -> InstalledWorkspace | None:
        if known:
            return known[0]
        if not client.token:
            return None
        with lock:
            if not known:
                reply = client.auth_test()
                known.append(
                    InstalledWorkspace(
                        team_id=reply.get("team_id"),
                        enterprise_id=reply.get("enterprise_id") or None,
                        is_enterprise_install=bool(reply.get("is_enterprise_install")),
                    )
                )
        return known[0]

    return installed
