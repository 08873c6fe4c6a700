"""Post-call debriefs (the rep's side) and shadow observations (the manager's side of a call).

A debrief is the rep's one minute after a call: which call, the three
questions and the indicator values of their focus skills. It can be edited
for a week; every edit keeps the earlier version in its history, because a
scorecard or a manager may already have read it. A shadow observation is
the manager's record of a call they joined: the same questions from their
side, a 1-5 score per focus skill, the indicator counts they observed and
feedback for the rep; the rep's own debrief of that call links to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.indicators import IndicatorValue
from domain.model import WorkspaceRef

EDIT_WINDOW = timedelta(days=7)
SHADOW_TARGET = (2, 3)  # the seed: 2-3 shadowed calls per rep per week


@dataclass(frozen=True)
class Debrief:
    workspace: WorkspaceRef
    rep_id: str
    call: CallRef
    call_type: CallType
    call_on: date
    answers: CallAnswers
    indicators: Mapping[str, IndicatorValue] = field(default_factory=dict)
    skills: tuple[str, ...] = ()  # the focus skills (competency ids) the questions named
    cycle_id: int | None = None
    recording_link: str | None = None
    shadow_id: int | None = None  # the manager's observation of the same call
    version: int = 1
    history: tuple[Mapping[str, Any], ...] = ()  # earlier versions, oldest first
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None

    def editable_until(self) -> datetime | None:
        return self.created_at + EDIT_WINDOW if self.created_at is not None else None

    def editable(self, now: datetime) -> bool:
        until = self.editable_until()
        return until is None or now < until

    def revised(self, *, call: CallRef, call_type: CallType, call_on: date, answers: CallAnswers,
                indicators: Mapping[str, IndicatorValue], recording_link: str | None, now: datetime) -> Debrief:
        """The debrief as edited, with what it said before appended to its history."""
        return replace(
            self, call=call, call_type=call_type, call_on=call_on, answers=answers,
            indicators=dict(indicators), recording_link=recording_link, version=self.version + 1,
            history=(*self.history, self.snapshot(replaced_at=now)), updated_at=now,
        )

    def snapshot(self, *, replaced_at: datetime) -> dict[str, Any]:
        """This version's content as plain JSON-able data, for the history."""
        return {
            "version": self.version,
            "replaced_at": replaced_at.isoformat(),
            "account": self.call.account,
            "deal_id": self.call.deal_id,
            "call_type": self.call_type.value,
            "call_on": self.call_on.isoformat(),
            **self.answers.as_dict(),
            "indicators": dict(self.indicators),
            "recording_link": self.recording_link,
        }


@dataclass(frozen=True)
class ShadowObservation:
    workspace: WorkspaceRef
    rep_id: str
    observer_id: str  # the rep's manager at the time
    call: CallRef
    call_type: CallType
    call_on: date
    answers: CallAnswers  # the three questions from the observer's side
    feedback: str  # what the rep is sent
    skill_scores: Mapping[str, int] = field(default_factory=dict)  # competency id -> 1..5
    indicators: Mapping[str, IndicatorValue] = field(default_factory=dict)
    skills: tuple[str, ...] = ()
    cycle_id: int | None = None
    recording_link: str | None = None
    created_at: datetime | None = None
    id: int | None = None


class CallIndicators(NamedTuple):
    """The few fields of a debrief or a shadow observation that leading indicators read.

    A lean read for thousands of reps at once (no answers, history or
    feedback): `id` is the debrief's or the observation's; `shadow_id` is a
    debrief's link to the observation of the same call (None on an observation).
    An immutable named tuple rather than a frozen dataclass: built 630,000
    times for 10,000 reps, it costs a third as much.
    """

    id: int
    rep_id: str
    call_on: date
    indicators: Mapping[str, IndicatorValue]
    shadow_id: int | None = None


class CallWords(NamedTuple):
    """What a scorecard quotes of a debrief: the call and the rep's "what went well", nothing else."""

    id: int
    rep_id: str
    call_on: date
    account: str
    went_well: str


@dataclass(frozen=True)
class DebriefFeedback:
    """A manager's reply to one of their rep's debriefs, sent to the rep in the thread of their copy."""

    workspace: WorkspaceRef
    debrief_id: int
    rep_id: str
    manager_id: str
    text: str
    created_at: datetime | None = None
    id: int | None = None


def week_label(day: date) -> str:
    """The ISO week holding `day`, "2026-W50": how scorecards, comments and peer asks name a week."""
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of `day`'s ISO week: "this week" in a person's own calendar."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
