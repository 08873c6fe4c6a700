"""Block action listeners (buttons)."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions.accept_focus import handle_accept_focus
from handlers.actions.challenge import (
    handle_challenge_answer,
    handle_challenge_encourage,
    handle_challenge_note,
    handle_challenge_repair,
)
from handlers.actions.challenge_invite import handle_challenge_invite_start
from handlers.actions.commitments import (
    handle_commitment_done,
    handle_commitment_menu,
    handle_commitment_short,
)
from handlers.actions.debrief_prompt import handle_no_calls_today, handle_not_today
from handlers.actions.debriefs import handle_debrief_feedback, handle_edit_debrief, handle_open_debrief
from handlers.actions.forget import handle_forget  # issue 14
from handlers.actions.homework import (
    handle_homework_template,
    handle_open_hand_in,
    handle_open_homework_feedback,
)
from handlers.actions.install import handle_not_now, handle_welcome_team
from handlers.actions.lessons import handle_lesson_answer
from handlers.actions.maintenance import handle_open_checkin, handle_restart_from_checkin
from handlers.actions.mark_roleplay import handle_mark_roleplay
from handlers.actions.nudge_hygiene import handle_nudge_button
from handlers.actions.open_add_reps import handle_open_add_reps
from handlers.actions.open_coaching_modals import (
    handle_open_contract,
    handle_open_prioritize,
)
from handlers.actions.open_diagnosis import (
    handle_open_score_call,
    handle_open_self_assessment,
)
from handlers.actions.open_rep_week import handle_open_rep_week
from handlers.actions.peer_learning import handle_decline, handle_share_approach
from handlers.actions.prework import handle_add_prework_question, handle_open_prework
from handlers.actions.remove_rep import handle_remove_rep
from handlers.actions.scorecard_comments import handle_add_scorecard_comment
from handlers.actions.scorecards import handle_open_rep_scorecard, handle_post_scorecard
from handlers.actions.session_card import handle_record_plan
from handlers.actions.sign_contract import handle_sign_contract
from handlers.actions.takeaways import handle_open_takeaways
from handlers.actions.wins import handle_share_win
from handlers.edge import ids


def register(app: App) -> None:
    app.action(ids.OPEN_ADD_REPS)(handle_open_add_reps)
    app.action(ids.REMOVE_REP)(handle_remove_rep)
    app.action(ids.OPEN_SCORE_CALL)(handle_open_score_call)
    app.action(ids.OPEN_SELF_ASSESSMENT)(handle_open_self_assessment)
    app.action(ids.OPEN_PRIORITIZE)(handle_open_prioritize)
    app.action(ids.OPEN_CONTRACT)(handle_open_contract)
    app.action(ids.ACCEPT_FOCUS)(handle_accept_focus)
    app.action(ids.SIGN_CONTRACT)(handle_sign_contract)
    app.action(ids.MARK_ROLEPLAY)(handle_mark_roleplay)
    app.action(ids.HOMEWORK_TEMPLATE)(handle_homework_template)
    app.action(ids.OPEN_HAND_IN)(handle_open_hand_in)
    app.action(ids.OPEN_HOMEWORK_FEEDBACK)(handle_open_homework_feedback)
    for lesson_button in (ids.LESSON_DONE, ids.LESSON_REMIND, ids.LESSON_DISCUSS):
        app.action(lesson_button)(handle_lesson_answer)
    app.action(ids.OPEN_DEBRIEF)(handle_open_debrief)
    app.action(ids.EDIT_DEBRIEF)(handle_edit_debrief)
    app.action(ids.DEBRIEF_FEEDBACK)(handle_debrief_feedback)
    app.action(ids.NO_CALLS_TODAY)(handle_no_calls_today)
    app.action(ids.NOT_TODAY)(handle_not_today)
    app.action(ids.OPEN_REP_WEEK)(handle_open_rep_week)
    app.action(ids.PEER_SHARE)(handle_share_approach)
    for peer_button in (ids.PEER_DECLINE, ids.PEER_STOP):
        app.action(peer_button)(handle_decline)
    app.action(ids.OPEN_REP_SCORECARD)(handle_open_rep_scorecard)
    app.action(ids.POST_SCORECARD)(handle_post_scorecard)
    app.action(ids.ADD_SCORECARD_COMMENT)(handle_add_scorecard_comment)
    app.action(ids.COMMITMENT_DONE)(handle_commitment_done)
    for short_of_done in (ids.COMMITMENT_PARTLY, ids.COMMITMENT_NOT_DONE):
        app.action(short_of_done)(handle_commitment_short)
    app.action(ids.COMMITMENT_MENU)(handle_commitment_menu)
    app.action(ids.OPEN_PREWORK)(handle_open_prework)
    app.action(ids.ADD_PREWORK_QUESTION)(handle_add_prework_question)
    app.action(ids.OPEN_TAKEAWAYS)(handle_open_takeaways)
    app.action(ids.OPEN_MAINTENANCE_CHECKIN)(handle_open_checkin)
    app.action(ids.RESTART_FROM_CHECKIN)(handle_restart_from_checkin)
    app.action(ids.SESSION_CARD_PLAN)(handle_record_plan)
    app.action(ids.SHARE_WIN)(handle_share_win)  # issue 13
    for nudge_button in (ids.NUDGE_PAUSE_WEEK, ids.NUDGE_STOP, ids.NUDGE_UNDO_PAUSE, ids.NUDGE_UNDO_STOP):
        app.action(nudge_button)(handle_nudge_button)
    for challenge_answer in (ids.CHALLENGE_DONE, ids.CHALLENGE_MISSED, ids.CHALLENGE_NO_CALLS):  # issue 13
        app.action(challenge_answer)(handle_challenge_answer)
    app.action(ids.CHALLENGE_ADD_NOTE)(handle_challenge_note)
    app.action(ids.CHALLENGE_REPAIR)(handle_challenge_repair)
    app.action(ids.CHALLENGE_ENCOURAGE)(handle_challenge_encourage)
    app.action(ids.CHALLENGE_INVITE_START)(handle_challenge_invite_start)  # issue 13: the week-7 invitation
    app.action(ids.FORGET_CONFIRM)(handle_forget)  # issue 14
    app.action(ids.INSTALL_WELCOME_TEAM)(handle_welcome_team)  # issue 14: the installer's DM after an install
    app.action(ids.INSTALL_NOT_NOW)(handle_not_now)
