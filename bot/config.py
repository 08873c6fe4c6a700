"""Typed settings: the only place that reads the environment.

Values come from the process environment and a `.env` file (python-dotenv
through pydantic-settings). A bad value stops start-up with a message that
names the variable and how to fix it.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SLACK_API_DEFAULT = "https://slack.com/api/"
# A DATABASE_URL without a scheme is a SQLite file if it ends so (or is a path).
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")

# What to tell someone for each variable when its value is refused.
_HOW_TO_FIX = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token from your app's OAuth & Permissions page (starts with xoxb-)",
    "SLACK_APP_TOKEN": "an app-level token with connections:write from Basic Information (starts with xapp-)",
    "SLACK_SIGNING_SECRET": "the Signing Secret from your app's Basic Information page",
    "SLACK_API_URL": "an http(s) URL such as https://slack.com/api/ (GovSlack: https://slack-gov.com/api/)",
    "DATABASE_URL": "a SQLAlchemy URL such as sqlite:///coachflow.db or postgresql://user@host/db, "
    "or a SQLite file path ending in .db, .sqlite or .sqlite3 (or containing a /)",
    "COACHFLOW_LOG_LEVEL": "one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "COACHFLOW_DEFAULT_TIME_ZONE": "an IANA time zone such as Europe/Berlin or America/New_York",
    "COACHFLOW_MAX_UPLOAD_MB": "a whole number of megabytes from 1 to 1000 (default 20)",
    "COACHFLOW_CATALOG": "the path of a skill catalog JSON file (check it with `coachflow catalog check PATH`), "
    "or leave it unset for the shipped catalog",
    "COACHFLOW_MAX_REQUEST_KB": "a whole number of kilobytes from 64 to 10240 (default 1024)",
    "COACHFLOW_CHARTS": "on or off (also true/false, yes/no, 1/0)",
    "COACHFLOW_SAVE_DEADLINE_SECONDS": "seconds from 0.5 to 2.5 (default 2.0); Slack allows 3 to answer a form",
    "COACHFLOW_RETENTION_DAYS": "a whole number of days from 1 to 3650 (default 30): how long a workspace's "
    "coaching data is kept after the app is uninstalled there",
}


class ConfigError(Exception):
    """Configuration that cannot work; the message says what to change."""


def catalog_config_error(source: object, problems: Sequence[str]) -> ConfigError:
    """COACHFLOW_CATALOG names a file that cannot be used: one line, and where to see every problem."""
    count = len(problems)
    first = f", first: {problems[0]}" if problems else ""
    return ConfigError(
        f"COACHFLOW_CATALOG: {source} cannot be used ({count} problem{'' if count == 1 else 's'}{first}); "
        f"list them with `coachflow catalog check {source}`, or unset it for the shipped catalog."
    )


def how_to_fix(variable: str) -> str:
    """What to set `variable` to, in the words every configuration error uses."""
    return _HOW_TO_FIX.get(variable, "a valid value")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_api_url: str = Field(default=SLACK_API_DEFAULT, alias="SLACK_API_URL")
    database_url: str = Field(default="sqlite:///coachflow.db", alias="DATABASE_URL")
    log_level: str = Field(default="INFO", alias="COACHFLOW_LOG_LEVEL")
    default_time_zone: str = Field(default="UTC", alias="COACHFLOW_DEFAULT_TIME_ZONE")
    catalog_path: Path | None = Field(default=None, alias="COACHFLOW_CATALOG")
    # Charts (the skills radar, the impact/difficulty matrix) uploaded to DMs beside
    # their text version; off: the text version only, and no files:write calls.
    charts: bool = Field(default=True, alias="COACHFLOW_CHARTS")

    @field_validator("charts", mode="before")
    @classmethod
    def _charts(cls, value: object) -> object:
        # `COACHFLOW_CHARTS=` as copied from .env.example means the default, not an error.
        return True if isinstance(value, str) and not value.strip() else value
    # The largest CRM export someone may share in the app's DM; a bigger one is
    # refused before it is downloaded. 20 MB holds well over 50,000 deals.
    max_upload_mb: int = Field(default=20, ge=1, le=1000, alias="COACHFLOW_MAX_UPLOAD_MB")
    # How long a form's checks and save may wait for the database before the person
    # is told inline "could not save, try again" (and nothing is kept): the answer
    # must reach Slack within its 3 seconds, with room for the rest of the request.
    save_deadline_seconds: float = Field(default=2.0, ge=0.5, le=2.5, alias="COACHFLOW_SAVE_DEADLINE_SECONDS")

    # The largest request body HTTP mode accepts from Slack; a bigger one is
    # refused (413) before it is read. Slack's biggest payload is a view
    # submission: the whole view (up to 100 blocks) plus what was typed,
    # URL-encoded; Coachflow's largest modal is about 55 KB so (measured over
    # the handler tests), and a view at Slack's 100-block limit stays below 1 MB.
    max_request_kb: int = Field(default=1024, ge=64, le=10240, alias="COACHFLOW_MAX_REQUEST_KB")
    # How long a workspace's coaching data is kept after the app was uninstalled there (or its bot
    # token revoked); a reinstall within it keeps everything. docs/data-lifecycle.md.
    retention_days: int = Field(default=30, ge=1, le=3650, alias="COACHFLOW_RETENTION_DAYS")

    @field_validator("catalog_path", mode="before")
    @classmethod
    def _catalog_path(cls, value: object) -> object:
        # An empty variable means "use the shipped catalog", not Path(".").
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: str | None) -> str | None:
        if value and not value.startswith("xoxb-"):
            raise ValueError("a bot token starts with xoxb-")
        return value or None

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        if value and not value.startswith("xapp-"):
            raise ValueError("an app-level token starts with xapp-")
        return value or None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        # slack_sdk joins method names onto the base URL, so it needs the slash.
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        if "://" not in value:
            # A bare value is a SQLite file, but only one that looks like one:
            # a typo such as `DATABASE_URL=garbage` must not create a file named
            # garbage in the current directory.
            if not _looks_like_a_sqlite_path(value.strip()):
                raise ValueError(f"{value!r} is neither a URL nor a SQLite file path")
            return value
        scheme = value.split("://", 1)[0].lower()
        if scheme not in {"sqlite", "postgres", "postgresql", "postgresql+psycopg"}:
            raise ValueError(f"{scheme}:// is not supported (SQLite or PostgreSQL only)")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"unknown log level {value!r}")
        return level

    @field_validator("default_time_zone")
    @classmethod
    def _time_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # "America" is a tzdata folder
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_request_bytes(self) -> int:
        return self.max_request_kb * 1024

    def require_slack(self, *, http: bool) -> None:
        """Check the variables a real Slack connection needs, all at once, in one line."""
        missing = []
        if not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if http and not self.slack_signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
        if not http and not self.slack_app_token:
            missing.append("SLACK_APP_TOKEN")
        if missing:
            mode = "HTTP mode (--http)" if http else "Socket Mode"
            fixes = "; ".join(f"{name} is not set: set it to {_HOW_TO_FIX[name]}" for name in missing)
            hint = "" if http else " To serve HTTP instead, use `coachflow run --http` with SLACK_SIGNING_SECRET."
            raise ConfigError(f"{mode} needs {' and '.join(missing)}. {fixes}.{hint}")

    def require_bot_token(self, why: str) -> str:
        """The bot token, or one line saying what needs it (`why`: "sends DMs")."""
        if not self.slack_bot_token:
            raise ConfigError(
                f"SLACK_BOT_TOKEN is not set: this command {why} and needs Slack. "
                f"Set it to {_HOW_TO_FIX['SLACK_BOT_TOKEN']}."
            )
        return self.slack_bot_token

    def configure_logging(self) -> None:
        logging.basicConfig(
            level=self.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        # Alembic narrates every migration step at INFO; operators need the outcome only.
        logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(self.log_level)))


def load_settings(env_file: str | Path | None = ".env", **overrides: Any) -> Settings:
    """Read settings, turning validation errors into one readable `ConfigError`."""
    try:
        return Settings(_env_file=env_file, **overrides)
    except ValidationError as error:
        problems = []
        for issue in error.errors():
            name = str(issue["loc"][0]) if issue["loc"] else "?"
            field = Settings.model_fields.get(name)
            variable = field.alias if field is not None and field.alias else name
            reason = issue["msg"].removeprefix("Value error, ")
            fix = _HOW_TO_FIX.get(variable, "a valid value")
            problems.append(f"{variable}: {reason}. Set it to {fix}.")
        if len(problems) == 1:  # one problem, one line
            raise ConfigError(problems[0]) from None
        raise ConfigError("Invalid configuration:\n- " + "\n- ".join(problems)) from None


def _looks_like_a_sqlite_path(value: str) -> bool:
    """`coachflow.db`, `data/coach.sqlite3`, `~/coachflow.db`, `./coach`: yes; `garbage`: no."""
    return value.lower().endswith(SQLITE_SUFFIXES) or "/" in value or "\\" in value
