"""Each kind of `Notice` a use case returns, rendered with its block builder; charts drawn beside them.

One registration per kind: a feature that adds a notice adds its renderer
here (`render.register`), and the sender (handlers/edge/sender.py) finds it.
A notice nobody registered fails loudly in the tests, never silently in Slack.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from slack_sdk import WebClient

from domain.catalog import Catalog
from domain.effects import Notice, Refusal
from domain.services.commitment_notices import (
    ActionDelegated,
    CommitmentAdded,
    CommitmentAnswered,
    CommitmentChanged,
    Committed,
    PlanForRep,
    PlanPosted,
    PlanSaved,
)
from domain.services.contracts import (
    BothSigned,
    ContractSaved,
    ContractShown,
    ContractSigned,
    ContractToSign,
    Outcome,
)
from domain.services.cycles import CycleStarted
from domain.services.debrief_feedback import FeedbackForRep
from domain.services.debriefs import DebriefCopy
from domain.services.diagnosis import AssessmentSaved, RepScored, ScoreSaved
from domain.services.homework_notices import (
    FeedbackSent,
    HandInSaved,
    HomeworkAnswered,
    HomeworkAssigned,
    HomeworkHandedIn,
    HomeworkSet,
)
from domain.services.lessons import LessonShown
from domain.services.peer_learning import PostFailedForAdmin
from domain.services.pipeline_upload import UploadAnswered
from domain.services.prework_notices import ManagerAsked, PreworkArrived, PreworkSaved
from domain.services.prioritization import RepPriorities
from domain.services.roleplays import RoleplayRecorded
from domain.services.roster_rules import RepJoined, RepLeft, RepsAdded
from domain.services.scorecard_comments import CommentForManager, CommentSent
from domain.services.session_notices import SessionNews
from domain.services.shadowing import ShadowFeedback, ShadowRecorded
from domain.services.takeaway_notices import TakeawaysRecorded
from handlers.blocks import commitments as commitment_blocks
from handlers.blocks import prework as prework_blocks
from handlers.blocks import roster
from handlers.blocks import takeaways as takeaways_blocks
from handlers.blocks.contract import (
    contract_message,
    new_contract_notice,
    revised_notice,
    saved_message,
    signed_notice,
)
from handlers.blocks.cycles import cycle_started_notice
from handlers.blocks.debriefs import debrief_copy_message, feedback_message
from handlers.blocks.homework import (
    feedback_sent_message,
    hand_in_saved_message,
    homework_answered_message,
    homework_assigned_message,
    homework_handed_in_message,
    homework_set_message,
)
from handlers.blocks.kit import message, section, with_intro
from handlers.blocks.lessons import lesson_answered_message
from handlers.blocks.peer_learning import post_failed_admin_message
from handlers.blocks.pipeline_upload import upload_reply
from handlers.blocks.priorities import priorities_message
from handlers.blocks.profile import (
    assessment_saved_message,
    rep_scored_notice,
    score_saved_message,
)
from handlers.blocks.roleplay import roleplay_recorded_notice
from handlers.blocks.scorecard_comments import comment_for_manager_message, comment_sent_message
from handlers.blocks.sessions import session_news_message
from handlers.blocks.shadow import shadow_feedback_notice, shadow_recorded_message
from handlers.charts.model import MatrixPoint
from handlers.edge.chart_upload import upload_matrix
from handlers.edge.services import Services

Rendered = dict[str, Any]


@singledispatch
def render(notice: Notice, to: str, catalog: Catalog) -> Rendered:
    """The message (`text` and `blocks`) that tells `to` about `notice`."""
    raise TypeError(f"no renderer for {type(notice).__name__}: register one in handlers/edge/notices.py")


@singledispatch
def draw(notice: Notice, client: WebClient, svc: Services, to: str) -> bool:
    """Upload the chart of `notice` to `to`'s DM; whether it arrived."""
    raise TypeError(f"no chart for {type(notice).__name__}: register one in handlers/edge/notices.py")


# -- everyone ------------------------------------------------------------------

@render.register(Refusal)
def _refusal(notice: Refusal, to: str, catalog: Catalog) -> Rendered:
    return roster.error_message(notice.text)


# -- the roster ----------------------------------------------------------------

@render.register(RepJoined)
def _rep_joined(notice: RepJoined, to: str, catalog: Catalog) -> Rendered:
    return roster.rep_joined_notice(notice.result, notice.manager_id)


@render.register(RepLeft)
def _rep_left(notice: RepLeft, to: str, catalog: Catalog) -> Rendered:
    return roster.rep_left_notice(notice.rep_id, notice.manager_id)


@render.register(RepsAdded)
def _reps_added(notice: RepsAdded, to: str, catalog: Catalog) -> Rendered:
    return roster.add_reps_message(notice.results, notice.team_size, to)  # `to` is the manager who added them


# -- coaching cycles ------------------------------------------------------------

@render.register(CycleStarted)
def _cycle_started(notice: CycleStarted, to: str, catalog: Catalog) -> Rendered:
    return cycle_started_notice(notice.view)


# -- diagnosis -----------------------------------------------------------------

@render.register(ScoreSaved)
def _score_saved(notice: ScoreSaved, to: str, catalog: Catalog) -> Rendered:
    return score_saved_message(notice.scored)


@render.register(RepScored)
def _rep_scored(notice: RepScored, to: str, catalog: Catalog) -> Rendered:
    return rep_scored_notice(notice.scored)


@render.register(AssessmentSaved)
def _assessment_saved(notice: AssessmentSaved, to: str, catalog: Catalog) -> Rendered:
    return assessment_saved_message(notice.profile)


# -- prioritization and the contract ---------------------------------------------

@render.register(RepPriorities)
def _rep_priorities(notice: RepPriorities, to: str, catalog: Catalog) -> Rendered:
    return priorities_message(notice.view, notice.manager_id)


@draw.register(RepPriorities)
def _priorities_matrix(notice: RepPriorities, client: WebClient, svc: Services, to: str) -> bool:
    view = notice.view
    points = [MatrixPoint(view.name(r.competency), r.impact, r.difficulty) for r in view.rated]
    return upload_matrix(client, svc, to, points, f"Skill gaps of {view.rep.name}")


@render.register(ContractSaved)
def _contract_saved(notice: ContractSaved, to: str, catalog: Catalog) -> Rendered:
    return with_intro(saved_message(notice.change), contract_message(notice.change.contract, catalog, to))


@render.register(ContractToSign)
def _contract_to_sign(notice: ContractToSign, to: str, catalog: Catalog) -> Rendered:
    change = notice.change
    intro = revised_notice(change) if change.outcome is Outcome.REVISED else new_contract_notice(change.contract)
    return with_intro(intro, contract_message(change.contract, catalog, to))


@render.register(ContractShown)
def _contract_shown(notice: ContractShown, to: str, catalog: Catalog) -> Rendered:
    return contract_message(notice.contract, catalog, to)


@render.register(ContractSigned)
def _contract_signed(notice: ContractSigned, to: str, catalog: Catalog) -> Rendered:
    return with_intro(signed_notice(notice.change), contract_message(notice.change.contract, catalog, to))


@render.register(BothSigned)
def _both_signed(notice: BothSigned, to: str, catalog: Catalog) -> Rendered:
    text = signed_notice(notice.change)
    return message(text, [section(text)])


# -- the pipeline ----------------------------------------------------------------

@render.register(UploadAnswered)
def _upload_answered(notice: UploadAnswered, to: str, catalog: Catalog) -> Rendered:
    return upload_reply(notice.outcome)


# -- role-plays on real deals ------------------------------------------------------

@render.register(RoleplayRecorded)
def _roleplay_recorded(notice: RoleplayRecorded, to: str, catalog: Catalog) -> Rendered:
    return roleplay_recorded_notice(notice.practice, notice.to_role)
# -- homework --------------------------------------------------------------------


@render.register(HomeworkAssigned)
def _homework_assigned(notice: HomeworkAssigned, to: str, catalog: Catalog) -> Rendered:
    return homework_assigned_message(notice.homework)


@render.register(HomeworkSet)
def _homework_set(notice: HomeworkSet, to: str, catalog: Catalog) -> Rendered:
    return homework_set_message(notice.homework)


@render.register(HomeworkHandedIn)
def _homework_handed_in(notice: HomeworkHandedIn, to: str, catalog: Catalog) -> Rendered:
    return homework_handed_in_message(notice.homework, notice.late)


@render.register(HandInSaved)
def _hand_in_saved(notice: HandInSaved, to: str, catalog: Catalog) -> Rendered:
    return hand_in_saved_message(notice)


@render.register(HomeworkAnswered)
def _homework_answered(notice: HomeworkAnswered, to: str, catalog: Catalog) -> Rendered:
    return homework_answered_message(notice)


@render.register(FeedbackSent)
def _feedback_sent(notice: FeedbackSent, to: str, catalog: Catalog) -> Rendered:
    return feedback_sent_message(notice.homework)
# -- micro-lessons ---------------------------------------------------------------


@render.register(LessonShown)
def _lesson_shown(notice: LessonShown, to: str, catalog: Catalog) -> Rendered:
    return lesson_answered_message(notice.answered)
# -- post-call debriefs (issue 10) -------------------------------------------------


@render.register(DebriefCopy)
def _debrief_copy(notice: DebriefCopy, to: str, catalog: Catalog) -> Rendered:
    return debrief_copy_message(notice)


@render.register(FeedbackForRep)
def _feedback_for_rep(notice: FeedbackForRep, to: str, catalog: Catalog) -> Rendered:
    return feedback_message(notice)


# -- shadow coaching -------------------------------------------------------------

@render.register(ShadowFeedback)
def _shadow_feedback(notice: ShadowFeedback, to: str, catalog: Catalog) -> Rendered:
    return shadow_feedback_notice(notice.observation, catalog)


@render.register(ShadowRecorded)
def _shadow_recorded(notice: ShadowRecorded, to: str, catalog: Catalog) -> Rendered:
    return shadow_recorded_message(notice.saved)


# -- peer learning ---------------------------------------------------------------

@render.register(PostFailedForAdmin)
def _peer_post_failed(notice: PostFailedForAdmin, to: str, catalog: Catalog) -> Rendered:
    return post_failed_admin_message(notice)
# -- comments on Friday scorecards (issue 11) -------------------------------------

@render.register(CommentForManager)
def _comment_for_manager(notice: CommentForManager, to: str, catalog: Catalog) -> Rendered:
    return comment_for_manager_message(notice)


@render.register(CommentSent)
def _comment_sent(notice: CommentSent, to: str, catalog: Catalog) -> Rendered:
    return comment_sent_message(notice)


# -- action plans and follow-up (issue 12) -----------------------------------------

@render.register(PlanSaved)
def _plan_saved(notice: PlanSaved, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.plan_saved_reply(notice)


@render.register(PlanForRep)
def _plan_for_rep(notice: PlanForRep, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.plan_for_rep_message(notice.commitments)


@render.register(ActionDelegated)
def _action_delegated(notice: ActionDelegated, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.action_delegated_message(notice.commitment)


@render.register(PlanPosted)
def _plan_posted(notice: PlanPosted, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.plan_posted_message(notice.commitments)


@render.register(CommitmentAdded)
def _commitment_added(notice: CommitmentAdded, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.commitment_added_message(notice.commitment)


@render.register(CommitmentAnswered)
def _commitment_answered(notice: CommitmentAnswered, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.commitment_answered_message(notice.commitment)


@render.register(CommitmentChanged)
def _commitment_changed(notice: CommitmentChanged, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.commitment_changed_message(notice.commitment, notice.by)


@render.register(Committed)
def _committed(notice: Committed, to: str, catalog: Catalog) -> Rendered:
    return commitment_blocks.committed_reply(notice.commitment)
# -- 1:1 sessions (issue 12) ---------------------------------------------------------

@render.register(SessionNews)
def _session_news(notice: SessionNews, to: str, catalog: Catalog) -> Rendered:
    return session_news_message(notice, to)


# -- 1:1 pre-work (issue 12) ---------------------------------------------------------

@render.register(PreworkSaved)
def _prework_saved(notice: PreworkSaved, to: str, catalog: Catalog) -> Rendered:
    return prework_blocks.prework_saved_message(notice)


@render.register(PreworkArrived)
def _prework_arrived(notice: PreworkArrived, to: str, catalog: Catalog) -> Rendered:
    return prework_blocks.prework_arrived_message(notice)


@render.register(ManagerAsked)
def _manager_asked(notice: ManagerAsked, to: str, catalog: Catalog) -> Rendered:
    return prework_blocks.manager_asked_message(notice)


# -- 1:1 takeaways (issue 12) --------------------------------------------------------

@render.register(TakeawaysRecorded)
def _takeaways_recorded(notice: TakeawaysRecorded, to: str, catalog: Catalog) -> Rendered:
    return takeaways_blocks.takeaways_recorded_message(notice, to)


# Issue 13's notices (stage 5 and after) register themselves on `render` and `draw` from their own module.
from handlers.edge import notices_habits  # noqa: E402,F401  (imported for its registrations)
