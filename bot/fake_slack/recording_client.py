"""`RecordingSlackClient`: a real `slack_sdk.WebClient` whose calls go to a `FakeSlack` in-process.

Every `client.chat_postMessage(...)`-style method funnels into `api_call`, so
overriding it keeps everything else real: argument handling in the generated
methods, `SlackResponse`, `validate()` raising `SlackApiError` on `ok: false`
or a non-200 status, and the client's retry handlers. Parameters are put
through the same transformation the wire would apply (form values become
strings, JSON is serialized and parsed back), so a bug that only shows over
HTTP (a list passed as a form parameter) shows here too. `files_upload_v2`'s
one non-API step, the POST of the bytes to the upload URL, goes through
`_upload_file`, which is answered by the fake in-process as well.

The base URL points at an unresolvable host on purpose: Bolt builds a fresh
`WebClient` per request from `app.client.base_url`, and if a test forgets to
hand this client to its listeners that copy fails fast instead of reaching
the real Slack.
"""

from __future__ import annotations

import io
import json as jsonlib
import logging
from collections.abc import Callable
from http.client import HTTPMessage, responses
from ssl import SSLContext
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urljoin

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackRequestError
from slack_sdk.http_retry import RetryHandler, RetryState
from slack_sdk.http_retry.request import HttpRequest as RetryHttpRequest
from slack_sdk.http_retry.response import HttpResponse as RetryHttpResponse
from slack_sdk.web import SlackResponse
from slack_sdk.web.file_upload_v2_result import FileUploadV2Result

from bot.fake_slack.wire import FakeResponse
from bot.fake_slack.workspace import FakeSlack

# RFC 2606 reserves .invalid: it never resolves, so nothing can reach a real server.
OFFLINE_BASE_URL = "http://fake-slack.invalid/api/"
_MAX_ATTEMPTS = 100  # the real client's own safety cap on retries


def _form_value(value: Any) -> str:
    # What urlencode() does to a form parameter, after slack_sdk turns bools into "1"/"0".
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class RecordingSlackClient(WebClient):
    def __init__(
        self,
        fake: FakeSlack,
        token: str | None = None,
        *,
        base_url: str = OFFLINE_BASE_URL,
        team_id: str | None = None,
        retry_handlers: list[RetryHandler] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            token=fake.bot_token if token is None else token,
            base_url=base_url,
            team_id=team_id,
            retry_handlers=retry_handlers,
            **kwargs,
        )
        self.fake = fake

    def attach(self, app: App) -> None:
        """Make `app`'s listeners (their `client`, `say`) use this client.

        Bolt gives every request a new plain `WebClient` built from
        `app.client.base_url`, so passing `client=` to `App` alone only covers
        calls made at construction (auth.test) and through `app.client`.
        """

        def use_recording_client(context: BoltContext, next: Callable[[], Any]) -> Any:  # noqa: A002 - Bolt injects by this name
            context["client"] = self
            return next()

        app.use(use_recording_client)

    def api_call(
        self,
        api_method: str,
        *,
        http_verb: str = "POST",
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        auth: dict[str, Any] | None = None,
    ) -> SlackResponse:
        if files:
            raise SlackRequestError("RecordingSlackClient does not implement file uploads")
        if json is not None and http_verb != "POST":
            # The same refusal the real client makes before sending anything.
            raise SlackRequestError(
                "Json data can only be submitted as POST requests. GET requests should use the 'params' argument."
            )
        token, wire_params = self._wire_params(data=data, params=params, json=json)
        url = urljoin(self.base_url, api_method.lstrip("/"))
        response = self._send_with_retries(api_method, url, wire_params, token)
        answer = SlackResponse(
            client=self,
            http_verb="POST",  # slack_sdk sends every Web API call as POST
            api_url=url,
            req_args={"headers": {}, "data": {}, "params": wire_params, "files": None, "json": None},
            data=response.body,
            headers=self._response_headers(response),
            status_code=response.status,
        )
        answer.validate()  # raises SlackApiError exactly where the real client does
        return answer

    def _wire_params(
        self,
        *,
        data: dict[str, Any] | None,
        params: dict[str, Any] | None,
        json: dict[str, Any] | None,
    ) -> tuple[str | None, dict[str, Any]]:
        """The token and the parameters as the server would decode them from the wire."""
        token = self.token
        form: dict[str, Any] = {}
        for source in (params, data):
            if source is not None:
                form.update({k: v for k, v in source.items() if v is not None})
        body = dict(json) if json is not None else None
        # Like slack_sdk's _build_req_args: default params (team_id) fill gaps,
        # and a per-call `token` moves from the parameters to the header.
        for target in (form if (params is not None or data is not None) else None, body):
            if target is not None:
                for key, value in self.default_params.items():
                    target.setdefault(key, value)
        if "token" in form:
            token = str(form.pop("token"))
        if body is not None and "token" in body:
            token = str(body.pop("token"))
        wire: dict[str, Any] = {k: _form_value(v) for k, v in form.items()}
        if body is not None:
            # Serializing catches what json.dumps would reject on the real wire.
            wire.update(jsonlib.loads(jsonlib.dumps(body)))
        return token, wire

    def _send_with_retries(
        self, method: str, url: str, params: dict[str, Any], token: str | None
    ) -> FakeResponse:
        """One call, retried when a retry handler asks, as the real urllib client does."""
        state = RetryState()
        response = self.fake.handle(method, params, token)
        for _ in range(_MAX_ATTEMPTS):
            if not self.retry_handlers:
                return response
            state.next_attempt_requested = False
            raw = jsonlib.dumps(response.body).encode("utf-8")
            request = RetryHttpRequest(method="POST", url=url, headers={}, body_params=params)
            retry_response = RetryHttpResponse(
                status_code=response.status, headers=dict(response.headers), body=response.body, data=raw
            )
            # The real client reports non-200 answers to handlers as urllib's HTTPError.
            error = None if response.status == 200 else self._http_error(url, response, raw)
            for handler in self.retry_handlers:
                if handler.can_retry(state=state, request=request, response=retry_response, error=error):
                    handler.prepare_for_next_attempt(
                        state=state, request=request, response=retry_response, error=error
                    )
                    break
            if not state.next_attempt_requested:
                return response
            response = self.fake.handle(method, params, token)
        return response

    @staticmethod
    def _http_error(url: str, response: FakeResponse, raw: bytes) -> HTTPError:
        message = HTTPMessage()
        for name, value in response.headers.items():
            message[name] = value
        reason = responses.get(response.status, "Error")
        return HTTPError(url, response.status, reason, message, io.BytesIO(raw))

    @staticmethod
    def _response_headers(response: FakeResponse) -> dict[str, Any]:
        headers: dict[str, Any] = dict(response.headers)
        if response.status == 429:
            # slack_sdk's urllib client exposes Retry-After under both spellings on 429.
            for have, alias in (("Retry-After", "retry-after"), ("retry-after", "Retry-After")):
                if have in headers and alias not in headers:
                    headers[alias] = headers[have]
        return headers

    def _upload_file(
        self,
        *,
        url: str,
        data: bytes,
        logger: logging.Logger,
        timeout: int,
        proxy: str | None,
        ssl: SSLContext | None,
    ) -> FileUploadV2Result:
        """files_upload_v2's POST of the bytes to the upload URL, answered by the fake in-process.

        The real client uses urllib, which raises HTTPError for a 4xx/5xx
        answer before slack_sdk sees the status; the same happens here.
        """
        status, body = self.fake.receive_upload(url, data, "application/octet-stream")
        if status >= 400:
            raise HTTPError(url, status, responses.get(status, "Error"), HTTPMessage(), io.BytesIO(body))
        return FileUploadV2Result(status=status, body=body.decode("utf-8", errors="replace"))

    def _request_for_pagination(self, api_url: str, req_args: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """SlackResponse's iteration (`for page in client.conversations_history(...)`) lands here."""
        method = api_url[len(self.base_url):] if api_url.startswith(self.base_url) else api_url.rsplit("/", 1)[-1]
        params = {**(req_args.get("params") or {}), **(req_args.get("json") or {})}
        response = self.fake.handle(method, params, self.token)
        return {
            "status_code": response.status,
            "headers": self._response_headers(response),
            "data": response.body,
        }
