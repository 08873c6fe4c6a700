"""Guards at the Slack edge that run before any listener (docs/slack-edge.md).

Installed as Bolt global middleware ahead of every listener, in this order:
1. `VERIFIED_KEY` is set: Bolt's signature check ran (or Socket Mode, which
   is authenticated by the app token), so the error handler may answer.
2. A `response_url` whose origin is not Slack's own is dropped.
3. A request from a workspace other than the installed one is refused.
4. `ack()` cannot be undone by a listener that raises right after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from slack_bolt import App

from handlers.edge.ack import keep_the_ack
from handlers.edge.response_urls import (
    VERIFIED_KEY,
    ResponseUrlPolicy,
    guard_response_urls,
)
from handlers.edge.workspace import InstalledWorkspace, only_the_installed_workspace

__all__ = ["VERIFIED_KEY", "InstalledWorkspace", "ResponseUrlPolicy", "install_edge_guards"]


def install_edge_guards(
    app: App,
    *,
    extra_response_url_origins: Iterable[str],
    installed_workspace: Callable[[], InstalledWorkspace | None],
) -> None:
    """Call before any other `app.use`, so nothing else sees an unchecked request."""
    app.use(guard_response_urls(ResponseUrlPolicy.with_extra_origins(extra_response_url_origins)))
    app.use(only_the_installed_workspace(installed_workspace))
    app.use(keep_the_ack)
