"""The develop week on App Home: calls of the viewer's week; "behind" is the shadow target's rule (shadow_week)."""

from __future__ import annotations

from datetime import date

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import ShadowObservation
from domain.model import WorkspaceRef
from domain.services.develop import DevelopCalls

WS = WorkspaceRef("T1")


def _shadow(on: date) -> ShadowObservation:
    return ShadowObservation(WS, "UA", "UMGR", CallRef("Acme"), CallType.DEMO, on, CallAnswers("a", "b", "c"), "f")


def test_the_week_is_the_viewers_monday_to_sunday_and_behind_only_in_weeks_3_to_6() -> None:
    calls = DevelopCalls({}, {"UA": [_shadow(date(2026, 11, 29)), _shadow(date(2026, 12, 1))]})
    develop = CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 2))  # week 5 on Wednesday 2 December
    week = calls.week("UA", date(2026, 12, 2), develop)  # a Wednesday
    assert (week.first, week.last) == (date(2026, 11, 30), date(2026, 12, 6))
    assert len(week.shadows) == 1  # Sunday's belongs to last week
    assert not week.shadow.behind  # one by Wednesday is on pace
    assert calls.week("UA", date(2026, 12, 4), develop).shadow.behind  # two from Thursday: behind with one
    assert calls.week("UB", date(2026, 12, 2), develop).shadow.behind
    assert not calls.week("UB", date(2026, 11, 30), develop).shadow.behind  # Monday: nothing due yet
    assert not calls.week("UB", date(2026, 12, 4)).shadow.behind  # no cycle in weeks 3-6: the target does not apply
