"""Opening the "Share a win" modal (issue 13): for whoever clicked or typed, never for someone they name."""

from __future__ import annotations

from slack_sdk import WebClient

from domain.coaching.wins import WinSource
from domain.model import WorkspaceRef
from handlers.blocks.wins import win_modal
from handlers.edge.services import Services


def open_win(client: WebClient, svc: Services, ws: WorkspaceRef, rep_id: str, source: WinSource, trigger_id: str,
             *, over_modal: bool = False, typed: str = "") -> None:
    """The rep's own win form; someone with no manager is refused (said where they clicked or typed)."""
    view = win_modal(svc.wins.form(ws, rep_id, source), typed)
    if over_modal:
        client.views_push(trigger_id=trigger_id, view=view)
    else:
        client.views_open(trigger_id=trigger_id, view=view)
