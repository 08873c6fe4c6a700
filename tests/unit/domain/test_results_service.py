"""The cycle's results over the in-memory fakes: the figures of a finished cycle, who may see them, a team's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.catalog import load_catalog
from domain.coaching.commitments import KeptRate
from domain.coaching.cycle import CoachingCycle
from domain.coaching.leading import Direction
from domain.coaching.results import ChallengeFigures
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, Workspace, WorkspaceRef
from domain.notifications.cycle_results import CycleEnds, CycleResultsGatherer
from domain.notifications.kind import Occasion
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Deadline
from domain.services.results import (
    ChallengeSource,
    CycleResultsShown,
    EndedCycleResults,
    ResultsService,
    no_challenges,
    not_yours,
)
from tests.fakes import FakeStore
from tests.results_world import MANAGER, NOW, START, WS, add_cycle, populate

CATALOG = load_catalog()
OTHER = WorkspaceRef("TELSE")


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        populate(uow, 2)
        uow.members.add(Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UOTHER"))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(OTHER, MANAGER, "Maya elsewhere", "UTC"))
        uow.commit()
    return store


def _service(store: FakeStore, challenges: ChallengeSource = no_challenges) -> ResultsService:
    return ResultsService(store.uow, CATALOG, lambda: NOW, challenges)


def test_a_finished_cycle_has_its_figures(store: FakeStore) -> None:
    result = _service(store).rep_results(WS, "UR000", None)
    assert result.span.finished and result.span.last_day == date(2026, 11, 29)
    [skill] = result.skills
    by = {i.indicator.id: i for i in skill.indicators}
    questions = by["discovery_questions_asked"]
    assert (questions.week3, questions.recent, questions.direction) == (3.0, 7.0, Direction.BETTER)
    assert questions.target is not None and questions.target.value == 6
    assert by["business_impact_quantified"].week3 == 33.3 and by["business_impact_quantified"].recent == 66.7
    scores = {s.dimension: s for s in result.scores}
    assert (scores["discovery_quality"].before, scores["discovery_quality"].after) == (2.5, 4.5)
    assert scores["value_connection"].change == 0
    assert result.pipeline is not None
    assert (result.pipeline.before.win_rate, result.pipeline.now.win_rate) == (0.0, 0.5)
    assert result.pipeline.now.median_deal == Decimal(45_000)
    assert result.commitments == KeptRate(2, 3)
    assert (result.coaching.sessions_held, result.coaching.hours_held, result.coaching.promised) == (6, 4.5, 3.0)
    assert result.challenge is None  # no challenge source wired: "no 21-day challenge in this cycle"


def test_a_rep_without_deals_scores_or_sessions_has_none_of_those_figures(store: FakeStore) -> None:
    with store.uow() as uow:
        uow.members.add(Member(WS, "UNEW", "Nia", "Europe/Paris", manager_id=MANAGER))
        uow.cycles.add(CoachingCycle(WS, "UNEW", MANAGER, date(2026, 11, 16)))
        uow.commit()
    result = _service(store).rep_results(WS, MANAGER, "UNEW")
    assert not result.span.finished and result.pipeline is None and result.scores == ()
    assert result.coaching.sessions_held == 0 and result.coaching.promised is None
    assert result.commitments == KeptRate(0, 0) and result.skills == ()


def test_the_rep_their_manager_and_an_admin_see_it_and_nobody_else(store: FakeStore) -> None:
    service = _service(store)
    for caller, rep in (("UR000", None), ("UR000", "UR000"), (MANAGER, "UR000"), ("UADMIN", "UR000")):
        assert service.rep_results(WS, caller, rep).rep.user_id == "UR000"
    refusals = []
    for caller, rep in (("UOTHER", "UR000"), ("UR001", "UR000"), ("UOTHER", "UNOBODY"), ("UR000", "UC"),
                        (MANAGER, "UC")):
        with pytest.raises(NotAllowed) as refused:
            service.rep_results(WS, caller, rep)
        refusals.append(str(refused.value))
    assert refusals[2] == str(not_yours("UNOBODY"))  # the same words whether or not the rep exists
    assert refusals[0] == str(not_yours("UR000"))
    with pytest.raises(NotAllowed):  # nothing crosses workspaces: Maya elsewhere is nobody's manager here
        service.rep_results(OTHER, MANAGER, "UR000")
    # issue 14: the manager's and the admin's reads are in the audit log; the rep's own and refusals are not.
    assert [(e.actor_id, e.action.value, e.subject_id, e.record_kind.value) for e in store.tables.audit] == [
        (MANAGER, "read", "UR000", "results"), ("UADMIN", "read", "UR000", "results")]


def test_a_rep_without_a_cycle_is_told_so(store: FakeStore) -> None:
    with pytest.raises(NotFound, match="no coaching cycle yet"):
        _service(store).rep_results(WS, "UC", None)


def test_the_challenge_figures_come_from_the_source_given(store: FakeStore) -> None:
    asked: list[int] = []

    def source(uow: UnitOfWork, ws: WorkspaceRef, cycles: Sequence[CoachingCycle],
               now: datetime) -> Mapping[int, ChallengeFigures]:
        asked.append(len(cycles))
        return {c.id: ChallengeFigures(0.8, 6, 12, 15) for c in cycles if c.id is not None and c.rep_id == "UR000"}

    service = _service(store, source)
    assert service.rep_results(WS, "UR000", None).challenge == ChallengeFigures(0.8, 6, 12, 15)
    assert service.rep_results(WS, "UR001", None).challenge is None
    team = service.team_results(WS, "UADMIN", None, date(2026, 11, 1))
    assert asked[-1] == 2 and [r.challenge is not None for r in team.results] == [True, False]


def test_a_teams_results_are_for_admins_over_the_cycles_of_the_range(store: FakeStore) -> None:
    service = _service(store)
    team = service.team_results(WS, "UADMIN", None, date(2026, 11, 1))
    assert [r.rep.user_id for r in team.results] == ["UR000", "UR001"]
    totals = team.totals
    assert (totals.reps, totals.better, totals.kept, totals.sessions, totals.hours) == (2, 4, KeptRate(4, 6), 12, 9.0)
    assert totals.promised == 6.0
    assert service.team_results(WS, "UADMIN", "UOTHER", date(2026, 11, 1)).results == ()
    assert service.team_results(WS, "UADMIN", None, date(2026, 12, 1)).results == ()  # over before the range
    with pytest.raises(NotAllowed):
        service.team_results(WS, MANAGER, None, date(2026, 11, 1))
    with pytest.raises(InvalidInput, match="in the future"):
        service.team_results(WS, "UADMIN", None, date(2027, 1, 1))


def test_an_ended_cycle_counts_up_to_its_end_and_a_newer_one_not_begun_is_passed_over(store: FakeStore) -> None:
    with store.uow() as uow:
        cycle = uow.cycles.history(WS, "UR001")[0]
        uow.cycles.update(cycle.ended(date(2026, 11, 11)))
        uow.cycles.add(CoachingCycle(WS, "UR001", MANAGER, date(2026, 12, 7)))
        uow.commit()
    result = _service(store).rep_results(WS, "UR001", None)
    assert result.cycle.starts_on == START and result.span.last_day == date(2026, 11, 11)
    assert result.coaching.sessions_held == 4  # weeks 3-6 only


def test_a_second_rep_added_later_has_their_own_figures(store: FakeStore) -> None:
    with store.uow() as uow:
        uow.members.add(Member(WS, "UR9", "Late", "UTC", manager_id=MANAGER))
        add_cycle(uow, "UR9")
        uow.commit()
    team = _service(store).team_results(WS, "UADMIN", None, None)
    assert len(team.results) == 3 and all(r.commitments == KeptRate(2, 3) for r in team.results)
    assert team.since == datetime(2026, 9, 9, tzinfo=UTC).date()  # 12 weeks back by default


def test_a_cycle_ended_before_its_results_day_tells_both_and_one_ended_later_nobody(store: FakeStore) -> None:
    hook = EndedCycleResults(CATALOG)
    with store.uow() as uow:
        cycle = uow.cycles.history(WS, "UR000")[0]
        early = hook(uow, WS, cycle.ended(date(2026, 11, 20)), NOW)
        late = hook(uow, WS, cycle.ended(date(2026, 12, 1)), NOW)
    assert [m.to for m in early.messages] == ["UR000", MANAGER] == [p.to for p in early.pictures]
    shown = early.messages[0].notice
    assert isinstance(shown, CycleResultsShown) and shown.results.span.last_day == date(2026, 11, 20)
    assert late.messages == () and late.pictures == ()


def test_the_kind_plans_each_cycles_results_day_for_the_rep_and_its_manager_only(store: FakeStore) -> None:
    with store.uow() as uow:
        found = CycleEnds().upcoming(uow, WS, ["UR000", MANAGER, "UOTHER", "UADMIN"],
                                     datetime(2026, 11, 20, tzinfo=UTC))
    days = {r: [(a.ref, a.on) for a in anchors if isinstance(a, Deadline)] for r, anchors in found.items()}
    assert days == {"UR000": [("r1", date(2026, 11, 30))],
                    MANAGER: [("r1", date(2026, 11, 30)), ("r2", date(2026, 11, 30))]}


def test_the_gatherer_leaves_out_a_cycle_ended_or_moved_since_its_row_was_queued(store: FakeStore) -> None:
    gather = CycleResultsGatherer(CATALOG).gather
    rows = [Occasion("UR000", "r1@2026-11-30"), Occasion(MANAGER, "r1@2026-11-30"), Occasion("UR001", "r2@2026-11-30"),
            Occasion("UOTHER", "r1@2026-11-30")]
    with store.uow() as uow:
        notes = gather(uow, WS, rows)
        assert {o.recipient_id for o in notes} == {"UR000", MANAGER, "UR001"}  # not Omar: not his cycle
        assert notes[rows[0]].results.span.finished and notes[rows[0]].recipient_id == "UR000"
        uow.cycles.update(uow.cycles.history(WS, "UR000")[0].ended(date(2026, 11, 27)))
        uow.cycles.update(uow.cycles.history(WS, "UR001")[0].extended(1))
        assert gather(uow, WS, rows) == {}
