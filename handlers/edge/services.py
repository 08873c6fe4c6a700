"""How listeners and jobs reach the use cases: Bolt's context, filled in by the app factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_bolt import BoltContext

from domain.catalog import Catalog
from domain.model import WorkspaceRef
from domain.services.calls import CallsService
from domain.services.challenges import ChallengeService
from domain.services.commitments import CommitmentService
from domain.services.contracts import ContractService
from domain.services.cycles import CycleService
from domain.services.debrief_feedback import DebriefFeedbackService
from domain.services.debrief_prompts import DebriefPromptService
from domain.services.debriefs import DebriefService
from domain.services.delivery import DeliveryService
from domain.services.diagnosis import DiagnosisService
from domain.services.home import HomeService
from domain.services.homework import HomeworkService
from domain.services.lessons import LessonService
from domain.services.maintenance import MaintenanceService
from domain.services.notifications import NotificationContentService
from domain.services.peer_learning import PeerLearningService
from domain.services.pipeline import PipelineService
from domain.services.pipeline_upload import PipelineUploadService
from domain.services.preferences import PreferenceService
from domain.services.preread import PrereadService
from domain.services.prework import PreworkService
from domain.services.prioritization import PrioritizationService
from domain.services.results import ResultsService
from domain.services.roleplays import RoleplayService
from domain.services.roster import RosterService
from domain.services.scheduling import ScheduleService
from domain.services.scorecard_comments import ScorecardCommentService
from domain.services.scorecard_views import ScorecardViewService
from domain.services.session_card import SessionCardService
from domain.services.sessions import SessionService
from domain.services.shadowing import ShadowService
from domain.services.takeaways import TakeawaysService
from domain.services.wins import WinService
from domain.services.workspace_lifecycle import WorkspaceLifecycleService

CONTEXT_KEY = "coachflow"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Services:
    roster: RosterService
    home: HomeService
    schedules: ScheduleService
    preferences: PreferenceService
    content: NotificationContentService
    deliveries: DeliveryService
    cycles: CycleService
    diagnosis: DiagnosisService
    priorities: PrioritizationService
    contracts: ContractService
    pipeline: PipelineService
    uploads: PipelineUploadService
    calls: CallsService
    lessons: LessonService
    debriefs: DebriefService
    debrief_feedback: DebriefFeedbackService
    shadowing: ShadowService
    catalog: Catalog
    roleplays: RoleplayService
    homework: HomeworkService
    debrief_prompts: DebriefPromptService
    peer_learning: PeerLearningService
    scorecards: ScorecardViewService  # /scorecard and the digest's "Full scorecard" (issue 11)
    scorecard_comments: ScorecardCommentService
    commitments: CommitmentService  # action plans and their follow-up (issue 12)
    sessions: SessionService  # 1:1 sessions (issue 12)
    prework: PreworkService  # the rep's pre-work for a 1:1 (issue 12)
    takeaways: TakeawaysService  # a 1:1's takeaways and covered agenda items (issue 12)
    maintenance: MaintenanceService  # monthly maintenance check-ins and their flags (issue 13)
    preread: PrereadService  # the enablement pre-read questionnaire, set by admins (issue 12)
    session_card: SessionCardService  # the 1:1's session card (issue 12)
    wins: WinService  # success stories (issue 13)
    results: ResultsService  # the cycle's results (issue 13)
    challenges: ChallengeService  # the 21-day challenge (issue 13)
    lifecycle: WorkspaceLifecycleService  # uninstall, reinstall, retention, deactivated people (issue 14)
    clock: Callable[[], datetime] = utc_now
    charts_enabled: bool = True  # COACHFLOW_CHARTS: upload charts beside their text version
    # COACHFLOW_SAVE_DEADLINE_SECONDS: a form's checks and save give up by then (Slack allows 3 s).
    save_deadline_seconds: float = 2.0


def services(context: BoltContext) -> Services:
    found = context.get(CONTEXT_KEY)
    if not isinstance(found, Services):
        raise RuntimeError(
            "Coachflow services are missing from the Bolt context; build the app with bot.app.create_app"
        )
    return found


def workspace_of(context: BoltContext) -> WorkspaceRef:
    """The workspace a request came from; every use case is scoped by it."""
    team_id = context.team_id or context.get("user_team_id")
    if not team_id:
        raise RuntimeError("a Slack request without a team id cannot be scoped to a workspace")
    return WorkspaceRef(team_id=team_id, enterprise_id=context.enterprise_id)
