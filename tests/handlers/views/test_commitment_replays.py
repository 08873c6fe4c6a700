"""Every commitment form and writing click stored once, whatever the replay, retry or double click (issue 12)."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from domain.coaching.commitments import CommitmentStatus
from domain.ports import UnitOfWorkFactory
from domain.services.commitment_notices import CommitForm
from handlers.blocks.commitment_modals import commit_modal
from handlers.edge import ids
from tests.handlers.commitment_steps import Typed, open_plan, plan_values, soon, team
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import WS, dm_with
from tests.handlers.receipt_steps import replay, rows, texts_to


def _plan(slack: Slack, uow_factory: UnitOfWorkFactory) -> int:
    """Maya's plan for Alex, saved once; the id of Alex's own action."""
    modal = open_plan(slack)
    request = slack.requests.view_submission("UMGR", ids.PLAN_VIEW, plan_values(Typed("Send the deck", soon())),
                                             private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    assert slack.dispatch(request).body == ""
    dm_with(slack, "UA", "Your action plan")
    with uow_factory(read_only=True) as uow:
        [stored] = uow.commitments.for_reps(WS, ["UA"])["UA"]
    return stored.id or 0


def test_a_plan_sent_three_times_stores_its_actions_once_and_tells_each_owner_once(slack: Slack,
                                                                                  engine: Engine) -> None:
    team(slack)
    modal = open_plan(slack)
    values = plan_values(Typed("Send the deck", soon()), Typed("Book the review", soon(), owner="UB"))
    request = slack.requests.view_submission("UMGR", ids.PLAN_VIEW, values,
                                             private_metadata=modal["private_metadata"], blocks=modal["blocks"])

    replies = replay(slack, request, request, request)

    assert all(r.status == 200 and r.body == "" for r in replies)
    assert rows(engine, "commitments") == 2
    assert texts_to(slack, "UA", "Your action plan") == 1 and texts_to(slack, "UB", "agreed an action for you") == 1


def test_a_commit_form_sent_twice_stores_one_action(slack: Slack, engine: Engine,
                                                   uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    with uow_factory(read_only=True) as uow:
        rep = uow.members.get(WS, "UA")
    assert rep is not None
    modal = commit_modal(CommitForm(rep, soon(0)))
    values = {"action_1": {"value": {"type": "plain_text_input", "value": "Call Acme"}},
              "deadline_1": {"value": {"type": "datepicker", "selected_date": soon().isoformat()}}}
    request = slack.requests.view_submission("UA", ids.COMMIT_VIEW, values, private_metadata=modal["private_metadata"])

    replay(slack, request, request)

    assert rows(engine, "commitments") == 1
    assert texts_to(slack, "UMGR", "committed to an action") == 1


def test_done_clicked_twice_and_replayed_answers_once_and_tells_the_manager_once(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    action_id = _plan(slack, uow_factory)
    click = slack.requests.block_actions("UA", ids.COMMITMENT_DONE, value=str(action_id), channel_id="DUA")
    again = slack.requests.block_actions("UA", ids.COMMITMENT_DONE, value=str(action_id), channel_id="DUA")

    replay(slack, click, click, again)

    with uow_factory(read_only=True) as uow:
        stored = uow.commitments.get(WS, action_id)
    assert stored is not None and stored.status is CommitmentStatus.DONE and len(stored.history) == 2
    assert texts_to(slack, "UMGR", "answered the check-in") == 1


def test_obstacles_sent_twice_are_stored_once_and_told_once(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    action_id = _plan(slack, uow_factory)
    values = {"obstacles": {"value": {"type": "plain_text_input", "value": "The CFO was out"}}}
    request = slack.requests.view_submission("UA", ids.COMMITMENT_OBSTACLES_VIEW, values,
                                             private_metadata=json.dumps({"c": action_id, "s": "not_done"}))

    replies = replay(slack, request, request)

    assert [r.body for r in replies] == ["", ""]
    with uow_factory(read_only=True) as uow:
        stored = uow.commitments.get(WS, action_id)
    assert stored is not None and stored.status is CommitmentStatus.NOT_DONE and len(stored.history) == 2
    assert texts_to(slack, "UMGR", "answered the check-in") == 1


def test_a_move_and_a_drop_replayed_change_the_action_once_each(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    action_id = _plan(slack, uow_factory)
    move = slack.requests.view_submission("UMGR", ids.COMMITMENT_MOVE_VIEW, {"deadline": {"value": {
        "type": "datepicker", "selected_date": soon(10).isoformat()}}},
        private_metadata=json.dumps({"c": action_id}))
    drop = slack.requests.block_actions("UMGR", ids.COMMITMENT_MENU, action_type="overflow",
                                        selected_option=f"drop:{action_id}")

    replay(slack, move, move, drop, drop)

    with uow_factory(read_only=True) as uow:
        stored = uow.commitments.get(WS, action_id)
    assert stored is not None and [h.kind.value for h in stored.history] == ["created", "deadline_moved", "dropped"]
    assert texts_to(slack, "UA", "moved an action of yours") == 1 and texts_to(slack, "UA", "dropped an action") == 1
