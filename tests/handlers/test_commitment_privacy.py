"""Action-plan privacy: every commitment button and form, crafted to name Alex's action, is refused.

Maya records Alex's plan: his own action, and one delegated to Chen (on
Omar's team). The rep, his manager, an admin, and the delegated owner for
their own action may see or change an action; nobody else. Each wrong person
(another rep, another manager, the delegate for Alex's own action, someone in
another workspace) sends each listener's request naming Alex's action:
a clear refusal, nothing changed, Alex hears nothing, none of the plan's
text reaches them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer, SignedRequest, SlackRequests
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.commitment_steps import Typed, open_plan, plan_values, soon, submit_plan
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import WS, dm_with
from tests.handlers.privacy_steps import OUTSIDER, SECRET, attempt, requests_for

WRONG = ("UB", "UMGR2", "UC", OUTSIDER)  # another rep, another manager, the delegate (for Alex's own), outsider
Build = Callable[[SlackRequests, int, str], SignedRequest]


def _click(action_id: str) -> Build:
    return lambda r, action, p: r.block_actions(p, action_id, value=str(action), channel_id=f"D{p}")


def _menu(verb: str) -> Build:
    return lambda r, action, p: r.block_actions(p, ids.COMMITMENT_MENU, action_type="overflow",
                                                selected_option=f"{verb}:{action}")


def _form(callback_id: str, metadata: Callable[[int], dict[str, Any]], values: dict[str, Any]) -> Build:
    return lambda r, action, p: r.view_submission(p, callback_id, values, private_metadata=json.dumps(metadata(action)))


CASES: dict[str, tuple[Build, str]] = {
    "done": (_click(ids.COMMITMENT_DONE), "not yours"),
    "partly": (_click(ids.COMMITMENT_PARTLY), "not yours"),
    "not done": (_click(ids.COMMITMENT_NOT_DONE), "not yours"),
    "menu: move": (_menu("move"), "not one you can see or change"),
    "menu: drop": (_menu("drop"), "not one you can see or change"),
    "obstacles form": (_form(ids.COMMITMENT_OBSTACLES_VIEW, lambda a: {"c": a, "s": "partly"},
                             {"obstacles": {"value": {"type": "plain_text_input", "value": "crafted"}}}), "not yours"),
    "move form": (_form(ids.COMMITMENT_MOVE_VIEW, lambda a: {"c": a},
                        {"deadline": {"value": {"type": "datepicker", "selected_date": soon(30).isoformat()}}}),
                  "not one you can see or change"),
    "plan form": (_form(ids.PLAN_VIEW, lambda a: {"rep": "UA"}, plan_values(Typed("crafted", soon()))),
                  "not on your team"),
}


@pytest.fixture
def plan(slack: Slack, uow_factory: UnitOfWorkFactory) -> tuple[int, int]:
    """(Alex's own action, the one delegated to Chen), both carrying `SECRET`."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    assert submit_plan(slack, open_plan(slack), Typed(f"{SECRET} send the deck", soon(), support=f"{SECRET} help"),
                       Typed(f"{SECRET} book the review", soon(), owner="UC")).body == ""
    dm_with(slack, "UA", "Your action plan")
    with uow_factory(read_only=True) as uow:
        stored = uow.commitments.for_reps(WS, ["UA"])["UA"]
    own = next(c for c in stored if c.owner_id == "UA")
    delegated = next(c for c in stored if c.owner_id == "UC")
    slack.listeners.wait_idle()
    return own.id or 0, delegated.id or 0


def _state(uow_factory: UnitOfWorkFactory) -> list[tuple[Any, ...]]:
    with uow_factory(read_only=True) as uow:
        found = uow.commitments.for_reps(WS, ["UA", "UB", "UC"])
    return sorted((c.id, c.rep_id, c.status, c.deadline, len(c.history)) for cs in found.values() for c in cs)


@pytest.mark.parametrize("case", sorted(CASES))
def test_nobody_else_answers_changes_or_plans_alexs_action(case: str, slack: Slack, engine: Engine,
                                                          uow_factory: UnitOfWorkFactory,
                                                          fake_server: FakeSlackServer, plan: tuple[int, int]) -> None:
    build, refusal = CASES[case]
    own, _ = plan
    before = _state(uow_factory)
    for person in WRONG:
        outcome = attempt(slack, engine, person, build(requests_for(slack, person, fake_server.base_url), own, person))
        if person != OUTSIDER:  # another workspace's request is dropped at the edge, unanswered
            assert refusal in outcome.seen, (case, person, outcome.seen[:400])
        assert SECRET not in outcome.seen, (case, person)
        assert outcome.modal is None or outcome.modal.get("callback_id") != ids.COMMITMENT_OBSTACLES_VIEW
        assert _state(uow_factory) == before, (case, person)


def test_the_delegate_answers_only_their_own_action_and_sees_only_it(slack: Slack, engine: Engine,
                                                                      uow_factory: UnitOfWorkFactory,
                                                                      plan: tuple[int, int]) -> None:
    _, delegated = plan
    chen = slack.coach("UC", "commitments <@UA|alex>").last_text
    assert "book the review" in chen and "send the deck" not in chen and f"{SECRET} help" not in chen
    alex = attempt(slack, engine, "UA", slack.requests.block_actions("UA", ids.COMMITMENT_DONE, value=str(delegated),
                                                                     channel_id="DUA"))
    assert "not yours" in alex.seen
    ok = attempt(slack, engine, "UC", slack.requests.block_actions("UC", ids.COMMITMENT_DONE, value=str(delegated),
                                                                   channel_id="DUC"))
    assert "Recorded" in ok.seen
    assert "send the deck" not in json.dumps(slack.fake.messages_to("UC"))


def test_the_admin_may_see_and_change_a_reps_plan(slack: Slack, engine: Engine, uow_factory: UnitOfWorkFactory,
                                                 plan: tuple[int, int]) -> None:
    own, _ = plan
    assert "send the deck" in slack.coach("UADMIN", "commitments <@UA|alex>").last_text
    attempt(slack, engine, "UADMIN", slack.requests.block_actions("UADMIN", ids.COMMITMENT_MENU, action_type="overflow",
                                                                  selected_option=f"drop:{own}"))
    assert any(c[0] == own and c[2].value == "dropped" for c in _state(uow_factory))


def test_a_crafted_commit_form_naming_alex_stores_only_the_senders_own_action(
        slack: Slack, engine: Engine, uow_factory: UnitOfWorkFactory, plan: tuple[int, int]) -> None:
    values = {"action_1": {"value": {"type": "plain_text_input", "value": "Mine"}},
              "deadline_1": {"value": {"type": "datepicker", "selected_date": soon().isoformat()}}}
    for person in ("UB", "UMGR2"):
        outcome = attempt(slack, engine, person, slack.requests.view_submission(
            person, ids.COMMIT_VIEW, values, private_metadata=json.dumps({"rep": "UA"})))
        assert SECRET not in outcome.seen
    with uow_factory(read_only=True) as uow:
        found = uow.commitments.for_reps(WS, ["UA", "UB", "UMGR2"])
    assert [c.action for c in found["UB"]] == ["Mine"]  # Bea's own, never Alex's
    assert "UMGR2" not in found and len(found["UA"]) == 2  # Omar is coached by nobody: refused
