"""Asking Slack whether the bot token works, for the commands that need Slack.

Only commands that talk to Slack call this (`run`, `scheduler`, `jobs
run-due`, and `admin grant` when a token is set); reading the database never
does. A refused token is a configuration error (exit 2); a Slack that cannot
be reached is `SlackUnreachable` (exit 1: try again later).
"""

from __future__ import annotations

import logging
import urllib.error

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import ConfigError, Settings, how_to_fix

# auth.test errors that mean the token itself is wrong, not that Slack is down.
REFUSED_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"}
)
VERIFY_TIMEOUT_SECONDS = 10

# slack_sdk logs a failed request at ERROR before raising it; the command says
# it once, in its own line, so the client used here keeps quiet.
_quiet = logging.getLogger("coachflow.slack_check")
_quiet.setLevel(logging.CRITICAL)
_quiet.propagate = False


class SlackUnreachable(Exception):
    """Slack did not answer (network, DNS, a 5xx): the command could not run now."""


def bot_client(settings: Settings, why: str) -> WebClient:
    """A Web API client whose token Slack has accepted; `why` says what the command needs Slack for."""
    token = settings.require_bot_token(why)
    verify_bot_token(token, settings.slack_api_url)
    return WebClient(token=token, base_url=settings.slack_api_url)


def verify_bot_token(token: str, api_url: str) -> dict[str, object]:
    """auth.test: the team and bot the token belongs to, or one clear error."""
    client = WebClient(token=token, base_url=api_url, timeout=VERIFY_TIMEOUT_SECONDS, logger=_quiet)
    try:
        response = client.auth_test()
    except SlackApiError as error:
        code = str(error.response.get("error") or f"HTTP {error.response.status_code}")
        if code in REFUSED_TOKEN_ERRORS:
            raise ConfigError(
                f"SLACK_BOT_TOKEN: Slack refused the token ({code}). Set it to {how_to_fix('SLACK_BOT_TOKEN')}."
            ) from None
        raise SlackUnreachable(
            f"Slack at {api_url} did not accept auth.test ({_short(code)}); try again later, or check SLACK_API_URL."
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise SlackUnreachable(
            f"cannot reach Slack at {api_url} ({_short(str(reason))}); check the network or SLACK_API_URL."
        ) from None
    return dict(response.data) if isinstance(response.data, dict) else {}


def _short(text: str) -> str:
    # An HTML error page from a proxy would otherwise fill the terminal.
    line = " ".join(text.split())
    return line if len(line) <= 120 else line[:117] + "..."
