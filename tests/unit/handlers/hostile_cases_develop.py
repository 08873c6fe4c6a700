"""Issue 10's block builders (weeks 3-6) called with hostile text; merged into `hostile_cases.CASES`.

Split from hostile_cases.py to keep each file small; the rules are those of hostile_cases.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from domain.catalog import MicroLesson
from domain.coaching.calls import CallAnswers, CallRef, CallType, rep_questions
from domain.coaching.debriefs import Debrief, DebriefFeedback, ShadowObservation
from domain.coaching.homework import HandIn, HandInKind, Homework
from domain.coaching.lessons import LessonAnswer, LessonChoice, LessonProgress, LessonStatus
from domain.coaching.roleplay import Baseline, RepRoleplays, RoleplayCard, RoleplayPractice, SuggestedFocus
from domain.coaching.shadow_week import ShadowWeek
from domain.notifications.debrief_digest import DebriefDigestNote, DigestLine
from domain.notifications.debrief_prompt import DebriefPromptNote
from domain.notifications.homework_due import HomeworkDueNote
from domain.notifications.micro_lessons import LessonNote
from domain.pipeline.model import DealStatus
from domain.pipeline.model import Opportunity as _Opportunity
from domain.pipeline.model import Stage as DealStage
from domain.services.calls import CallEntry, CallList, RepCalls
from domain.services.debrief_feedback import FeedbackForm, FeedbackForRep
from domain.services.debrief_prompts import PromptAnswer
from domain.services.debriefs import DealPick, DebriefCopy, DebriefForm
from domain.services.develop import DevelopWeek, RepWeek
from domain.services.homework_notices import (
    AssignmentForm,
    HandInForm,
    HandInSaved,
    HomeworkAnswered,
    InThread,
    TemplateChoice,
)
from domain.services.homework_notices import FeedbackForm as HomeworkFeedbackForm
from domain.services.homework_overview import RepHomework
from domain.services.lessons import LessonAnswered, LessonSummary, NextLesson
from domain.services.roleplays import NOTE, PracticeForm, RoleplayList
from domain.services.shadowing import ShadowForm, ShadowSaved
from handlers.blocks import (
    call_fields,
    calls,
    debrief_prompts,
    debriefs,
    home_coaching,
    homework,
    homework_modals,
    kit,
    lessons,
    rep_week,
    roleplay,
    shadow,
    shadow_modal,
)
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, MANAGER, NOW, REP, TODAY, WS, Call

# What the domain writes in an error: our mentions, and whatever the requester typed, quoted.
DOMAIN_ERROR = f"<@UREP> is not on your team. `{HOSTILE}` is not a skill in the catalog."
OPEN_DEAL = _Opportunity(WS, "D2", "UREP", HOSTILE, Decimal(2000), DealStage.CLOSING, DealStatus.OPEN)
ANSWERS = CallAnswers(HOSTILE, HOSTILE, HOSTILE)
DEBRIEF = Debrief(WS, "UREP", CallRef(HOSTILE, HOSTILE), CallType.DEMO, TODAY, ANSWERS,
                  indicators={"discovery_questions_asked": 4, "business_impact_quantified": True}, version=2, id=1)
SHADOW = ShadowObservation(WS, "UREP", "UMGR", CallRef(HOSTILE), CallType.DEMO, TODAY, ANSWERS, HOSTILE,
                           skill_scores={"discovery": 3}, indicators={"discovery_questions_asked": 3}, id=1)
CALLS = CallList(TODAY, TODAY, "this", [RepCalls(REP, [CallEntry(DEBRIEF, SHADOW), CallEntry(DEBRIEF, None),
                                                       CallEntry(None, SHADOW)])], is_team=True)
# Role-plays: account names from a CRM export, a focus from an admin's catalog, a note a manager typed.
CARD = RoleplayCard("UREP", HOSTILE, HOSTILE, DealStage.QUALIFYING, Decimal(12000), 34, 12.0, Baseline.REP,
                    SuggestedFocus("discovery", HOSTILE, HOSTILE))
CARDS = [CARD, replace(CARD, amount=None, baseline=Baseline.TEAM, focus=None, practised_at=NOW),
         *[replace(CARD, external_id=f"D{n}", baseline=Baseline.WORKSPACE) for n in range(12)]]
PRACTICE = RoleplayPractice(WS, "UREP", HOSTILE, HOSTILE, "UMGR", HOSTILE, NOW)


def _roleplays(viewer: str, cards: list[RoleplayCard], deals: int = 20, open_deals: int = 15,
               focus: tuple[str, ...] = ()) -> RoleplayList:
    return RoleplayList(viewer, REP, RepRoleplays("UREP", deals, open_deals, tuple(cards), 2), True, focus)


SKILL = CATALOG.competency("value_articulation")
HOMEWORK = Homework(WS, "UREP", "UMGR", HOSTILE, TODAY, HandInKind.LINK, id=7)
HANDED = HOMEWORK.handed_in_with(HandIn(HOSTILE, link=HOSTILE, file_id="F1", file_name=HOSTILE), NOW)
WRITTEN = HOMEWORK.handed_in_with(HandIn(HOSTILE), NOW)
THREAD = InThread("DUREP", "1764547200.000100")
ASSIGNING = AssignmentForm(REP, TODAY, (TemplateChoice(SKILL, SKILL.homework_templates[0], HOSTILE),), True)
# A workspace's own lesson texts are written by an admin and read by every rep there.
LESSON = MicroLesson.model_construct(id="pain_framework", title=HOSTILE, summary=HOSTILE, example=HOSTILE,
                                     exercise=HOSTILE)
LESSON_NOTES = [LessonNote(WS, REP, 1, HOSTILE, LessonChoice("discovery", "pain_framework", 1, 4), LESSON, 3,
                           reminder=reminder, can_remind=not reminder) for reminder in (False, True)]
LESSON_SUMMARIES = [LessonSummary("UREP", 1, 3, 8, NextLesson(HOSTILE, HOSTILE, NOW), 1),
                    LessonSummary("UREP", 1, 8, 8, None, 0)]
LESSON_ANSWERS = [
    LessonAnswered(LESSON_NOTES[0], answer, LessonProgress(WS, "UREP", 1, "discovery", "pain_framework", status),
                   summary, remind_at=NOW)
    for answer, status in ((LessonAnswer.DONE, LessonStatus.DONE), (LessonAnswer.REMIND, LessonStatus.REMIND),
                           (LessonAnswer.DISCUSS, LessonStatus.DISCUSS))
    for summary in LESSON_SUMMARIES
]
DEBRIEF = Debrief(WS, "UREP", CallRef(HOSTILE, "D1"), CallType.DEMO, TODAY, CallAnswers(HOSTILE, HOSTILE, HOSTILE),
                  {"discovery_questions_asked": 4, "business_impact_quantified": True}, skills=("discovery",),
                  recording_link="https://rec.example/" + HOSTILE, version=2, created_at=NOW, id=7)
DISCOVERY = CATALOG.indicators_for("discovery")
DEBRIEF_COPY = DebriefCopy(DEBRIEF, rep_questions([HOSTILE]), ((DISCOVERY[0], 4), (DISCOVERY[1], True)), True)
FEEDBACK = DebriefFeedback(WS, 7, "UREP", "UMGR", HOSTILE, NOW, 1)
DIGEST = DebriefDigestNote(WS, MANAGER, tuple(DigestLine(REP, replace(DEBRIEF, id=n, call_type=kind))
                                              for n, kind in enumerate([*CallType] * 5, start=1)))  # past the cut

SHADOWED = ShadowObservation(
    WS, "UREP", "UMGR", CallRef(HOSTILE, "D1"), CallType.DISCOVERY, TODAY, CallAnswers(HOSTILE, HOSTILE, HOSTILE),
    HOSTILE, {"discovery": 4, "closing": 2}, {"discovery_questions_asked": 7, "next_step_defined": True},
    ("discovery", "closing"), 1, id=7,
)
DEBRIEFED = Debrief(WS, "UREP", CallRef(HOSTILE), CallType.DISCOVERY, TODAY, CallAnswers(HOSTILE, HOSTILE, HOSTILE),
                    {"discovery_questions_asked": 5}, ("discovery",), shadow_id=7, id=3)
SHADOW_WEEKS = [ShadowWeek("UREP", TODAY, (SHADOWED,) * count, targeted) for count in (0, 1, 2, 3)
                for targeted in (True, False)]
SHADOW_FORMS = [ShadowForm(REP, "UMGR", TODAY, ("discovery", "value_articulation", "pipeline_management"), OPEN_DEAL),
                ShadowForm(REP, "UMGR", TODAY, account=HOSTILE)]

# App Home in weeks 3-6 and the manager's "This week": everything above, side by side.
LATE = replace(HOMEWORK, id=8, due_on=date(2026, 12, 1))
UNFINISHED = RepHomework("UREP", open=(HOMEWORK,) * 4, late=(LATE,), awaiting_feedback=(HANDED,))
DEVELOP_WEEK = DevelopWeek((DEBRIEFED,), ShadowWeek("UREP", TODAY, (SHADOWED,)), LESSON_SUMMARIES[0], UNFINISHED,
                           RepRoleplays("UREP", 20, 15, tuple(CARDS), 2))
QUIET_WEEK = DevelopWeek((), ShadowWeek("UREP", TODAY), LESSON_SUMMARIES[1], RepHomework("UREP"),
                         RepRoleplays("UREP", 0, 0, ()))
REP_WEEKS = [RepWeek(REP, DEVELOP_WEEK, tuple(CallEntry(DEBRIEFED, SHADOWED) for _ in range(10))),
             RepWeek(REP, QUIET_WEEK, ())]


DEVELOP_CASES: dict[str, list[Call]] = {
    "calls.calls_message": [Call(lambda: calls.calls_message(CALLS, CATALOG))],
    "debrief_prompts.debrief_prompt_message": [Call(lambda: debrief_prompts.debrief_prompt_message(
        DebriefPromptNote(WS, REP, TODAY)), False)],
    "debrief_prompts.no_calls_message": [Call(lambda day=day: debrief_prompts.no_calls_message(
        PromptAnswer("UREP", day, TODAY, True)), False) for day in (TODAY, date(2026, 12, 7))],
    "debrief_prompts.not_today_message": [Call(lambda: debrief_prompts.not_today_message(
        PromptAnswer("UREP", TODAY, TODAY)), False)],
    "debrief_prompts.digest_line": [Call(lambda: debrief_prompts.digest_line(DEBRIEF))],
    "debrief_prompts.debrief_digest_message": [
        Call(lambda: debrief_prompts.debrief_digest_message(DIGEST)),
        Call(lambda: debrief_prompts.debrief_digest_message(replace(DIGEST, lines=DIGEST.lines[:1])))],
    "homework_modals.assign_homework_modal": [
        Call(lambda: homework_modals.assign_homework_modal(ASSIGNING)),
        Call(lambda: homework_modals.assign_homework_modal(ASSIGNING, homework_modals.FREE,
                                                           homework_modals.Kept(HOSTILE, HOSTILE)), False)],
    "homework_modals.assignment_errors": [Call(lambda: homework_modals.assignment_errors(
        {"text": HOSTILE, "due_on": HOSTILE}, "text_free"))],
    "homework_modals.hand_in_modal": [Call(lambda kind=kind: homework_modals.hand_in_modal(HandInForm(
        replace(HOMEWORK, hand_in_kind=kind), date(2026, 12, 10)))) for kind in HandInKind],
    "homework_modals.homework_feedback_modal": [Call(lambda handed=handed: homework_modals.homework_feedback_modal(
        HomeworkFeedbackForm(handed, True))) for handed in (HANDED, WRITTEN)],
    "homework.homework_assigned_message": [Call(lambda: homework.homework_assigned_message(HOMEWORK))],
    "homework.homework_set_message": [Call(lambda: homework.homework_set_message(HOMEWORK), False)],
    "homework.hand_in_blocks": [Call(lambda handed=handed: homework.hand_in_blocks(handed, False))
                                for handed in (HANDED, WRITTEN)],
    "homework.homework_handed_in_message": [Call(lambda late=late: homework.homework_handed_in_message(HANDED, late))
                                            for late in (True, False)],
    "homework.hand_in_saved_message": [Call(lambda told=told, late=late: homework.hand_in_saved_message(
        HandInSaved(HANDED, late, told, THREAD)), False) for told in ("UMGR", None) for late in (True, False)],
    "homework.homework_answered_message": [Call(lambda thread=thread: homework.homework_answered_message(
        HomeworkAnswered(HANDED.answered(HOSTILE, NOW), "UMGR", thread))) for thread in (THREAD, None)],
    "homework.feedback_sent_message": [Call(lambda: homework.feedback_sent_message(HANDED), False)],
    "homework.homework_due_message": [Call(lambda day=day: homework.homework_due_message(
        HomeworkDueNote(WS, REP, replace(HOMEWORK, due_on=day)), NOW)) for day in (TODAY, date(2026, 12, 14))],
    "roleplay.card_block": [Call(lambda card=card, rep=rep: roleplay.card_block(card, rep))
                            for card in CARDS[:3] for rep in (True, False)],
    "roleplay.roleplay_list_message": [
        *[Call(lambda viewer=viewer: roleplay.roleplay_list_message(_roleplays(viewer, CARDS)))
          for viewer in ("UREP", "UMGR")],
        Call(lambda: roleplay.roleplay_list_message(_roleplays("UMGR", CARDS[:1], focus=(HOSTILE,)))),
        *[Call(lambda deals=deals, open_deals=open_deals: roleplay.roleplay_list_message(
            _roleplays("UMGR", [], deals, open_deals)), False) for deals, open_deals in ((0, 0), (3, 0), (3, 3))],
    ],
    "roleplay.practice_modal": [Call(lambda stage=stage: roleplay.practice_modal(
        PracticeForm("UREP", HOSTILE, HOSTILE, stage))) for stage in (DealStage.CLOSING, None)],
    "roleplay.practice_errors": [Call(lambda: roleplay.practice_errors({NOTE: HOSTILE}))],
    "roleplay.roleplay_recorded_notice": [
        Call(lambda practice=practice, role=role: roleplay.roleplay_recorded_notice(practice, role))
        for practice in (PRACTICE, replace(PRACTICE, practised_by="UREP"))
        for role in ("practiser", "rep", "manager")],
    "lessons.lesson_blocks": [Call(lambda note=note: kit.message("", lessons.lesson_blocks(note)))
                              for note in LESSON_NOTES],
    "lessons.lesson_message": [Call(lambda note=note: lessons.lesson_message(note)) for note in LESSON_NOTES],
    "lessons.lesson_answered_message": [Call(lambda answered=answered: lessons.lesson_answered_message(answered))
                                        for answered in LESSON_ANSWERS],
    "lessons.answer_line": [Call(lambda answered=answered: kit.section(lessons.answer_line(answered)),
                                 shows_person_text=answered.answer is LessonAnswer.DONE
                                 and answered.summary.next is not None) for answered in LESSON_ANSWERS],
    "call_fields.call_blocks": [Call(lambda: call_fields.call_blocks(
        questions=(HOSTILE, HOSTILE, HOSTILE), indicators=CATALOG.competency("discovery").leading_indicators,
        today=TODAY, prefill=call_fields.CallPrefill(
            deal=call_fields.DealChoice("D1", HOSTILE), account=HOSTILE, answers=CallAnswers(HOSTILE, HOSTILE, HOSTILE),
            recording_link="https://example.com/" + HOSTILE)))],
    "debriefs.debrief_modal": [
        Call(lambda: debriefs.debrief_modal(DebriefForm("UREP", TODAY, (HOSTILE,), DISCOVERY, DealPick("D1", HOSTILE),
                                                        HOSTILE, recording_link=HOSTILE))),
        Call(lambda: debriefs.debrief_modal(DebriefForm("UREP", TODAY, (), (), account=HOSTILE, editing=DEBRIEF))),
    ],
    "debriefs.debrief_copy_message": [
        Call(lambda: debriefs.debrief_copy_message(DEBRIEF_COPY)),
        Call(lambda: debriefs.debrief_copy_message(replace(DEBRIEF_COPY, editable=False))),
    ],
    "debriefs.feedback_modal": [Call(lambda: debriefs.feedback_modal(FeedbackForm(DEBRIEF, REP)))],
    "debriefs.feedback_message": [Call(lambda thread=thread: debriefs.feedback_message(
        FeedbackForRep(FEEDBACK, DEBRIEF, thread))) for thread in ("1.2", None)],
    "debriefs.deal_options": [Call(lambda: debriefs.deal_options([DealPick("D1", HOSTILE)] * 120))],
    "debriefs.feedback_button": [Call(lambda: debriefs.feedback_button(7), False)],
    "call_fields.deal_option": [Call(lambda: call_fields.deal_option("D1", HOSTILE))],
    "call_fields.call_field_errors": [Call(lambda: call_fields.call_field_errors(
        {"deal": HOSTILE, "went_well": HOSTILE}, CATALOG.competency("discovery").leading_indicators))],
    "shadow_modal.shadow_modal": [Call(lambda form=form: shadow_modal.shadow_modal(form, CATALOG))
                                  for form in SHADOW_FORMS],
    "shadow_modal.shadow_errors": [Call(lambda: shadow_modal.shadow_errors(
        {"deal": HOSTILE, "feedback": HOSTILE, "score:discovery": HOSTILE, "discovery_questions_asked": HOSTILE},
        ("discovery",), CATALOG))],
    "shadow_modal.refusal_errors": [Call(lambda: shadow_modal.refusal_errors(DOMAIN_ERROR))],
    "shadow.shadow_feedback_notice": [Call(lambda: shadow.shadow_feedback_notice(SHADOWED, CATALOG))],
    "shadow.shadow_recorded_message": [Call(lambda week=week: shadow.shadow_recorded_message(
        ShadowSaved(SHADOWED, REP, week))) for week in SHADOW_WEEKS],
    "shadow.call_pair": [Call(lambda debrief=debrief, seen=seen: shadow.call_pair(debrief, seen, CATALOG),
                              shows_person_text=debrief is not None or seen is not None)
                         for debrief in (DEBRIEFED, None) for seen in (SHADOWED, None)],
    "home_coaching.rep_develop_blocks": [
        Call(lambda: kit.message("", home_coaching.rep_develop_blocks(DEVELOP_WEEK))),
        Call(lambda: kit.message("", home_coaching.rep_develop_blocks(QUIET_WEEK)), False)],
    "home_coaching.rep_homework_blocks": [
        Call(lambda: kit.message("", home_coaching.rep_homework_blocks(DEVELOP_WEEK))),
        Call(lambda: kit.message("", home_coaching.rep_homework_blocks(QUIET_WEEK)), False)],
    "rep_week.rep_week_modal": [Call(lambda shown=shown: rep_week.rep_week_modal(shown, CATALOG),
                                     shows_person_text=shown.calls != ()) for shown in REP_WEEKS],
}
