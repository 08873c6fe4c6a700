"""`UserDirectory` over Slack's `users.info`."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.model import SlackProfile

# Slack's answers that mean "no such person here", as opposed to an outage.
_UNKNOWN_USER_ERRORS = frozenset({"user_not_found", "user_not_visible", "users_not_found"})


class SlackUserDirectory:
    def __init__(self, client: WebClient) -> None:
        self._client = client

    def lookup(self, user_id: str) -> SlackProfile | None:
        try:
            response = self._client.users_info(user=user_id)
        except SlackApiError as error:
            if error.response.get("error") in _UNKNOWN_USER_ERRORS:
                return None
            raise
        return profile_from_user(response["user"])


def profile_from_user(user: dict[str, Any]) -> SlackProfile:
    """A Slack user object (from users.info or users.list) as a domain profile."""
    profile = user.get("profile") or {}
    return SlackProfile(
        user_id=user["id"],
        name=user.get("name", ""),
        real_name=user.get("real_name") or profile.get("real_name") or profile.get("display_name", ""),
        time_zone=user.get("tz"),
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        deleted=bool(user.get("deleted")),
        # Present only with the users:read.email scope.
        email=(profile.get("email") or None),
    )
