"""`coachflow doctor`: check a deployment end to end and say what to fix.

One finding per check, each ok, warning, problem or skipped (a check that
cannot run because an earlier one failed), with what to do in plain words.
The checks only read: nothing is created, migrated, locked or sent, so the
doctor is safe to run beside a live deployment, as often as you like.

The settings and Slack checks are here; the database ones (schema, the
dispatcher lock, the last tick) are in bot/doctor_database.py, and what a
finding is in bot/doctor_findings.py.
"""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import doctor_database, doctor_oauth
from bot.config import ConfigError, Settings, how_to_fix, load_settings
from bot.doctor_findings import Finding, Status, masked
from bot.installations import EncryptedInstallationStore
from bot.manifest import load_manifest
from bot.oauth import require_oauth_start
from bot.slack_check import REFUSED_TOKEN_ERRORS
from bot.token_keys import TokenCipher
from domain.errors import InvalidInput
from storage.dispatcher_lock import DISPATCHER_LOCK_KEY

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"
SLACK_TIMEOUT_SECONDS = 10
SCOPES_HEADER = "x-oauth-scopes"

# slack_sdk logs a failed call at ERROR before raising it; the doctor says it once, in its own words.
_quiet = logging.getLogger("coachflow.doctor.slack")
_quiet.setLevel(logging.CRITICAL)
_quiet.propagate = False


@dataclass(frozen=True)
class SlackAnswer:
    """auth.test's body and headers, when Slack accepted the token."""

    data: Mapping[str, object]
    headers: Mapping[str, str]


def diagnose(
    *,
    http: bool,
    env_file: str | Path | None = ".env",
    now: datetime | None = None,
    lock_key: int = DISPATCHER_LOCK_KEY,
) -> list[Finding]:
    """Every check, in the order an operator fixes things; `lock_key` lets tests keep to themselves."""
    try:
        settings = load_settings(env_file)
    except ConfigError as error:
        return [Finding("settings", Status.PROBLEM, " ".join(str(error).split()))] + [
            Finding(name, Status.SKIPPED, "needs valid settings first.") for name in LATER_CHECKS
        ]
    findings = [settings_check(settings, http=http),
                signing_secret_check(settings, http=http or settings.oauth_enabled)]
    database = doctor_database.open_database(settings.database_url)
    try:
        findings.append(database.finding)
        if settings.oauth_enabled:  # issue 14: a token per installed workspace (bot/doctor_oauth.py)
            findings += oauth_checks(settings, database, now or datetime.now(UTC))
        else:
            answer, token_finding = slack_token_check(settings)
            findings += [token_finding, scopes_check(answer)]
        findings.append(doctor_database.dispatcher_check(database, lock_key))
        findings.append(doctor_database.last_tick_check(database, now or datetime.now(UTC)))
    finally:
        database.close()
    return findings


LATER_CHECKS = ("signing secret", "database", "slack token", "scopes", "dispatcher", "last tick")


def settings_check(settings: Settings, *, http: bool) -> Finding:
    if settings.oauth_enabled:
        return oauth_settings_check(settings, http=http)
    half = _half_oauth(settings)
    if half is not None:
        return half
    mode = "HTTP mode" if http else "Socket Mode"
    try:
        settings.require_slack(http=http)
    except ConfigError as error:
        return Finding("settings", Status.PROBLEM, str(error))
    needs = "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" if http else "SLACK_BOT_TOKEN and SLACK_APP_TOKEN"
    return Finding("settings", Status.OK, f"{mode}: {needs} are set; database {masked(settings.database_url)}.")


def oauth_settings_check(settings: Settings, *, http: bool) -> Finding:
    """OAuth mode (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set): HTTP only, with the keys and the signing secret."""
    try:
        require_oauth_start(settings, http=http)
    except ConfigError as error:
        return Finding("settings", Status.PROBLEM, str(error))
    keys = len(settings.token_keys)
    return Finding("settings", Status.OK, (
        f"OAuth (many workspaces), HTTP mode: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET and "
        f"COACHFLOW_TOKEN_KEYS ({keys} key{'s' if keys > 1 else ''}) are set; database {masked(settings.database_url)}."
    ))


def _half_oauth(settings: Settings) -> Finding | None:
    """One of SLACK_CLIENT_ID / SLACK_CLIENT_SECRET without the other: OAuth is off, surely not as meant."""
    if bool(settings.slack_client_id) == bool(settings.slack_client_secret):
        return None
    have, lack = (("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET") if settings.slack_client_id
                  else ("SLACK_CLIENT_SECRET", "SLACK_CLIENT_ID"))
    return Finding("settings", Status.PROBLEM, (
        f"{have} is set but {lack} is not, so Coachflow runs for one workspace (SLACK_BOT_TOKEN) and ignores "
        f"{have}. For many workspaces set {lack} to {how_to_fix(lack)}; for one, remove {have}."
    ))


def oauth_checks(settings: Settings, database: doctor_database.Database, now: datetime) -> list[Finding]:
    """token keys, workspaces, then one line per installed workspace (bot/doctor_oauth.py)."""
    if not settings.token_keys:
        return [Finding(name, Status.SKIPPED, "needs COACHFLOW_TOKEN_KEYS (see settings).")
                for name in ("token keys", "workspaces")]
    if database.engine is None or not database.at_head:
        return [Finding(name, Status.SKIPPED, "needs the database at the newest schema (see database).")
                for name in ("token keys", "workspaces")]
    engine = database.engine
    keys = doctor_oauth.token_keys_check(engine, settings)
    installed = doctor_oauth.installed_workspaces(engine, settings)
    findings = [keys, doctor_oauth.workspaces_check(installed)]
    try:
        wanted = manifest_scopes()
    except InvalidInput as error:
        return [*findings, Finding("scopes", Status.WARNING, f"cannot compare: {error}")]
    assert settings.slack_client_id
    store = EncryptedInstallationStore(settings.slack_client_id, engine, TokenCipher(settings.token_keys))
    return findings + doctor_oauth.workspace_checks(installed, settings, store, wanted, now)


def signing_secret_check(settings: Settings, *, http: bool) -> Finding:
    secret = settings.slack_signing_secret
    if not secret:
        if http:
            return Finding("signing secret", Status.PROBLEM,
                           f"SLACK_SIGNING_SECRET is not set: HTTP mode refuses every request without it. "
                           f"Set it to {how_to_fix('SLACK_SIGNING_SECRET')}.")
        return Finding("signing secret", Status.OK, "not needed in Socket Mode (HTTP mode needs it).")
    if secret != secret.strip() or any(c.isspace() or c in "\"'" for c in secret):
        return Finding("signing secret", Status.PROBLEM,
                       "SLACK_SIGNING_SECRET holds spaces or quotes, so no request's signature will match: "
                       "copy it again from Basic Information, without quotes.")
    if secret.startswith(("xoxb-", "xoxp-", "xapp-")):
        return Finding("signing secret", Status.PROBLEM,
                       "SLACK_SIGNING_SECRET holds a token, not the Signing Secret: "
                       f"set it to {how_to_fix('SLACK_SIGNING_SECRET')}.")
    where = "" if http else " (only HTTP mode uses it)"
    return Finding("signing secret", Status.OK, f"set{where}; Slack's requests are checked against it.")


def slack_token_check(settings: Settings) -> tuple[SlackAnswer | None, Finding]:
    """auth.test with SLACK_BOT_TOKEN: valid, and for which workspace."""
    if not settings.slack_bot_token:
        return None, Finding("slack token", Status.SKIPPED, "SLACK_BOT_TOKEN is not set (see settings).")
    api = settings.slack_api_url
    client = WebClient(token=settings.slack_bot_token, base_url=api, timeout=SLACK_TIMEOUT_SECONDS, logger=_quiet)
    try:
        response = client.auth_test()
    except SlackApiError as error:
        code = str(error.response.get("error") or f"HTTP {error.response.status_code}")
        if code in REFUSED_TOKEN_ERRORS:
            return None, Finding("slack token", Status.PROBLEM, (
                f"Slack refused SLACK_BOT_TOKEN ({code}): the app was uninstalled, or the token was revoked, "
                f"rotated or mistyped. Set it to {how_to_fix('SLACK_BOT_TOKEN')}; if the page shows none, "
                "install the app again (Install to Workspace)."
            ))
        return None, Finding("slack token", Status.PROBLEM,
                             f"Slack at {api} answered auth.test with {_short(code)}; try again in a minute, "
                             "or check SLACK_API_URL.")
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        return None, Finding("slack token", Status.PROBLEM,
                             f"cannot reach Slack at {api} ({_short(str(reason))}): check the network, "
                             "a proxy or firewall, and SLACK_API_URL.")
    data = dict(response.data) if isinstance(response.data, dict) else {}
    headers = {str(k).lower(): str(v) for k, v in (response.headers or {}).items()}
    return SlackAnswer(data, headers), Finding("slack token", Status.OK, _workspace(data))


def _workspace(data: Mapping[str, object]) -> str:
    team, team_id = data.get("team") or "?", data.get("team_id") or "?"
    bot, bot_id = data.get("user") or "?", data.get("user_id") or "?"
    grid = f", Enterprise Grid {data['enterprise_id']}" if data.get("enterprise_id") else ""
    return f"valid for workspace {team} ({team_id}{grid}), bot @{bot} ({bot_id})."


def manifest_scopes(path: Path = MANIFEST) -> set[str]:
    manifest = load_manifest(path)
    return set(manifest.get("oauth_config", {}).get("scopes", {}).get("bot", []))


def scopes_check(answer: SlackAnswer | None, manifest: Path = MANIFEST) -> Finding:
    """The token's scopes (Slack's x-oauth-scopes header) against manifest.yml's bot scopes."""
    if answer is None:
        return Finding("scopes", Status.SKIPPED, "needs a token Slack accepts (see slack token).")
    try:
        wanted = manifest_scopes(manifest)
    except InvalidInput as error:
        return Finding("scopes", Status.WARNING, f"cannot compare: {error}")
    header = answer.headers.get(SCOPES_HEADER)
    if header is None:
        return Finding("scopes", Status.WARNING,
                       "Slack did not say which scopes the token has (no x-oauth-scopes header): compare the "
                       "app's OAuth & Permissions page with manifest.yml by hand.")
    granted = {scope.strip() for scope in header.split(",") if scope.strip()}
    missing, extra = sorted(wanted - granted), sorted(granted - wanted)
    extra_note = (f" It also has {', '.join(extra)}, which Coachflow does not use: remove "
                  f"{'it' if len(extra) == 1 else 'them'} from the app's configuration.") if extra else ""
    if missing:
        return Finding("scopes", Status.PROBLEM, (
            f"the token lacks {', '.join(missing)}, which manifest.yml asks for, so what needs "
            f"{'it' if len(missing) == 1 else 'them'} fails. Paste manifest.yml into the app's App Manifest "
            "page, reinstall the app (OAuth & Permissions, Reinstall to Workspace), and copy the token into "
            f"SLACK_BOT_TOKEN again if it changed.{extra_note}"
        ))
    if extra:
        return Finding("scopes", Status.WARNING,
                       f"all {len(wanted)} scopes of manifest.yml are granted.{extra_note} Then reinstall the app.")
    return Finding("scopes", Status.OK, f"the token has exactly the {len(wanted)} bot scopes of manifest.yml.")


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 160 else line[:157] + "..."
