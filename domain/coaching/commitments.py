"""Action-plan commitments (the coaching conversation's step 4) and their follow-up (step 5).

A plan is 1-3 actions agreed together (more is refused: limit priorities).
Each action has an owner (the rep, or someone they delegate to), a deadline
read in the owner's own calendar, how we will know it is done, the owner's
confidence (1-5) and the support they need. Every change is kept in the
action's history: created, deadline moved, carried over, dropped, answered;
who did it and when.

Problems come back keyed by field and action number (`deadline_2`), so the
plan modal can show each one under the block it concerns.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain import field_lengths
from domain.errors import InvalidInput
from domain.model import WorkspaceRef

MAX_ACTIONS = 3  # "limit priorities": a plan of more is refused
MAX_AHEAD = timedelta(days=365)
CONFIDENCE = range(1, 6)
# Field keys of the problems (with the action's number: "action_1"), shared with the modals' readers.
ACTION, OWNER, DEADLINE, EVIDENCE, CONFIDENCE_FIELD, SUPPORT = (
    "action", "owner", "deadline", "evidence", "confidence", "support")
OBSTACLES = "obstacles"
TOO_MANY = f"A plan holds at most {MAX_ACTIONS} actions: limit priorities, and keep the rest for the next session."


def field_key(field: str, number: int) -> str:
    return f"{field}_{number}"


class CommitmentStatus(str, enum.Enum):
    OPEN = "open"
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {CommitmentStatus.OPEN: "open", CommitmentStatus.DONE: "done", CommitmentStatus.PARTLY: "partly done",
                  CommitmentStatus.NOT_DONE: "not done", CommitmentStatus.DROPPED: "dropped"}
ANSWERS = (CommitmentStatus.DONE, CommitmentStatus.PARTLY, CommitmentStatus.NOT_DONE)


class ChangeKind(str, enum.Enum):
    CREATED = "created"
    DEADLINE_MOVED = "deadline_moved"
    CARRIED_OVER = "carried_over"
    DROPPED = "dropped"
    ANSWERED = "answered"


@dataclass(frozen=True)
class Change:
    """One line of an action's history: what changed, who changed it, when; `note` says how."""

    kind: ChangeKind
    by: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class ActionDraft:
    """One action as typed in the plan modal or `/commit`, before it is checked."""

    action: str
    owner_id: str | None
    deadline: date | None
    evidence: str = ""
    confidence: object = None
    support: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.action.strip() or self.evidence.strip() or self.support.strip())


@dataclass(frozen=True)
class Commitment:
    workspace: WorkspaceRef
    rep_id: str  # whose coaching plan it belongs to
    manager_id: str | None  # the rep's manager when it was agreed
    owner_id: str  # the rep, or a delegated person of the workspace
    action: str
    deadline: date  # in the owner's own calendar
    plan_id: str  # the 1-3 actions agreed together share it
    evidence: str = ""
    confidence: int | None = None
    support: str = ""
    status: CommitmentStatus = CommitmentStatus.OPEN
    obstacles: str = ""
    answered_on: date | None = None  # the owner's local date of the answer (kept-on-time reads it)
    session_id: int | None = None  # the 1:1 session it came from, when there was one
    created_by: str = ""
    created_at: datetime | None = None
    history: tuple[Change, ...] = ()
    id: int | None = None

    @property
    def ref(self) -> str:
        """The follow-up's anchor ref: stays put while the action exists."""
        return f"c{self.id}"

    @property
    def is_open(self) -> bool:
        return self.status is CommitmentStatus.OPEN

    @property
    def delegated(self) -> bool:
        return self.owner_id != self.rep_id

    def overdue_on(self, owner_today: date) -> bool:
        return self.is_open and owner_today > self.deadline

    def kept_on_time(self) -> bool:
        return (self.status is CommitmentStatus.DONE and self.answered_on is not None
                and self.answered_on <= self.deadline)

    def answered(self, status: CommitmentStatus, obstacles: str, by: str, at: datetime, on: date) -> Commitment:
        if not self.is_open:
            raise InvalidInput(f"This action is {self.status.label} already.")
        note = status.label + (f": {obstacles}" if obstacles else "")
        return replace(self, status=status, obstacles=obstacles, answered_on=on,
                       history=(*self.history, Change(ChangeKind.ANSWERED, by, at, note)))

    def moved(self, deadline: date, by: str, at: datetime) -> Commitment:
        """A new deadline: an open action keeps going; one answered short of done is carried over."""
        if self.status in (CommitmentStatus.DONE, CommitmentStatus.DROPPED):
            raise InvalidInput(f"This action is {self.status.label}: there is nothing to move.")
        kind = ChangeKind.DEADLINE_MOVED if self.is_open else ChangeKind.CARRIED_OVER
        note = f"{self.deadline.isoformat()} -> {deadline.isoformat()}"
        return replace(self, deadline=deadline, status=CommitmentStatus.OPEN, answered_on=None,
                       history=(*self.history, Change(kind, by, at, note)))

    def dropped(self, by: str, at: datetime) -> Commitment:
        if self.status in (CommitmentStatus.DONE, CommitmentStatus.DROPPED):
            raise InvalidInput(f"This action is {self.status.label} already.")
        return replace(self, status=CommitmentStatus.DROPPED,
                       history=(*self.history, Change(ChangeKind.DROPPED, by, at)))


# -- rules ----------------------------------------------------------------------------


def deadline_problem(deadline: date | None, owner_today: date) -> str | None:
    """`owner_today` is the owner's: a deadline may not be in their past."""
    if deadline is None:
        return "Pick the day it will be done."
    if deadline < owner_today:
        return f"Pick today or a later day: {deadline:%a %-d %b} has passed."
    if deadline > owner_today + MAX_AHEAD:
        return "Pick a deadline within a year."
    return None


def confidence_of(raw: object) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw in CONFIDENCE else None


def action_problems(number: int, draft: ActionDraft, owner_today: date | None) -> dict[str, str]:
    """Problems of one action, keyed `field_number`; `owner_today` None when the owner is not known yet."""
    problems: dict[str, str] = {}
    action = draft.action.strip()
    if not action:
        problems[field_key(ACTION, number)] = "Write the action: what will be done?"
    elif problem := field_lengths.text_problem(action, field_lengths.COMMITMENT_ACTION):
        problems[field_key(ACTION, number)] = problem
    for field, text, limit in ((EVIDENCE, draft.evidence, field_lengths.COMMITMENT_EVIDENCE),
                               (SUPPORT, draft.support, field_lengths.COMMITMENT_SUPPORT)):
        if problem := field_lengths.text_problem(text.strip(), limit):
            problems[field_key(field, number)] = problem
    if owner_today is not None and (problem := deadline_problem(draft.deadline, owner_today)):
        problems[field_key(DEADLINE, number)] = problem
    if draft.confidence is not None and confidence_of(draft.confidence) is None:
        problems[field_key(CONFIDENCE_FIELD, number)] = "Pick a confidence from 1 to 5."
    return problems


def plan_size_problem(drafts: Sequence[ActionDraft]) -> str | None:
    if not drafts:
        return "Write at least one action."
    if len(drafts) > MAX_ACTIONS:
        return TOO_MANY
    return None


def obstacles_problem(status: CommitmentStatus, obstacles: str) -> str | None:
    """Anything short of done says what got in the way."""
    if status is not CommitmentStatus.DONE and not obstacles.strip():
        return "Say what got in the way: it is what your next 1:1 starts from."
    return field_lengths.text_problem(obstacles, field_lengths.COMMITMENT_OBSTACLES)


# -- kept on time -----------------------------------------------------------------------


@dataclass(frozen=True)
class KeptRate:
    """Commitments kept on time out of those whose deadline has passed."""

    kept: int
    due: int

    @property
    def rate(self) -> float | None:
        return self.kept / self.due if self.due else None


def kept_on_time(commitments: Iterable[Commitment], today: date, since: date | None = None) -> KeptRate:
    """Done on or before the deadline / commitments whose deadline has passed (before `today`).

    `since`: the cycle's first day; deadlines before it belong to an earlier
    cycle. Dropped actions count on neither side: nobody owes them any more.
    An action done on its deadline day counts once that day has passed.
    """
    due = [c for c in commitments if c.deadline < today and c.status is not CommitmentStatus.DROPPED
           and (since is None or c.deadline >= since)]
    return KeptRate(sum(1 for c in due if c.kept_on_time()), len(due))


# -- /commit <what> by <when> -------------------------------------------------------------

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)


def when_of(text: str, today: date) -> date | None:
    """`today`, `tomorrow`, a weekday (`fri`, `friday`: the next one, today included) or `2026-12-18`."""
    word = text.strip().lower().rstrip(".")
    if word in ("today", "tonight", "eod"):
        return today
    if word in ("tomorrow", "tmrw"):
        return today + timedelta(days=1)
    if _ISO.fullmatch(word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            return None
    for index, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and (["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][index]
                               .startswith(word)) and word.startswith(name):
            return today + timedelta(days=(index - today.weekday()) % 7)
    return None


def split_commit(text: str) -> tuple[str, str] | None:
    """`send the one-pager by fri` -> ("send the one-pager", "fri"); None without "by <when>"."""
    parts = _BY.split(" " + text.strip())
    if len(parts) < 2:
        return None
    what, when = " by ".join(parts[:-1]).strip(), parts[-1].strip()
    return (what, when) if what and when else None
