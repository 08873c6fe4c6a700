"""The challenge's flows shared by its listeners: opening the start and note forms, updating the nudge."""

from __future__ import annotations

from datetime import date

from slack_sdk import WebClient

from domain.coaching.challenge import Answer
from domain.model import WorkspaceRef
from domain.services.challenge_notices import ChallengeView
from handlers.blocks.challenge import answered_message, challenge_note_modal, challenge_start_modal
from handlers.edge.message_updates import update_message
from handlers.edge.services import Services


def open_challenge_start(client: WebClient, svc: Services, ws: WorkspaceRef, caller_id: str, rep_id: str | None,
                         trigger_id: str) -> None:
    """The start form for `rep_id` (the caller's rep) or the caller; refused before it opens when not allowed."""
    form = svc.challenges.start_form(ws, caller_id, rep_id)
    client.views_open(trigger_id=trigger_id, view=challenge_start_modal(form))


def open_challenge_note(client: WebClient, challenge_id: int, day: date, trigger_id: str) -> None:
    """The answer-with-a-note form of one challenge day."""
    client.views_open(trigger_id=trigger_id, view=challenge_note_modal(challenge_id, day, Answer.DONE))


def show_answered(client: WebClient, svc: Services, view: ChallengeView, day: date | None) -> None:
    """Replace the day's nudge with the answer and the figures (chat.update); the ledger says where it is."""
    if view.nudge_message is not None:
        channel, ts = view.nudge_message
        update_message(client, svc, channel, ts, answered_message(view, day))
