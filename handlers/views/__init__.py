"""Modal submission listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import ids
from handlers.views.add_reps import handle_add_reps
from handlers.views.challenge import handle_challenge_note, handle_challenge_start
from handlers.views.commitments import handle_commit, handle_move, handle_obstacles, handle_plan
from handlers.views.contract import handle_contract
from handlers.views.debriefs import handle_debrief, handle_debrief_feedback
from handlers.views.homework import handle_assign_homework, handle_hand_in, handle_homework_feedback
from handlers.views.maintenance import handle_checkin
from handlers.views.peer_learning import handle_peer_share
from handlers.views.prework import handle_prework, handle_prework_question
from handlers.views.prioritize import handle_prioritize
from handlers.views.roleplay import handle_roleplay_practised
from handlers.views.score_call import handle_score_call
from handlers.views.scorecard_comments import handle_scorecard_comment
from handlers.views.self_assessment import handle_self_assessment
from handlers.views.sessions import handle_session
from handlers.views.shadow import handle_shadow
from handlers.views.takeaways import handle_takeaways
from handlers.views.wins import handle_win


def register(app: App) -> None:
    app.view(ids.ADD_REPS_VIEW)(handle_add_reps)
    app.view(ids.SCORE_CALL_VIEW)(handle_score_call)
    app.view(ids.SELF_ASSESSMENT_VIEW)(handle_self_assessment)
    app.view(ids.PRIORITIZE_VIEW)(handle_prioritize)
    app.view(ids.CONTRACT_VIEW)(handle_contract)
    app.view(ids.ROLEPLAY_PRACTISED_VIEW)(handle_roleplay_practised)
    app.view(ids.HOMEWORK_VIEW)(handle_assign_homework)
    app.view(ids.HAND_IN_VIEW)(handle_hand_in)
    app.view(ids.HOMEWORK_FEEDBACK_VIEW)(handle_homework_feedback)
    app.view(ids.DEBRIEF_VIEW)(handle_debrief)
    app.view(ids.DEBRIEF_FEEDBACK_VIEW)(handle_debrief_feedback)
    app.view(ids.SHADOW_VIEW)(handle_shadow)
    app.view(ids.PEER_SHARE_VIEW)(handle_peer_share)
    app.view(ids.SCORECARD_COMMENT_VIEW)(handle_scorecard_comment)
    app.view(ids.PLAN_VIEW)(handle_plan)
    app.view(ids.COMMIT_VIEW)(handle_commit)
    app.view(ids.COMMITMENT_OBSTACLES_VIEW)(handle_obstacles)
    app.view(ids.COMMITMENT_MOVE_VIEW)(handle_move)
    app.view(ids.SESSION_VIEW)(handle_session)
    app.view(ids.PREWORK_VIEW)(handle_prework)
    app.view(ids.PREWORK_QUESTION_VIEW)(handle_prework_question)
    app.view(ids.TAKEAWAYS_VIEW)(handle_takeaways)
    app.view(ids.WIN_VIEW)(handle_win)  # issue 13
    app.view(ids.MAINTENANCE_CHECKIN_VIEW)(handle_checkin)
    app.view(ids.CHALLENGE_VIEW)(handle_challenge_start)  # issue 13
    app.view(ids.CHALLENGE_NOTE_VIEW)(handle_challenge_note)
