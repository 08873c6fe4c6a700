"""What the commitment use cases show and tell: the forms they fill, and each DM as a typed `Notice`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.coaching.commitments import Commitment, CommitmentStatus, KeptRate
from domain.effects import Notice
from domain.model import Member


@dataclass(frozen=True)
class PlanForm:
    """The action-plan modal for one rep: `today` is the manager's; `cycle_ends` the last day of the rep's
    active cycle (a deadline after it is warned, not refused); `channel` the team channel, when set."""

    rep: Member
    today: date
    cycle_ends: date | None
    channel: str | None
    session_id: int | None = None  # the 1:1 it is recorded at (the session card's button)


@dataclass(frozen=True)
class CommitForm:
    """The `/commit` modal of a rep: `today` is theirs."""

    rep: Member
    today: date


@dataclass(frozen=True)
class AnswerForm:
    """The obstacles modal of one action answered partly or not done, for its owner."""

    commitment: Commitment
    status: CommitmentStatus


@dataclass(frozen=True)
class Listing:
    """`/coach commitments @rep`: the rep's actions the viewer may see; `may_change`: their manager or an admin."""

    rep_id: str
    commitments: tuple[Commitment, ...]
    today: date
    may_change: bool
    kept: KeptRate


@dataclass(frozen=True)
class PlanSaved(Notice):
    """The manager's DM: the plan as stored, the deadlines after the cycle's end, whether it is posted."""

    commitments: tuple[Commitment, ...]
    after_cycle: tuple[int, ...]  # the numbers (1-3) of actions due after the cycle ends
    posted_to: str | None


# -- DMs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanForRep(Notice):
    """To the rep: the whole plan, which actions are theirs and which are delegated to whom."""

    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class ActionDelegated(Notice):
    """To a delegated owner: only their own action, not the rest of the plan."""

    commitment: Commitment


@dataclass(frozen=True)
class PlanPosted(Notice):
    """To the team channel (checked and set): the plan, without confidence or support (those stay private)."""

    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class CommitmentAdded(Notice):
    """To the rep's manager: the rep added an action between sessions with `/commit`."""

    commitment: Commitment


@dataclass(frozen=True)
class CommitmentAnswered(Notice):
    """To the rep's manager (and the rep, for a delegated action): how the action went."""

    commitment: Commitment


@dataclass(frozen=True)
class CommitmentChanged(Notice):
    """To the owner: the manager moved the deadline, carried the action over or dropped it."""

    commitment: Commitment
    by: str


@dataclass(frozen=True)
class Committed(Notice):
    """To the rep who added an action in the `/commit` modal: saved, and their manager told."""

    commitment: Commitment
