"""`response_url` is only ever used when it points at Slack itself.

The URL arrives in the request body, so whoever can make Bolt parse a body
chooses it. Slack's response URLs live on `hooks.slack.com` (GovSlack:
`hooks.slack-gov.com`), always over https; the tests' fake Slack is allowed
through the configured `SLACK_API_URL` origin (scheme, host and port).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import BoltContext, BoltRequest

log = logging.getLogger("coachflow.edge")

SLACK_RESPONSE_URL_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
# Set by the first Coachflow middleware, which Bolt runs only after its own
# signature check passed: the error handler answers only such requests.
VERIFIED_KEY = "coachflow_verified"


def url_origin(url: str) -> str | None:
    """`scheme://host:port` of a URL, lower-cased, or None when it is not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a port that is not a number, brackets that do not close
        return None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    port = port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{parts.hostname.lower()}:{port}"


@dataclass(frozen=True)
class ResponseUrlPolicy:
    extra_origins: frozenset[str] = frozenset()

    @classmethod
    def with_extra_origins(cls, urls: Iterable[str]) -> ResponseUrlPolicy:
        return cls(frozenset(origin for origin in map(url_origin, urls) if origin is not None))

    def allows(self, url: object) -> bool:
        """The one host rule for every `respond()`: Slack's hooks over https, or an extra origin."""
        if not isinstance(url, str):
            return False
        origin = url_origin(url)
        if origin is None:
            return False
        if origin in self.extra_origins:
            return True
        scheme_host = origin.rsplit(":", 1)[0]
        return scheme_host in {f"https://{host}" for host in SLACK_RESPONSE_URL_HOSTS} and origin.endswith(":443")


def guard_response_urls(policy: ResponseUrlPolicy) -> Callable[..., Any]:
    def guard(
        req: BoltRequest, context: BoltContext, body: dict[str, Any], next: Callable[[], Any],  # noqa: A002 - Bolt's name
    ) -> Any:
        context[VERIFIED_KEY] = True
        if _drop_foreign(body, context, policy):
            # Host only: the path of a response URL is a credential.
            host = urlsplit(str(context.get("response_url_refused") or "")).hostname
            log.warning("ignored a response_url outside Slack (host %s)", host)
        return next()

    return guard


def _drop_foreign(body: dict[str, Any], context: BoltContext, policy: ResponseUrlPolicy) -> bool:
    refused: list[str] = []
    if "response_url" in body and not policy.allows(body["response_url"]):
        refused.append(str(body.pop("response_url")))
    urls = body.get("response_urls")
    if isinstance(urls, list):
        kept = [entry for entry in urls if isinstance(entry, dict) and policy.allows(entry.get("response_url"))]
        refused.extend(str(entry.get("response_url") if isinstance(entry, dict) else entry)
                       for entry in urls if entry not in kept)
        body["response_urls"] = kept
    if context.get("response_url") is not None and not policy.allows(context["response_url"]):
        refused.append(str(context["response_url"]))
    if not refused:
        return False
    # Bolt copied the URL into the context (and may have built respond() from it).
    context.pop("response_url", None)
    context.pop("respond", None)
    context["response_url_refused"] = refused[0]
    return True
