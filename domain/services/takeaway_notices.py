"""What 1:1 takeaways tell people, as data the Slack edge renders (handlers/blocks/takeaways.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.effects import Notice
from domain.model import Member


@dataclass(frozen=True)
class TakeawaysForm:
    """The "Record takeaways" modal: the session, the rep's agenda (empty without pre-work), what was recorded."""

    session: CoachingSession
    rep: Member
    reader: Member  # who opens it: their own local time is shown
    agenda: tuple[str, ...]
    takeaways: Takeaways | None


@dataclass(frozen=True)
class TakeawaysRecorded(Notice):
    """To the rep (and the manager, and an admin who recorded them): the takeaways and what was covered."""

    session: CoachingSession
    rep: Member
    manager: Member
    takeaways: Takeaways
    agenda: tuple[str, ...]
    edited: bool


@dataclass(frozen=True)
class PastSession:
    """One recent session as a reader sees it: its takeaways (if recorded) and the rep's agenda."""

    session: CoachingSession
    takeaways: Takeaways | None
    agenda: tuple[str, ...]
    may_record: bool  # the reader is its manager or an admin


@dataclass(frozen=True)
class RecentTakeaways:
    """`/coach sessions`: the reader's 1:1s of the last days, latest first; `people` names everyone in them."""

    viewer: Member
    sessions: tuple[PastSession, ...]
    people: dict[str, Member]
    now: datetime
    rep_id: str | None = None  # the rep asked about, if one was
