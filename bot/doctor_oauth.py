"""`coachflow doctor` in OAuth mode (many workspaces, issue 14): the keys, the installs, each workspace's bot.

Instead of one SLACK_BOT_TOKEN, an OAuth deployment has a token per installed
workspace, encrypted with COACHFLOW_TOKEN_KEYS. So the doctor checks:

- token keys: every stored token decrypts, and which still wait for `coachflow keys rotate`;
- workspaces: how many have installed the app (none: where to install it);
- one line per installed workspace (the first `MAX_WORKSPACES`): `auth.test` with its
  token, taken through `InstalledClients`, the path the scheduler sends with (a token
  about to expire is renewed and saved there, as the scheduler would: the doctor's only
  write); its scopes against manifest.yml; a token that expires with no refresh token.
"""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.models.bot import Bot
from sqlalchemy import Engine, MetaData, Table, select

from bot.config import Settings
from bot.doctor_findings import Finding, Status
from bot.installations import EncryptedInstallationStore
from bot.oauth import INSTALL_PATH
from bot.slack_check import REFUSED_TOKEN_ERRORS
from bot.token_keys import TokenCipher, TokensUnreadable
from bot.workspace_clients import InstalledClients
from handlers.jobs.workspace_sender import NotInstalled, TokenUnavailable
from storage.orm.slack_installations import TOKEN_COLUMNS, bots_table, installations_table

MAX_WORKSPACES = 20
REINSTALL = f"an admin of that workspace opens {INSTALL_PATH} on Coachflow's address and installs it again"
SCOPES_HEADER = "x-oauth-scopes"
SLACK_TIMEOUT_SECONDS = 10

_quiet = logging.getLogger("coachflow.doctor.slack")


@dataclass(frozen=True)
class Installed:
    """One workspace's bot row: who, and whether its tokens decrypt."""

    team_id: str | None
    enterprise_id: str | None
    name: str
    readable: bool

    @property
    def label(self) -> str:
        if self.team_id is None:
            return f"organisation {self.name} ({self.enterprise_id}, org-wide)"
        return f"{self.name} ({self.team_id})"


def token_keys_check(engine: Engine, settings: Settings) -> Finding:
    """Every stored token decrypts with COACHFLOW_TOKEN_KEYS; those not under the first key are a warning."""
    every = MultiFernet([Fernet(key.encode("ascii")) for key in settings.token_keys])
    first = Fernet(settings.token_keys[0].encode("ascii"))
    unreadable, old, total = set(), 0, 0
    with engine.connect() as connection:
        for table in _raw_tables():
            columns = TOKEN_COLUMNS[table.name]
            query = select(table.c.team_id, table.c.enterprise_id, *(table.c[name] for name in columns)).where(
                table.c.client_id == settings.slack_client_id)
            for team_id, enterprise_id, *tokens in connection.execute(query):
                for value in (v for v in tokens if v is not None):
                    total += 1
                    if not _decrypts(every, value):
                        unreadable.add(team_id or enterprise_id or "?")
                    elif not _decrypts(first, value):
                        old += 1
    if unreadable:
        return Finding("token keys", Status.PROBLEM, (
            f"COACHFLOW_TOKEN_KEYS cannot decrypt the stored tokens of {', '.join(sorted(unreadable))}: none of "
            "its keys encrypted them. Put the key they were stored under back in COACHFLOW_TOKEN_KEYS, after the "
            "new one (keys separated by commas), then run `coachflow keys rotate`."
        ))
    if old:
        return Finding("token keys", Status.WARNING, (
            f"{old} of {total} stored tokens are still under an older key of COACHFLOW_TOKEN_KEYS: run "
            "`coachflow keys rotate`, then remove the old key from COACHFLOW_TOKEN_KEYS."
        ))
    keys = len(settings.token_keys)
    if total == 0:
        plural = "s" if keys > 1 else ""
        return Finding("token keys", Status.OK, f"COACHFLOW_TOKEN_KEYS holds {keys} valid key{plural}; "
                       "no token is stored yet (none until a workspace installs).")
    which = "the key" if keys == 1 else f"the first of the {keys} keys"
    return Finding("token keys", Status.OK, f"all {total} stored tokens decrypt with {which} in COACHFLOW_TOKEN_KEYS.")


def installed_workspaces(engine: Engine, settings: Settings) -> list[Installed]:
    """Every workspace (or organisation) with a bot row, oldest install first, tokens not read."""
    bots = _raw_tables()[1]
    cipher = TokenCipher(settings.token_keys)
    query = select(bots.c.team_id, bots.c.enterprise_id, bots.c.team_name, bots.c.enterprise_name,
                   bots.c.bot_token).where(bots.c.client_id == settings.slack_client_id).order_by(bots.c.id)
    found: dict[tuple[str | None, str | None], Installed] = {}
    with engine.connect() as connection:
        for team_id, enterprise_id, team_name, enterprise_name, token in connection.execute(query):
            name = (team_name or enterprise_name or team_id or enterprise_id or "?") if team_id else \
                (enterprise_name or enterprise_id or "?")
            readable = token is None or _decrypts_with(cipher, token)
            found.pop((team_id, enterprise_id), None)  # the newest row of a workspace is the one in use
            found[(team_id, enterprise_id)] = Installed(team_id, enterprise_id, name, readable)
    return list(found.values())


def workspaces_check(installed: list[Installed]) -> Finding:
    if not installed:
        return Finding("workspaces", Status.WARNING, (
            f"no workspace has installed Coachflow yet: open https://<Coachflow's public address>{INSTALL_PATH} "
            "in a browser signed in to the workspace, and click Allow."
        ))
    shown = ", ".join(i.label for i in installed[:MAX_WORKSPACES])
    more = f" and {len(installed) - MAX_WORKSPACES} more" if len(installed) > MAX_WORKSPACES else ""
    return Finding("workspaces", Status.OK,
                   f"{len(installed)} installed: {shown}{more}.")


def workspace_checks(installed: list[Installed], settings: Settings, store: EncryptedInstallationStore,
                     wanted: set[str], now: datetime) -> list[Finding]:
    """One finding per workspace, the first MAX_WORKSPACES; then one line saying how many were not checked."""
    clients = InstalledClients.of(settings, store)
    findings = [_workspace_check(workspace, clients, wanted, now) for workspace in installed[:MAX_WORKSPACES]]
    if len(installed) > MAX_WORKSPACES:
        findings.append(Finding("more workspaces", Status.SKIPPED,
                                f"{len(installed) - MAX_WORKSPACES} more workspaces not checked (the doctor "
                                f"checks the first {MAX_WORKSPACES} installed)."))
    return findings


def _workspace_check(workspace: Installed, clients: InstalledClients, wanted: set[str], now: datetime) -> Finding:
    name = f"workspace {workspace.team_id or workspace.enterprise_id}"
    if not workspace.readable:
        return Finding(name, Status.SKIPPED, "its token does not decrypt with COACHFLOW_TOKEN_KEYS (see token keys).")
    try:
        bot = clients.bot(workspace.team_id, workspace.enterprise_id)
        # An org-wide install has no team: InstalledClients finds it by its enterprise.
        renewed = clients(workspace.team_id or "", workspace.enterprise_id)
        client = WebClient(token=renewed.token, base_url=renewed.base_url, timeout=SLACK_TIMEOUT_SECONDS,
                           logger=_quiet)  # the doctor says a failure once, in its own words
        response = client.auth_test()
    except (NotInstalled, TokensUnreadable):
        return Finding(name, Status.SKIPPED, f"{workspace.label}: its bot token is gone (uninstalled meanwhile?).")
    except TokenUnavailable as error:
        return Finding(name, Status.PROBLEM, (
            f"{workspace.label}: Slack would not renew the bot token ({error}), so nothing reaches this "
            f"workspace: {REINSTALL}." if "connection" not in str(error) else
            f"{workspace.label}: cannot reach Slack to renew the bot token ({error}); check SLACK_API_URL."
        ))
    except SlackApiError as error:
        code = str(error.response.get("error") or f"HTTP {error.response.status_code}")
        if code in REFUSED_TOKEN_ERRORS:
            return Finding(name, Status.PROBLEM, (
                f"{workspace.label}: Slack refused the bot token ({code}): the app was removed from the "
                f"workspace or the token revoked. If they still want Coachflow, {REINSTALL}."
            ))
        return Finding(name, Status.PROBLEM, f"{workspace.label}: auth.test answered {code}; try again in a minute.")
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        return Finding(name, Status.PROBLEM, f"{workspace.label}: cannot reach Slack ({reason}); check SLACK_API_URL.")
    headers = {str(k).lower(): str(v) for k, v in (response.headers or {}).items()}
    data = response.data if isinstance(response.data, dict) else {}
    return _verdict(name, workspace, bot, data, headers, wanted, now)


def _verdict(name: str, workspace: Installed, bot: Bot, data: Mapping[str, object], headers: Mapping[str, str],
             wanted: set[str], now: datetime) -> Finding:
    said = [f"{workspace.label}: bot @{data.get('user') or bot.bot_user_id or '?'} valid"]
    status = Status.OK
    header = headers.get(SCOPES_HEADER)
    granted = {s.strip() for s in header.split(",") if s.strip()} if header is not None else set(bot.bot_scopes)
    missing, extra = sorted(wanted - granted), sorted(granted - wanted)
    if missing:
        status = Status.PROBLEM
        said.append(f"lacks {', '.join(missing)} (in manifest.yml), so what needs "
                    f"{'it' if len(missing) == 1 else 'them'} fails there: {REINSTALL}")
    elif extra:
        status = Status.WARNING
        said.append(f"has {', '.join(extra)} too, which manifest.yml does not ask for")
    else:
        said.append(f"exactly the {len(wanted)} bot scopes of manifest.yml")
    expires = bot.bot_token_expires_at
    if expires is not None and not bot.bot_refresh_token:
        status = Status.PROBLEM
        left = datetime.fromtimestamp(expires, UTC) - now
        when = "has expired" if left.total_seconds() <= 0 else f"expires in {_hours(left.total_seconds())}"
        said.append(f"the token {when} and there is no refresh token to renew it: {REINSTALL}")
    elif expires is not None:
        said.append("the token is renewed before it expires")
    return Finding(name, status, "; ".join(said) + ".")


def _hours(seconds: float) -> str:
    return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60)} min"


def _raw_tables() -> list[Table]:
    metadata = MetaData()
    return [installations_table(metadata), bots_table(metadata)]


def _decrypts(fernet: Fernet | MultiFernet, value: str) -> bool:
    try:
        fernet.decrypt(value.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def _decrypts_with(cipher: TokenCipher, value: str) -> bool:
    try:
        cipher.decrypt(value)
    except TokensUnreadable:
        return False
    return True
