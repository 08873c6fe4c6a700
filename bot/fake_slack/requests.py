"""`SlackRequests`: signed requests shaped like the ones Slack sends to an app.

Tests and the demo drive the Bolt app with them, in-process through
`app.dispatch(req.bolt())` or over HTTP with `req.post(url)`. Each request is
signed with the app's signing secret exactly as Slack signs
(`v0=` HMAC-SHA256 over `v0:{timestamp}:{body}`), so Bolt's request
verification runs for real; `tampered()` and `stale()` produce the two
requests it must refuse.

Payload shapes follow Slack's documented examples, trimmed to the fields an
app reads; `SignedRequest.payload` holds the parsed content for assertions.
"""

from __future__ import annotations

import itertools
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.fake_slack import state_values
from bot.fake_slack.signed import SignedRequest
from bot.fake_slack.state import GENERAL_CHANNEL_ID, dm_channel_id

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
VERIFICATION_TOKEN = "fake-verification-token"  # deprecated by Slack, still sent
# RFC 2606 .invalid: a listener calling respond() without a fake server fails
# fast instead of posting to the real hooks.slack.com.
OFFLINE_RESPONSE_URL_BASE = "https://hooks.slack.invalid/commands/"


def _channel_name(channel_id: str) -> str:
    if channel_id.startswith("D"):
        return "directmessage"
    return "general" if channel_id == GENERAL_CHANNEL_ID else channel_id.lower()


class SlackRequests:
    # The state.values builders, here too so a test needs one import.
    plain_text = staticmethod(state_values.plain_text)
    multi_users = staticmethod(state_values.multi_users)
    users_select = staticmethod(state_values.users_select)
    static_select = staticmethod(state_values.static_select)
    datepicker = staticmethod(state_values.datepicker)
    file_input = staticmethod(state_values.file_input)
    uploaded_file = staticmethod(state_values.uploaded_file)

    def __init__(
        self,
        signing_secret: str,
        team_id: str = "T0DEMO",
        api_app_id: str = "A0COACH",
        response_url_base: str | None = None,
        enterprise_id: str | None = None,
        *,
        team_domain: str = "demo-co",
        bot_user_id: str = "UBOT",
        clock: Callable[[], float] = time.time,
        is_enterprise_install: bool = False,  # an org-wide (Enterprise Grid) install: slash commands say so
    ) -> None:
        self.is_enterprise_install = is_enterprise_install
        self._verifier = SignatureVerifier(signing_secret)
        self.team_id = team_id
        self.api_app_id = api_app_id
        self.response_url_base = response_url_base
        self.enterprise_id = enterprise_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self._clock = clock
        self._numbers = itertools.count(1)

    # ------------------------------------------------------------ signing

    def sign(self, body: str, content_type: str, *, timestamp: int | None = None) -> SignedRequest:
        stamp = str(int(self._clock()) if timestamp is None else timestamp)
        signature = self._verifier.generate_signature(timestamp=stamp, body=body)
        assert signature is not None  # only None without a timestamp
        headers = {
            "content-type": content_type,
            "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature,
            "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        return SignedRequest(body=body, headers=headers)

    @staticmethod
    def tampered(request: SignedRequest) -> SignedRequest:
        """Same body and timestamp, a signature that does not match: Bolt answers 401."""
        last = request.signature[-1]
        wrong = request.signature[:-1] + ("0" if last != "0" else "1")
        return replace(request, headers={**request.headers, "x-slack-signature": wrong})

    def stale(self, request: SignedRequest, age_seconds: int = 600) -> SignedRequest:
        """Correctly signed but older than Slack's five-minute window: Bolt answers 401."""
        resigned = self.sign(
            request.body, request.headers["content-type"], timestamp=int(self._clock()) - age_seconds
        )
        return replace(request, headers=resigned.headers)

    # ---------------------------------------------------------- ids, urls

    def _trigger_id(self) -> str:
        return f"{next(self._numbers)}.{int(self._clock())}.{secrets.token_hex(16)}"

    def _response_url(self) -> tuple[str, str]:
        token = f"{next(self._numbers)}-{secrets.token_hex(8)}"
        base = self.response_url_base or f"{OFFLINE_RESPONSE_URL_BASE}{self.team_id}/"
        return f"{base}{token}", token

    def _message_ts(self) -> str:
        return f"{self._clock():.6f}"

    def _user(self, user_id: str) -> dict[str, Any]:
        return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": self.team_id}

    def _team(self) -> dict[str, Any]:
        return {"id": self.team_id, "domain": self.team_domain}

    def _enterprise(self) -> dict[str, Any] | None:
        return {"id": self.enterprise_id, "name": "Enterprise"} if self.enterprise_id else None

    def _interactive(self, payload: dict[str, Any], response_token: str | None = None) -> SignedRequest:
        signed = self.sign(urlencode({"payload": json.dumps(payload)}), FORM)
        return replace(signed, payload=payload, response_token=response_token)

    # ------------------------------------------------------------ builders

    def slash_command(
        self,
        user_id: str,
        command: str,
        text: str = "",
        channel_id: str = GENERAL_CHANNEL_ID,
        user_name: str | None = None,
    ) -> SignedRequest:
        response_url, token = self._response_url()
        fields: dict[str, str] = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": _channel_name(channel_id),
            "user_id": user_id,
            "user_name": user_name or user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "true" if self.is_enterprise_install else "false",
            "response_url": response_url,
            "trigger_id": self._trigger_id(),
        }
        if self.enterprise_id:
            fields.update(enterprise_id=self.enterprise_id, enterprise_name="Enterprise")
        signed = self.sign(urlencode(fields), FORM)
        return replace(signed, payload=fields, response_token=token)

    def block_actions(
        self,
        user_id: str,
        action_id: str,
        value: str | None = None,
        block_id: str = "b",
        view: dict[str, Any] | None = None,
        container: dict[str, Any] | None = None,
        trigger_id: str | None = None,
        selected_users: list[str] | None = None,
        *,
        action_type: str | None = None,
        channel_id: str = GENERAL_CHANNEL_ID,
        selected_option: str | None = None,
        message: dict[str, Any] | None = None,
    ) -> SignedRequest:
        """A click in a message (default) or, with `view`, in a modal or App Home.

        `message`: Slack's copy of the clicked message (its text and blocks), as Slack sends it.

        `selected_option`: the value picked in a static_select that dispatches its action
        (an input block with `dispatch_action`, or an actions block).
        """
        default_type = "button"
        if selected_users is not None:
            default_type = "multi_users_select"
        elif selected_option is not None:
            default_type = "static_select"
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block_id,
            "type": action_type or default_type,
            "action_ts": self._message_ts(),
        }
        if value is not None:
            action["value"] = value
        if selected_option is not None:
            action["selected_option"] = state_values.static_select(selected_option)["selected_option"]
        if selected_users is not None:
            action["selected_users"] = list(selected_users)
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id or self._trigger_id(),
            "team": self._team(),
            "enterprise": self._enterprise(),
            "is_enterprise_install": False,
            "actions": [action],
        }
        response_token = None
        if view is not None:
            full_view = self._view(view)
            payload["view"] = full_view
            payload["container"] = container or {"type": "view", "view_id": full_view["id"]}
        else:
            # Only clicks in messages carry a response_url.
            message_ts = self._message_ts()
            payload["container"] = container or {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel_id,
                "is_ephemeral": False,
            }
            payload["channel"] = {"id": channel_id, "name": _channel_name(channel_id)}
            payload["message"] = {"type": "message", "ts": message_ts, "text": "", "blocks": [], **(message or {})}
            payload["response_url"], response_token = self._response_url()
        return self._interactive(payload, response_token)

    def view_submission(
        self,
        user_id: str,
        callback_id: str,
        values: dict[str, dict[str, dict[str, Any]]],
        private_metadata: str = "",
        view_id: str | None = None,
        *,
        blocks: list[dict[str, Any]] | None = None,
    ) -> SignedRequest:
        """A modal submitted with `values` as `view.state.values` ({block_id: {action_id: {...}}})."""
        view = self._view(
            {
                "id": view_id or self._view_id(),
                "callback_id": callback_id,
                "private_metadata": private_metadata,
                "blocks": blocks or [],
                "state": {"values": values},
            }
        )
        payload: dict[str, Any] = {
            "type": "view_submission",
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": VERIFICATION_TOKEN,
            "trigger_id": self._trigger_id(),
            "view": view,
            "response_urls": [],
            "enterprise": self._enterprise(),
            "is_enterprise_install": False,
        }
        return self._interactive(payload)

    def _view_id(self) -> str:
        return f"V{next(self._numbers):08X}"

    def _view(self, view: dict[str, Any]) -> dict[str, Any]:
        view_id = view.get("id") or self._view_id()
        return {
            "type": "modal",
            "team_id": self.team_id,
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "state": {"values": {}},
            "hash": f"{int(self._clock())}.{secrets.token_hex(4)}",
            "root_view_id": view_id,
            "previous_view_id": None,
            "app_id": self.api_app_id,
            **view,
            "id": view_id,
        }

    def event(self, event: dict[str, Any]) -> SignedRequest:
        """An Events API `event_callback` envelope around `event`."""
        now = self._clock()
        envelope: dict[str, Any] = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": {"event_ts": f"{now:.6f}", **event},
            "type": "event_callback",
            "event_id": f"Ev{next(self._numbers):08d}",
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": self.enterprise_id,
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{secrets.token_hex(12)}",
        }
        if self.enterprise_id:
            envelope["enterprise_id"] = self.enterprise_id
        return replace(self.sign(json.dumps(envelope), JSON), payload=envelope)

    def app_home_opened(self, user_id: str, tab: str = "home") -> SignedRequest:
        return self.event(
            {"type": "app_home_opened", "user": user_id, "channel": dm_channel_id(user_id), "tab": tab}
        )

    def file_shared(self, user_id: str, file_id: str, channel_id: str | None = None) -> SignedRequest:
        """A file was shared (by default in the person's DM with the app).

        Slack's payload carries ids only (file_id twice, as `file.id` too);
        the app asks files.info for the rest. No `channel_type` here, unlike
        message events.
        """
        return self.event(
            {
                "type": "file_shared",
                "channel_id": channel_id or dm_channel_id(user_id),
                "file_id": file_id,
                "user_id": user_id,
                "file": {"id": file_id},
            }
        )

    def retried(self, request: SignedRequest, attempt: int = 1, reason: str = "http_timeout") -> SignedRequest:
        """Slack delivering the same event again: same body (same event_id), signed anew,
        with `X-Slack-Retry-Num` and `X-Slack-Retry-Reason` (http_timeout, http_error, ...)."""
        resigned = self.sign(request.body, request.headers["content-type"])
        headers = {**resigned.headers, "x-slack-retry-num": str(attempt), "x-slack-retry-reason": reason}
        return replace(request, headers=headers)

    def url_verification(self, challenge: str = "challenge-token") -> SignedRequest:
        """The handshake Slack sends when the Request URL is saved."""
        body = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
        return replace(self.sign(json.dumps(body), JSON), payload=body)

    def block_suggestion(self, user_id: str, action_id: str, value: str, block_id: str = "b",
                         view: dict[str, Any] | None = None) -> SignedRequest:
        """Someone typing `value` into an external_select (in a modal `view`): Slack asks for its options."""
        full_view = self._view(view or {})
        payload: dict[str, Any] = {
            "type": "block_suggestion",
            "user": self._user(user_id),
            "container": {"type": "view", "view_id": full_view["id"]},
            "api_app_id": self.api_app_id,
            "token": VERIFICATION_TOKEN,
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
            "team": self._team(),
            "enterprise": self._enterprise(),
            "is_enterprise_install": False,
            "view": full_view,
        }
        return self._interactive(payload)

    def message_shortcut(self, user_id: str, callback_id: str, text: str,
                         channel_id: str = GENERAL_CHANNEL_ID, author_id: str = "UHELPER") -> SignedRequest:
        """A message shortcut (`message_action`) run on a message saying `text`."""
        message_ts = self._message_ts()
        response_url, response_token = self._response_url()
        payload: dict[str, Any] = {
            "type": "message_action",
            "callback_id": callback_id,
            "trigger_id": self._trigger_id(),
            "action_ts": message_ts,
            "message_ts": message_ts,
            "user": self._user(user_id),
            "team": self._team(),
            "enterprise": self._enterprise(),
            "is_enterprise_install": False,
            "channel": {"id": channel_id, "name": _channel_name(channel_id)},
            "message": {"type": "message", "user": author_id, "ts": message_ts, "text": text},
            "token": VERIFICATION_TOKEN,
            "api_app_id": self.api_app_id,
            "response_url": response_url,
        }
        return self._interactive(payload, response_token)
