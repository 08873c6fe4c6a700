"""`/coach prioritize @rep`, `/coach focus [@rep] ...` and `/coach contract [@rep] [show]`."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from handlers.blocks.contract import contract_message
from handlers.blocks.priorities import priorities_message
from handlers.commands.week_two_parser import (
    Contract,
    Focus,
    Prioritize,
    WeekTwoCommand,
)
from handlers.edge.outbox import publish_homes
from handlers.edge.services import Services
from handlers.views.open import open_contract, open_prioritize


def run_week_two(parsed: WeekTwoCommand, svc: Services, ws: WorkspaceRef, caller_id: str, client: WebClient,
                 trigger_id: str | None) -> dict[str, Any] | None:
    """The ephemeral reply, or None when a modal opened instead."""
    match parsed:
        case Prioritize(rep_id=rep_id) if trigger_id:
            open_prioritize(client, svc, ws, caller_id, rep_id, trigger_id)
            return None
        case Focus(rep_id=rep_id, action="show"):
            return priorities_message(svc.priorities.view(ws, caller_id, rep_id or caller_id), caller_id)
        case Focus(rep_id=str(rep_id), action=action, skills=skills):
            if action == "accept":
                view = svc.priorities.accept_proposal(ws, caller_id, rep_id)
            elif action == "add":
                view = svc.priorities.add_focus(ws, caller_id, rep_id, skills[0])
            else:
                view = svc.priorities.set_focus(ws, caller_id, rep_id, skills)
            publish_homes(client, svc, ws, [caller_id, rep_id])
            return priorities_message(view, caller_id)
        case Contract(rep_id=None) | Contract(show=True):
            rep_id = parsed.rep_id or caller_id
            return contract_message(svc.contracts.current(ws, caller_id, rep_id), svc.catalog, caller_id)
        case Contract(rep_id=str(rep_id)) if trigger_id:
            open_contract(client, svc, ws, caller_id, rep_id, trigger_id)
            return None
    raise AssertionError(f"unhandled week-two command {parsed!r}")
