"""What the 1:1 sessions tell people, as data the Slack edge renders (handlers/blocks/sessions.py)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from domain.coaching.sessions import CoachingSession
from domain.effects import Notice
from domain.model import Member


class News(str, enum.Enum):
    BOOKED = "booked"
    MOVED = "moved"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class SessionNews(Notice):
    """A session (or a series) was booked, moved or cancelled; each reader sees their own local times.

    `sessions` are the occurrences concerned, by start; `previous` is a move's old start;
    `note` says when a typed time was adjusted (a DST gap or repeat).
    """

    news: News
    sessions: tuple[CoachingSession, ...]
    rep: Member
    manager: Member
    by_id: str
    previous: datetime | None = None
    note: str | None = None

    @property
    def first(self) -> CoachingSession:
        return self.sessions[0]


@dataclass(frozen=True)
class UpcomingSessions:
    """`/coach sessions`: what `viewer` may see, by start; `people` names everyone in them."""

    viewer: Member
    sessions: tuple[CoachingSession, ...]
    people: dict[str, Member]
    rep_id: str | None = None  # the rep asked about, if one was


@dataclass(frozen=True)
class SessionForm:
    """The booking modal (or, with `session`, the move modal): whom, and the manager's today and zone."""

    rep: Member
    time_zone: str  # the booker's: the pickers are read there
    today: date
    session: CoachingSession | None = None
