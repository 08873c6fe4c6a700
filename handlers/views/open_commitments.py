"""Opening the commitment modals: the one check of who may open each, then `views.open` (or push)."""

from __future__ import annotations

from slack_sdk import WebClient

from domain.coaching.commitments import CommitmentStatus
from domain.model import WorkspaceRef
from domain.receipts import Receipt
from handlers.blocks.commitment_modals import commit_modal, move_modal, obstacles_modal, plan_modal
from handlers.blocks.commitments import action_line
from handlers.edge.services import Services


def open_plan(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str,
              trigger_id: str) -> None:
    """The action-plan modal for one of the manager's reps."""
    client.views_open(trigger_id=trigger_id, view=plan_modal(svc.commitments.plan_form(ws, manager_id, rep_id)))


def open_session_plan(client: WebClient, svc: Services, ws: WorkspaceRef, caller_id: str, session_id: int,
                      trigger_id: str, receipt: Receipt | None = None) -> None:
    """The action-plan modal of one 1:1, from its session card; the session id rides in the metadata."""
    form = svc.commitments.session_plan_form(ws, caller_id, session_id, receipt)
    client.views_open(trigger_id=trigger_id, view=plan_modal(form))


def open_commit(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, trigger_id: str,
                action: str = "") -> None:
    """The `/commit` modal, with what the rep typed kept as the action."""
    client.views_open(trigger_id=trigger_id, view=commit_modal(svc.commitments.commit_form(ws, rep_id), action))


def open_obstacles(client: WebClient, svc: Services, ws: WorkspaceRef, owner_id: str, commitment_id: int,
                   status: CommitmentStatus, trigger_id: str) -> None:
    form = svc.commitments.answer_form(ws, owner_id, commitment_id, status)
    client.views_open(trigger_id=trigger_id, view=obstacles_modal(form))


def open_move(client: WebClient, svc: Services, ws: WorkspaceRef, caller_id: str, commitment_id: int,
              trigger_id: str) -> None:
    commitment, today = svc.commitments.change_form(ws, caller_id, commitment_id)
    initial = max(commitment.deadline, today)
    client.views_open(trigger_id=trigger_id, view=move_modal(commitment_id, action_line(commitment, today), initial))
