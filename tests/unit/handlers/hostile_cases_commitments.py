"""Hostile-text cases of the commitment builders (issue 12), merged into `hostile_cases.CASES`.

The action, its evidence, the support and the obstacles are text one person
writes for another (the manager for a delegated owner, the owner for the
manager, the rep for the team channel): shown as typed, never obeyed.
"""

from __future__ import annotations

from datetime import date

from domain.coaching.commitments import Commitment, CommitmentStatus, KeptRate
from domain.notifications.commitments import CommitmentNote
from domain.services.commitment_notices import AnswerForm, CommitForm, Listing, PlanForm, PlanSaved
from handlers.blocks import commitment_modals, commitments, kit
from tests.unit.handlers.hostile_common import HOSTILE, NOW, REP, TODAY, WS, Call

ACTION = Commitment(WS, "UREP", "UMGR", "UREP", HOSTILE, date(2026, 12, 4), "p1", evidence=HOSTILE, confidence=3,
                    support=HOSTILE, id=1)
DELEGATED = Commitment(WS, "UREP", "UMGR", "UMGR2", HOSTILE, date(2026, 12, 18), "p1", evidence=HOSTILE, id=2)
PARTLY = Commitment(WS, "UREP", "UMGR", "UREP", HOSTILE, date(2026, 12, 8), "p1", status=CommitmentStatus.PARTLY,
                    obstacles=HOSTILE, id=3)
PLAN = (ACTION, DELEGATED)
NOTE = CommitmentNote(WS, REP, ACTION)

COMMITMENT_CASES: dict[str, list[Call]] = {
    "commitments.action_line": [Call(lambda: kit.message("", [kit.section(commitments.action_line(ACTION, TODAY))]))],
    "commitments.plan_for_rep_message": [Call(lambda: commitments.plan_for_rep_message(PLAN))],
    "commitments.action_delegated_message": [Call(lambda: commitments.action_delegated_message(DELEGATED))],
    "commitments.plan_posted_message": [Call(lambda: commitments.plan_posted_message(PLAN))],
    "commitments.plan_saved_reply": [Call(lambda: commitments.plan_saved_reply(PlanSaved(PLAN, (2,), "CCOACH")))],
    "commitments.commitment_added_message": [Call(lambda: commitments.commitment_added_message(ACTION))],
    "commitments.commitment_answered_message": [Call(lambda: commitments.commitment_answered_message(PARTLY))],
    "commitments.commitment_changed_message": [Call(lambda: commitments.commitment_changed_message(PARTLY, "UMGR"))],
    "commitments.committed_reply": [Call(lambda: commitments.committed_reply(ACTION))],
    "commitments.commitment_reminder_message": [Call(lambda: commitments.commitment_reminder_message(NOTE, NOW))],
    "commitments.commitment_due_message": [Call(lambda: commitments.commitment_due_message(NOTE, NOW))],
    "commitments.answer_saved_message": [Call(lambda: commitments.answer_saved_message(PARTLY))],
    "commitments.listing_message": [Call(lambda: commitments.listing_message(
        Listing("UREP", (ACTION, DELEGATED, PARTLY), TODAY, True, KeptRate(1, 2))))],
    "commitments.home_commitment_blocks": [Call(lambda: kit.message("", commitments.home_commitment_blocks(
        "Your commitments", [ACTION, DELEGATED], TODAY)))],
    "commitment_modals.plan_modal": [Call(lambda: commitment_modals.plan_modal(
        PlanForm(REP, TODAY, date(2027, 1, 31), "CCOACH")), False)],
    "commitment_modals.commit_modal": [Call(lambda: commitment_modals.commit_modal(CommitForm(REP, TODAY), HOSTILE),
                                            False)],
    "commitment_modals.obstacles_modal": [Call(lambda: commitment_modals.obstacles_modal(
        AnswerForm(ACTION, CommitmentStatus.NOT_DONE)))],
    "commitment_modals.move_modal": [Call(lambda: commitment_modals.move_modal(
        1, commitments.action_line(ACTION), TODAY))],
}

COMMITMENT_NO_PERSON_TEXT: dict[str, str] = dict.fromkeys(
    ["commitment_modals.read_plan", "commitment_modals.read_commit", "commitment_modals.read_obstacles",
     "commitment_modals.read_move"], "reads a submission, builds nothing")
