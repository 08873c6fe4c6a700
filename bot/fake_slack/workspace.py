"""`FakeSlack`: an in-memory Slack workspace answering Web API calls like Slack does.

Tests and the offline demo point the app at it (through `FakeSlackServer` over
HTTP, or `RecordingSlackClient` in-process), then assert on what the app did:
the calls it made, the DMs it sent, the App Home it published, the replies that
reached a response_url. Failures Slack really produces (errors, 429s with
Retry-After, 5xx) can be injected per method.

Thread-safe: the HTTP server answers on several threads and the app under test
may post from background workers, so every read and write holds one lock and
helpers hand out copies, never live state.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.fake_slack import chat, files, files_shared, views
from bot.fake_slack.block_kit import check_message
from bot.fake_slack.faults import FaultPlan, rate_limited, server_error
from bot.fake_slack.files import SharedFile
from bot.fake_slack.files_shared import FileAnswer
from bot.fake_slack.listeners import WAIT_SECONDS
from bot.fake_slack.scopes import GrantedScopes
from bot.fake_slack.state import OFFLINE_UPLOAD_BASE, WorkspaceState, dm_channel_id
from bot.fake_slack.users import make_user
from bot.fake_slack.wire import ApiError, FakeResponse, RecordedCall, normalized

Method = Callable[[WorkspaceState, dict[str, Any]], dict[str, Any]]

METHODS: dict[str, Method] = {
    "auth.test": chat.auth_test,
    "users.info": chat.users_info,
    "users.list": chat.users_list,
    "conversations.open": chat.conversations_open,
    "conversations.history": chat.conversations_history,
    "chat.postMessage": chat.chat_post_message,
    "chat.postEphemeral": chat.chat_post_ephemeral,
    "chat.update": chat.chat_update,
    "views.open": views.views_open,
    "views.push": views.views_push,
    "views.update": views.views_update,
    "views.publish": views.views_publish,
    "files.getUploadURLExternal": files.files_get_upload_url_external,
    "files.completeUploadExternal": files.files_complete_upload_external,
    "files.info": files_shared.files_info,
}
# The pseudo-method under which response_url posts are recorded (and failed on
# request: `rate_limit_next(RESPONSE_URL)`, `server_error_next(RESPONSE_URL)`).
RESPONSE_URL = "response_url"
FILE_DOWNLOAD = "file_download"  # ... and GETs of private file URLs
# The POST of a file's bytes to its upload URL: recorded, and failed on request
# (`server_error_next(UPLOAD_URL)`), under this pseudo-method.
UPLOAD_URL = "upload_url"


class FakeSlack(GrantedScopes):  # the token's scopes: `grant_scopes`
    def __init__(
        self,
        team_id: str = "T0DEMO",
        team_name: str = "Demo Co",
        bot_user_id: str = "UBOT",
        bot_token: str = "xoxb-test",
        *,
        bot_id: str = "B0BOT",
        app_id: str = "A0COACH",
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """`clock` drives rate-limit windows and `RecordedCall.at`; `wall_clock` drives message ts."""
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.bot_token = bot_token
        self.bot_id = bot_id
        self._clock = clock
        self._lock = threading.RLock()
        self._state = WorkspaceState(
            team_id=team_id,
            team_name=team_name,
            bot_user_id=bot_user_id,
            bot_id=bot_id,
            app_id=app_id,
            wall_clock=wall_clock,
        )
        self._faults = FaultPlan([*METHODS, UPLOAD_URL, RESPONSE_URL], clock)
        self._calls: list[RecordedCall] = []
        self.add_user(bot_user_id, "Coachflow", "UTC", is_bot=True, name="coachflow")

    # ---------------------------------------------------------------- setup

    def add_user(
        self,
        user_id: str,
        real_name: str,
        tz: str = "America/New_York",
        *,
        is_bot: bool = False,
        deleted: bool = False,
        name: str | None = None,
        email: str | None = None,
    ) -> dict[str, Any]:
        """Add (or replace) a person; returns the users.info `user` object."""
        user = make_user(team_id=self.team_id, user_id=user_id, real_name=real_name, tz=tz, is_bot=is_bot,
                         deleted=deleted, name=name, email=email, now=datetime.now(UTC))
        with self._lock:
            self._state.users[user_id] = user
        return copy.deepcopy(user)

    def share_file(
        self,
        user_id: str,
        name: str,
        content: bytes,
        filetype: str | None = None,
        *,
        channel_id: str | None = None,
        mimetype: str | None = None,
    ) -> str:
        """`user_id` uploads a file into a conversation (default: their DM with the app); returns its id.

        `filetype` and `mimetype` default to what Slack derives from the name
        (`deals.csv`: csv, text/csv). Send the matching `file_shared` event
        with `SlackRequests.file_shared`.
        """
        with self._lock:
            channel = (self._state.existing_channel(channel_id) if channel_id is not None
                       else self._state.open_dm(user_id, disabled_error="user_disabled"))
            file = files_shared.share(self._state, self._state.shared_files, user_id=user_id, channel=channel,
                                      name=name, content=content, filetype=filetype, mimetype=mimetype)
            return str(file["id"])

    def delete_file(self, file_id: str) -> None:
        with self._lock:
            files_shared.delete(self._state.shared_files, file_id)

    def serve_files_at(self, root_url: str) -> None:
        """Where files' private URLs point (FakeSlackServer sets its own address on start)."""
        with self._lock:
            self._state.shared_files.root_url = root_url.rstrip("/")

    def get_file(self, path: str, query: str, token: str | None) -> FileAnswer:
        """A GET of a private file URL (or the sign-in page), recorded under FILE_DOWNLOAD."""
        with self._lock:
            answer = files_shared.answer_get(self._state.shared_files, team_id=self.team_id, path=path,
                                             query=query, token=token, bot_token=self.bot_token)
            if path != files_shared.LOGIN_PATH:
                error = None if answer.status == 200 else ("not_authed" if answer.status == 302 else "not_found")
                self._calls.append(RecordedCall(method=FILE_DOWNLOAD, params={"path": path}, ok=error is None,
                                                error=error, at=self._clock(), status=answer.status))
            return answer

    # ------------------------------------------------------------- the API

    def handle(self, method: str, params: dict[str, Any], token: str | None) -> FakeResponse:
        """Answer one Web API call the way Slack would, and record it."""
        with self._lock:
            recorded = normalized(params)
            response = self._answer(method, recorded, token)
            self._calls.append(
                RecordedCall(
                    method=method,
                    params=recorded,
                    ok=response.ok,
                    error=response.error,
                    at=self._clock(),
                    status=response.status,
                )
            )
            return response

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> FakeResponse:
        implementation = METHODS.get(method)
        if implementation is None:
            return FakeResponse.failure("unknown_method")
        if not token:
            return FakeResponse.failure("not_authed")
        if token != self.bot_token:
            return FakeResponse.failure("invalid_auth")
        injected = self._faults.intercept(method)
        if injected is not None:
            return injected
        try:
            return self.with_scopes(FakeResponse.success(implementation(self._state, params)))
        except ApiError as error:
            return FakeResponse.failure(error.error, extra=error.extra)

    def response_url_fault(self, path_token: str) -> FakeResponse | None:
        """The failure asked for this response_url post (`server_error_next(RESPONSE_URL)`), recorded; else None."""
        with self._lock:
            injected = self._faults.intercept(RESPONSE_URL)
            if injected is not None:
                self._calls.append(
                    RecordedCall(
                        method=RESPONSE_URL,
                        params={"token": path_token},
                        ok=False,
                        error=injected.error,
                        at=self._clock(),
                        status=injected.status,
                    )
                )
            return injected

    def record_response(self, path_token: str, payload: dict[str, Any]) -> list[str]:
        """A post to a response_url; returns Block Kit violations (empty when accepted)."""
        with self._lock:
            message_text = payload.get("text")
            violations = check_message(
                payload.get("blocks"), message_text if isinstance(message_text, str) else None
            )
            if not violations:
                self._state.responses.append((path_token, copy.deepcopy(payload)))
            self._calls.append(
                RecordedCall(
                    method=RESPONSE_URL,
                    params={"token": path_token, **copy.deepcopy(payload)},
                    ok=not violations,
                    error="invalid_blocks" if violations else None,
                    at=self._clock(),
                )
            )
            return violations

    def receive_upload(self, url: str, content: bytes, content_type: str = "") -> tuple[int, bytes]:
        """A POST of file bytes to an upload URL (full URL or path): (HTTP status, body)."""
        ticket = urlsplit(url).path.rpartition(files.UPLOAD_PATH)[2]
        with self._lock:
            injected = self._faults.intercept(UPLOAD_URL)
            if injected is not None:
                status, body = injected.status, (injected.error or "").encode()
            else:
                status, body = files.receive_upload(self._state, ticket, content, content_type)
            self._calls.append(
                RecordedCall(
                    method=UPLOAD_URL,
                    params={"ticket": ticket, "bytes": len(content)},
                    ok=status == 200,
                    error=None if status == 200 else body.decode(errors="replace"),
                    at=self._clock(),
                    status=status,
                )
            )
            return status, body

    def serve_uploads_at(self, base_url: str | None) -> None:
        """Hand out upload URLs under `base_url` (a FakeSlackServer's), or the offline one."""
        with self._lock:
            self._state.upload_url_base = base_url or OFFLINE_UPLOAD_BASE

    # ---------------------------------------------------- failure injection

    def fail_next(self, method: str, error: str, times: int = 1) -> None:
        """The next `times` calls to `method` answer `{"ok": false, "error": error}` (HTTP 200)."""
        with self._lock:
            self._faults.queue(method, FakeResponse.failure(error), times)

    def rate_limit_next(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` calls to `method` answer HTTP 429 with `Retry-After: retry_after`."""
        with self._lock:
            self._faults.queue(method, rate_limited(retry_after), times)

    def server_error_next(self, method: str, status: int = 500, times: int = 1) -> None:
        with self._lock:
            self._faults.queue(method, server_error(status), times)

    def rate_limit_fraction(
        self,
        fraction: float,
        retry_after: int = 1,
        seed: int = 0,
        methods: Collection[str] | None = None,
    ) -> None:
        """A seeded random `fraction` of calls (to `methods`, or all) answer 429; 0 turns it off."""
        with self._lock:
            self._faults.set_fraction(fraction, retry_after, seed, methods)

    def set_rate_limit(self, method: str, per_minute: int | None) -> None:
        """Allow `per_minute` calls in any 60 s; more get 429 with the wait until one fits."""
        with self._lock:
            self._faults.set_rate_limit(method, per_minute)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # ------------------------------------------------------------ asserting

    @property
    def calls(self) -> list[RecordedCall]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[RecordedCall]:
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def reset_calls(self) -> None:
        with self._lock:
            self._calls.clear()

    def messages_to(self, user_or_channel_id: str) -> list[dict[str, Any]]:
        """Messages posted in a conversation, oldest first; a user id means their DM."""
        with self._lock:
            channel_id = user_or_channel_id
            if user_or_channel_id in self._state.users:
                channel_id = dm_channel_id(user_or_channel_id)
            channel = self._state.channels.get(channel_id)
            return copy.deepcopy(channel.messages) if channel else []

    def ephemerals_to(self, user_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy([e for e in self._state.ephemerals if e["user"] == user_id])

    def home_of(self, user_id: str) -> dict[str, Any] | None:
        """The App Home last published for `user_id`, or None."""
        with self._lock:
            view_id = self._state.home_view_ids.get(user_id)
            return copy.deepcopy(self._state.views[view_id]) if view_id else None

    def view(self, view_id: str) -> dict[str, Any] | None:
        """A view's current state (after any views.update), or None."""
        with self._lock:
            found = self._state.views.get(view_id)
            return copy.deepcopy(found) if found else None

    @property
    def opened_views(self) -> list[dict[str, Any]]:
        """Modals from views.open and views.push, in order, as they were opened."""
        with self._lock:
            return copy.deepcopy(self._state.opened_views)

    @property
    def responses(self) -> list[dict[str, Any]]:
        """Payloads accepted at response_urls, in order of arrival."""
        with self._lock:
            return [copy.deepcopy(payload) for _, payload in self._state.responses]

    def responses_for(self, path_token: str) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(p) for token, p in self._state.responses if token == path_token]

    @property
    def shared_files(self) -> list[SharedFile]:
        """Files completed with files.completeUploadExternal, oldest first, with the bytes that arrived."""
        with self._lock:
            return [files.shared_file(u) for u in self._state.uploads.values() if u.completed]

    def files_shared_with(self, user_or_channel_id: str) -> list[SharedFile]:
        """Files shared into a conversation; a user id means their DM with the app."""
        with self._lock:
            known_user = user_or_channel_id in self._state.users
            channel_id = dm_channel_id(user_or_channel_id) if known_user else user_or_channel_id
            return [f for f in self.shared_files if f.channel == channel_id]

    def view_opened_by(self, trigger_id: str) -> dict[str, Any] | None:
        """The modal views.open (or views.push) opened with `trigger_id`, as it was opened; None if none yet."""
        with self._lock:
            found = self._state.opened_by_trigger.get(trigger_id)
            return copy.deepcopy(found) if found else None

    def user(self, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._state.users.get(user_id)
            return copy.deepcopy(found) if found else None

    def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT_SECONDS, interval: float = 0.01) -> None:
        """Poll `predicate` (outside the lock) until true; AssertionError after `timeout` seconds.

        For work the app does after `ack()` on another thread: the test waits
        for its visible effect instead of sleeping a guessed amount.
        """
        deadline = time.monotonic() + timeout
        while True:
            if predicate():
                return
            if time.monotonic() >= deadline:
                break
            time.sleep(interval)
        recent = "\n".join(
            f"  {c.method} ok={c.ok} error={c.error} params={c.params}" for c in self.calls[-10:]
        )
        name = getattr(predicate, "__qualname__", repr(predicate))
        raise AssertionError(
            f"fake Slack: {name} still false after {timeout:.1f}s; last calls:\n{recent or '  (none)'}"
        )
