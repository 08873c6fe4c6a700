"""Settings: defaults, where values come from, and messages for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import SLACK_API_DEFAULT, ConfigError, load_settings

BOT_TOKEN = "xoxb-1-test"
APP_TOKEN = "xapp-1-test"


def test_defaults_without_environment_or_file() -> None:
    settings = load_settings(None)

    assert settings.slack_bot_token is None
    assert settings.slack_app_token is None
    assert settings.slack_signing_secret is None
    assert settings.slack_api_url == SLACK_API_DEFAULT == "https://slack.com/api/"
    assert settings.database_url == "sqlite:///coachflow.db"
    assert settings.log_level == "INFO"
    assert settings.default_time_zone == "UTC"
    assert settings.max_upload_bytes == 20 * 1024 * 1024
    assert settings.charts is True


@pytest.mark.parametrize(("given", "used"), [("off", False), ("false", False), ("0", False), ("no", False),
                                             ("on", True), ("TRUE", True), ("1", True), ("", True)])
def test_charts_are_switched_with_the_usual_words_and_empty_means_on(given: str, used: bool) -> None:
    assert load_settings(None, COACHFLOW_CHARTS=given).charts is used


def test_overrides_by_variable_name() -> None:
    settings = load_settings(
        None,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_SIGNING_SECRET="shh",
        DATABASE_URL="sqlite:///elsewhere.db",
        COACHFLOW_LOG_LEVEL="debug",
        COACHFLOW_DEFAULT_TIME_ZONE="Europe/Berlin",
    )

    assert settings.slack_bot_token == BOT_TOKEN
    assert settings.slack_app_token == APP_TOKEN
    assert settings.slack_signing_secret == "shh"
    assert settings.database_url == "sqlite:///elsewhere.db"
    assert settings.log_level == "DEBUG"  # case does not matter
    assert settings.default_time_zone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("https://slack-gov.com/api", "https://slack-gov.com/api/"),
        ("https://slack-gov.com/api/", "https://slack-gov.com/api/"),
        ("http://127.0.0.1:8080/api", "http://127.0.0.1:8080/api/"),
    ],
)
def test_slack_api_url_always_ends_with_a_slash(given: str, used: str) -> None:
    assert load_settings(None, SLACK_API_URL=given).slack_api_url == used


def test_empty_tokens_count_as_unset() -> None:
    # `SLACK_BOT_TOKEN=` as copied from .env.example means "not set", not "bad".
    settings = load_settings(None, SLACK_BOT_TOKEN="", SLACK_APP_TOKEN="")

    assert settings.slack_bot_token is None
    assert settings.slack_app_token is None


@pytest.mark.parametrize(
    ("variable", "value", "fix"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token", "xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-not-an-app-token", "xapp-"),
        ("SLACK_API_URL", "slack.com/api", "https://slack.com/api/"),
        ("COACHFLOW_LOG_LEVEL", "LOUD", "DEBUG, INFO, WARNING, ERROR"),
        ("COACHFLOW_DEFAULT_TIME_ZONE", "Mars/Base", "Europe/Berlin"),
        ("COACHFLOW_DEFAULT_TIME_ZONE", "America", "Europe/Berlin"),
        ("COACHFLOW_CHARTS", "sometimes", "on or off"),
        ("COACHFLOW_MAX_UPLOAD_MB", "0", "from 1 to 1000"),
        ("COACHFLOW_MAX_UPLOAD_MB", "lots", "from 1 to 1000"),
    ],
)
def test_bad_value_names_the_variable_and_how_to_fix_it(variable: str, value: str, fix: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(None, **{variable: value})

    message = str(raised.value)
    assert f"{variable}:" in message
    assert "Set it to" in message and fix in message
    # Pydantic's own wording and links are not for operators.
    assert "pydantic" not in message.lower()
    assert "validation error" not in message.lower()


def test_bad_tokens_are_not_echoed_back() -> None:
    # A pasted secret must not end up in logs just because it had the wrong prefix.
    with pytest.raises(ConfigError) as raised:
        load_settings(None, SLACK_BOT_TOKEN="xoxp-secret-value-123")

    assert "secret-value-123" not in str(raised.value)


def test_several_bad_values_are_reported_at_once() -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(
            None,
            SLACK_BOT_TOKEN="nope",
            SLACK_APP_TOKEN="nope",
            COACHFLOW_LOG_LEVEL="LOUD",
            COACHFLOW_DEFAULT_TIME_ZONE="Mars/Base",
        )

    message = str(raised.value)
    for variable in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "COACHFLOW_LOG_LEVEL", "COACHFLOW_DEFAULT_TIME_ZONE"):
        assert f"{variable}:" in message
    assert message.count("\n- ") == 4  # one line per problem


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", "https://slack-gov.com/api")
    monkeypatch.setenv("COACHFLOW_DEFAULT_TIME_ZONE", "Asia/Tokyo")

    settings = load_settings(None)

    assert settings.slack_bot_token == BOT_TOKEN
    assert settings.slack_api_url == "https://slack-gov.com/api/"
    assert settings.default_time_zone == "Asia/Tokyo"


def test_bad_value_in_the_environment_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHFLOW_LOG_LEVEL", "chatty")

    with pytest.raises(ConfigError, match="COACHFLOW_LOG_LEVEL"):
        load_settings(None)


def _write_env_file(path: Path) -> Path:
    path.write_text(
        "# copied from .env.example\n"
        f"SLACK_BOT_TOKEN={BOT_TOKEN}\n"
        f"SLACK_APP_TOKEN={APP_TOKEN}\n"
        "SLACK_SIGNING_SECRET=\n"
        "DATABASE_URL=sqlite:///from-file.db\n"
        "COACHFLOW_DEFAULT_TIME_ZONE=America/New_York\n",
        encoding="utf-8",
    )
    return path


def test_values_come_from_an_env_file(tmp_path: Path) -> None:
    settings = load_settings(_write_env_file(tmp_path / ".env"))

    assert settings.slack_bot_token == BOT_TOKEN
    assert settings.slack_app_token == APP_TOKEN
    assert not settings.slack_signing_secret
    assert settings.database_url == "sqlite:///from-file.db"
    assert settings.default_time_zone == "America/New_York"


def test_environment_wins_over_the_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As .env.example promises: "the process environment wins over this file".
    monkeypatch.setenv("COACHFLOW_DEFAULT_TIME_ZONE", "Europe/Berlin")

    settings = load_settings(_write_env_file(tmp_path / ".env"))

    assert settings.default_time_zone == "Europe/Berlin"
    assert settings.slack_bot_token == BOT_TOKEN  # the rest still from the file


def test_bad_value_in_an_env_file_is_reported(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_APP_TOKEN=xoxb-wrong-kind\n", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"SLACK_APP_TOKEN: .*xapp-"):
        load_settings(env_file)


def test_missing_env_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.env").database_url == "sqlite:///coachflow.db"


# -- require_slack ---------------------------------------------------------------


def test_socket_mode_without_app_token_names_it_and_mentions_http() -> None:
    settings = load_settings(None, SLACK_BOT_TOKEN=BOT_TOKEN)

    with pytest.raises(ConfigError) as raised:
        settings.require_slack(http=False)

    message = str(raised.value)
    assert "SLACK_APP_TOKEN" in message
    assert "xapp-" in message  # what to set it to
    assert "--http" in message  # the other way to run
    assert "SLACK_BOT_TOKEN is not set" not in message  # that one is fine


def test_socket_mode_with_both_tokens_is_ready() -> None:
    load_settings(None, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN).require_slack(http=False)


def test_http_mode_without_signing_secret_names_it() -> None:
    settings = load_settings(None, SLACK_BOT_TOKEN=BOT_TOKEN)

    with pytest.raises(ConfigError) as raised:
        settings.require_slack(http=True)

    message = str(raised.value)
    assert "SLACK_SIGNING_SECRET" in message
    assert "Signing Secret" in message and "Basic Information" in message
    assert "SLACK_APP_TOKEN" not in message  # HTTP mode does not need one


def test_http_mode_with_token_and_secret_is_ready() -> None:
    load_settings(None, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET="shh").require_slack(http=True)


def test_nothing_set_lists_every_missing_variable_at_once() -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(None).require_slack(http=True)

    message = str(raised.value)
    assert "SLACK_BOT_TOKEN" in message
    assert "SLACK_SIGNING_SECRET" in message


# -- DATABASE_URL: a URL, or something that is plainly a SQLite file ------------------


@pytest.mark.parametrize(
    "value",
    ["coachflow.db", "data.sqlite", "data.SQLITE3", "./coach", "data/coach", "~/coachflow.db",
     "sqlite:///garbage", "postgresql://u@h/db", "postgres://u@h/db"],
)
def test_database_url_takes_a_url_or_a_sqlite_path(value: str) -> None:
    assert load_settings(None, DATABASE_URL=value).database_url == value


@pytest.mark.parametrize("value", ["garbage", "coachflow", "localhost", "db"])
def test_a_bare_word_is_not_a_database(value: str) -> None:
    # `DATABASE_URL=garbage` used to create a SQLite file named garbage.
    with pytest.raises(ConfigError) as raised:
        load_settings(None, DATABASE_URL=value)

    message = str(raised.value)
    assert message.startswith("DATABASE_URL: ") and "\n" not in message
    assert ".db" in message and "sqlite:///" in message


def test_one_bad_value_is_one_line() -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(None, COACHFLOW_LOG_LEVEL="LOUD")

    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("value", ["0", "3651", "thirty", "1.5"])
def test_a_retention_period_out_of_range_names_the_variable_and_the_range(value: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(None, COACHFLOW_RETENTION_DAYS=value)
    assert str(error.value).startswith("COACHFLOW_RETENTION_DAYS: ")
    assert "a whole number of days from 1 to 3650 (default 30)" in str(error.value)


def test_the_retention_period_is_thirty_days_unless_set() -> None:
    assert load_settings(None).retention_days == 30
    assert load_settings(None, COACHFLOW_RETENTION_DAYS="90").retention_days == 90
