"""Answering a slash command from its table: parse, look the caller up, run, reply.

The order is the point:
1. `ack()` at once (Slack allows 3 seconds), then parse the text; a typo is
   answered before anything is read or written.
2. A subcommand that opens a modal runs first: the trigger_id dies 3 seconds
   after the command, so the modal's own check and `views.open` come before
   any other database or Slack lookup. Then the caller is looked up, and
   enrolled if Coachflow did not know them; if the modal was refused only
   because of that (scoring your own first call), it is tried once more. The
   first-admin welcome follows the modal.
3. Any other subcommand looks the caller up first. A reading one (`reads_only`)
   enrols only a caller Coachflow does not know yet, so a known member's
   reading command writes nothing; a writing one enrols as it always did.
   `help` enrols nobody, except the very first person in a workspace: the
   first person to use `/coach` becomes its admin, whatever they typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError
from handlers.blocks.roster import error_message, welcome_admin_message
from handlers.commands.registry import CommandTable, Invocation, Parsed, Reply, SlashCommands, Subcommand
from handlers.edge.payloads import SlashCommand
from handlers.edge.services import services, workspace_of

Listener = Callable[[Ack, dict[str, Any], Respond, WebClient, BoltContext], None]


@dataclass(frozen=True)
class CallerCheck:
    known_before: bool
    became_admin: bool = False


def attach(commands: SlashCommands, app: App) -> None:
    """Give each registered top-level command its Bolt listener."""
    for table in commands:
        app.command(table.command)(listener(table))


def listener(table: CommandTable) -> Listener:
    # Bolt passes arguments by parameter name, so the names below matter.
    def handle_command(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient,
                       context: BoltContext) -> None:
        ack()
        payload = SlashCommand.model_validate(command)
        call = Invocation(services(context), workspace_of(context), payload.user_id, client, payload.trigger_id,
                          respond)
        try:
            parsed = table.parse(payload.text)
        except CoachflowError as error:
            _answer(call, error_message(str(error)))
            return
        if parsed.subcommand.opens_modal(parsed.model):
            _open_modal_first(parsed, call)
        else:
            _run(parsed, call)

    return handle_command


def _run(parsed: Parsed, call: Invocation) -> None:
    sub, model = parsed.subcommand, parsed.model
    try:
        caller = check_caller(sub, model, call)
        if caller.became_admin:
            _answer(call, welcome_admin_message())
        reply = sub.run(model, call)
    except CoachflowError as error:
        reply = error_message(str(error))
    _answer(call, reply)


def _open_modal_first(parsed: Parsed, call: Invocation) -> None:
    sub, model = parsed.subcommand, parsed.model
    refusal: CoachflowError | None = None
    reply: Reply = None
    try:
        reply = sub.run(model, call)
    except CoachflowError as error:
        refusal = error
    caller = CallerCheck(known_before=True)
    try:
        caller = _enrol_stranger(call)
        if refusal is not None and not caller.known_before:
            refusal, reply = None, sub.run(model, call)
    except CoachflowError as error:
        refusal = error
    _answer(call, error_message(str(refusal)) if refusal is not None else reply)
    if caller.became_admin:
        _answer(call, welcome_admin_message())


def check_caller(sub: Subcommand[Any], model: Any, call: Invocation) -> CallerCheck:
    """Look the caller up; enrol them only as far as the subcommand needs (see the module's docstring)."""
    roster = call.svc.roster
    if not sub.only_reads(model):
        enrolled = roster.enroll_caller(call.ws, call.caller_id, call.directory)
        return CallerCheck(known_before=True, became_admin=enrolled.became_admin)
    if sub.first_admin_only:
        if roster.member(call.ws, call.caller_id) is not None or roster.has_admin(call.ws):
            return CallerCheck(known_before=True)
        enrolled = roster.enroll_caller(call.ws, call.caller_id, call.directory)
        return CallerCheck(known_before=False, became_admin=enrolled.became_admin)
    return _enrol_stranger(call)


def _enrol_stranger(call: Invocation) -> CallerCheck:
    if call.svc.roster.member(call.ws, call.caller_id) is not None:
        return CallerCheck(known_before=True)
    enrolled = call.svc.roster.enroll_caller(call.ws, call.caller_id, call.directory)
    return CallerCheck(known_before=False, became_admin=enrolled.became_admin)


def _answer(call: Invocation, reply: Reply) -> None:
    if reply is not None:
        call.respond(response_type="ephemeral", **reply)
