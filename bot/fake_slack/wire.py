"""What crosses the fake Slack's boundary: responses, recorded calls, API errors, parameters.

Parameters arrive two ways with different types: JSON bodies keep lists and
ints, form-encoded bodies turn everything into strings (`blocks` becomes a JSON
string, `limit` becomes "10", True becomes "1"). The readers here accept both,
so a method behaves the same over HTTP and through the in-process client.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(frozen=True)
class FakeResponse:
    """One Web API answer: HTTP status, headers and the JSON body."""

    status: int
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.body.get("ok"))

    @property
    def error(self) -> str | None:
        value = self.body.get("error")
        return value if isinstance(value, str) else None

    @classmethod
    def success(cls, body: dict[str, Any]) -> FakeResponse:
        return cls(200, {"Content-Type": JSON_CONTENT_TYPE}, {"ok": True, **body})

    @classmethod
    def failure(
        cls,
        error: str,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> FakeResponse:
        # Slack answers most errors with HTTP 200 and `ok: false`; only rate
        # limits (429) and outages (5xx) change the status.
        all_headers = {"Content-Type": JSON_CONTENT_TYPE, **(headers or {})}
        return cls(status, all_headers, {"ok": False, "error": error, **(extra or {})})


@dataclass(frozen=True)
class RecordedCall:
    """One Web API call as the fake saw it, successful or not."""

    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None
    at: float
    status: int = 200


class ApiError(Exception):
    """Raised by a method implementation; becomes `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra or {}

    @classmethod
    def invalid_arguments(cls, *messages: str) -> ApiError:
        return cls("invalid_arguments", {"response_metadata": {"messages": list(messages)}})


def text(params: dict[str, Any], key: str) -> str | None:
    value = params.get(key)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def required(params: dict[str, Any], key: str, error: str | None = None) -> str:
    """A non-empty string parameter; Slack's own error name when it has one."""
    value = text(params, key)
    if not value:
        if error is not None:
            raise ApiError(error)
        raise ApiError.invalid_arguments(f"[ERROR] missing required field: {key}")
    return value


def integer(params: dict[str, Any], key: str, default: int) -> int:
    value = params.get(key)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError.invalid_arguments(f"[ERROR] {key} must be an integer") from None


def boolean(params: dict[str, Any], key: str, default: bool = False) -> bool:
    value = params.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes"}


def structured(params: dict[str, Any], key: str, error: str) -> Any:
    """A JSON-valued parameter (`blocks`, `view`, `metadata`), decoded if it came as a string."""
    value = params.get(key)
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise ApiError(error) from None
    return value


def normalized(params: dict[str, Any]) -> dict[str, Any]:
    """A detached copy with JSON-in-a-string fields decoded, for recording and assertions."""
    copy: dict[str, Any] = json.loads(json.dumps(params, default=str))
    for key in ("blocks", "view", "metadata", "attachments"):
        value = copy.get(key)
        if isinstance(value, str):
            # Undecodable: keep the raw string, the method will reject it.
            with contextlib.suppress(json.JSONDecodeError):
                copy[key] = json.loads(value)
    return copy
