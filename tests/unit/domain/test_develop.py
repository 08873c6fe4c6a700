"""The develop week on App Home: calls of the viewer's week, and who is behind on shadowed calls."""

from __future__ import annotations

from datetime import date

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import ShadowObservation
from domain.model import WorkspaceRef
from domain.services.develop import DevelopCalls

WS = WorkspaceRef("T1")


def _shadow(on: date) -> ShadowObservation:
    return ShadowObservation(WS, "UA", "UMGR", CallRef("Acme"), CallType.DEMO, on, CallAnswers("a", "b", "c"), "f")


def test_the_week_is_the_viewers_monday_to_sunday_and_behind_follows_the_pace() -> None:
    calls = DevelopCalls({}, {"UA": [_shadow(date(2026, 11, 29)), _shadow(date(2026, 12, 1))]})
    week = calls.week("UA", date(2026, 12, 2))  # a Wednesday
    assert (week.first, week.last) == (date(2026, 11, 30), date(2026, 12, 6))
    assert len(week.shadows) == 1  # Sunday's belongs to last week
    assert not week.shadows_behind(date(2026, 12, 2))  # one by Wednesday is on pace
    assert week.shadows_behind(date(2026, 12, 4))  # two by Friday: behind with one
    assert calls.week("UB", date(2026, 12, 2)).shadows_behind(date(2026, 12, 2))
    assert not calls.week("UB", date(2026, 11, 30)).shadows_behind(date(2026, 11, 30))  # Monday: nothing due yet
