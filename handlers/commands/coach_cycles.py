"""`/coach start @rep [date]` and `/coach cycle [@rep] [advance|extend N|end]`."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from handlers.blocks import cycles as replies
from handlers.commands.coach_parser import CycleCommand, StartCycle
from handlers.edge.outbox import publish_homes, send_dm
from handlers.edge.services import Services


def run_cycles(
    parsed: StartCycle | CycleCommand, svc: Services, ws: WorkspaceRef, caller_id: str, client: WebClient
) -> dict[str, Any]:
    match parsed:
        case StartCycle(rep_id=rep_id, starts_on=starts_on):
            view = svc.cycles.start(ws, caller_id, rep_id, starts_on)
            send_dm(client, svc, ws, rep_id, replies.cycle_started_notice(view))
            publish_homes(client, svc, ws, [caller_id, rep_id])
            return replies.cycle_message(view)
        case CycleCommand(action="show", rep_id=rep_id):
            return replies.cycle_message(svc.cycles.view(ws, caller_id, rep_id or caller_id))
        case CycleCommand(action=action, rep_id=rep_id, weeks=weeks) if rep_id is not None:
            view = svc.cycles.steer(ws, caller_id, rep_id, action, weeks)
            publish_homes(client, svc, ws, [caller_id, rep_id])
            return replies.cycle_changed_message(view, action)
    raise AssertionError(f"unhandled cycle command {parsed!r}")
