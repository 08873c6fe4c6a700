"""Opening the app's modals: one flow per modal, shared by commands and buttons.

A trigger_id lives 3 seconds, so each flow does the least it must before
`views.open`: the one check of who may open it, then the modal. Commands and
actions both import from here; actions never import commands.
"""

from __future__ import annotations

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from handlers.blocks.add_reps_modal import add_reps_modal
from handlers.blocks.contract import contract_modal
from handlers.blocks.diagnosis_modals import score_call_modal, self_assessment_modal
from handlers.blocks.homework_modals import assign_homework_modal, feedback_modal, hand_in_modal
from handlers.blocks.priorities import prioritize_modal
from handlers.blocks.roleplay import practice_modal
from handlers.edge.services import Services


def open_add_reps(client: WebClient, trigger_id: str) -> None:
    client.views_open(trigger_id=trigger_id, view=add_reps_modal())


def open_score_call(client: WebClient, svc: Services, ws: WorkspaceRef, scorer_id: str, rep_id: str,
                    trigger_id: str) -> None:
    today = svc.diagnosis.may_score(ws, scorer_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=score_call_modal(svc.catalog, rep_id, scorer_id, today))


def open_self_assessment(client: WebClient, svc: Services, trigger_id: str) -> None:
    client.views_open(trigger_id=trigger_id, view=self_assessment_modal(svc.catalog))


def open_prioritize(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str,
                    trigger_id: str) -> None:
    view = svc.priorities.for_manager(ws, manager_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=prioritize_modal(view))


def open_contract(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str,
                  trigger_id: str) -> None:
    draft = svc.contracts.draft(ws, manager_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=contract_modal(draft, svc.catalog))


def open_roleplay_practice(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, rep_id: str,
                           external_id: str, trigger_id: str) -> None:
    form = svc.roleplays.practice_form(ws, user_id, rep_id, external_id)
    client.views_open(trigger_id=trigger_id, view=practice_modal(form))


def open_homework(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str,
                  trigger_id: str) -> None:
    """The assignment modal, on the first template of the rep's focus skills (their manager only)."""
    form = svc.homework.assignment_form(ws, manager_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=assign_homework_modal(form))


def open_hand_in(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, homework_id: int,
                 trigger_id: str) -> None:
    """The hand-in modal of an open homework, for its rep only."""
    form = svc.homework.hand_in_form(ws, rep_id, homework_id)
    client.views_open(trigger_id=trigger_id, view=hand_in_modal(form))


def open_homework_feedback(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, homework_id: int,
                           trigger_id: str) -> None:
    """The feedback modal of a handed-in homework, for the rep's manager only."""
    form = svc.homework.feedback_form(ws, manager_id, homework_id)
    client.views_open(trigger_id=trigger_id, view=feedback_modal(form))
