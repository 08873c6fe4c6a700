"""Operator actions from the command line."""

from __future__ import annotations

import urllib.error

from slack_sdk.errors import SlackApiError

from bot.app import build_services
from bot.config import Settings
from bot.database import prepare_database
from bot.slack_check import SlackUnreachable, bot_client
from domain.model import Member, SlackProfile, WorkspaceRef
from domain.ports import UserDirectory
from handlers.edge.directory import SlackUserDirectory
from storage.uow import make_engine, make_uow_factory


class OfflineDirectory:
    """Without a bot token the CLI cannot ask Slack; names fill in later."""

    def lookup(self, user_id: str) -> SlackProfile | None:
        return SlackProfile(user_id=user_id, name=user_id, real_name="", time_zone=None)


def grant_admin(settings: Settings, *, team_id: str, user_id: str) -> Member:
    # With a token, Slack is asked for the person's name and time zone, and the
    # token is checked first: a wrong one is one line, before the database.
    directory: UserDirectory = (
        SlackUserDirectory(bot_client(settings, "asks Slack who the person is"))
        if settings.slack_bot_token
        else OfflineDirectory()
    )
    prepare_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        services = build_services(make_uow_factory(engine), settings)
        try:
            return services.roster.grant_admin(WorkspaceRef(team_id=team_id), user_id, directory)
        except SlackApiError as error:
            raise SlackUnreachable(
                f"Slack did not answer users.info for {user_id} ({error.response.get('error')}); try again later."
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise SlackUnreachable(f"Slack stopped answering ({error.__class__.__name__}); try again later.") from None
    finally:
        engine.dispose()
