"""21-day challenges behave the same on the fake, SQLite and PostgreSQL: one active per rep, answered days kept
once per day (answering again replaces), read in batches, scoped by workspace."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.coaching.challenge import Answer, DayKind, DayRecord
from domain.coaching.challenge_model import Behaviour, Challenge, ChallengeRunning, ChallengeStatus
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
START = date(2027, 1, 4)
AT = datetime(2027, 1, 4, 17, 0, tzinfo=UTC)
HOSTILE = "Ask <!channel> *why* & <https://evil.example|now> \u00e9\u4e2d"


def _challenge(ws: WorkspaceRef, rep: str) -> Challenge:
    return Challenge(ws, rep, "UMGR", START, DayKind.WORKING,
                     (Behaviour("discovery", HOSTILE), Behaviour("closing", "Agree a next step")))


def test_a_challenge_and_its_days_are_kept_and_read_in_batches(any_uow_factory: UnitOfWorkFactory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        first = uow.challenges.add(_challenge(T1, "UA"))
        other = uow.challenges.add(_challenge(T1, "UB"))
        elsewhere = uow.challenges.add(_challenge(T2, "UA"))
        assert first.id and other.id and elsewhere.id and first.created_at is not None
        uow.challenges.save_day(T1, first.id, DayRecord(START, Answer.MISSED), AT)
        uow.challenges.save_day(T1, first.id, DayRecord(START, Answer.DONE, HOSTILE), AT)  # replaces
        uow.challenges.save_day(T1, first.id, DayRecord(date(2027, 1, 5), Answer.DONE, "", repaired=True), AT)
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        kept = uow.challenges.get(T1, first.id)
        assert kept is not None and kept.behaviours == _challenge(T1, "UA").behaviours
        assert kept.start == START and kept.day_kind is DayKind.WORKING and kept.status is ChallengeStatus.ACTIVE
        assert kept.nudge_at.hour == 8 and kept.nudge_at.minute == 30 and kept.workspace == T1
        days = uow.challenges.days(T1, [first.id, other.id])
        assert set(days) == {first.id}
        assert days[first.id][START].record == DayRecord(START, Answer.DONE, HOSTILE)
        assert days[first.id][date(2027, 1, 5)].record.repaired
        assert days[first.id][START].answered_at == AT
        assert set(uow.challenges.active_for(T1, ["UA", "UB", "UC"])) == {"UA", "UB"}
        assert uow.challenges.get(T2, first.id) is None and uow.challenges.days(T2, [first.id]) == {}
        assert set(uow.challenges.get_many(T1, [first.id, elsewhere.id])) == {first.id}


def test_one_active_challenge_per_rep_and_a_finished_one_makes_room(any_uow_factory: UnitOfWorkFactory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        first = uow.challenges.add(_challenge(T1, "UA"))
        uow.commit()
    with any_uow_factory() as uow, pytest.raises(ChallengeRunning):
        uow.challenges.add(_challenge(T1, "UA"))
    with any_uow_factory() as uow:
        away = frozenset({date(2027, 1, 11), date(2027, 1, 12)})
        uow.challenges.update(replace(first.completed(AT), repairs_used=1, away_days=away))
        second = uow.challenges.add(_challenge(T1, "UA"))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        done = uow.challenges.get(T1, first.id or 0)
        assert done is not None and done.status is ChallengeStatus.COMPLETE and done.completed_at == AT
        assert done.repairs_used == 1 and done.away_days == away
        assert uow.challenges.active_for(T1, ["UA"])["UA"].id == second.id
        assert uow.challenges.latest_for(T1, ["UA"])["UA"].id == second.id


def test_summary_choices_and_one_encouragement_a_day(any_uow_factory: UnitOfWorkFactory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        challenge = uow.challenges.add(_challenge(T1, "UA"))
        uow.challenges.choose_summary(T1, "UMGR", "weekly")
        uow.challenges.choose_summary(T1, "UMGR", "daily")  # replaces
        uow.challenges.choose_summary(T2, "UMGR", "weekly")
        assert uow.challenges.add_encouragement(T1, challenge.id or 0, "UMGR", START, AT)
        assert not uow.challenges.add_encouragement(T1, challenge.id or 0, "UMGR", START, AT)
        assert uow.challenges.add_encouragement(T1, challenge.id or 0, "UMGR", date(2027, 1, 5), AT)
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        assert uow.challenges.summary_choices(T1, ["UMGR", "UMGR2"]) == {"UMGR": "daily"}
        assert uow.challenges.summary_choices(T2, ["UMGR"]) == {"UMGR": "weekly"}
    with any_uow_factory() as uow:
        assert not uow.challenges.add_encouragement(T1, challenge.id or 0, "UMGR2", START, AT)
