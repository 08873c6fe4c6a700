"""Every block builder called with hostile text wherever a person's text can go in.

Issue 10's builders (weeks 3-6) are in hostile_cases_develop.py, issue 11's scorecards in
hostile_cases_scorecard.py, both merged into `CASES` here.

`CASES` maps each builder (`module.function` in `handlers.blocks`) to calls
of it; `NO_PERSON_TEXT` names the public functions that build nothing from a
person's text, with why. `test_person_text_escaped.py` checks the output and
fails when a builder is in neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle, CycleStatus, Stage
from domain.coaching.priorities import GapRating
from domain.coaching.progress import CycleProgress
from domain.coaching.scoring import CallGap, CallScore, DimensionAverage, PerceptionGap, SkillsProfile
from domain.model import Member, WorkspaceSettings
from domain.notifications.cycle_tasks import CycleTasksNote
from domain.notifications.debrief_prompt import DebriefPromptNote
from domain.notifications.homework_due import HomeworkDueNote
from domain.notifications.registry import KINDS
from domain.notifications.team_tasks import TeamTasksNote
from domain.notifications.week_ahead import WEEK_AHEAD, WeekAheadNote
from domain.pipeline.audit import audit_reps
from domain.pipeline.model import DealStatus, ImportReport, LossCategory, Opportunity, RowProblem
from domain.pipeline.model import Stage as DealStage
from domain.pipeline.scope import AuditScope, ImportScope
from domain.pipeline.upload import Imported, NotCsv, Refused, TooLarge, Unavailable, Unusable
from domain.services.contracts import ContractChange, ContractDraft, Outcome
from domain.services.cycles import CycleView
from domain.services.diagnosis import ProfileView, ScoredCall
from domain.services.home import HomeModel
from domain.services.pipeline import PipelineAudit
from domain.services.prioritization import PriorityView, SkillGap
from domain.services.roster import AddOutcome, RepResult, TeamListing
from domain.services.scorecard_time import scorecard_time
from handlers.blocks import (
    add_reps_modal,
    contract,
    cycle_tasks,
    cycles,
    diagnosis_modals,
    help_text,
    home,
    home_coaching,
    inputs,
    kit,
    notifications,
    pipeline_audit,
    pipeline_upload,
    preferences,
    priorities,
    profile,
    roster,
    week_ahead,
)
from handlers.blocks.scorecard_time import scorecard_time_message
from tests.unit.handlers.hostile_cases_challenge import CHALLENGE_CASES, CHALLENGE_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_commitments import COMMITMENT_CASES, COMMITMENT_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_develop import DEVELOP_CASES, DEVELOP_WEEK, DIGEST, HOMEWORK, LESSON_NOTES
from tests.unit.handlers.hostile_cases_maintenance import MAINTENANCE_CASES, MAINTENANCE_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_nudges import NUDGE_CASES, NUDGE_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_peer import PEER_CASES, PEER_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_prework import PREWORK_CASES, PREWORK_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_results import RESULTS_CASES, RESULTS_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_scorecard import SCORECARD_CASES, SCORECARD_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_scorecard_command import (
    SCORECARD_COMMAND_CASES,
    SCORECARD_COMMAND_NO_PERSON_TEXT,
)
from tests.unit.handlers.hostile_cases_scorecard_comments import (
    SCORECARD_COMMENT_CASES,
    SCORECARD_COMMENT_NO_PERSON_TEXT,
)
from tests.unit.handlers.hostile_cases_session_card import SESSION_CARD_CASES, SESSION_CARD_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_sessions import SESSION_CASES, SESSION_NO_PERSON_TEXT
from tests.unit.handlers.hostile_cases_takeaways import TAKEAWAYS_CASES, TAKEAWAYS_NO_PERSON_TEXT
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, MANAGER, NOW, OUR_IDS, REP, TODAY, WS, Call

CYCLE = CoachingCycle(WS, "UREP", "UMGR", date(2026, 12, 7), id=1)
PAST = CoachingCycle(WS, "UREP", "UMGR2", date(2026, 9, 7), status=CycleStatus.ENDED, ended_on=date(2026, 11, 2), id=0)
CONTRACT = CoachingContract(
    WS, "UREP", "UMGR", [SuccessMetric("discovery", "discovery_questions_asked", HOSTILE)], 2.0, HOSTILE, HOSTILE,
    version=2, rep_signed_at=NOW, cycle_id=1,
).handed_over("UMGR")
DEVELOPING = replace(CYCLE, starts_on=date(2026, 11, 16))  # week 4 on NOW
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
# What the domain writes in an error: our mentions, and whatever the requester typed, quoted.
DOMAIN_ERROR = f"<@UREP> is not on your team. `{HOSTILE}` is not a skill in the catalog."


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


OUR_CHANNELS = frozenset({"#CCOACH"})  # the coaching channel we stored (peer learning's posts and answers)


def foreign_markup(mrkdwn: str, our_ids: frozenset[str] = OUR_IDS) -> list[str]:
    """Live `<…>` in a mrkdwn string that we did not write: anything but our dates and mentions of `our_ids`."""
    return [markup for markup in _MARKUP.findall(mrkdwn)
            if not (_OUR_DATE.fullmatch(markup) or (markup.startswith("@") and markup[1:] in our_ids)
                    or markup in OUR_CHANNELS)]


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
        # Weeks 3-6: the rep's week (lessons, homework) and the manager's row of it.
        *[Call(lambda viewer=viewer, parts=parts: _home(viewer, cycles={"UREP": DEVELOPING},
                                                         develop={"UREP": DEVELOP_WEEK}, **parts))
          for viewer, parts in ((REP, {"coach": MANAGER}), (MANAGER, {"reps": [REP]}))],
    ],
    "home_coaching.rep_week_blocks": [Call(lambda: home_coaching.rep_week_blocks(PROGRESS, TODAY), False)],
    "home_coaching.rep_profile_blocks": [Call(lambda: home_coaching.rep_profile_blocks(PROFILE), False)],
    "home_coaching.rep_contract_blocks": [Call(lambda: home_coaching.rep_contract_blocks(PROGRESS, CATALOG, "UREP"))],
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
    "home_coaching.rep_debrief_blocks": [Call(home_coaching.rep_debrief_blocks, False)],
    **DEVELOP_CASES,
    **SCORECARD_CASES,
    "scorecard_time.scorecard_time_message": [Call(lambda change=change: scorecard_time_message(
        scorecard_time(WorkspaceSettings(working_days=frozenset({6, 0, 1, 2, 3}))), change), False)
        for change in ("shown", "set", "reset")],
    **PEER_CASES,
    **SCORECARD_COMMAND_CASES,
    **SCORECARD_COMMENT_CASES,
    **COMMITMENT_CASES,
    **SESSION_CASES,
    **PREWORK_CASES,
    **TAKEAWAYS_CASES,
    **MAINTENANCE_CASES,
    **SESSION_CARD_CASES,
    **NUDGE_CASES,
    **RESULTS_CASES,
    **CHALLENGE_CASES,  # issue 13
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
                     "inputs.metadata_int", "inputs.metadata_user", "inputs.state_values", "inputs.ticked_positions",
                     "inputs.errors_under_blocks", "inputs.record_id",
                     "homework_modals.read_assignment", "homework_modals.kept_from", "homework_modals.read_hand_in",
                     "homework_modals.read_feedback", "roleplay.read_mark_value",
                     "roleplay.read_practice_submission", "call_fields.read_call_fields",
                     "debriefs.read_debrief_metadata", "debriefs.read_feedback", "debriefs.read_open_debrief_value",
                     "debriefs.read_debrief_id", "shadow_modal.read_shadow_submission",
                     "debrief_prompts.read_answer_value", "debrief_prompts.read_open_value"],
                    "reads a submission, builds nothing"),
    **dict.fromkeys(["home_coaching.rep_row_status", "priorities.matrix_text", "preferences.workdays_text",
                     "kit.time_zone_label", "profile.score_bar", "home_coaching.develop_line", "kit.counted",
                     "home_coaching.homework_counts", "home_coaching.rep_row_develop",
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
    **SCORECARD_NO_PERSON_TEXT,
    **PEER_NO_PERSON_TEXT,
    **SCORECARD_COMMAND_NO_PERSON_TEXT,
    **SCORECARD_COMMENT_NO_PERSON_TEXT,
    **COMMITMENT_NO_PERSON_TEXT,
    **SESSION_NO_PERSON_TEXT,
    **PREWORK_NO_PERSON_TEXT,
    **TAKEAWAYS_NO_PERSON_TEXT,
    **MAINTENANCE_NO_PERSON_TEXT,
    **SESSION_CARD_NO_PERSON_TEXT,
    **NUDGE_NO_PERSON_TEXT,
    **RESULTS_NO_PERSON_TEXT,
    **CHALLENGE_NO_PERSON_TEXT,  # issue 13
    "checkin_time.checkin_time_message": "only a week, a weekday and a time the parser built",  # issue 13
}

# Success stories (issue 13).
from tests.unit.handlers.hostile_cases_wins import WINS_CASES, WINS_NO_PERSON_TEXT  # noqa: E402

CASES |= WINS_CASES
NO_PERSON_TEXT |= WINS_NO_PERSON_TEXT

# The week-7 invitation to the 21-day challenge (issue 13).
from tests.unit.handlers.hostile_cases_challenge_invite import (  # noqa: E402
    CHALLENGE_INVITE_CASES,
    CHALLENGE_INVITE_NO_PERSON_TEXT,
)

CASES |= CHALLENGE_INVITE_CASES
NO_PERSON_TEXT |= CHALLENGE_INVITE_NO_PERSON_TEXT

# Data rights (issue 14): ids, table names, counts and our own words; no one's text is shown.
NO_PERSON_TEXT |= {
    "data_rights.audit_line": "ids, a record kind and a record id: the audit log names no content",
    "data_rights.audit_message": "audit lines only",
    "data_rights.export_sent_message": "who (ids), counts and the format",
    "data_rights.export_failed_message": "who (ids) and our words",
    "data_rights.forget_preview_message": "an id, table names and counts",
    "data_rights.forgotten_message": "an id, table names and counts",
}

# The installer's DM after an OAuth install (issue 14).
from tests.unit.handlers.hostile_cases_install import INSTALL_CASES, INSTALL_NO_PERSON_TEXT  # noqa: E402

CASES |= INSTALL_CASES
NO_PERSON_TEXT |= INSTALL_NO_PERSON_TEXT
