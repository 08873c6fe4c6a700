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
from handlers.blocks.priorities import prioritize_modal
from handlers.blocks.shadow_modal import shadow_modal
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


def open_shadow(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str, deal: str,
                trigger_id: str) -> None:
    """The observer's modal of a call of `rep_id`; only their own manager gets it."""
    form = svc.shadowing.form(ws, manager_id, rep_id, deal)
    client.views_open(trigger_id=trigger_id, view=shadow_modal(form, svc.catalog))
