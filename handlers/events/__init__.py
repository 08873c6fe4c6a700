"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import ids
from handlers.events.app_home_opened import handle_app_home_opened
from handlers.events.file_shared import handle_file_shared


def register(app: App) -> None:
    app.event(ids.APP_HOME_OPENED)(handle_app_home_opened)
    app.event(ids.FILE_SHARED)(handle_file_shared)
