"""Daily: names and time zones from Slack's `users.list`, for everyone we know.

One page of 200 people per call (Tier 2), waiting out 429s, so a 10,000-person
workspace costs 50 calls rather than 10,000 `users.info` calls.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.model import SlackProfile, WorkspaceRef
from handlers.edge.directory import profile_from_user
from handlers.edge.services import Services

log = logging.getLogger(__name__)

PAGE = 200
MAX_WAITS = 10


def refresh_profiles(
    client: WebClient, services: Services, ws: WorkspaceRef, sleep: Callable[[float], None] = time.sleep
) -> int:
    """Returns how many people's name or time zone changed."""
    changed = 0
    cursor: str | None = None
    waits = 0
    while True:
        try:
            page = client.users_list(limit=PAGE, cursor=cursor)
        except SlackApiError as error:
            if error.response.status_code == 429 and waits < MAX_WAITS:
                waits += 1
                sleep(float(error.response.headers.get("Retry-After", 1)))
                continue
            raise
        members: list[dict[str, Any]] = page.get("members", [])
        profiles: list[SlackProfile] = [profile_from_user(user) for user in members]
        changed += len(services.roster.update_profiles(ws, profiles))
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return changed
