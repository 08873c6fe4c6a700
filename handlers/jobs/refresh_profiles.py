"""Daily: names and time zones from Slack's `users.list`, for everyone we know.

One page of 200 people per call, so a 10,000-person workspace costs 50 calls
rather than 10,000 `users.info` calls. Issue 15, for 100,000 people (500 pages):
- paced under the method's rate tier (Tier 2, about 20 calls a minute): a page
  every `PACE` seconds, so Slack normally never answers 429 (about 25 minutes);
- every 429 is waited out (its Retry-After), however many; only a page refused
  more than `MAX_429_IN_A_ROW` times in a row stops the run, with one log line;
- resumable: after each page the next cursor is saved on the workspace, and
  cleared when the list is finished. A run starts from the saved cursor, so an
  error or a restart mid-way costs at most one page; a cursor Slack no longer
  accepts (`invalid_cursor`) starts the list over.
Any other Slack error propagates (the scheduler logs it), the cursor kept.
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
PACE = 3.0  # seconds from one users.list call to the next: 20 a minute, Tier 2
MAX_429_IN_A_ROW = 30  # more for one page and the run stops; the next resumes from that page


def refresh_profiles(
    client: WebClient,
    services: Services,
    ws: WorkspaceRef,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Returns how many people's name or time zone changed (in the pages this run read)."""
    roster = services.roster
    changed = 0
    cursor = roster.refresh_cursor(ws)
    if cursor:
        log.info("time zone refresh of %s: resuming from a saved users.list cursor", ws.team_id)
    started_over = False
    limited = 0  # 429s in a row for this page
    next_call_at: float | None = None
    while True:
        if next_call_at is not None:
            wait = next_call_at - clock()
            if wait > 0:
                sleep(wait)
        called_at = clock()
        next_call_at = None
        try:
            page = client.users_list(limit=PAGE, cursor=cursor)
        except SlackApiError as error:
            if error.response.status_code == 429:
                limited += 1
                if limited > MAX_429_IN_A_ROW:
                    log.warning("time zone refresh of %s stopped: users.list answered 429 %d times in a row "
                                "for one page; the next run resumes from it", ws.team_id, limited)
                    return changed
                sleep(float(error.response.headers.get("Retry-After", 1)))  # the wait is the spacing
                continue
            if error.response.get("error") == "invalid_cursor" and cursor and not started_over:
                log.warning("time zone refresh of %s: Slack refused the saved cursor (invalid_cursor); "
                            "starting over from the first page", ws.team_id)
                roster.save_refresh_cursor(ws, None)
                cursor, started_over, next_call_at = None, True, called_at + PACE
                continue
            raise
        limited = 0
        members: list[dict[str, Any]] = page.get("members", [])
        profiles: list[SlackProfile] = [profile_from_user(user) for user in members]
        changed += len(roster.update_profiles(ws, profiles))
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        roster.save_refresh_cursor(ws, cursor)
        if not cursor:
            return changed
        next_call_at = called_at + PACE
