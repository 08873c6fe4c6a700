"""The week-7 invitation's builders with hostile names (people's from Slack, skills' from an admin's catalog);
merged into `hostile_cases.CASES`. None may ping, link or format."""

from __future__ import annotations

from datetime import date

from domain.coaching.challenge_invite import InvitedSkill
from domain.coaching.cycle import CoachingCycle
from domain.coaching.progress import CycleProgress
from domain.notifications.challenge_invite import ChallengeInvite, TeamChallengeInvites
from domain.services.home import HomeModel
from handlers.blocks import challenge_invite
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, MANAGER, REP, TODAY, WS, Call

WEEK_7 = CoachingCycle(WS, "UREP", "UMGR", date(2026, 10, 26), id=3)  # week 7 on TODAY (Wed 9 Dec 2026)
INVITED_SKILLS = (InvitedSkill("discovery", HOSTILE, HOSTILE), InvitedSkill("closing", f"{HOSTILE} 2", ""))
HOME = HomeModel("UREP", REP, coach=MANAGER, cycles={"UREP": WEEK_7},
                 progress={"UREP": CycleProgress(WEEK_7, focus=["discovery", "closing"])})

CHALLENGE_INVITE_CASES: dict[str, list[Call]] = {
    "challenge_invite.invite_message": [Call(lambda: challenge_invite.invite_message(
        ChallengeInvite(WS, REP, WEEK_7, INVITED_SKILLS)))],
    "challenge_invite.team_invite_message": [Call(lambda: challenge_invite.team_invite_message(
        TeamChallengeInvites(WS, MANAGER, (REP,))))],
    "challenge_invite.home_invite_blocks": [Call(lambda: challenge_invite.home_invite_blocks(HOME, TODAY, CATALOG),
                                                 shows_person_text=False)],  # the shipped catalog's words only
}
CHALLENGE_INVITE_NO_PERSON_TEXT: dict[str, str] = {
    "challenge_invite.read_invite_value": "reads a button value, builds nothing",
}
