"""The port through which an uninstall removes a workspace's Slack tokens at once (issue 14)."""

from __future__ import annotations

from typing import Protocol


class InstalledTokens(Protocol):
    """A workspace's Slack tokens (OAuth: the installation store); `remove` is idempotent, team None: org-wide."""

    def remove(self, team_id: str | None, enterprise_id: str | None) -> None: ...
