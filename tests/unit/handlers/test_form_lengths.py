"""Every text input of every modal fits the column it lands in.

A form that lets someone type more than the database holds answers 500 on
PostgreSQL (SQLite stores anything): a 234-character recording link once
went into the 150-character title column. The modal builders are found by
reading handlers/blocks, so a new modal or a new text input fails here
until its field is mapped to its column.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import InstrumentedAttribute

from domain import field_lengths
from domain.catalog import load_catalog
from domain.coaching.calls import ANSWER_FIELDS, CallAnswers, CallRef, CallType
from domain.coaching.challenge_model import Behaviour
from domain.coaching.commitments import (
    ACTION,
    EVIDENCE,
    OBSTACLES,
    SUPPORT,
    Commitment,
    CommitmentStatus,
    field_key,
)
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.coaching.homework import ANSWER, FEEDBACK, LINK, HandIn, HandInKind, Homework
from domain.coaching.maintenance_checkins import SLIPPING
from domain.coaching.peer_learning import PeerShare
from domain.coaching.preread import MAX_QUESTIONS as PREREAD_QUESTIONS
from domain.coaching.preread import answer_key
from domain.coaching.prework import BACKGROUND as PREWORK_BACKGROUND
from domain.coaching.prework import QUESTIONS as PREWORK_QUESTIONS
from domain.coaching.prework import Prework, item_key, question_key
from domain.coaching.scorecard_comments import IsoWeek
from domain.coaching.sessions import CoachingSession
from domain.coaching.shadow_week import ShadowWeek
from domain.coaching.takeaways import TEXT as TAKEAWAYS_TEXT
from domain.coaching.wins import WinSource
from domain.model import Member, WorkspaceRef
from domain.services.challenges import NOTE as CHALLENGE_NOTE_FIELD
from domain.services.challenges import ChallengeForm, behaviour_key
from domain.services.commitment_notices import AnswerForm, CommitForm, PlanForm
from domain.services.contracts import ContractDraft
from domain.services.debrief_feedback import FEEDBACK_FIELD, FeedbackForm
from domain.services.debriefs import DebriefForm
from domain.services.develop import DevelopWeek, RepWeek
from domain.services.homework_notices import AssignmentForm, HandInForm, TemplateChoice
from domain.services.homework_notices import FeedbackForm as HomeworkFeedbackForm
from domain.services.maintenance_notices import CheckinForm
from domain.services.peer_learning import ShareView
from domain.services.prework_notices import PreworkForm, QuestionForm
from domain.services.prioritization import PriorityView, SkillGap
from domain.services.roleplays import NOTE, PracticeForm
from domain.services.scorecard_comments import COMMENT_FIELD, CommentForm
from domain.services.session_notices import SessionForm
from domain.services.shadowing import ShadowForm
from domain.services.takeaway_notices import TakeawaysForm
from domain.services.win_notices import WinForm
from domain.services.wins import APPROACH_FIELD, OUTCOME_FIELD, WHAT_FIELD
from handlers.blocks.add_reps_modal import add_reps_modal
from handlers.blocks.challenge import challenge_note_modal, challenge_start_modal
from handlers.blocks.commitment_modals import commit_modal, move_modal, obstacles_modal, plan_modal
from handlers.blocks.contract import MANAGER_COMMITMENTS, REP_COMMITMENTS, contract_modal, target_block
from handlers.blocks.debriefs import debrief_modal, feedback_modal
from handlers.blocks.diagnosis_modals import (
    CALL_LINK,
    CALL_TITLE,
    NOTES,
    score_call_modal,
    self_assessment_modal,
)
from handlers.blocks.homework_modals import assign_homework_modal, hand_in_modal, homework_feedback_modal, text_block
from handlers.blocks.maintenance import checkin_modal
from handlers.blocks.peer_learning import share_modal
from handlers.blocks.prework import prework_modal, prework_question_modal
from handlers.blocks.priorities import prioritize_modal
from handlers.blocks.rep_week import rep_week_modal
from handlers.blocks.roleplay import practice_modal
from handlers.blocks.scorecard import scorecard_modal
from handlers.blocks.scorecard_comments import comment_modal
from handlers.blocks.sessions import session_modal
from handlers.blocks.shadow_modal import FEEDBACK_BLOCK, shadow_modal
from handlers.blocks.takeaways import takeaways_modal
from handlers.blocks.wins import win_modal
from handlers.edge import ids
from storage.orm import (
    CallScoreRow,
    ChallengeDayRow,
    ChallengeRow,
    CommitmentRow,
    ContractRow,
    DebriefFeedbackRow,
    DebriefRow,
    HomeworkRow,
    MaintenanceCheckinRow,
    PeerShareRow,
    RoleplayPracticeRow,
    ScorecardCommentRow,
    SessionPreworkRow,
    SessionTakeawaysRow,
    ShadowObservationRow,
)
from storage.orm.wins import SuccessStoryRow
from tests.unit.handlers.scorecard_samples import discovery_and_closing

BLOCKS_DIR = Path(__file__).resolve().parents[3] / "handlers" / "blocks"
CATALOG = load_catalog()
WS = WorkspaceRef("T1")
REP = Member(WS, "UA", "Alex", "UTC", manager_id="UMGR")
CYCLE = CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 23), id=1)
CONTRACT = CoachingContract(WS, "UA", "UMGR", [SuccessMetric("discovery", "discovery_questions_asked", "8")],
                            2.0, "Score calls", "Shadow Tuesdays", cycle_id=1)
SKILL = CATALOG.competency("value_articulation")
TEMPLATE = SKILL.homework_templates[0]
COMMITMENT = Commitment(WS, "UA", "UMGR", "UA", "Send the deck", date(2026, 12, 11), "p1", id=3)
SESSION = CoachingSession(WS, "UA", "UMGR", datetime(2026, 12, 4, 15, tzinfo=UTC), id=5)
PREWORK = Prework(WS, 5, "UA", ("Pricing for Acme", "Hiring plan", "My Q1 goals"))
HOMEWORK = Homework(WS, "UA", "UMGR", "Write value propositions", date(2026, 12, 11), HandInKind.LINK, id=7)

# Every modal, built as its listener builds it.
MODALS: dict[str, dict[str, Any]] = {
    "score_call_modal": score_call_modal(CATALOG, "UA", "UMGR", date(2026, 11, 30)),
    "self_assessment_modal": self_assessment_modal(CATALOG),
    "add_reps_modal": add_reps_modal(),
    "prioritize_modal": prioritize_modal(PriorityView(
        REP, CYCLE, [SkillGap("discovery", "Discovery", "foundational", 2.0, 3.0, None)], [], [], None)),
    "contract_modal": contract_modal(ContractDraft(REP, CYCLE, CONTRACT, ["discovery"]), CATALOG),
    "practice_modal": practice_modal(PracticeForm("UA", "D1", "Acme", None)),
    "assign_homework_modal": assign_homework_modal(AssignmentForm(
        REP, date(2026, 12, 4), (TemplateChoice(SKILL, TEMPLATE, TEMPLATE.instructions),), focused=True)),
    "hand_in_modal": hand_in_modal(HandInForm(HOMEWORK, date(2026, 12, 4))),
    "homework_feedback_modal": homework_feedback_modal(HomeworkFeedbackForm(
        HOMEWORK.handed_in_with(HandIn("", link="https://x.example"), datetime(2026, 12, 10, tzinfo=UTC)), False)),
    "debrief_modal": debrief_modal(DebriefForm("UA", date(2026, 11, 30), ("discovery",),
                                               CATALOG.indicators_for("discovery"))),
    "feedback_modal": feedback_modal(FeedbackForm(Debrief(
        WS, "UA", CallRef("Acme"), CallType.DEMO, date(2026, 11, 30), CallAnswers("a", "b", "c"), id=1), REP)),
    "shadow_modal": shadow_modal(ShadowForm(REP, "UMGR", date(2026, 12, 9), ("discovery", "closing")), CATALOG),
    "rep_week_modal": rep_week_modal(RepWeek(REP, DevelopWeek((), ShadowWeek("UA", date(2026, 12, 9))), ()),
                                     CATALOG),  # read-only: no text input
    "scorecard_modal": scorecard_modal(discovery_and_closing()),  # read-only: no text input
    "share_modal": share_modal(ShareView(PeerShare(WS, "UA", "2026-W50", "discovery", "discovery_questions_asked",
                                                   3.2, 5.1, 4, text="Asked about budget"), "Discovery", "Questions"),
                               "CCOACH", "DUA", "1765.0001"),
    "comment_modal": comment_modal(CommentForm(REP, Member(WS, "UMGR", "Maya", "UTC"), IsoWeek(2026, 50))),
    "plan_modal": plan_modal(PlanForm(REP, date(2026, 12, 4), date(2027, 1, 17), "CCOACH")),
    "commit_modal": commit_modal(CommitForm(REP, date(2026, 12, 4)), "send the deck"),
    "obstacles_modal": obstacles_modal(AnswerForm(COMMITMENT, CommitmentStatus.PARTLY)),
    "move_modal": move_modal(3, "Send the deck", date(2026, 12, 11)),  # no text input
    "session_modal": session_modal(SessionForm(REP, "America/New_York", date(2026, 12, 4))),  # no text input
    "prework_modal": prework_modal(PreworkForm(SESSION, REP, None, ("Pricing for Acme",))),
    "prework_question_modal": prework_question_modal(QuestionForm(SESSION, PREWORK, 2)),
    "takeaways_modal": takeaways_modal(TakeawaysForm(SESSION, REP, REP, PREWORK.agenda, None)),
    "checkin_modal": checkin_modal(CheckinForm(REP, CYCLE, date(2026, 12, 1), ("discovery",), (), None, None),
                                   CATALOG),
    "challenge_start_modal": challenge_start_modal(ChallengeForm(  # issue 13
        REP, (Behaviour("discovery", "Ask 5 questions"), Behaviour("closing", "")), {}, "21 working days")),
    "challenge_note_modal": challenge_note_modal(4, date(2027, 1, 4), None),
}
# Success stories (issue 13).
MODALS["win_modal"] = win_modal(WinForm(REP, CATALOG.competencies, ("closing",), WinSource.HOME, "CCOACH"),
                                "Hooli signed")
# The same builders' other shapes: the hand-in modal of a homework answered in writing, or with a file.
MORE_MODALS = [hand_in_modal(HandInForm(replace(HOMEWORK, hand_in_kind=kind), date(2026, 12, 4)))
               for kind in (HandInKind.TEXT, HandInKind.FILE)]
# The pre-work modal of a workspace with a full enablement pre-read: one answer per question.
MORE_MODALS.append(prework_modal(PreworkForm(SESSION, REP, PREWORK, (),
                                             tuple(f"Question {n}?" for n in range(1, PREREAD_QUESTIONS + 1)))))

# (modal callback id, block id) -> where the text is stored, and the limit the service checks.
# A String column's own length bounds it; a Text or JSON column has no length, so the
# domain's limit (which the service enforces) does.
Storage = tuple[InstrumentedAttribute[Any], int]
FIELDS: dict[tuple[str, str], Storage] = {
    (ids.SCORE_CALL_VIEW, CALL_TITLE): (CallScoreRow.call_title, field_lengths.CALL_TITLE),
    (ids.SCORE_CALL_VIEW, CALL_LINK): (CallScoreRow.call_link, field_lengths.CALL_LINK),
    (ids.SCORE_CALL_VIEW, NOTES): (CallScoreRow.notes, field_lengths.CALL_NOTES),
    (ids.CONTRACT_VIEW, target_block(0)): (ContractRow.metrics, field_lengths.CONTRACT_TARGET),
    (ids.CONTRACT_VIEW, target_block(1)): (ContractRow.metrics, field_lengths.CONTRACT_TARGET),
    (ids.CONTRACT_VIEW, REP_COMMITMENTS): (ContractRow.rep_commitments, field_lengths.CONTRACT_COMMITMENTS),
    (ids.CONTRACT_VIEW, MANAGER_COMMITMENTS): (ContractRow.manager_commitments, field_lengths.CONTRACT_COMMITMENTS),
    (ids.ROLEPLAY_PRACTISED_VIEW, NOTE): (RoleplayPracticeRow.note, field_lengths.ROLEPLAY_NOTE),
    (ids.HOMEWORK_VIEW, text_block(TEMPLATE.id)): (HomeworkRow.text, field_lengths.HOMEWORK_TEXT),
    (ids.HAND_IN_VIEW, ANSWER): (HomeworkRow.hand_in_text, field_lengths.HOMEWORK_ANSWER),
    (ids.HAND_IN_VIEW, LINK): (HomeworkRow.hand_in_link, field_lengths.HOMEWORK_LINK),
    (ids.HOMEWORK_FEEDBACK_VIEW, FEEDBACK): (HomeworkRow.feedback, field_lengths.HOMEWORK_FEEDBACK),
    (ids.DEBRIEF_VIEW, "account"): (DebriefRow.account, field_lengths.CALL_ACCOUNT),
    **{(ids.DEBRIEF_VIEW, name): (getattr(DebriefRow, name), field_lengths.DEBRIEF_ANSWER) for name in ANSWER_FIELDS},
    (ids.DEBRIEF_FEEDBACK_VIEW, FEEDBACK_FIELD): (DebriefFeedbackRow.text, field_lengths.DEBRIEF_FEEDBACK),
    (ids.PEER_SHARE_VIEW, "words"): (PeerShareRow.text, field_lengths.PEER_SHARE_TEXT),
    (ids.SHADOW_VIEW, "account"): (ShadowObservationRow.account, field_lengths.CALL_ACCOUNT),
    (ids.SHADOW_VIEW, "went_well"): (ShadowObservationRow.went_well, field_lengths.DEBRIEF_ANSWER),
    (ids.SHADOW_VIEW, "do_differently"): (ShadowObservationRow.do_differently, field_lengths.DEBRIEF_ANSWER),
    (ids.SHADOW_VIEW, "practice_next"): (ShadowObservationRow.practice_next, field_lengths.DEBRIEF_ANSWER),
    (ids.SHADOW_VIEW, FEEDBACK_BLOCK): (ShadowObservationRow.feedback, field_lengths.SHADOW_FEEDBACK),
    (ids.SCORECARD_COMMENT_VIEW, COMMENT_FIELD): (ScorecardCommentRow.text, field_lengths.SCORECARD_COMMENT),
    **{(view, field_key(name, n)): (getattr(CommitmentRow, name), limit)
       for view, numbers in ((ids.PLAN_VIEW, (1, 2, 3)), (ids.COMMIT_VIEW, (1,))) for n in numbers
       for name, limit in ((ACTION, field_lengths.COMMITMENT_ACTION), (EVIDENCE, field_lengths.COMMITMENT_EVIDENCE),
                           (SUPPORT, field_lengths.COMMITMENT_SUPPORT))},
    (ids.COMMITMENT_OBSTACLES_VIEW, OBSTACLES): (CommitmentRow.obstacles, field_lengths.COMMITMENT_OBSTACLES),
    **{(ids.PREWORK_VIEW, item_key(n)): (SessionPreworkRow.agenda, field_lengths.PREWORK_ITEM) for n in (1, 2, 3, 4)},
    (ids.PREWORK_VIEW, PREWORK_QUESTIONS): (SessionPreworkRow.questions, field_lengths.PREWORK_TEXT),
    (ids.PREWORK_VIEW, PREWORK_BACKGROUND): (SessionPreworkRow.background, field_lengths.PREWORK_TEXT),
    **{(ids.PREWORK_QUESTION_VIEW, question_key(n)): (SessionPreworkRow.manager_questions,
                                                      field_lengths.PREWORK_QUESTION) for n in (1, 2)},
    (ids.TAKEAWAYS_VIEW, TAKEAWAYS_TEXT): (SessionTakeawaysRow.text, field_lengths.TAKEAWAYS_TEXT),
    (ids.MAINTENANCE_CHECKIN_VIEW, SLIPPING): (MaintenanceCheckinRow.slipping, field_lengths.MAINTENANCE_SLIPPING),
    **{(ids.CHALLENGE_VIEW, behaviour_key(skill)): (ChallengeRow.behaviours, field_lengths.CHALLENGE_BEHAVIOUR)
       for skill in ("discovery", "closing")},  # issue 13
    (ids.CHALLENGE_NOTE_VIEW, CHALLENGE_NOTE_FIELD): (ChallengeDayRow.note, field_lengths.CHALLENGE_NOTE),
    **{(ids.PREWORK_VIEW, answer_key(n)): (SessionPreworkRow.preread, field_lengths.PREREAD_ANSWER)
       for n in range(1, PREREAD_QUESTIONS + 1)},
}

FIELDS |= {(ids.WIN_VIEW, WHAT_FIELD): (SuccessStoryRow.what_happened, field_lengths.WIN_WHAT_HAPPENED),
           (ids.WIN_VIEW, APPROACH_FIELD): (SuccessStoryRow.approach, field_lengths.WIN_APPROACH),
           (ids.WIN_VIEW, OUTCOME_FIELD): (SuccessStoryRow.outcome, field_lengths.WIN_OUTCOME)}  # issue 13

def _modal_builders() -> set[str]:
    """Functions in handlers/blocks that return a literal `{"type": "modal", ...}`."""
    found = set()
    for path in BLOCKS_DIR.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text())):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Dict) and any(
                    isinstance(k, ast.Constant) and k.value == "type"
                    and isinstance(v, ast.Constant) and v.value == "modal"
                    for k, v in zip(node.keys, node.values, strict=True)
                ):
                    found.add(function.name)
    return found


def _text_inputs() -> list[tuple[str, str, dict[str, Any]]]:
    """(callback id, block id, element) of every plain_text_input in every modal."""
    return [
        (modal["callback_id"], block["block_id"], block["element"])
        for modal in [*MODALS.values(), *MORE_MODALS]
        for block in modal["blocks"]
        if block.get("type") == "input" and block["element"]["type"] == "plain_text_input"
    ]


def test_every_modal_builder_is_checked() -> None:
    assert _modal_builders() == set(MODALS), "build the new modal in MODALS so its text inputs are checked"


def test_every_text_input_is_mapped_to_where_it_is_stored() -> None:
    found = {(view, block) for view, block, _ in _text_inputs()}
    assert found == set(FIELDS), "map each new text input to its column in FIELDS"


@pytest.mark.parametrize(("view", "block", "element"), _text_inputs(), ids=lambda v: v if isinstance(v, str) else "")
def test_max_length_fits_the_column(view: str, block: str, element: dict[str, Any]) -> None:
    column, domain_limit = FIELDS[(view, block)]
    max_length = element.get("max_length")
    assert isinstance(max_length, int), f"{view}/{block} has no max_length"
    assert max_length <= field_lengths.SLACK_INPUT_MAX
    assert max_length == domain_limit, "the form's limit is the one the service checks"
    kind = column.property.columns[0].type
    if isinstance(kind, String) and not isinstance(kind, Text) and kind.length is not None:
        assert max_length <= kind.length, (
            f"{view}/{block}: the form allows {max_length}, the column holds {kind.length}"
        )
    else:
        assert isinstance(kind, Text | JSON), f"{view}/{block}: a bounded column needs its length checked"
