"""The data a fake workspace holds: people, conversations, messages and views.

Plain data plus the few lookups every method needs (which conversation a
`channel` argument means, the next message `ts`). Not thread-safe on its own:
`FakeSlack` calls it under its lock.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.fake_slack.files_shared import SharedFileStore
from bot.fake_slack.wire import ApiError

GENERAL_CHANNEL_ID = "C0GENERAL"
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
# RFC 2606 .invalid: upload URLs handed out when no FakeSlackServer serves this workspace.
OFFLINE_UPLOAD_BASE = "http://fake-slack.invalid/upload/v1/"


@dataclass
class Channel:
    id: str
    name: str
    dm_user: str | None = None  # the person on the other side of a DM
    messages: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Upload:
    """A file from files.getUploadURLExternal until files.completeUploadExternal shares it (or not)."""

    id: str
    ticket: str  # the last part of its upload URL
    filename: str
    length: int
    alt_txt: str | None
    content: bytes | None = None  # what was POSTed to the upload URL
    title: str | None = None
    channel: str | None = None
    initial_comment: str | None = None
    thread_ts: str | None = None
    completed: bool = False


def dm_channel_id(user_id: str) -> str:
    """Stable and reversible: the DM with U123 is `DU123`."""
    return "D" + user_id


def ts_to_micros(ts: str) -> int:
    """`1700000000.000100` -> microseconds, so ts strings compare as numbers (Slack's ordering)."""
    seconds, _, fraction = ts.strip().partition(".")
    return int(seconds or 0) * 1_000_000 + int((fraction + "000000")[:6])


def micros_to_ts(micros: int) -> str:
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


class WorkspaceState:
    def __init__(
        self,
        *,
        team_id: str,
        team_name: str,
        bot_user_id: str,
        bot_id: str,
        app_id: str,
        wall_clock: Callable[[], float],
    ) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self._wall_clock = wall_clock
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, Channel] = {GENERAL_CHANNEL_ID: Channel(GENERAL_CHANNEL_ID, "general")}
        self.ephemerals: list[dict[str, Any]] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.home_view_ids: dict[str, str] = {}
        self.opened_views: list[dict[str, Any]] = []
        self.exchanged_triggers: set[str] = set()
        self.opened_by_trigger: dict[str, dict[str, Any]] = {}  # each modal as opened, by its trigger_id
        self.responses: list[tuple[str, dict[str, Any]]] = []
        self.uploads: dict[str, Upload] = {}  # by file id
        self.upload_url_base = OFFLINE_UPLOAD_BASE
        self.shared_files = SharedFileStore()
        self._last_ts = 0
        self._view_numbers = itertools.count(1)
        self._file_numbers = itertools.count(1)

    @property
    def domain(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.team_name.lower()).strip("-") or "workspace"

    def next_ts(self) -> str:
        """Wall-clock based like Slack's, but strictly increasing so every message has its own."""
        now = int(self._wall_clock() * 1_000_000)
        self._last_ts = max(now, self._last_ts + 1)
        return micros_to_ts(self._last_ts)

    def next_view_id(self) -> str:
        return f"V{next(self._view_numbers):08X}"

    def next_file_id(self) -> str:
        return f"F{next(self._file_numbers):010X}"

    def user(self, user_id: str, error: str = "user_not_found") -> dict[str, Any]:
        found = self.users.get(user_id)
        if found is None:
            raise ApiError(error)
        return found

    def open_dm(self, user_id: str, *, disabled_error: str) -> Channel:
        """The DM between the bot and `user_id`, created on first use as Slack does."""
        person = self.user(user_id, "user_not_found")
        if person.get("deleted"):
            raise ApiError(disabled_error)
        if person.get("is_bot"):
            raise ApiError("cannot_dm_bot")
        return self._dm(user_id)

    def _dm(self, user_id: str) -> Channel:
        channel_id = dm_channel_id(user_id)
        if channel_id not in self.channels:
            self.channels[channel_id] = Channel(channel_id, channel_id, dm_user=user_id)
        return self.channels[channel_id]

    def channel_for_post(self, channel: str) -> Channel:
        """Where a new message goes: a conversation id, or a user id meaning their DM."""
        if _USER_ID.match(channel):
            if channel not in self.users:
                raise ApiError("channel_not_found")
            return self.open_dm(channel, disabled_error="account_inactive")
        found = self.existing_channel(channel)
        if found.dm_user is not None and self.users[found.dm_user].get("deleted"):
            raise ApiError("account_inactive")
        return found

    def existing_channel(self, channel: str) -> Channel:
        """A conversation id (never a user id): what chat.update and conversations.history take."""
        if channel in self.channels:
            return self.channels[channel]
        # A DM exists implicitly for every person, even before anyone opened it.
        if channel.startswith("D") and channel[1:] in self.users:
            return self._dm(channel[1:])
        raise ApiError("channel_not_found")

    def find_message(self, channel: Channel, ts: str) -> dict[str, Any]:
        for message in channel.messages:
            if message["ts"] == ts:
                return message
        raise ApiError("message_not_found")
