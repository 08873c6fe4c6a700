"""Every Slack-facing identifier, shared by listeners, builders and manifest.yml.

A test checks that the commands and events here are exactly those declared in
manifest.yml, and that listeners register nothing else.
"""

from __future__ import annotations

# Slash commands
COACH_COMMAND = "/coach"

# Events API
APP_HOME_OPENED = "app_home_opened"
FILE_SHARED = "file_shared"  # a CRM export shared in the app's DM

# Interactivity: action ids (buttons) and view callback ids (modals)
OPEN_ADD_REPS = "roster.open_add_reps"
REMOVE_REP = "roster.remove_rep"
ADD_REPS_VIEW = "roster.add_reps"

# Block and action ids inside the add-reps modal
ADD_REPS_BLOCK = "reps"
ADD_REPS_INPUT = "reps_select"

COMMANDS = frozenset({COACH_COMMAND})
EVENTS = frozenset({APP_HOME_OPENED, FILE_SHARED})
SHORTCUTS: frozenset[str] = frozenset()

# Diagnosis modals (issue 4)
SCORE_CALL_VIEW = "coaching.score_call"
SELF_ASSESSMENT_VIEW = "coaching.self_assessment"
# Buttons (App Home, reminders) that open them; the score button's value is the rep's id
OPEN_SCORE_CALL = "coaching.open_score_call"
OPEN_SELF_ASSESSMENT = "coaching.open_self_assessment"

# Week 2: priorities and the coaching contract (issue 4)
PRIORITIZE_VIEW = "coaching.prioritize"
CONTRACT_VIEW = "coaching.contract"
OPEN_PRIORITIZE = "coaching.open_prioritize"  # value: the rep's id
OPEN_CONTRACT = "coaching.open_contract"  # value: the rep's id
ACCEPT_FOCUS = "coaching.accept_focus"  # value: the rep's id
SIGN_CONTRACT = "coaching.sign_contract"  # value: "<rep id>:<version>"

# Week 3-6: post-call debriefs and shadowed calls (issue 10). Declared here
# first so that every surface (App Home, prompts, digests, DMs) shares them.
DEBRIEF_COMMAND = "/debrief"
DEBRIEF_SHORTCUT = "calls.debrief_this_call"  # message shortcut "Debrief this call"
DEBRIEF_VIEW = "calls.debrief"
OPEN_DEBRIEF = "calls.open_debrief"  # value: "" or a prefill the opener understands (e.g. "shadow:<id>")
EDIT_DEBRIEF = "calls.edit_debrief"  # value: the debrief's id
DEBRIEF_DEAL_SELECT = "calls.deal"  # the external_select over the rep's open deals (block_suggestion)
DEBRIEF_FEEDBACK = "calls.debrief_feedback"  # "Reply with feedback"; value: the debrief's id
DEBRIEF_FEEDBACK_VIEW = "calls.debrief_feedback"
NO_CALLS_TODAY = "calls.no_calls_today"  # on the end-of-day prompt
NOT_TODAY = "calls.not_today"  # on the end-of-day prompt
SHADOW_VIEW = "calls.shadow"
# Role-plays on real deals (issue 10)
MARK_ROLEPLAY = "roleplay.mark_practised"  # value: "<rep id>:<deal's CRM id>"; opens the form below
ROLEPLAY_PRACTISED_VIEW = "roleplay.practised"
# Homework (issue 10): the assignment modal and its template picker, the hand-in and feedback modals
HOMEWORK_VIEW = "coaching.homework"
HOMEWORK_TEMPLATE = "coaching.homework_template"  # picking a template rewrites the modal (views.update)
OPEN_HAND_IN = "coaching.open_hand_in"  # value: the homework's id
HAND_IN_VIEW = "coaching.hand_in"
OPEN_HOMEWORK_FEEDBACK = "coaching.open_homework_feedback"  # value: the homework's id
HOMEWORK_FEEDBACK_VIEW = "coaching.homework_feedback"
# Micro-lessons, weeks 3-6 (issue 10): the buttons under a lesson; value "<cycle id>:<lesson id>"
LESSON_DONE = "lessons.done"
LESSON_REMIND = "lessons.remind"
LESSON_DISCUSS = "lessons.discuss"

# The debrief's own entry points (issue 10), with the lists above.
COMMANDS = COMMANDS | {DEBRIEF_COMMAND}
SHORTCUTS = SHORTCUTS | {DEBRIEF_SHORTCUT}
OPEN_REP_WEEK = "home.open_rep_week"  # value: the rep's user id; opens their week for their own manager
REP_WEEK_VIEW = "home.rep_week"  # the manager's read-only modal of one rep's week
# Friday scorecards (issue 11)
ADD_SCORECARD_COMMENT = "scorecard.add_comment"  # on the rep's scorecard; value: the week, "2026-W48"
OPEN_REP_SCORECARD = "scorecard.open_rep"  # in the manager's digest; value: "<rep id>|<week>", e.g. "U123|2026-W48"
# Peer learning (issue 11): the buttons under the Friday ask, value "<rep id>:<ISO week>", and the share form
PEER_SHARE = "peer.share"  # "Share my approach": opens PEER_SHARE_VIEW
PEER_DECLINE = "peer.decline"  # "Not this time"
PEER_STOP = "peer.stop_asking"  # "Don't ask me again"
PEER_SHARE_VIEW = "peer.share_form"
# `/scorecard` (issue 11): a rep's, a rep's for their manager or an admin, a team's; `post` shares the rep's own
SCORECARD_COMMAND = "/scorecard"
COMMANDS = COMMANDS | {SCORECARD_COMMAND}
POST_SCORECARD = "scorecard.post"  # "Post in this channel" on the rep's own answer (confirm dialog); value: the week
SCORECARD_COMMENT_VIEW = "scorecards.comment"  # the rep's comment for their manager; metadata: the ISO week
# Action plans and follow-up (issue 12): `/coach plan @rep`, `/commit`, the deadline check-in, the manager's changes
PLAN_VIEW = "commitments.plan"  # the action-plan modal; metadata: the rep
COMMIT_COMMAND = "/commit"
COMMANDS = COMMANDS | {COMMIT_COMMAND}
COMMIT_VIEW = "commitments.commit"  # `/commit` without text (or unreadable)
COMMITMENT_DONE = "commitments.done"  # on the deadline check-in; value: the action's id
COMMITMENT_PARTLY = "commitments.partly"  # opens COMMITMENT_OBSTACLES_VIEW; value: the action's id
COMMITMENT_NOT_DONE = "commitments.not_done"  # opens COMMITMENT_OBSTACLES_VIEW; value: the action's id
COMMITMENT_OBSTACLES_VIEW = "commitments.obstacles"  # metadata: the action's id and the answer
COMMITMENT_MENU = "commitments.menu"  # overflow in `/coach commitments`; options "move:<id>" / "drop:<id>"
COMMITMENT_MOVE_VIEW = "commitments.move"  # the new deadline; metadata: the action's id
# 1:1 sessions (issue 12): the booking / move modal (`/coach session @rep` without a time)
SESSION_VIEW = "sessions.book"
# 1:1 pre-work (issue 12): the rep's button and modal, the manager's "Add a question"; values: the session id
OPEN_PREWORK = "prework.open"  # "Prepare for our 1:1" on the rep's DMs; opens PREWORK_VIEW
PREWORK_VIEW = "prework.form"  # the rep's agenda, questions and background; metadata: the session id
ADD_PREWORK_QUESTION = "prework.add_question"  # on the manager's "pre-work arrived" DM; opens PREWORK_QUESTION_VIEW
PREWORK_QUESTION_VIEW = "prework.question"  # the manager's 1-2 questions; metadata: the session id
# 1:1 takeaways (issue 12): the manager's button (the session card, `/coach sessions`) and modal; value: the session id.
# The action id is public: the session card (another listener's message) carries the same button.
OPEN_TAKEAWAYS = "open_session_takeaways"  # "Record takeaways" / "Edit takeaways"; opens TAKEAWAYS_VIEW
TAKEAWAYS_VIEW = "takeaways.form"  # the takeaways and the agenda items covered; metadata: the session id
# The session card (issue 12): "Record action plan" opens PLAN_VIEW with the session id in its metadata.
SESSION_CARD_PLAN = "session_card.plan"  # value: the session id
# Success stories (issue 13): "Share a win" (App Home, the 21-day challenge's completion; value: where it was
# clicked, "home" or "challenge") and `/coach win` open WIN_VIEW; metadata: that source.
SHARE_WIN = "share_win"  # public: other features' messages carry handlers.blocks.wins.share_win_button()
WIN_VIEW = "wins.form"  # what happened, the skill, the words that worked, the outcome, "Share with my team"
# Monthly maintenance check-ins (issue 13): the rep's button and modal, the manager's flag buttons.
OPEN_MAINTENANCE_CHECKIN = "maintenance.open"  # "Open check-in" on the monthly DM; value: the cycle id
MAINTENANCE_CHECKIN_VIEW = "maintenance.checkin"  # ratings and what is slipping; metadata: the cycle id
RESTART_FROM_CHECKIN = "maintenance.restart"  # "Start a new cycle on <skill>"; value: "<check-in id>:<skill id>"
# Nudge hygiene (issue 13): the footer of every scheduled message; value "<round>|<kind>|<recipient>[|<before>]"
NUDGE_PAUSE_WEEK = "nudge.pause_week"  # "Pause a week": `/coach pause 1w`
NUDGE_STOP = "nudge.stop"  # "Stop these": `/coach notify off <kind>`
NUDGE_UNDO_PAUSE = "nudge.undo_pause"  # Undo after "Pause a week": the pause there was before, or none
NUDGE_UNDO_STOP = "nudge.undo_stop"  # Undo after "Stop these": `/coach notify on <kind>`
# The 21-day challenge (issue 13): `/challenge`, the start form, the nudge's buttons (value "<challenge id>:<day>"),
# "Add a note" (opens CHALLENGE_NOTE_VIEW), "Repair yesterday" (value: the challenge id)
CHALLENGE_COMMAND = "/challenge"
COMMANDS = COMMANDS | {CHALLENGE_COMMAND}
CHALLENGE_VIEW = "challenge.start"  # the behaviours per focus skill; metadata: the rep
CHALLENGE_DONE = "challenge.done"
CHALLENGE_MISSED = "challenge.missed"
CHALLENGE_NO_CALLS = "challenge.no_calls"
CHALLENGE_ADD_NOTE = "challenge.add_note"
CHALLENGE_NOTE_VIEW = "challenge.note"  # the answer and a note; metadata: challenge, day, the nudge's message
CHALLENGE_REPAIR = "challenge.repair"
CHALLENGE_ENCOURAGE = "challenge.encourage"  # "Send encouragement" in the manager's summary; value: the challenge id
# The week-7 invitation to the 21-day challenge (issue 13): "Start my 21-day challenge" (DM, App Home; value "self")
# and the manager's "Start <rep>'s challenge" (value: the rep's user id) open CHALLENGE_VIEW.
CHALLENGE_INVITE_START = "challenge.invite_start"

# A workspace's life (issue 14, docs/data-lifecycle.md): uninstalled, its bot token revoked, a person deactivated
APP_UNINSTALLED = "app_uninstalled"
TOKENS_REVOKED = "tokens_revoked"
USER_CHANGE = "user_change"  # a profile changed; `deleted: true` is a deactivated account
EVENTS = EVENTS | {APP_UNINSTALLED, TOKENS_REVOKED, USER_CHANGE}
