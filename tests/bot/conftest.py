"""Shared set-up for the `bot` package tests (settings, CLI, demo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo import transcript

# Every variable Settings reads: a developer's shell (or CI) must not leak into
# what these tests see, so each test starts with none of them set.
SETTINGS_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_API_URL",
    "DATABASE_URL",
    "COACHFLOW_LOG_LEVEL",
    "COACHFLOW_DEFAULT_TIME_ZONE",
    "COACHFLOW_CATALOG",
)


@pytest.fixture(autouse=True)
def _clean_settings_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DATABASE_URL pointing at a SQLite file that does not exist yet (the CLI tests)."""
    path = tmp_path / "data" / "coachflow.db"
    path.parent.mkdir()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def demo() -> str:
    """The whole demo's transcript, played once for every demo test (it takes a while)."""
    return transcript()

# Issue 14: OAuth mode's variables must not leak from a shell either.
OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "COACHFLOW_TOKEN_KEYS")


@pytest.fixture(autouse=True)
def _clean_oauth_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OAUTH_VARIABLES:
        monkeypatch.delenv(name, raising=False)
