"""Action plans through Slack: `/coach plan @rep`, `/commit`, the check-in's buttons, the manager's changes."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.commitment_steps import (
    Typed,
    commit,
    open_plan,
    plan_errors,
    soon,
    submit_plan,
    team,
)
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import WS, click_to_open, dm_with, errors_of, local_today, submit_view


def _stored(uow_factory: UnitOfWorkFactory, rep_id: str = "UA") -> list:
    with uow_factory(read_only=True) as uow:
        return uow.commitments.for_reps(WS, [rep_id]).get(rep_id, [])


def _three(deadline=None) -> tuple[Typed, Typed, Typed]:
    day = deadline or soon()
    return (Typed("Send Hooli the ROI one-pager", day, evidence="Hooli replies", confidence=4,
                  support="A template from marketing"),
            Typed("Book the <!channel> security review", day + timedelta(days=2), owner="UB",
                  evidence="Review on the calendar"),
            Typed("Ask three discovery questions on every call", day, confidence=3))


def test_a_plan_of_three_with_one_delegated_tells_each_owner_what_they_own(slack: Slack,
                                                                           uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    modal = open_plan(slack)
    assert modal["callback_id"] == ids.PLAN_VIEW

    assert errors_of(submit_plan(slack, modal, *_three())) == {}

    stored = _stored(uow_factory)
    assert [c.owner_id for c in sorted(stored, key=lambda c: c.id)] == ["UA", "UB", "UA"]
    assert len({c.plan_id for c in stored}) == 1 and all(c.status is CommitmentStatus.OPEN for c in stored)
    with uow_factory(read_only=True) as uow:  # issue 14: the plan is in the audit log, one entry per action
        entries = {(e.actor_id, e.action.value, e.subject_id, e.record_kind.value, e.record_id)
                   for e in uow.audit.search(WS, "UA", None)}
    assert entries == {("UMGR", "change", "UA", "commitment", str(c.id)) for c in stored}
    plan = dm_with(slack, "UA", "Your action plan")
    text = json.dumps(plan["blocks"])
    assert "ROI one-pager" in text and "security review" in text and "discovery questions" in text
    delegated = dm_with(slack, "UB", "agreed an action for you")
    shown = json.dumps(delegated)
    assert "security review" in shown and "&lt;!channel&gt;" in shown  # the manager's words, never a broadcast
    assert "ROI one-pager" not in shown and "discovery questions" not in shown  # only her own action
    assert dm_with(slack, "UMGR", "Saved")
    assert "&lt;!channel&gt;" in json.dumps(plan["blocks"])


def test_a_fourth_action_is_refused_and_nothing_is_stored(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    modal = open_plan(slack)
    fourth = Typed("Rewrite the pitch", soon())

    errors = plan_errors(slack, modal, *_three(), fourth)

    assert "at most 3 actions" in errors["action_1"] and "limit priorities" in errors["action_1"]
    assert _stored(uow_factory) == []


def test_a_deadline_in_the_past_is_refused_inline_under_its_action(slack: Slack,
                                                                   uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    modal = open_plan(slack)
    yesterday = local_today("America/Los_Angeles") - timedelta(days=2)

    errors = plan_errors(slack, modal, Typed("Send the deck", soon()), Typed("Call Acme", yesterday))

    assert list(errors) == ["deadline_2"] and "has passed" in errors["deadline_2"]
    assert _stored(uow_factory) == []


def test_an_owner_outside_the_workspace_or_a_bot_is_refused(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    modal = open_plan(slack)

    errors = plan_errors(slack, modal, Typed("Send the deck", soon()), Typed("Call Acme", soon(), owner="UNOBODY"),
                         Typed("Post the recap", soon(), owner="UHELPER"))

    assert set(errors) == {"owner_2", "owner_3"}
    assert "not one Coachflow can reach" in errors["owner_2"]
    assert _stored(uow_factory) == []


def test_only_the_reps_own_manager_opens_their_plan(slack: Slack) -> None:
    team(slack)
    request = slack.requests.slash_command("UMGR2", "/coach", "plan <@UA|alex>")
    assert slack.dispatch(request).status == 200
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(request.response_token or "")))
    assert "not on your team" in json.dumps(slack.fake.responses_for(request.response_token or ""))
    assert slack.fake.view_opened_by(request.payload["trigger_id"]) is None


def test_commit_in_one_line_is_stored_in_the_reps_calendar_and_the_manager_told(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)

    _, request = commit(slack, "UA", "send Hooli the ROI one-pager by tomorrow")

    token = request.response_token or ""
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(token)))
    assert "Committed" in json.dumps(slack.fake.responses_for(token))
    [stored] = _stored(uow_factory)
    assert stored.action == "send Hooli the ROI one-pager"
    assert stored.deadline == local_today("America/Los_Angeles") + timedelta(days=1)  # Alex's tomorrow
    assert dm_with(slack, "UMGR", "committed to an action")


def test_commit_without_text_or_a_readable_day_opens_the_modal_keeping_what_was_typed(slack: Slack) -> None:
    team(slack)
    _, request = commit(slack, "UA", "")
    assert _opened(slack, request)["callback_id"] == ids.COMMIT_VIEW

    _, request = commit(slack, "UA", "send the deck by the time I can")
    modal = _opened(slack, request)
    assert "send the deck by the time I can" in json.dumps(modal["blocks"])
    past = local_today("America/Los_Angeles") - timedelta(days=2)
    values = {"action_1": {"value": {"type": "plain_text_input", "value": "send the deck by the time I can"}},
              "deadline_1": {"value": {"type": "datepicker", "selected_date": past.isoformat()}}}
    assert "has passed" in errors_of(submit_view(slack, "UA", ids.COMMIT_VIEW, modal, values))["deadline_1"]
    values["deadline_1"]["value"]["selected_date"] = soon().isoformat()
    assert errors_of(submit_view(slack, "UA", ids.COMMIT_VIEW, modal, values)) == {}
    assert dm_with(slack, "UA", "Committed") and dm_with(slack, "UMGR", "committed to an action")


def _opened(slack: Slack, request: Any) -> dict[str, Any]:
    trigger = request.payload["trigger_id"]
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger) is not None)
    modal = slack.fake.view_opened_by(trigger)
    assert modal is not None
    return modal


def test_the_check_in_answered_partly_needs_obstacles_and_tells_the_manager(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    _, request = commit(slack, "UA", "send Hooli the ROI one-pager by today")
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(request.response_token or "")))
    [stored] = _stored(uow_factory)

    modal, _ = click_to_open(slack, "UA", ids.COMMITMENT_PARTLY, str(stored.id))
    assert modal is not None and modal["callback_id"] == ids.COMMITMENT_OBSTACLES_VIEW
    empty = errors_of(submit_view(slack, "UA", ids.COMMITMENT_OBSTACLES_VIEW, modal,
                                  {"obstacles": {"value": {"type": "plain_text_input", "value": None}}}))
    assert "got in the way" in empty["obstacles"]
    assert errors_of(submit_view(slack, "UA", ids.COMMITMENT_OBSTACLES_VIEW, modal, {"obstacles": {"value": {
        "type": "plain_text_input", "value": "Hooli's CFO was out"}}})) == {}

    [answered] = _stored(uow_factory)
    assert answered.status is CommitmentStatus.PARTLY and answered.obstacles == "Hooli's CFO was out"
    told = dm_with(slack, "UMGR", "answered the check-in")
    assert "partly done" in told["text"] and "CFO was out" in json.dumps(told["blocks"])


def test_the_manager_moves_a_deadline_and_drops_an_action_with_history(slack: Slack,
                                                                       uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    modal = open_plan(slack)
    submit_plan(slack, modal, *_three())
    first, second, _ = sorted(_stored(uow_factory), key=lambda c: c.id)
    listing = slack.coach("UMGR", "commitments <@UA|alex>")
    assert ids.COMMITMENT_MENU in json.dumps(listing.responses[-1])

    request = _menu(slack, "UMGR", f"move:{first.id}")
    assert slack.dispatch(request).status == 200
    move = _opened(slack, request)
    later = first.deadline + timedelta(days=3)
    assert errors_of(submit_view(slack, "UMGR", ids.COMMITMENT_MOVE_VIEW, move, {"deadline": {"value": {
        "type": "datepicker", "selected_date": later.isoformat()}}})) == {}

    moved = next(c for c in _stored(uow_factory) if c.id == first.id)
    assert moved.deadline == later and [h.kind.value for h in moved.history] == ["created", "deadline_moved"]
    assert dm_with(slack, "UA", "moved an action of yours")

    assert slack.dispatch(_menu(slack, "UMGR", f"drop:{second.id}")).status == 200
    dm_with(slack, "UB", "dropped an action of yours")
    dropped = next(c for c in _stored(uow_factory) if c.id == second.id)
    assert dropped.status is CommitmentStatus.DROPPED and dropped.history[-1].by == "UMGR"


def _menu(slack: Slack, user_id: str, choice: str):
    return slack.requests.block_actions(user_id, ids.COMMITMENT_MENU, action_type="overflow", selected_option=choice)


def test_crafted_clicks_and_forms_naming_someone_elses_action_change_nothing(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    submit_plan(slack, open_plan(slack), *_three())
    own = next(c for c in _stored(uow_factory) if c.owner_id == "UA")
    delegated = next(c for c in _stored(uow_factory) if c.owner_id == "UB")

    # Bea owns one action: she cannot answer Alex's, nor list his whole plan.
    done = slack.requests.block_actions("UB", ids.COMMITMENT_DONE, value=str(own.id), channel_id="DUB")
    assert slack.dispatch(done).status == 200
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(done.response_token or "")))
    assert "not yours" in json.dumps(slack.fake.responses_for(done.response_token or ""))
    listing = slack.coach("UB", "commitments <@UA|alex>")
    assert "security review" in listing.last_text and "ROI one-pager" not in listing.last_text
    # Another team's manager: no listing, no drop, no move form of Alex's actions.
    assert "for them and their manager" in slack.coach("UMGR2", "commitments <@UA|alex>").last_text
    drop = _menu(slack, "UMGR2", f"drop:{own.id}")
    assert slack.dispatch(drop).status == 200
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(drop.response_token or "")))
    move = {"type": "modal", "private_metadata": json.dumps({"c": delegated.id}), "blocks": []}
    errors = errors_of(submit_view(slack, "UMGR2", ids.COMMITMENT_MOVE_VIEW, move, {"deadline": {"value": {
        "type": "datepicker", "selected_date": soon(20).isoformat()}}}))
    assert "not one you can see or change" in errors["deadline"]
    # Alex cannot answer the action delegated to Bea either.
    obstacles = {"type": "modal", "private_metadata": json.dumps({"c": delegated.id, "s": "not_done"}), "blocks": []}
    errors = errors_of(submit_view(slack, "UA", ids.COMMITMENT_OBSTACLES_VIEW, obstacles, {"obstacles": {"value": {
        "type": "plain_text_input", "value": "No time"}}}))
    assert "not yours" in errors["obstacles"]
    assert all(c.status is CommitmentStatus.OPEN and len(c.history) == 1 for c in _stored(uow_factory))


def test_overdue_commitments_show_first_and_marked_in_both_app_homes(slack: Slack,
                                                                     uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    submit_plan(slack, open_plan(slack), Typed("Send the deck", soon(5)))
    dm_with(slack, "UA", "Your action plan")
    last_week = local_today("America/Los_Angeles") - timedelta(days=3)
    with uow_factory() as uow:  # agreed a week ago; its deadline has passed since, still open
        uow.commitments.add(Commitment(WS, "UA", "UMGR", "UA", "Call Globex back", last_week, "old"))
        uow.commit()

    for viewer, title in (("UA", "Your commitments"), ("UMGR", "Your reps' commitments")):
        text = json.dumps(slack.open_home(viewer)["blocks"])
        assert title in text, viewer
        assert text.index("overdue") < text.index("Call Globex back") < text.index("Send the deck"), viewer
    assert "Call Globex back" not in json.dumps(slack.open_home("UMGR2")["blocks"])
