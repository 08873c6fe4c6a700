"""`/coach pipeline [@rep]`: the CLI's pipeline velocity audit, for managers and admins, within their reach."""

from __future__ import annotations

import json

from domain.model import Member, Workspace, WorkspaceRef
from domain.pipeline import summary
from domain.services.pipeline import PipelineService
from tests.handlers.conftest import TEAM, Slack

WS = WorkspaceRef(TEAM)
HEADER = "id,name,owner,amount,stage,status,loss_reason,entered_prospecting,entered_qualifying,entered_presenting\n"
DEALS = (
    # Alex (Maya's rep): one won, two lost in qualifying, one open.
    "A1,Acme,UA,12000,presenting,won,,2026-01-05,2026-01-12,2026-01-20\n"
    "A2,Beta,UA,8000,qualifying,lost,Price,2026-01-06,2026-01-16,\n"
    "A3,Gamma,UA,5000,qualifying,lost,Competitor,2026-01-07,2026-01-10,\n"
    "A4,Delta,UA,7000,prospecting,open,,2026-02-01,,\n"
    # Bea (Maya's rep): two won, one lost in presenting.
    "B1,Epsilon,UB,20000,presenting,won,,2026-01-05,2026-01-08,2026-01-15\n"
    "B2,Zeta,UB,15000,presenting,won,,2026-01-06,2026-01-09,2026-01-12\n"
    "B3,Eta,UB,9000,presenting,lost,Timing,2026-01-07,2026-01-09,2026-01-14\n"
    # Chen (Omar's rep): one won, one lost.
    "C1,Theta,UC,30000,presenting,won,,2026-01-05,2026-01-07,2026-01-09\n"
    "C2,Iota,UC,4000,prospecting,lost,Price,2026-01-05,,\n"
)


def _teams_with_deals(slack: Slack, uow_factory) -> PipelineService:
    slack.coach("UADMIN", "help", replies=2)  # the first person to use /coach becomes admin
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    pipeline = PipelineService(uow_factory)
    report = pipeline.import_file(WS, (HEADER + DEALS).encode(), "deals.csv")
    assert report.imported == 9, report.problems
    return pipeline


def _shown(reply) -> str:
    return json.dumps(reply.responses[-1]["blocks"])


def test_a_manager_sees_their_reps_only_and_one_rep_in_full(slack: Slack, uow_factory) -> None:
    pipeline = _teams_with_deals(slack, uow_factory)

    team = slack.coach("UMGR", "pipeline")
    alex = slack.coach("UMGR", "pipeline <@UA|alex>")

    assert team.responses[-1]["response_type"] == "ephemeral"
    assert "Pipeline audit: your team" in _shown(team) and "2 reps, 7 deals." in _shown(team)
    assert "<@UA>" in _shown(team) and "<@UB>" in _shown(team) and "<@UC>" not in _shown(team)
    [audit] = pipeline.audit(WS, ["UA"])  # what `coachflow pipeline audit --team T1 --rep UA` prints from
    shown = _shown(alex)
    assert "compared with their team" in shown and "4 deals: 1 won, 2 lost, 1 open" in shown
    assert summary.deal_sizes(audit.deal_sizes) in shown  # type: ignore[arg-type]
    assert summary.loss_reasons(audit) in shown and summary.weakest(audit, long=True) in shown
    assert "*Qualifying*: reached 3, advanced 1, lost 2, open 0" in shown


def test_a_manager_asking_about_another_teams_rep_learns_nothing_about_them(slack: Slack, uow_factory) -> None:
    _teams_with_deals(slack, uow_factory)

    chen = slack.coach("UMGR", "pipeline <@UC|chen>").last_text
    nobody = slack.coach("UMGR", "pipeline <@UGONE|gone>").last_text

    assert "<@UC> is not on your team" in chen and "deal" not in chen
    assert "<@UGONE> is not on your team" in nobody  # the same answer whether or not they exist


def test_an_admin_sees_the_workspace_and_any_rep(slack: Slack, uow_factory) -> None:
    _teams_with_deals(slack, uow_factory)

    workspace = _shown(slack.coach("UADMIN", "pipeline"))
    chen = _shown(slack.coach("UADMIN", "pipeline <@UC|chen>"))

    assert "Pipeline audit: this workspace" in workspace and "3 reps, 9 deals." in workspace
    assert all(f"<@{rep}>" in workspace for rep in ("UA", "UB", "UC"))
    assert "2 deals: 1 won, 1 lost, 0 open" in chen and "compared with the whole workspace" in chen


def test_a_rep_is_pointed_to_their_manager_even_for_their_own_pipeline(slack: Slack, uow_factory) -> None:
    _teams_with_deals(slack, uow_factory)

    for text in ("pipeline", "pipeline <@UA|alex>", "pipeline <@UB|bea>"):
        said = slack.coach("UA", text).last_text
        assert "for managers and admins" in said and "deal" not in said and "<@UB>" not in said, text


def test_nothing_crosses_workspaces(slack: Slack, uow_factory) -> None:
    pipeline = _teams_with_deals(slack, uow_factory)
    other = WorkspaceRef("T2")
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(other, name="Elsewhere"))
        uow.members.add(Member(other, "UA", "Alex elsewhere", "UTC", manager_id="UMGR"))
        uow.commit()
    pipeline.import_file(other, (HEADER + "X1,Other,UA,99999,presenting,won,,2026-01-05,,\n").encode(), "t2.csv")

    alex = _shown(slack.coach("UMGR", "pipeline <@UA|alex>"))

    assert "4 deals" in alex and "99,999" not in alex
    assert "3 reps, 9 deals." in _shown(slack.coach("UADMIN", "pipeline"))


def test_a_big_workspace_is_paged_within_block_kit_limits(slack: Slack, uow_factory) -> None:
    pipeline = _teams_with_deals(slack, uow_factory)
    reps = [f"UR{n:02d}" for n in range(45)]
    with uow_factory() as uow:
        for rep in reps:
            uow.members.add(Member(WS, rep, f"Rep {rep}", "UTC", manager_id="UMGR2"))
        uow.commit()
    rows = "".join(f"R{n},Deal {n},{rep},1000,qualifying,won,,2026-01-05,2026-01-09,\n" for n, rep in enumerate(reps))
    pipeline.import_file(WS, (HEADER + rows).encode(), "many.csv")

    first = slack.coach("UADMIN", "pipeline")
    last = slack.coach("UADMIN", "pipeline page 3")
    beyond = slack.coach("UADMIN", "pipeline page 99")

    assert "48 reps, 54 deals." in _shown(first) and "page 1 of 3" in _shown(first)
    assert "Next: `/coach pipeline page 2`" in _shown(first)
    assert _shown(first).count("<@") == 20 and _shown(last).count("<@") == 8
    assert "Reps 41-48 of 48 (page 3 of 3)" in _shown(last) and "Next:" not in _shown(last)
    assert _shown(beyond) == _shown(last)  # past the end: the last page
    assert "Pages are numbered from 1" in slack.coach("UADMIN", "pipeline page ²").last_text


def test_with_nothing_imported_yet_the_reply_says_how_deals_come_in(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")

    assert "No opportunities for your team" in slack.coach("UMGR", "pipeline").last_text
    assert "sharing it as a CSV file in Coachflow's DM" in slack.coach("UADMIN", "pipeline").last_text
    slack.coach("UMGR", "team remove <@UA|alex>")
    assert "You do not coach anyone yet" in slack.coach("UMGR", "pipeline").last_text
