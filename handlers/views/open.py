"""Opening the app's modals: one flow per modal, shared by commands and buttons.

A trigger_id lives 3 seconds, so each flow does the least it must before
`views.open`: the one check of who may open it, then the modal. Commands and
actions both import from here; actions never import commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from handlers.blocks.add_reps_modal import add_reps_modal
from handlers.blocks.contract import contract_modal
from handlers.blocks.debriefs import debrief_modal, feedback_modal
from handlers.blocks.diagnosis_modals import score_call_modal, self_assessment_modal
from handlers.blocks.homework_modals import assign_homework_modal, hand_in_modal, homework_feedback_modal
from handlers.blocks.priorities import prioritize_modal
from handlers.blocks.rep_week import rep_week_modal
from handlers.blocks.roleplay import practice_modal
from handlers.blocks.scorecard_comments import comment_modal
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


def _show(client: WebClient, trigger_id: str, view: dict[str, Any], over_modal: bool) -> None:
    """Open `view`; from a click inside a modal, push it on that modal's stack (Slack's way)."""
    if over_modal:
        client.views_push(trigger_id=trigger_id, view=view)
    else:
        client.views_open(trigger_id=trigger_id, view=view)


def open_roleplay_practice(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, rep_id: str,
                           external_id: str, trigger_id: str, *, over_modal: bool = False) -> None:
    form = svc.roleplays.practice_form(ws, user_id, rep_id, external_id)
    _show(client, trigger_id, practice_modal(form), over_modal)


def open_homework(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str,
                  trigger_id: str) -> None:
    """The assignment modal, on the first template of the rep's focus skills (their manager only)."""
    form = svc.homework.assignment_form(ws, manager_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=assign_homework_modal(form))


def open_hand_in(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, homework_id: int,
                 trigger_id: str, *, over_modal: bool = False) -> None:
    """The hand-in modal of an open homework, for its rep only."""
    form = svc.homework.hand_in_form(ws, rep_id, homework_id)
    _show(client, trigger_id, hand_in_modal(form), over_modal)


def open_homework_feedback(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, homework_id: int,
                           trigger_id: str, *, over_modal: bool = False) -> None:
    """The feedback modal of a handed-in homework, for the rep's manager only."""
    form = svc.homework.feedback_form(ws, manager_id, homework_id)
    _show(client, trigger_id, homework_feedback_modal(form), over_modal)


def open_rep_week(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str,
                  trigger_id: str) -> None:
    """One rep's week ("This week" on App Home), for their own manager only."""
    shown = svc.home.rep_week(ws, manager_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=rep_week_modal(shown, svc.catalog))
@dataclass(frozen=True)
class DebriefPrefill:
    """What a debrief modal may open with: text naming a deal or an account, a recording
    link, and the manager's shadow observation of the same call (the debrief links to it)."""

    text: str = ""
    recording_link: str | None = None
    shadow_id: int | None = None
    call_on: date | None = None  # the end-of-day prompt's day


def open_debrief(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, trigger_id: str,
                 prefill: DebriefPrefill | None = None) -> None:
    """The debrief modal for the rep's own call (`/debrief`, App Home, the shortcut, a prompt, "Add my debrief")."""
    given = prefill or DebriefPrefill()
    form = svc.debriefs.form(ws, rep_id, text=given.text, recording_link=given.recording_link,
                             shadow_id=given.shadow_id, call_on=given.call_on)
    client.views_open(trigger_id=trigger_id, view=debrief_modal(form))


def open_edit_debrief(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, debrief_id: int,
                      trigger_id: str, *, over_modal: bool = False) -> None:
    """The same modal, prefilled to edit; refused unless the debrief is the rep's and still editable."""
    form = svc.debriefs.edit_form(ws, rep_id, debrief_id)
    _show(client, trigger_id, debrief_modal(form), over_modal)


def open_debrief_feedback(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, debrief_id: int,
                          trigger_id: str, *, over_modal: bool = False) -> None:
    """The manager's one-field reply; refused unless the debrief is one of their own reps'."""
    form = svc.debrief_feedback.form(ws, manager_id, debrief_id)
    _show(client, trigger_id, feedback_modal(form), over_modal)


def open_shadow(client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, rep_id: str, deal: str,
                trigger_id: str) -> None:
    """The observer's modal of a call of `rep_id`; only their own manager gets it."""
    form = svc.shadowing.form(ws, manager_id, rep_id, deal)
    client.views_open(trigger_id=trigger_id, view=shadow_modal(form, svc.catalog))


def open_scorecard_comment(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, week_label: str,
                           trigger_id: str, *, over_modal: bool = False) -> None:
    """The rep's comment for their manager on their own scorecard of that week; refused without a manager."""
    form = svc.scorecard_comments.form(ws, rep_id, week_label)
    _show(client, trigger_id, comment_modal(form), over_modal)
