"""App Homes for many people at once: the same Homes as one by one, in a fixed number of queries."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from bot.fake_slack import check_view
from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import Answer, SelfAssessment
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.homes import HomeModel, homes_for
from handlers.blocks.home import home_view
from storage.uow import make_uow_factory
from tests.bench import develop_home
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print

WS = WorkspaceRef("T1", "E1")
CATALOG = load_catalog()
SCORES = {d.id: 3 for d in CATALOG.scoring_dimensions}


def _workspace(uow_factory: UnitOfWorkFactory, reps: int) -> list[str]:
    """An admin, two managers and their reps (cycles, scores, some self-assessments); everyone's id."""
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER, manager_id="UADMIN"))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        ids = ["UADMIN", "UMGR", "UMGR2"]
        for n in range(reps):
            rep = f"UR{n:02d}"
            uow.members.add(Member(WS, rep, f"Rep {n:02d}", "UTC", manager_id="UMGR" if n % 3 else "UMGR2"))
            uow.cycles.add(CoachingCycle(WS, rep, "UMGR" if n % 3 else "UMGR2", date(2026, 11, 23)))
            uow.call_scores.add(CallScore(WS, rep, "UMGR", f"Call {n}", date(2026, 11, 24), SCORES))
            if n % 2:
                uow.self_assessments.add(SelfAssessment(WS, rep, [Answer("q", "discovery", 3, 4)],
                                                        datetime(2026, 11, 24, tzinfo=UTC)))
            ids.append(rep)
        uow.commit()
    return ids


def test_a_batch_of_homes_is_each_home_as_built_alone(any_uow_factory: UnitOfWorkFactory) -> None:
    everyone = [*_workspace(any_uow_factory, 7), "UNEW"]
    with any_uow_factory(read_only=True) as uow:
        batch = homes_for(uow, WS, everyone, CATALOG)
        alone = [homes_for(uow, WS, [user_id], CATALOG)[0] for user_id in everyone]
        without_admin = homes_for(uow, WS, everyone[1:], CATALOG)

    assert list(batch) == alone
    assert list(without_admin) == alone[1:]  # no admin in the batch: no whole-workspace read
    admin, manager, rep, new = batch[0], batch[1], batch[4], batch[-1]
    assert admin.workspace_teams is not None and [a.user_id for a in admin.admins] == ["UADMIN"]
    assert manager.coach is not None and manager.coach.user_id == "UADMIN"
    assert [r.user_id for r in manager.reps] == ["UR01", "UR02", "UR04", "UR05"]
    assert set(manager.progress) == {"UR01", "UR02", "UR04", "UR05"}
    assert rep.coach is not None and rep.profile is not None and rep.profile.profile.calls_scored == 1
    assert new.is_new


def test_the_homes_of_two_or_of_twenty_people_cost_the_same_queries(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    everyone = _workspace(factory, 30)
    costs = []
    for batch in (everyone[1:3], everyone[1:21]):  # managers and reps, no admin
        with factory(read_only=True) as uow:
            uow.workspaces.get(WS)  # the transaction's own statements come first
            with _counting(engine) as count:
                homes = homes_for(uow, WS, batch, CATALOG)
        assert len(homes) == len(batch)
        costs.append(count[0])
    assert costs[0] == costs[1] <= 12, costs


def test_a_managers_stage_three_home_costs_the_same_queries_for_2_or_40_reps(engine: Engine) -> None:
    """Weeks 3-6: calls, lessons, homework and role-play cards of every rep, never one query per rep."""
    factory = make_uow_factory(engine)
    with factory() as uow:
        uow.workspaces.add(Workspace(develop_home.WS))
        develop_home.populate_team(uow, "UM2", 2, prefix="UA")
        develop_home.populate_team(uow, "UM40", 40, prefix="UB")
        uow.commit()
    costs: list[int] = []
    homes: list[HomeModel] = []
    for manager in ("UM2", "UM40"):
        with factory(read_only=True) as uow:
            uow.workspaces.get(develop_home.WS)  # the transaction's own statements come first
            with _counting(engine) as count:
                homes += homes_for(uow, develop_home.WS, [manager], CATALOG, develop_home.NOW)
        costs.append(count[0])
    assert costs[0] == costs[1], costs
    for home, reps in zip(homes, (2, 40), strict=True):
        weeks = [home.develop[rep.user_id] for rep in home.reps]
        assert len(weeks) == reps and all(w.lessons and w.homework and w.roleplays for w in weeks)
        assert all(w.homework is not None and w.homework.late and w.homework.awaiting_feedback for w in weeks)
    view = home_view(homes[1], develop_home.NOW, CATALOG)  # 40 rows of two blocks would not fit: 30 and a pointer
    assert check_view(view) == [] and "and 10 more" in json.dumps(view)
