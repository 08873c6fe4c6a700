"""`/coach`: the team roster and admin commands.

Acknowledges at once (Slack allows 3 seconds), then looks people up in Slack,
calls the roster service and answers ephemerally through `respond`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError
from domain.model import Member, WorkspaceRef
from handlers.blocks import roster as replies
from handlers.blocks.kit import combined
from handlers.commands.coach_cycles import run_cycles
from handlers.commands.coach_diagnosis import run_diagnosis
from handlers.commands.coach_parser import (
    AdminCalendar,
    AdminGrant,
    AdminTeams,
    Assess,
    CoachCommand,
    CycleCommand,
    Help,
    Notify,
    Pause,
    Profile,
    Resume,
    ScoreCall,
    StartCycle,
    TeamAdd,
    TeamList,
    TeamMove,
    TeamRemove,
    parse_coach_command,
)
from handlers.commands.coach_settings import run_settings
from handlers.commands.coach_week_two import run_week_two
from handlers.commands.week_two_parser import Contract, Focus, Prioritize
from handlers.edge.directory import SlackUserDirectory
from handlers.edge.outbox import notify_joined, publish_homes, send_dm
from handlers.edge.payloads import SlashCommand
from handlers.edge.services import Services, services, workspace_of


def handle_coach(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    payload = SlashCommand.model_validate(command)
    svc = services(context)
    ws = workspace_of(context)
    directory = SlackUserDirectory(client)
    welcome_later = False
    try:
        parsed = parse_coach_command(payload.text)
        caller = svc.roster.enroll_caller(ws, payload.user_id, directory)
        # A modal's trigger_id lives 3 seconds: it opens before the welcome is posted.
        welcome_later = caller.became_admin and _opens_modal(parsed)
        if caller.became_admin and not welcome_later:
            respond(response_type="ephemeral", **replies.welcome_admin_message())
        reply = _run(parsed, svc, ws, payload.user_id, client, payload.trigger_id, respond)
    except CoachflowError as error:
        reply = replies.error_message(str(error))
    if reply is not None:
        respond(response_type="ephemeral", **reply)
    if welcome_later:
        respond(response_type="ephemeral", **replies.welcome_admin_message())


def _opens_modal(parsed: CoachCommand) -> bool:
    return isinstance(parsed, ScoreCall | Assess | Prioritize) or (
        isinstance(parsed, Contract) and parsed.rep_id is not None and not parsed.show
    )


def _run(
    parsed: CoachCommand, svc: Services, ws: WorkspaceRef, caller_id: str, client: WebClient, trigger_id: str | None,
    respond: Respond,
) -> dict[str, Any] | None:
    """The ephemeral reply, or None when the command opened a modal or answered already."""
    directory = SlackUserDirectory(client)
    match parsed:
        case Help(topic=topic):
            return replies.help_message(topic)
        case TeamList():
            return replies.team_message(svc.roster.team(ws, caller_id), svc.clock())
        case TeamAdd(user_ids=user_ids):
            results = svc.roster.add_reps(ws, caller_id, user_ids, directory)
            notify_joined(client, svc, ws, caller_id, results)
            return replies.add_reps_message(results, len(svc.roster.team(ws, caller_id).reps))
        case TeamRemove(user_ids=user_ids):
            removed, problems = _each(lambda rep_id: svc.roster.remove_rep(ws, caller_id, rep_id), user_ids)
            publish_homes(client, svc, ws, [caller_id, *(r.user_id for r in removed)])
            return combined([replies.removed_message(rep) for rep in removed] + problems)
        case TeamMove(rep_id=rep_id, manager_id=manager_id):
            result = svc.roster.move_rep(ws, caller_id, rep_id, manager_id, directory)
            if result.joined:
                send_dm(client, svc, ws, rep_id, replies.rep_joined_notice(result, manager_id))
                if result.previous_manager_id and result.previous_manager_id != caller_id:
                    send_dm(client, svc, ws, result.previous_manager_id, replies.rep_left_notice(rep_id, manager_id))
                publish_homes(client, svc, ws, [caller_id, rep_id, manager_id, result.previous_manager_id or caller_id])
            return replies.moved_message(result)
        case AdminGrant(user_ids=user_ids):
            granted, problems = _each(
                lambda user_id: svc.roster.grant_admin(ws, user_id, directory, granted_by=caller_id), user_ids
            )
            publish_homes(client, svc, ws, [m.user_id for m in granted])
            return combined([replies.admin_granted_message(m) for m in granted] + problems)
        case AdminTeams():
            return replies.teams_message(svc.roster.teams(ws, caller_id))
        case Pause() | Resume() | Notify() | AdminCalendar():
            return run_settings(parsed, svc, ws, caller_id)
        case StartCycle() | CycleCommand():
            return run_cycles(parsed, svc, ws, caller_id, client)
        case ScoreCall() | Assess() | Profile():
            return run_diagnosis(parsed, svc, ws, caller_id, client, trigger_id, respond)
        case Prioritize() | Focus() | Contract():
            return run_week_two(parsed, svc, ws, caller_id, client, trigger_id)
    raise AssertionError(f"unhandled command {parsed!r}")


def _each(step: Callable[[str], Member], user_ids: list[str]) -> tuple[list[Member], list[dict[str, Any]]]:
    """Apply `step` to each person; one refusal does not hide the others' results."""
    done: list[Member] = []
    problems: list[dict[str, Any]] = []
    for user_id in user_ids:
        try:
            done.append(step(user_id))
        except CoachflowError as error:
            problems.append(replies.error_message(str(error)))
    return done, problems

