"""Every scheduled kind, one registration line each, in the order `/coach notify` lists them.

The scheduler, the delivery service, `/coach notify`, `/coach admin
settings` and `coachflow jobs due` read this; the Slack edge binds each
kind's renderer in `handlers/blocks/notifications.py` and refuses to start
if one is missing.
"""

from __future__ import annotations

from domain.notifications.challenge import CHALLENGE_NUDGE
from domain.notifications.challenge_invite import CHALLENGE_INVITE, CHALLENGE_INVITE_TEAM
from domain.notifications.challenge_summary import CHALLENGE_SUMMARY
from domain.notifications.commitments import COMMITMENT_DUE, COMMITMENT_REMINDER
from domain.notifications.cycle_results import CYCLE_RESULTS
from domain.notifications.cycle_tasks import CYCLE_TASKS
from domain.notifications.debrief_digest import DEBRIEF_DIGEST
from domain.notifications.debrief_prompt import DEBRIEF_PROMPT
from domain.notifications.homework_due import HOMEWORK_DUE
from domain.notifications.kind import KindRegistry
from domain.notifications.maintenance import MAINTENANCE_CHECKIN
from domain.notifications.micro_lessons import MICRO_LESSONS
from domain.notifications.peer_learning import PEER_LEARNING
from domain.notifications.scorecards import FRIDAY_SCORECARD, TEAM_SCORECARD
from domain.notifications.session_card import SESSION_CARD
from domain.notifications.session_prework import SESSION_PREWORK, SESSION_PREWORK_REMINDER
from domain.notifications.team_tasks import TEAM_TASKS
from domain.notifications.week_ahead import WEEK_AHEAD

KINDS = KindRegistry(
    WEEK_AHEAD,
    CYCLE_TASKS,
    TEAM_TASKS,
    HOMEWORK_DUE,
    MICRO_LESSONS,
    DEBRIEF_PROMPT,
    DEBRIEF_DIGEST,
    FRIDAY_SCORECARD,
    TEAM_SCORECARD,
    PEER_LEARNING,
    COMMITMENT_REMINDER,
    COMMITMENT_DUE,
    SESSION_PREWORK,
    SESSION_PREWORK_REMINDER,
    SESSION_CARD,
    MAINTENANCE_CHECKIN,
    CYCLE_RESULTS,
    CHALLENGE_NUDGE,
    CHALLENGE_SUMMARY,
    CHALLENGE_INVITE,
    CHALLENGE_INVITE_TEAM,
)
