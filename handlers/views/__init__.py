"""Modal submission listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import ids
from handlers.views.add_reps import handle_add_reps
from handlers.views.contract import handle_contract
from handlers.views.debriefs import handle_debrief, handle_debrief_feedback
from handlers.views.prioritize import handle_prioritize
from handlers.views.score_call import handle_score_call
from handlers.views.self_assessment import handle_self_assessment


def register(app: App) -> None:
    app.view(ids.ADD_REPS_VIEW)(handle_add_reps)
    app.view(ids.SCORE_CALL_VIEW)(handle_score_call)
    app.view(ids.SELF_ASSESSMENT_VIEW)(handle_self_assessment)
    app.view(ids.PRIORITIZE_VIEW)(handle_prioritize)
    app.view(ids.CONTRACT_VIEW)(handle_contract)
    app.view(ids.DEBRIEF_VIEW)(handle_debrief)
    app.view(ids.DEBRIEF_FEEDBACK_VIEW)(handle_debrief_feedback)
