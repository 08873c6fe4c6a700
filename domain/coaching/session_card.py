"""The session card: what the manager holds during a 1:1 (issue 12, the conversation).

In the order the conversation runs: the follow-up review ("results against
commitments", which opens every session after the pair's first, with last
time's takeaways), the rep's pre-work (the rep leads, so their agenda comes
first, then both sides' questions and the enablement pre-read), the rep's
focus skills with their latest leading indicators, stalled deals worth a
role-play, the seed's probing questions, then the takeaways and the plan.
The loader is `domain.services.session_card`; these are the rules.

Rules of the review (which of the rep's actions the session looks at):
- every action still open (overdue ones marked), except the ones agreed at
  this very session, which are its plan, not its review;
- every action answered or changed (moved, carried over) since the pair's
  previous session started; with no previous session, those whose
  deadline fell in the `REVIEW_WINDOW` before this one;
- a dropped action is owed by nobody and is left out.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.catalog.model import LeadingIndicator
from domain.coaching.commitments import ChangeKind, Commitment, CommitmentStatus
from domain.coaching.leading import RepIndicators, WeekValue
from domain.coaching.prework import Prework
from domain.coaching.roleplay import RoleplayCard
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.model import Member

# The seed's probing questions, word for word: the manager asks them, the rep answers.
PROBING_QUESTIONS = (
    "What keeps you up at night that I can help with?",
    "What process isn't as efficient as it can be that I can streamline?",
    "What areas of the business are we missing that I can advocate for?",
)
REVIEW_WINDOW = timedelta(weeks=4)  # with no previous session: deadlines this far back are reviewed
MAX_STALLED = 3  # role-play suggestions on a card; the rest are in `/coach roleplay`
_CHANGES = frozenset({ChangeKind.ANSWERED, ChangeKind.DEADLINE_MOVED, ChangeKind.CARRIED_OVER})


class ReviewStatus(str, enum.Enum):
    OVERDUE = "overdue"
    NOT_DONE = "not_done"
    PARTLY = "partly"
    OPEN = "open"
    DONE = "done"

    @property
    def label(self) -> str:
        return {ReviewStatus.OVERDUE: "overdue", ReviewStatus.NOT_DONE: "not done", ReviewStatus.PARTLY: "partly done",
                ReviewStatus.OPEN: "open", ReviewStatus.DONE: "done"}[self]


_ORDER = {status: n for n, status in enumerate(ReviewStatus)}  # what needs talking about first


@dataclass(frozen=True)
class ReviewItem:
    commitment: Commitment
    status: ReviewStatus

    @property
    def may_change(self) -> bool:
        """Whether the manager can still move, carry over or drop it (done is done)."""
        return self.status is not ReviewStatus.DONE


@dataclass(frozen=True)
class IndicatorReading:
    """One leading indicator of a focus skill, at its latest ISO week with data (value, target, change)."""

    indicator: LeadingIndicator
    latest: WeekValue


@dataclass(frozen=True)
class FocusSkill:
    competency_id: str
    name: str
    readings: tuple[IndicatorReading, ...]  # empty: nothing recorded in the weeks looked at


@dataclass(frozen=True)
class SessionCard:
    session: CoachingSession
    rep: Member
    manager: Member
    viewer_id: str
    prework: Prework | None
    review: tuple[ReviewItem, ...]
    previous_start: datetime | None  # the pair's previous session, when there was one
    focus: tuple[FocusSkill, ...]
    stalled: tuple[RoleplayCard, ...]
    has_pipeline: bool  # deals were imported for the rep: the role-play part is shown
    plan: tuple[Commitment, ...]  # the action plan recorded at this session, if any
    may_change: bool  # the viewer is the session's manager or an admin: menus and the plan button
    probing: tuple[str, ...] = PROBING_QUESTIONS
    takeaways: Takeaways | None = None  # recorded for this session
    previous_takeaways: Takeaways | None = None  # the pair's previous session's: where the review starts

    @property
    def plan_recorded(self) -> bool:
        return bool(self.plan)


def review_status(commitment: Commitment, owner_today: date) -> ReviewStatus:
    if commitment.status is CommitmentStatus.OPEN:
        return ReviewStatus.OVERDUE if commitment.overdue_on(owner_today) else ReviewStatus.OPEN
    return {CommitmentStatus.DONE: ReviewStatus.DONE, CommitmentStatus.PARTLY: ReviewStatus.PARTLY}.get(
        commitment.status, ReviewStatus.NOT_DONE)


def _changed_since(commitment: Commitment, since: datetime) -> bool:
    return any(change.kind in _CHANGES and change.at >= since for change in commitment.history)


def to_review(commitments: Iterable[Commitment], session: CoachingSession, previous_start: datetime | None,
              today_of: Mapping[str, date], session_day: date) -> tuple[ReviewItem, ...]:
    """The actions the session reviews (see the module's rules), what needs talking about first.

    `today_of`: each owner's own today (overdue is read in the owner's calendar);
    `session_day`: the session's day in the rep's calendar (the window's end).
    """
    picked: list[ReviewItem] = []
    for commitment in commitments:
        if commitment.status is CommitmentStatus.DROPPED or (
                commitment.session_id is not None and commitment.session_id == session.id):
            continue
        if commitment.is_open:
            wanted = True
        elif previous_start is not None:
            wanted = _changed_since(commitment, previous_start)
        else:
            wanted = session_day - REVIEW_WINDOW <= commitment.deadline <= session_day
        if wanted:
            today = today_of.get(commitment.owner_id, session_day)
            picked.append(ReviewItem(commitment, review_status(commitment, today)))
    return tuple(sorted(picked, key=lambda i: (_ORDER[i.status], i.commitment.deadline, i.commitment.id or 0)))


def previous_of(sessions: Iterable[CoachingSession], session: CoachingSession) -> CoachingSession | None:
    """The pair's latest scheduled session starting before this one."""
    earlier = [s for s in sessions if s.is_scheduled and s.id != session.id and s.starts_at < session.starts_at
               and s.rep_id == session.rep_id and s.manager_id == session.manager_id]
    return max(earlier, key=lambda s: (s.starts_at, s.id or 0), default=None)


def focus_readings(indicators: RepIndicators | None, names: Mapping[str, str]) -> tuple[FocusSkill, ...]:
    """Each focus skill with, per indicator, its latest week that has a value (indicators with none left out).

    `names`: competency ids to their catalog names.
    """
    if indicators is None:
        return ()
    skills: list[FocusSkill] = []
    for skill in indicators.skills:
        readings = tuple(IndicatorReading(item.indicator, latest) for item in skill.indicators
                         if (latest := next((w for w in reversed(item.weeks) if w.value is not None), None)))
        skills.append(FocusSkill(skill.competency, names.get(skill.competency, skill.competency), readings))
    return tuple(skills)


def pick_session(sessions: Iterable[CoachingSession], now: datetime,
                 recent: timedelta = timedelta(days=7)) -> CoachingSession | None:
    """For `/coach session card`: the pair's session under way, else the next, else the latest ended within `recent`."""
    scheduled = [s for s in sessions if s.is_scheduled]
    current = [s for s in scheduled if s.starts_at <= now < s.ends_at]
    if current:
        return min(current, key=lambda s: (s.starts_at, s.id or 0))
    ahead = [s for s in scheduled if s.starts_at > now]
    if ahead:
        return min(ahead, key=lambda s: (s.starts_at, s.id or 0))
    past = [s for s in scheduled if s.ends_at <= now and s.starts_at >= now - recent]
    return max(past, key=lambda s: (s.starts_at, s.id or 0), default=None)
