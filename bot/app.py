"""The app factory: Bolt, the use cases and the database, wired together."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.config import Settings
from bot.installed_tokens import SettingsToken
from bot.installed_workspace import installed_workspace_of
from bot.log_privacy import keep_words_out_of_library_logs
from domain.catalog import Catalog, load_catalog
from domain.notifications.challenge import challenge_nudge_kind
from domain.notifications.challenge_invite import challenge_invite_kind
from domain.notifications.cycle_results import cycle_results_kind
from domain.notifications.micro_lessons import micro_lessons_kind
from domain.notifications.peer_learning import peer_learning_kind
from domain.notifications.registry import KINDS
from domain.notifications.scorecards import rep_scorecard_kind, team_scorecard_kind
from domain.notifications.session_card import session_card_kind
from domain.ports import DispatcherLock, InstalledTokens, UnitOfWorkFactory
from domain.services.calls import CallsService
from domain.services.challenge_views import challenge_figures
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
from domain.services.results import EndedCycleResults, ResultsService
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
from handlers import register_all
from handlers.edge import install_edge_guards
from handlers.edge.receipts import RECEIVED_AT
from handlers.edge.services import CONTEXT_KEY, Services, utc_now
from handlers.jobs.dispatch import DispatchJob
from storage.dispatcher_lock import make_dispatcher_lock
from storage.uow import make_engine, make_uow_factory

log = logging.getLogger(__name__)


class _OurClientCarriesTheToken(logging.Filter):
    """Drop Bolt's "As you gave `client` as well, `token` will be unused."

    Bolt reads SLACK_BOT_TOKEN from the environment by itself whenever no
    token is passed, and warns when a client is passed too. Ours is built from
    Settings (the one reader of the environment) with that same token, so the
    warning, printed by every command, says nothing an operator can act on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be unused" not in record.getMessage()


logging.getLogger("coachflow.bolt").addFilter(_OurClientCarriesTheToken())


def build_services(
    uow_factory: UnitOfWorkFactory,
    settings: Settings,
    clock: Callable[[], datetime] = utc_now,
    sleep: Callable[[float], None] = time.sleep,
    catalog: Catalog | None = None,
    installed_tokens: InstalledTokens | None = None,
) -> Services:
    catalog = catalog if catalog is not None else load_catalog()
    # The 21-day challenge's figures on the cycle's results (the service, the cycle_results kind, the end hook).
    challenges = challenge_figures
    # The registry's kinds; lessons, scorecards and peer learning over this deployment's catalog (COACHFLOW_CATALOG).
    kinds = (KINDS.replacing(micro_lessons_kind(catalog)).replacing(rep_scorecard_kind(catalog))
             .replacing(team_scorecard_kind(catalog)).replacing(peer_learning_kind(catalog))
             .replacing(session_card_kind(catalog))
             .replacing(cycle_results_kind(catalog, challenges)))
    kinds = kinds.replacing(challenge_nudge_kind(catalog))  # issue 13
    kinds = kinds.replacing(challenge_invite_kind(catalog))  # issue 13: the week-7 invitation
    schedules = ScheduleService(uow_factory, kinds)
    diagnosis = DiagnosisService(uow_factory, catalog, clock)
    content = NotificationContentService(uow_factory, kinds)
    pipeline = PipelineService(uow_factory)
    roster = RosterService(uow_factory, settings.default_time_zone, schedules=schedules, clock=clock, catalog=catalog)
    preferences = PreferenceService(uow_factory, schedules, clock)
    return Services(
        roster=roster,
        home=HomeService(uow_factory, catalog, accounts=roster, clock=clock),
        schedules=schedules,
        preferences=preferences,
        content=content,
        deliveries=DeliveryService(uow_factory, content, sleep),
        cycles=CycleService(uow_factory, clock, catalog, on_end=EndedCycleResults(catalog, challenges)),
        diagnosis=diagnosis,
        priorities=PrioritizationService(uow_factory, catalog, clock),
        contracts=ContractService(uow_factory, catalog, clock),
        pipeline=pipeline,
        uploads=PipelineUploadService(uow_factory, pipeline, settings.max_upload_bytes, clock=clock),
        calls=CallsService(uow_factory),
        lessons=LessonService(uow_factory, catalog, clock, schedules),
        debriefs=DebriefService(uow_factory, catalog, clock, schedules),
        debrief_feedback=DebriefFeedbackService(uow_factory, catalog, clock),
        shadowing=ShadowService(uow_factory, catalog, clock),
        catalog=catalog,
        roleplays=RoleplayService(uow_factory, catalog, clock),
        homework=HomeworkService(uow_factory, catalog, clock, schedules),
        debrief_prompts=DebriefPromptService(uow_factory, clock),
        peer_learning=PeerLearningService(uow_factory, catalog, clock, preferences),
        scorecards=ScorecardViewService(uow_factory, catalog, clock),
        scorecard_comments=ScorecardCommentService(uow_factory, clock),
        commitments=CommitmentService(uow_factory, catalog, clock, schedules, settings.default_time_zone),
        sessions=SessionService(uow_factory, clock, schedules),
        prework=PreworkService(uow_factory, clock),
        takeaways=TakeawaysService(uow_factory, clock),
        maintenance=MaintenanceService(uow_factory, clock, catalog, CycleService(uow_factory, clock, catalog)),
        preread=PrereadService(uow_factory),
        session_card=SessionCardService(uow_factory, catalog, clock),
        wins=WinService(uow_factory, catalog, clock),  # issue 13
        results=ResultsService(uow_factory, catalog, clock, challenges),
        challenges=ChallengeService(uow_factory, catalog, clock, schedules),  # issue 13
        # issue 14: OAuth mode passes its installation store (bot.installed_tokens.InstallationStoreTokens)
        lifecycle=WorkspaceLifecycleService(uow_factory, schedules, installed_tokens or SettingsToken(),
                                            timedelta(days=settings.retention_days), clock),
        clock=clock,
        charts_enabled=settings.charts,
        save_deadline_seconds=settings.save_deadline_seconds,
    )


def create_app(
    settings: Settings,
    services: Services,
    *,
    client: WebClient | None = None,
    signing_secret: str | None = None,
) -> App:
    """A Bolt app with every Coachflow listener registered.

    `client` replaces the Web API client for every request (the tests' and
    the demo's recording client); otherwise one talks to `SLACK_API_URL`.
    """
    keep_words_out_of_library_logs()  # before any request: no body, row or response_url in the logs
    web_client = client or WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    app = App(
        name="coachflow",
        # Socket Mode requests are not signed; HTTP mode requires the secret (see `run`).
        signing_secret=signing_secret or settings.slack_signing_secret or "",
        client=web_client,
        logger=logging.getLogger("coachflow.bolt"),
    )

    def inject(context: BoltContext, next: Callable[[], Any]) -> Any:  # noqa: A002 - Bolt injects by this name
        context[RECEIVED_AT] = time.monotonic()  # a form's save deadline counts from here
        context[CONTEXT_KEY] = services
        if client is not None:
            # Bolt builds a fresh WebClient per request from the base URL; keep ours.
            context["client"] = client
        return next()

    # First: nothing below sees a foreign response_url or another workspace's request.
    install_edge_guards(
        app,
        extra_response_url_origins=[settings.slack_api_url],
        installed_workspace=installed_workspace_of(web_client),
    )
    app.use(inject)
    register_all(app)
    return app


@dataclass
class Runtime:
    """Everything a running Coachflow process holds, for the CLI to start."""

    app: App
    services: Services
    uow_factory: UnitOfWorkFactory
    engine: Engine
    catalog: Catalog

    @property
    def client(self) -> WebClient:
        return self.app.client

    def dispatcher_lock(self) -> DispatcherLock:
        return make_dispatcher_lock(self.engine)

    def dispatch_job(self, lock: DispatcherLock | None = None) -> DispatchJob:
        return DispatchJob(self.services, self.client, lock or self.dispatcher_lock())


def build_runtime(
    settings: Settings, *, client: WebClient | None = None, clock: Callable[[], datetime] = utc_now
) -> Runtime:
    # Load the skill catalog first: a bad admin file stops start-up with its problems listed.
    catalog = load_catalog(settings.catalog_path)
    engine = make_engine(settings.database_url)
    uow_factory = make_uow_factory(engine)
    services = build_services(uow_factory, settings, clock=clock, catalog=catalog)
    return Runtime(create_app(settings, services, client=client), services, uow_factory, engine, catalog)
