"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import ids
from handlers.events.app_home_opened import handle_app_home_opened
from handlers.events.app_uninstalled import handle_app_uninstalled
from handlers.events.file_shared import handle_file_shared
from handlers.events.tokens_revoked import handle_tokens_revoked
from handlers.events.user_change import handle_user_change


def register(app: App) -> None:
    app.event(ids.APP_HOME_OPENED)(handle_app_home_opened)
    app.event(ids.FILE_SHARED)(handle_file_shared)
    # A workspace's life (issue 14): uninstalled, its bot token revoked, a person deactivated
    app.event(ids.APP_UNINSTALLED)(handle_app_uninstalled)
    app.event(ids.TOKENS_REVOKED)(handle_tokens_revoked)
    app.event(ids.USER_CHANGE)(handle_user_change)
