"""Scorecard comments behave the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from domain.coaching.scorecard_comments import ScorecardComment
from domain.model import Workspace, WorkspaceRef
from tests.conftest import TestDatabase

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
AT = datetime(2026, 12, 11, 15, tzinfo=UTC)
LONG = "é" * 2000  # as many characters as the form lets a rep type; PostgreSQL counts characters


def _comment(rep: str, week: str, words: str, at: datetime, ws: WorkspaceRef = T1) -> ScorecardComment:
    return ScorecardComment(ws, rep, "UMGR", week, words, created_at=at)


def test_comments_round_trip_by_rep_and_week_oldest_first_and_scoped_by_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        later = uow.scorecard_comments.add(_comment("UA", "2026-W50", "Second thought", AT + timedelta(hours=1)))
        first = uow.scorecard_comments.add(_comment("UA", "2026-W50", LONG, AT))
        uow.scorecard_comments.add(_comment("UA", "2026-W49", "Last week", AT - timedelta(days=7)))
        uow.scorecard_comments.add(_comment("UB", "2026-W50", "Bea's", AT))
        uow.scorecard_comments.add(_comment("UA", "2026-W50", "Another workspace", AT, ws=T2))
        uow.commit()
    assert first.id is not None and later.id is not None and first.id != later.id

    with any_uow_factory(read_only=True) as uow:
        found = uow.scorecard_comments.for_reps_weeks(T1, ["UA", "UB", "UC"], ["2026-W50"])
        assert [c.text for c in found["UA"]] == [LONG, "Second thought"]
        assert [c.text for c in found["UB"]] == ["Bea's"] and "UC" not in found
        assert found["UA"][0] == first and found["UA"][0].workspace == T1 and found["UA"][0].created_at == AT
        both = uow.scorecard_comments.for_reps_weeks(T1, ["UA"], ["2026-W49", "2026-W50"])
        assert [c.week for c in both["UA"]] == ["2026-W49", "2026-W50", "2026-W50"]
        assert [c.text for c in uow.scorecard_comments.for_reps_weeks(T2, ["UA"], ["2026-W50"])["UA"]] == [
            "Another workspace"]
        assert uow.scorecard_comments.for_reps_weeks(T1, [], ["2026-W50"]) == {}
        assert uow.scorecard_comments.for_reps_weeks(T1, ["UA"], []) == {}


def test_a_comment_without_a_time_is_stamped_when_stored(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        stored = uow.scorecard_comments.add(ScorecardComment(T1, "UA", "UMGR", "2026-W50", "Now"))
        uow.commit()
    assert stored.created_at is not None and stored.created_at.tzinfo is not None


def test_a_workspace_removed_takes_its_comments_with_it(uow_factory, database: TestDatabase) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.scorecard_comments.add(_comment("UA", "2026-W50", "Gone with the workspace", AT))
        uow.commit()
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM workspaces WHERE team_id = 'T1'"))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM scorecard_comments")).scalar_one() == 0
