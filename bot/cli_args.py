"""Argument types for `coachflow`: a bad value is a usage error (exit 2) in one line.

argparse turns `ArgumentTypeError` into `coachflow ...: argument --team: ...`.
"""

from __future__ import annotations

import argparse
import re
from datetime import UTC, date, datetime

# Slack ids: capital letters and digits after the kind's letter (T024BE7LH,
# E0ENTERPRISE for an Enterprise Grid org; U024BE7LH or W0123 for people).
_TEAM_ID = re.compile(r"^[TE][A-Z0-9]+$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
# What Slack's "Copy member ID" or a mention pasted from a message looks like.
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # date.fromisoformat also takes 20261001 and 2026-W40-1


def team_id(text: str) -> str:
    value = text.strip()
    if not _TEAM_ID.match(value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a Slack workspace id (T or E, then capital letters and digits, e.g. T024BE7LH)"
        )
    return value


def user_id(text: str) -> str:
    """`U100`, or `<@U100>` / `<@U100|alex>` as pasted from Slack: the id, U100."""
    value = text.strip()
    mention = _MENTION.match(value)
    if mention is not None:
        return mention.group(1)
    if not _USER_ID.match(value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a Slack user id (U or W, then capital letters and digits, e.g. U024BE7LH; "
            "in Slack: the person's profile, More, Copy member ID)"
        )
    return value


def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number


def port(text: str) -> int:
    number = positive_int(text)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a TCP port (1 to 65535)")
    return number


def instant(text: str) -> datetime:
    """`2026-11-27T15:00:00Z` (or with an offset) -> aware UTC; without a zone it is refused."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not ISO 8601, e.g. 2026-11-27T15:00:00Z") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no time zone; add Z for UTC or an offset like +01:00")
    return moment.astimezone(UTC)


def calendar_date(text: str) -> date:
    """`2026-10-01` -> that date (a day in each person's own calendar, no time or zone)."""
    value = text.strip()
    try:
        if _DATE.match(value):
            return date.fromisoformat(value)
    except ValueError:  # 2026-02-30
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD, e.g. 2026-10-01")


def public_url(text: str) -> str:
    if not text.startswith("https://") or len(text.rstrip("/")) <= len("https://"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not the public https:// address Slack can reach, e.g. https://coach.example.com"
        )
    return text
