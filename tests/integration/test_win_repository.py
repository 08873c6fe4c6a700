"""Success stories behave the same on the fake, SQLite and PostgreSQL: stored as typed, read latest first,
consent and the caller's own people deciding what `visible` returns, never another workspace's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.coaching.wins import SuccessStory, WinSource
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
HOSTILE = "Asked <!channel> *why now* & <https://evil.example|Acme> \u00e9\u4e2d"


def _story(ref: WorkspaceRef, rep: str, skill: str, consent: bool, hours: int, words: str = "") -> SuccessStory:
    return SuccessStory(ref, rep, "UMGR", skill, words or f"{rep} {skill}", "The PAIN questions", "deal size +35%",
                        consent, WinSource.HOME, created_at=AT + timedelta(hours=hours))


def _stories(uow_factory: UnitOfWorkFactory) -> list[int]:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        ids = [uow.success_stories.add(s).id or 0 for s in (
            _story(T1, "UA", "discovery", False, 0, HOSTILE),
            _story(T1, "UA", "closing", True, 1),
            _story(T1, "UB", "discovery", True, 2),
            _story(T1, "UC", "discovery", False, 3),
            _story(T2, "UA", "discovery", True, 4),
        )]
        uow.commit()
    return ids


def test_a_story_is_kept_as_typed_and_its_post_recorded(any_uow_factory: UnitOfWorkFactory) -> None:
    first, second, *_, elsewhere = _stories(any_uow_factory)
    with any_uow_factory() as uow:
        uow.success_stories.mark_posted(T1, second, "CTEAM", "1763900000.000100")
        uow.success_stories.mark_posted(T2, first, "CEVIL", "1")  # another workspace's id: nothing changes
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        kept = uow.success_stories.get(T1, first)
        assert kept is not None and kept.what_happened == HOSTILE and kept.workspace == T1
        assert (kept.rep_id, kept.manager_id, kept.skill, kept.consent, kept.source) == (
            "UA", "UMGR", "discovery", False, WinSource.HOME)
        assert kept.approach == "The PAIN questions" and kept.outcome == "deal size +35%"
        assert kept.posted_ts is None and kept.created_at is not None and kept.created_at.tzinfo is not None
        posted = uow.success_stories.get(T1, second)
        assert posted is not None and (posted.posted_channel, posted.posted_ts) == ("CTEAM", "1763900000.000100")
        assert uow.success_stories.get(T2, first) is None and uow.success_stories.get(T1, elsewhere) is None


def test_visible_is_shared_ones_and_the_callers_own_people_latest_first(any_uow_factory: UnitOfWorkFactory) -> None:
    a_discovery, a_closing, b_discovery, c_discovery, _ = _stories(any_uow_factory)
    with any_uow_factory(read_only=True) as uow:
        def seen(rep_ids: list[str], skill: str | None, limit: int = 10, ref: WorkspaceRef = T1) -> list[int]:
            return [s.id or 0 for s in uow.success_stories.visible(ref, rep_ids, skill, limit)]

        assert seen(["UB"], None) == [b_discovery, a_closing]  # Bea: hers and Alex's shared one
        assert seen(["UA"], "discovery") == [b_discovery, a_discovery]  # Alex: his private one too
        assert seen(["UMGR", "UA", "UB"], None) == [b_discovery, a_closing, a_discovery]
        assert seen(["UC"], "discovery", limit=1) == [c_discovery]
        assert seen([], "discovery") == [b_discovery]
        assert [s.workspace for s in uow.success_stories.visible(T2, ["UB"], None, 10)] == [T2]


def test_recent_for_reps_keeps_each_reps_latest(any_uow_factory: UnitOfWorkFactory) -> None:
    a_discovery, a_closing, b_discovery, _, _ = _stories(any_uow_factory)
    with any_uow_factory(read_only=True) as uow:
        recent = uow.success_stories.recent_for_reps(T1, ["UA", "UB", "UZ"], 1)
        assert {rep: [s.id for s in found] for rep, found in recent.items()} == {
            "UA": [a_closing], "UB": [b_discovery]}
        both = uow.success_stories.recent_for_reps(T1, ["UA"], 5)
        assert [s.id for s in both["UA"]] == [a_closing, a_discovery]
        assert uow.success_stories.recent_for_reps(T2, ["UB"], 5) == {}
        assert uow.success_stories.recent_for_reps(T1, [], 5) == {}
