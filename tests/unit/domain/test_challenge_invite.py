"""The week-7 invitation's gatherers over the fakes: who is invited on Monday of week 7, and who is left out.

Maya coaches Lena (week 7, no challenge), Ada (week 7, started hers on Friday of
week 6), Bo (week 7, last cycle's challenge finished), Cy (week 7, no focus
skills), Otto (week 6), Nia (week 8) and Dee (week 7, her cycle is Omar's).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.catalog import load_catalog
from domain.coaching.challenge import DayKind
from domain.coaching.challenge_invite import INVITE_WEEK, invited, invited_skills
from domain.coaching.challenge_model import Behaviour, Challenge
from domain.coaching.cycle import CoachingCycle, CycleStatus
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.notifications.challenge_invite import ChallengeInvites, team_invites
from domain.notifications.kind import Occasion
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
MONDAY = date(2027, 3, 15)  # Monday of Lena's week 7
CATALOG = load_catalog()
WEEK_1 = {7: MONDAY - timedelta(weeks=6), 6: MONDAY - timedelta(weeks=5), 8: MONDAY - timedelta(weeks=7)}
REPS = {"UL": ("Lena", 7), "UA": ("Ada", 7), "UB": ("Bo", 7), "UC": ("Cy", 7), "UO": ("Otto", 6),
        "UN": ("Nia", 8), "UD": ("Dee", 7)}


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UOMAR", "Omar", "America/New_York", role=Role.MANAGER))
        for rep_id, (name, week) in REPS.items():
            uow.members.add(Member(WS, rep_id, name, "Europe/London", manager_id="UMGR"))
            if rep_id == "UB":  # Bo's last cycle, and its challenge, finished
                old = uow.cycles.add(CoachingCycle(WS, rep_id, "UMGR", date(2026, 9, 7)))
                uow.cycles.update(replace(old, status=CycleStatus.ENDED, ended_on=date(2026, 11, 30)))
                done = uow.challenges.add(Challenge(WS, rep_id, rep_id, date(2026, 10, 19), DayKind.WORKING,
                                                    (Behaviour("discovery", "Ask"),), cycle_id=old.id))
                uow.challenges.update(done.completed(datetime(2026, 11, 16, 12, tzinfo=UTC)))
            manager = "UOMAR" if rep_id == "UD" else "UMGR"
            cycle = uow.cycles.add(CoachingCycle(WS, rep_id, manager, WEEK_1[week]))
            if rep_id != "UC":
                uow.priorities.set_focus(WS, cycle.id or 0, ["discovery", "closing"])
            if rep_id == "UA":  # started on Friday of week 6
                uow.challenges.add(Challenge(WS, rep_id, rep_id, MONDAY - timedelta(days=3), DayKind.WORKING,
                                             (Behaviour("discovery", "Ask"),), cycle_id=cycle.id))
        uow.commit()
    return store


def test_on_monday_of_week_7_only_reps_without_a_challenge_of_this_cycle_are_invited(store: FakeStore) -> None:
    occasions = [Occasion(rep_id, MONDAY.isoformat()) for rep_id in REPS]
    with store.uow(read_only=True) as uow:
        notes = ChallengeInvites(CATALOG).gather(uow, WS, occasions)

    assert sorted(o.recipient_id for o in notes) == ["UB", "UL"]
    lena = notes[occasions[0]]
    assert [(s.name, s.behaviour) for s in lena.skills] == [
        ("Discovery", CATALOG.competency("discovery").challenge_behavior),
        ("Closing", CATALOG.competency("closing").challenge_behavior)]
    assert lena.cycle.program_week(MONDAY) == INVITE_WEEK


def test_the_manager_hears_once_about_the_reps_who_entered_week_7_without_one(store: FakeStore) -> None:
    with store.uow(read_only=True) as uow:
        notes = team_invites(uow, WS, [Occasion("UMGR", MONDAY.isoformat()), Occasion("UOMAR", MONDAY.isoformat())])
        a_week_later = team_invites(uow, WS, [Occasion("UMGR", (MONDAY + timedelta(weeks=1)).isoformat())])
        a_week_early = team_invites(uow, WS, [Occasion("UMGR", (MONDAY - timedelta(weeks=1)).isoformat())])

    [(occasion, note)] = notes.items()
    assert occasion.recipient_id == "UMGR" and [r.name for r in note.reps] == ["Bo", "Lena"]
    # Omar runs Dee's cycle but no longer manages her: nobody is listed to him.
    assert [r.name for r in a_week_later[Occasion("UMGR", (MONDAY + timedelta(weeks=1)).isoformat())].reps] == [
        "Otto"]  # Otto's week 7 is a week later; Lena and Bo are in week 8 by then
    [early] = a_week_early.values()
    assert [r.name for r in early.reps] == ["Nia"]  # a week earlier Nia entered week 7; the others were in week 6


def test_a_running_challenge_of_another_cycle_holds_the_invitation_back(store: FakeStore) -> None:
    with store.uow() as uow:
        old = CoachingCycle(WS, "UL", "UMGR", date(2026, 1, 5), id=99)
        uow.challenges.add(Challenge(WS, "UL", "UL", MONDAY - timedelta(days=10), DayKind.WORKING,
                                     (Behaviour("discovery", "Ask"),), cycle_id=old.id))
        uow.commit()
    with store.uow(read_only=True) as uow:
        assert ChallengeInvites(CATALOG).gather(uow, WS, [Occasion("UL", MONDAY.isoformat())]) == {}


def test_the_rule_weeks_7_and_8_for_app_home_week_7_only_for_the_monday_dm() -> None:
    cycle = CoachingCycle(WS, "UL", "UMGR", WEEK_1[7], id=5)
    week_8 = MONDAY + timedelta(weeks=1, days=2)
    assert invited(cycle, None, ["discovery"], MONDAY, first_week_only=True)
    assert invited(cycle, None, ["discovery"], week_8)
    assert not invited(cycle, None, ["discovery"], week_8, first_week_only=True)
    assert not invited(cycle, None, ["discovery"], MONDAY - timedelta(days=1))  # Sunday of week 6
    assert not invited(cycle, None, ["discovery"], MONDAY + timedelta(weeks=2))  # maintenance
    assert not invited(cycle, None, [], MONDAY)
    mine = Challenge(WS, "UL", "UL", MONDAY, DayKind.WORKING, (), cycle_id=5)
    assert not invited(cycle, mine, ["discovery"], MONDAY)
    assert not invited(cycle, mine.completed(datetime(2027, 3, 20, tzinfo=UTC)), ["discovery"], week_8)
    assert invited(cycle, Challenge(WS, "UL", "UL", MONDAY, DayKind.WORKING, (), cycle_id=4).completed(
        datetime(2027, 1, 1, tzinfo=UTC)), ["discovery"], MONDAY)
    assert [s.skill_id for s in invited_skills(CATALOG, ["discovery", "no_such_skill"])] == ["discovery"]
