"""Operator actions from the command line."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.app import build_services
from bot.config import Settings
from bot.database import prepare_database
from domain.model import Member, SlackProfile, WorkspaceRef
from domain.ports import UserDirectory
from handlers.slack_directory import SlackUserDirectory
from storage.uow import make_engine, make_uow_factory


class OfflineDirectory:
    """Without a bot token the CLI cannot ask Slack; names fill in later."""

    def lookup(self, user_id: str) -> SlackProfile | None:
        return SlackProfile(user_id=user_id, name=user_id, real_name="", time_zone=None)


def grant_admin(settings: Settings, *, team_id: str, user_id: str) -> Member:
    prepare_database(settings.database_url)
    directory: UserDirectory = (
        SlackUserDirectory(WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url))
        if settings.slack_bot_token
        else OfflineDirectory()
    )
    engine = make_engine(settings.database_url)
    try:
        services = build_services(make_uow_factory(engine), settings)
        return services.roster.grant_admin(WorkspaceRef(team_id=team_id), user_id, directory)
    finally:
        engine.dispose()
