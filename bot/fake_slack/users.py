"""users.info-shaped user objects, with the time zone fields Slack derives from `tz`."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Slack shows a long name for the zone's current abbreviation; zoneinfo only
# knows the abbreviation, so the common ones are spelled out here.
_LABELS = {
    "UTC": "Coordinated Universal Time",
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "EET": "Eastern European Time",
    "EEST": "Eastern European Summer Time",
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "IST": "India Standard Time",
    "JST": "Japan Standard Time",
    "AEST": "Australian Eastern Standard Time",
    "AEDT": "Australian Eastern Daylight Time",
}


def tz_fields(tz: str, now: datetime | None = None) -> dict[str, Any]:
    """`tz`, `tz_label` and `tz_offset` (seconds east of UTC) as Slack reports them at `now`."""
    try:
        local = (now or datetime.now().astimezone()).astimezone(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValueError(f"unknown time zone {tz!r}") from error
    offset = local.utcoffset()
    abbreviation = local.tzname() or tz
    return {
        "tz": tz,
        "tz_label": _LABELS.get(abbreviation, abbreviation),
        "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
    }


def handle_for(real_name: str) -> str:
    """`Maria López` -> `maria.lopez`-ish: Slack's legacy `name`, lowercase and dotted."""
    ascii_name = unicodedata.normalize("NFKD", real_name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return ".".join(words) or "user"


def make_user(
    *,
    team_id: str,
    user_id: str,
    real_name: str,
    tz: str,
    is_bot: bool,
    deleted: bool,
    name: str | None,
    email: str | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "real_name": real_name,
        "real_name_normalized": real_name,
        "display_name": real_name,
        "display_name_normalized": real_name,
    }
    # Slack includes the email only for apps with users:read.email; omit it unless given.
    if email is not None:
        profile["email"] = email
    return {
        "id": user_id,
        "team_id": team_id,
        "name": name or handle_for(real_name),
        "real_name": real_name,
        "deleted": deleted,
        "is_bot": is_bot,
        "is_app_user": False,
        **tz_fields(tz, now),
        "profile": profile,
    }
