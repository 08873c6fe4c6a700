"""The app factory: Bolt, the use cases and the database, wired together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.config import Settings
from domain.ports import UnitOfWorkFactory
from domain.services.home import HomeService
from domain.services.roster import RosterService
from handlers import register_all
from handlers.services import CONTEXT_KEY, Services
from storage.uow import make_engine, make_uow_factory

log = logging.getLogger(__name__)


def build_services(uow_factory: UnitOfWorkFactory, settings: Settings) -> Services:
    return Services(
        roster=RosterService(uow_factory, default_time_zone=settings.default_time_zone),
        home=HomeService(uow_factory),
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
    web_client = client or WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    app = App(
        name="coachflow",
        # Socket Mode requests are not signed; HTTP mode requires the secret (see `run`).
        signing_secret=signing_secret or settings.slack_signing_secret or "",
        client=web_client,
        logger=logging.getLogger("coachflow.bolt"),
    )

    def inject(context: BoltContext, next: Callable[[], Any]) -> Any:
        context[CONTEXT_KEY] = services
        if client is not None:
            # Bolt builds a fresh WebClient per request from the base URL; keep ours.
            context["client"] = client
        return next()

    app.use(inject)
    register_all(app)
    return app


@dataclass
class Runtime:
    """Everything a running Coachflow process holds, for the CLI to start."""

    app: App
    services: Services
    uow_factory: UnitOfWorkFactory


def build_runtime(settings: Settings, *, client: WebClient | None = None) -> Runtime:
    engine = make_engine(settings.database_url)
    uow_factory = make_uow_factory(engine)
    services = build_services(uow_factory, settings)
    return Runtime(create_app(settings, services, client=client), services, uow_factory)
