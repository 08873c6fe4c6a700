"""Every block builder called with hostile text wherever a person's text can go in.

`CASES` maps each builder (`module.function` in `handlers.blocks`) to calls
of it; `NO_PERSON_TEXT` names the public functions that build nothing from a
person's text, with why. `test_person_text_escaped.py` checks the output and
fails when a builder is in neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from domain.catalog import MicroLesson, load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType, rep_questions
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle, CycleStatus, Stage
from domain.coaching.debriefs import Debrief, DebriefFeedback, ShadowObservation
from domain.coaching.homework import HandIn, HandInKind, Homework
from domain.coaching.lessons import LessonAnswer, LessonChoice, LessonProgress, LessonStatus
from domain.coaching.priorities import GapRating
from domain.coaching.progress import CycleProgress
from domain.coaching.roleplay import Baseline, RepRoleplays, RoleplayCard, RoleplayPractice, SuggestedFocus
from domain.coaching.scoring import CallGap, CallScore, DimensionAverage, PerceptionGap, SkillsProfile
from domain.coaching.shadow_week import ShadowWeek
from domain.model import Member, Role, WorkspaceRef, WorkspaceSettings
from domain.notifications.cycle_tasks import CycleTasksNote
from domain.notifications.debrief_digest import DebriefDigestNote, DigestLine
from domain.notifications.debrief_prompt import DebriefPromptNote
from domain.notifications.homework_due import HomeworkDueNote
from domain.notifications.micro_lessons import LessonNote
from domain.notifications.registry import KINDS
from domain.notifications.team_tasks import TeamTasksNote
from domain.notifications.week_ahead import WEEK_AHEAD, WeekAheadNote
from domain.pipeline.audit import audit_reps
from domain.pipeline.model import DealStatus, ImportReport, LossCategory, Opportunity, RowProblem
from domain.pipeline.model import Stage as DealStage
from domain.pipeline.scope import AuditScope, ImportScope
from domain.pipeline.upload import Imported, NotCsv, Refused, TooLarge, Unavailable, Unusable
from domain.services.calls import CallEntry, CallList, RepCalls
from domain.services.contracts import ContractChange, ContractDraft, Outcome
from domain.services.cycles import CycleView
from domain.services.debrief_feedback import FeedbackForm, FeedbackForRep
from domain.services.debrief_prompts import PromptAnswer
from domain.services.debriefs import DealPick, DebriefCopy, DebriefForm
from domain.services.diagnosis import ProfileView, ScoredCall
from domain.services.home import HomeModel
from domain.services.homework_notices import (
    AssignmentForm,
    HandInForm,
    HandInSaved,
    HomeworkAnswered,
    InThread,
    TemplateChoice,
)
from domain.services.homework_notices import FeedbackForm as HomeworkFeedbackForm
from domain.services.lessons import LessonAnswered, LessonSummary, NextLesson
from domain.services.pipeline import PipelineAudit
from domain.services.prioritization import PriorityView, SkillGap
from domain.services.roleplays import NOTE, PracticeForm, RoleplayList
from domain.services.roster import AddOutcome, RepResult, TeamListing
from domain.services.shadowing import ShadowForm, ShadowSaved
from handlers.blocks import (
    add_reps_modal,
    call_fields,
    calls,
    contract,
    cycle_tasks,
    cycles,
    debrief_prompts,
    debriefs,
    diagnosis_modals,
    help_text,
    home,
    home_coaching,
    homework,
    homework_modals,
    inputs,
    kit,
    lessons,
    notifications,
    pipeline_audit,
    pipeline_upload,
    preferences,
    priorities,
    profile,
    roleplay,
    roster,
    shadow,
    shadow_modal,
    week_ahead,
)

# Everything an attacker would type into a title, a note, a target or a display name.
HOSTILE = ("<!channel> <!here> <!everyone> <https://evil.example/sign|Click here to sign the contract> "
           "<@U0VICTIM> &lt;already escaped&gt; *bold* & more")
OUR_IDS = frozenset({"UREP", "UMGR", "UMGR2", "UADMIN"})

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)  # Wednesday of the cycle's first week
TODAY = NOW.date()
MANAGER = Member(WS, "UMGR", HOSTILE, "America/New_York", role=Role.MANAGER, is_admin=True)
REP = Member(WS, "UREP", HOSTILE, "Europe/Berlin", manager_id="UMGR", paused_until=date(2026, 12, 20))
CYCLE = CoachingCycle(WS, "UREP", "UMGR", date(2026, 12, 7), id=1)
PAST = CoachingCycle(WS, "UREP", "UMGR2", date(2026, 9, 7), status=CycleStatus.ENDED, ended_on=date(2026, 11, 2), id=0)
CONTRACT = CoachingContract(
    WS, "UREP", "UMGR", [SuccessMetric("discovery", "discovery_questions_asked", HOSTILE)], 2.0, HOSTILE, HOSTILE,
    version=2, rep_signed_at=NOW, cycle_id=1,
).handed_over("UMGR")
PROGRESS = CycleProgress(CYCLE, calls_scored=2, focus=["discovery"], contract=CONTRACT)
TEAM = TeamListing(MANAGER, [REP])
SCORE = CallScore(WS, "UREP", "UMGR", HOSTILE, TODAY, {"discovery_quality": 2}, call_link=HOSTILE, notes=HOSTILE)
PROFILE = ProfileView(
    REP, SkillsProfile(1, [DimensionAverage("discovery_quality", 2.0, 1)]), {"discovery_quality": "Discovery quality"},
    {"discovery": "Discovery"}, [CallGap(HOSTILE, TODAY, {"discovery_quality": 2})],
    [PerceptionGap("discovery", 4.5, 2.0)], NOW, missing=["3 of 10 calls scored"],
)
RATING = GapRating("discovery", "foundational", 5, 2)
PRIORITIES = PriorityView(REP, CYCLE, [SkillGap("discovery", "Discovery", "foundational", 2.0, 4.0, RATING)],
                          [RATING], [], None)
CHANGE = ContractChange(CONTRACT, Outcome.REVISED, ["the rep's commitments"], signer_id="UREP")
RESULTS = [
    RepResult("UREP", outcome, REP, previous_manager_id="UMGR2", previous_manager_name=HOSTILE)
    for outcome in AddOutcome
]
REPORT = ImportReport(HOSTILE, 1, 0, 0, [RowProblem(2, HOSTILE), RowProblem(3, f"amount {HOSTILE!r} is not a number")],
                      unknown_stage_columns=[HOSTILE])
UPLOADS = [
    Imported(HOSTILE, REPORT, ImportScope("UMGR", frozenset({"UMGR", "UREP"}))),
    NotCsv(HOSTILE, HOSTILE),
    TooLarge(HOSTILE, 9 * 1024 * 1024, 5 * 1024 * 1024),
    Refused(HOSTILE, f"Your deals come in when your manager <@UMGR> shares it. {HOSTILE}"),
    Unusable(HOSTILE, f"{HOSTILE}: the header row is not valid CSV."),
    Unavailable(HOSTILE, HOSTILE),
]
DEALS = [Opportunity(WS, f"D{n}", owner, HOSTILE, Decimal(1000 * n), DealStage.CLOSING, status,
                     loss_reason=HOSTILE, loss_category=LossCategory.PRICE if status is DealStatus.LOST else None)
         for n, (owner, status) in enumerate([("UREP", DealStatus.WON), ("UREP", DealStatus.LOST),
                                              ("UMGR", DealStatus.OPEN)])]
AUDIT = PipelineAudit(AuditScope("UADMIN", None, "workspace"), audit_reps(DEALS, None, {"UREP": "UMGR"}))
REP_AUDIT = PipelineAudit(AuditScope("UMGR", ("UREP",), "rep"), audit_reps(DEALS, ["UREP"], {"UREP": "UMGR"}))
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
# What the domain writes in an error: our mentions, and whatever the requester typed, quoted.
DEBRIEF = Debrief(WS, "UREP", CallRef(HOSTILE, "D1"), CallType.DEMO, TODAY, CallAnswers(HOSTILE, HOSTILE, HOSTILE),
                  {"discovery_questions_asked": 4, "business_impact_quantified": True}, skills=("discovery",),
                  recording_link="https://rec.example/" + HOSTILE, version=2, created_at=NOW, id=7)
DISCOVERY = CATALOG.indicators_for("discovery")
DEBRIEF_COPY = DebriefCopy(DEBRIEF, rep_questions([HOSTILE]), ((DISCOVERY[0], 4), (DISCOVERY[1], True)), True)
FEEDBACK = DebriefFeedback(WS, 7, "UREP", "UMGR", HOSTILE, NOW, 1)
DIGEST = DebriefDigestNote(WS, MANAGER, tuple(DigestLine(REP, replace(DEBRIEF, id=n, call_type=kind))
                                              for n, kind in enumerate([*CallType] * 5, start=1)))  # past the cut
DOMAIN_ERROR = f"<@UREP> is not on your team. `{HOSTILE}` is not a skill in the catalog."

SHADOWED = ShadowObservation(
    WS, "UREP", "UMGR", CallRef(HOSTILE, "D1"), CallType.DISCOVERY, TODAY, CallAnswers(HOSTILE, HOSTILE, HOSTILE),
    HOSTILE, {"discovery": 4, "closing": 2}, {"discovery_questions_asked": 7, "next_step_defined": True},
    ("discovery", "closing"), 1, id=7,
)
DEBRIEFED = Debrief(WS, "UREP", CallRef(HOSTILE), CallType.DISCOVERY, TODAY, CallAnswers(HOSTILE, HOSTILE, HOSTILE),
                    {"discovery_questions_asked": 5}, ("discovery",), shadow_id=7, id=3)
SHADOW_WEEKS = [ShadowWeek("UREP", TODAY, (SHADOWED,) * count, targeted) for count in (0, 1, 2, 3)
                for targeted in (True, False)]
SHADOW_FORMS = [ShadowForm(REP, "UMGR", TODAY, ("discovery", "value_articulation", "pipeline_management"), DEALS[2]),
                ShadowForm(REP, "UMGR", TODAY, account=HOSTILE)]

@dataclass(frozen=True)
class Call:
    """One call of a builder: what it returns, and whether the person's text should be on show."""

    build: Callable[..., Any]  # lambdas bind their loop variable as a default argument
    shows_person_text: bool = True
    # Domain refusals keep `<@U…>` mentions live, also ones the requester typed (see `kit.domain_text`).
    requester_mentions_kept: bool = False


def mrkdwn_and_plain(built: Any) -> tuple[list[str], list[str]]:
    """(mrkdwn strings, plain strings) in what a builder returned."""
    if isinstance(built, str):  # a builder's mrkdwn fragment (`mention`, a notice)
        return [built], []
    mrkdwn: list[str] = []
    plain: list[str] = []
    if isinstance(built, dict) and isinstance(built.get("text"), str) and "blocks" in built:
        mrkdwn.append(built["text"])  # a message's notification text is mrkdwn too
    elif isinstance(built, dict) and "type" not in built and all(isinstance(v, str) for v in built.values()):
        return [], list(built.values())  # a modal's inline errors: Slack shows them as plain text
    for node in _nodes(built):
        if node.get("type") == "mrkdwn":
            mrkdwn.append(node["text"])
        elif node.get("type") == "plain_text":
            plain.append(node["text"])
        if isinstance(node.get("initial_value"), str):
            plain.append(node["initial_value"])
    return mrkdwn, plain


_MARKUP = re.compile(r"<([^<>]*)>")
_OUR_DATE = re.compile(r"!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^<>|]+")


def foreign_markup(mrkdwn: str, our_ids: frozenset[str] = OUR_IDS) -> list[str]:
    """Live `<…>` in a mrkdwn string that we did not write: anything but our dates and mentions of `our_ids`."""
    return [markup for markup in _MARKUP.findall(mrkdwn)
            if not (_OUR_DATE.fullmatch(markup) or (markup.startswith("@") and markup[1:] in our_ids))]


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _nodes(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _nodes(inner)


def _home(viewer: Member, **parts: Any) -> dict[str, Any]:
    return home.home_view(HomeModel(viewer.user_id, viewer, **parts), NOW, CATALOG)


CASES: dict[str, list[Call]] = {
    "calls.calls_message": [Call(lambda: calls.calls_message(CALLS, CATALOG))],
    "add_reps_modal.add_reps_modal": [Call(add_reps_modal.add_reps_modal, False)],
    "add_reps_modal.add_reps_errors": [Call(lambda: add_reps_modal.add_reps_errors(
        [replace(r, outcome=AddOutcome.COACHED_ELSEWHERE) for r in RESULTS[:1]]))],
    "contract.contract_modal": [Call(lambda: contract.contract_modal(ContractDraft(REP, CYCLE, CONTRACT, []),
                                                                     CATALOG))],
    "contract.contract_errors": [Call(lambda: contract.contract_errors({"skills": HOSTILE, "target_0": HOSTILE}))],
    "contract.contract_blocks": [Call(lambda: contract.contract_blocks(CONTRACT, CATALOG))],
    "contract.contract_message": [Call(lambda viewer=viewer: contract.contract_message(CONTRACT, CATALOG, viewer))
                                  for viewer in ("UREP", "UMGR")],
    "contract.saved_message": [Call(lambda outcome=outcome: contract.saved_message(replace(CHANGE, outcome=outcome)),
                                    False) for outcome in Outcome],
    "contract.revised_notice": [Call(lambda: contract.revised_notice(CHANGE), False)],
    "contract.new_contract_notice": [Call(lambda: contract.new_contract_notice(CONTRACT), False)],
    "contract.signed_notice": [Call(lambda: contract.signed_notice(CHANGE), False),
                               Call(lambda: contract.signed_notice(replace(CHANGE, contract=replace(
                                   CONTRACT, manager_signed_at=NOW))), False)],
    "cycle_tasks.cycle_tasks_message": [Call(lambda: cycle_tasks.cycle_tasks_message(
        CycleTasksNote(WS, REP, PROGRESS, Stage.DIAGNOSE, 1, True, True)), False)],
    "cycle_tasks.team_tasks_message": [Call(lambda: cycle_tasks.team_tasks_message(
        TeamTasksNote(WS, MANAGER, [(REP, Stage.DIAGNOSE, 1, ["2 of 10 calls scored", HOSTILE])])))],
    "cycles.cycle_message": [Call(lambda current=current, viewer=viewer: cycles.cycle_message(
        CycleView(REP, current, [PAST], TODAY), viewer), False)
        for current in (CYCLE, None) for viewer in ("UMGR", "UREP")],
    "cycles.cycle_started_notice": [Call(lambda: cycles.cycle_started_notice(CycleView(REP, CYCLE, [], TODAY)), False)],
    "cycles.cycle_changed_message": [
        Call(lambda current=current: cycles.cycle_changed_message(CycleView(REP, current, [], TODAY), "extend"), False)
        for current in (CYCLE, None)],
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
    "diagnosis_modals.score_call_modal": [Call(lambda scorer=scorer: diagnosis_modals.score_call_modal(
        CATALOG, "UREP", scorer, TODAY), False) for scorer in ("UREP", "UMGR")],
    "diagnosis_modals.self_assessment_modal": [Call(lambda: diagnosis_modals.self_assessment_modal(CATALOG), False)],
    "diagnosis_modals.score_errors": [Call(lambda: diagnosis_modals.score_errors(
        {"call_title": HOSTILE, "discovery_quality": HOSTILE}, CATALOG))],
    "diagnosis_modals.self_assessment_errors": [Call(lambda: diagnosis_modals.self_assessment_errors(
        {"q1": HOSTILE}, {"q1": {"confidence": HOSTILE}}))],
    "home.home_view": [
        Call(lambda: _home(REP, coach=MANAGER, cycles={"UREP": CYCLE}, progress={"UREP": PROGRESS}, profile=PROFILE)),
        Call(lambda: _home(MANAGER, reps=[REP], workspace_teams=[TEAM], admins=[MANAGER], cycles={"UREP": CYCLE},
                           progress={"UREP": PROGRESS})),
    ],
    "home_coaching.rep_week_blocks": [Call(lambda: home_coaching.rep_week_blocks(PROGRESS, TODAY), False)],
    "home_coaching.rep_profile_blocks": [Call(lambda: home_coaching.rep_profile_blocks(PROFILE), False)],
    "home_coaching.rep_contract_blocks": [Call(lambda: home_coaching.rep_contract_blocks(PROGRESS, CATALOG, "UREP"))],
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
    "inputs.option": [Call(lambda: inputs.option(1, HOSTILE))],
    "inputs.input_block": [
        Call(lambda: inputs.input_block("b", HOSTILE, inputs.text_input(HOSTILE, max_length=300), hint=HOSTILE)),
    ],
    "inputs.select": [Call(lambda: inputs.select([inputs.option(1, HOSTILE)], "1", HOSTILE))],
    "inputs.text_input": [Call(lambda: inputs.text_input(HOSTILE, max_length=300, placeholder=HOSTILE))],
    "kit.plain": [Call(lambda: kit.plain(HOSTILE))],
    "kit.mrkdwn": [Call(lambda: kit.mrkdwn(HOSTILE)), Call(lambda: kit.mrkdwn(HOSTILE * 30, 200))],
    "kit.mrkdwn_text": [Call(lambda: kit.mrkdwn(kit.mrkdwn_text(HOSTILE, 3000)))],
    "kit.header": [Call(lambda: kit.header(HOSTILE))],
    "kit.section": [Call(lambda: kit.section(HOSTILE)), Call(lambda: kit.section(HOSTILE * 40))],
    "kit.fields": [Call(lambda: kit.fields(HOSTILE, HOSTILE * 20))],
    "kit.context": [Call(lambda: kit.context(HOSTILE, HOSTILE))],
    "kit.button": [Call(lambda: kit.button(HOSTILE, "a", value=HOSTILE))],
    "kit.confirm_dialog": [Call(lambda: kit.confirm_dialog(HOSTILE, HOSTILE, HOSTILE))],
    "kit.message": [Call(lambda: kit.message(HOSTILE, [kit.section(HOSTILE)])),
                    Call(lambda: kit.message(HOSTILE * 400, []))],
    "kit.with_intro": [Call(lambda: kit.with_intro(HOSTILE, kit.message(HOSTILE, [kit.section(HOSTILE)])))],
    "kit.combined": [Call(lambda: kit.combined([roster.removed_message(REP), kit.message(HOSTILE, [])]))],
    "kit.mention": [Call(lambda: kit.mention("UREP"), False)],
    "kit.local_time": [Call(lambda: kit.local_time(NOW), False)],
    "notifications.renderer": [Call(lambda kind=kind, note=note: notifications.renderer(lambda: NOW)(kind, note), False)
                               for kind, note in (
        ("week_ahead", WeekAheadNote(WS, MANAGER, [REP], TODAY)),
        ("cycle_tasks", CycleTasksNote(WS, REP, PROGRESS, Stage.DIAGNOSE, 1, True, True)),
        ("team_tasks", TeamTasksNote(WS, MANAGER, [(REP, Stage.DIAGNOSE, 1, [HOSTILE])])),
        ("homework_due", HomeworkDueNote(WS, REP, HOMEWORK)),
        *(("micro_lesson", note) for note in LESSON_NOTES),
        ("debrief_prompt", DebriefPromptNote(WS, REP, TODAY)),
        ("debrief_digest", DIGEST))],
    "pipeline_upload.upload_reply": [Call(lambda outcome=outcome: pipeline_upload.upload_reply(outcome),
                                          requester_mentions_kept=isinstance(outcome, Refused)) for outcome in UPLOADS],
    "preferences.paused_message": [Call(lambda: preferences.paused_message(REP), False)],
    "preferences.resumed_message": [Call(preferences.resumed_message, False)],
    "preferences.notifications_message": [Call(lambda: preferences.notifications_message(
        KINDS, REP, WorkspaceSettings()), False)],
    "preferences.notify_changed_message": [Call(lambda: preferences.notify_changed_message(WEEK_AHEAD, True, True),
                                                False)],
    "preferences.settings_message": [Call(lambda: preferences.settings_message(WorkspaceSettings(), KINDS, TODAY),
                                          False)],
    "priorities.prioritize_modal": [Call(lambda: priorities.prioritize_modal(PRIORITIES), False)],
    "priorities.priorities_message": [Call(lambda viewer=viewer: priorities.priorities_message(PRIORITIES, viewer),
                                           shows_person_text=viewer == "UMGR") for viewer in ("UMGR", "UREP")],
    "profile.profile_message": [Call(lambda: profile.profile_message(PROFILE))],
    "profile.score_saved_message": [Call(lambda scorer=scorer: profile.score_saved_message(
        ScoredCall(replace(SCORE, scored_by=scorer), REP))) for scorer in ("UMGR", "UREP")],
    "profile.rep_scored_notice": [Call(lambda: profile.rep_scored_notice(ScoredCall(SCORE, REP)))],
    "profile.assessment_saved_message": [Call(lambda: profile.assessment_saved_message(PROFILE), False)],
    "help_text.help_message": [Call(lambda: help_text.help_message("Coachflow: /coach commands", [
        help_text.HelpPart("Your team", ("`/coach team` list the reps you coach",))]), False)],
    "pipeline_audit.pipeline_audit_message": [
        Call(lambda audit=audit, viewer=viewer: pipeline_audit.pipeline_audit_message(audit, viewer), False)
        for audit, viewer in ((AUDIT, "UADMIN"), (REP_AUDIT, "UMGR"), (REP_AUDIT, "UREP"))],
    "roster.error_message": [Call(lambda: roster.error_message(DOMAIN_ERROR), requester_mentions_kept=True)],
    "roster.welcome_admin_message": [Call(roster.welcome_admin_message, False)],
    "roster.describe_result": [Call(lambda result=result: roster.describe_result(result, "UMGR"), False)
                               for result in RESULTS],
    "roster.add_reps_message": [Call(lambda: roster.add_reps_message(RESULTS, 3), False)],
    "roster.team_message": [Call(lambda: roster.team_message(TEAM, NOW), False)],
    "roster.removed_message": [Call(lambda: roster.removed_message(REP), False)],
    "roster.moved_message": [Call(lambda result=result: roster.moved_message(result), False)
                             for result in RESULTS if result.outcome in (AddOutcome.MOVED, AddOutcome.ALREADY_ON_TEAM)],
    "roster.admin_granted_message": [Call(lambda: roster.admin_granted_message(MANAGER), False)],
    "roster.teams_message": [Call(lambda: roster.teams_message([TEAM]), False)],
    "roster.team_line": [Call(lambda: roster.team_line(TEAM), False)],
    "roster.rep_joined_notice": [Call(lambda: roster.rep_joined_notice(RESULTS[0], "UMGR"), False)],
    "roster.rep_left_notice": [Call(lambda: roster.rep_left_notice("UREP", "UMGR2"), False)],
    "week_ahead.week_ahead_message": [Call(lambda: week_ahead.week_ahead_message(
        WeekAheadNote(WS, MANAGER, [REP], TODAY), NOW), False)],
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
    "home_coaching.rep_debrief_blocks": [Call(home_coaching.rep_debrief_blocks, False)],
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
}

NO_PERSON_TEXT: dict[str, str] = {
    **dict.fromkeys(["contract.skill_block", "contract.indicator_block", "contract.target_block",
                     "diagnosis_modals.dimension_block", "diagnosis_modals.question_block",
                     "homework_modals.text_block", "call_fields.indicator_block", "debriefs.open_debrief_value",
                     "shadow_modal.score_block"], "a block id"),
    "lessons.lesson_value": "ids only (a cycle id and a catalog id)",
    "lessons.read_lesson_value": "reads a button value, builds nothing",
    **dict.fromkeys(["contract.read_contract", "diagnosis_modals.read_score_submission",
                     "diagnosis_modals.read_self_assessment", "priorities.read_ratings", "inputs.selected",
                     "inputs.metadata", "inputs.as_int", "inputs.as_number", "contract.read_sign_value",
                     "inputs.metadata_int", "inputs.metadata_user", "inputs.state_values",
                     "homework_modals.read_assignment", "homework_modals.kept_from", "homework_modals.read_hand_in",
                     "homework_modals.read_feedback", "roleplay.read_mark_value",
                     "roleplay.read_practice_submission", "call_fields.read_call_fields",
                     "debriefs.read_debrief_metadata", "debriefs.read_feedback", "debriefs.read_open_debrief_value",
                     "debriefs.read_debrief_id", "shadow_modal.read_shadow_submission",
                     "debrief_prompts.read_answer_value", "debrief_prompts.read_open_value"],
                    "reads a submission, builds nothing"),
    **dict.fromkeys(["home_coaching.rep_row_status", "priorities.matrix_text", "preferences.workdays_text",
                     "kit.time_zone_label", "profile.score_bar", "home_coaching.develop_line", "kit.counted",
                     "roster.rep_reminder_titles", "shadow.target_text", "shadow.scores_text"],
                    "a plain fragment that the builders using it escape (covered through them)"),
    "roleplay.mark_value": "a button value, never shown",
    "shadow.debrief_value": "a button value from the observation's id",
    "debrief_prompts.answer_value": "a button value: a Slack user id and a date",
    "kit.divider": "no text", "kit.actions": "only holds elements", "kit.fit": "only trims blocks",
    **dict.fromkeys(["notifications.bind", "notifications.timeless"],
                    "binds a kind's builder, covered through notifications.renderer"),
    "limits.clip": "length only; safe cuts of escaped text are tested in test_mrkdwn.py",
    **dict.fromkeys(["mrkdwn.escape", "mrkdwn.unescape", "mrkdwn.md", "mrkdwn.joined", "mrkdwn.domain_text",
                     "mrkdwn.clip_mrkdwn"], "the escaping rule itself, tested in test_mrkdwn.py"),
}
