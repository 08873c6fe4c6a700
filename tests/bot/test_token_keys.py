"""Tokens at rest: slack-sdk's installation store on our tables, Fernet-encrypted (issue 14)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, text

from bot.config import ConfigError, load_settings
from bot.installations import EncryptedInstallationStore, OAuthStateStore
from bot.token_keys import TokenCipher, TokensUnreadable, check_tokens_readable, new_key, rotate_tokens
from storage import migrate
from storage.uow import make_engine
from tests.bot.cli_steps import run

# Slack's rotating tokens are much longer than the classic xoxb-: give them room to grow.
LONG_BOT_TOKEN = "xoxe.xoxb-1-" + "MS0yLTEyMzQ1Njc4OTAxMjMtMTIzNDU2Nzg5MDEyMy0" * 6
LONG_REFRESH = "xoxe-1-" + "My0xLTEyMzQ1Njc4OTAxMjMtMTIzNDU2Nzg5MDEyMy0" * 6
USER_TOKEN = "xoxe.xoxp-1-" + "user" * 40
KEY_A, KEY_B = new_key(), new_key()


def _installation(team_id: str = "T1", enterprise_id: str | None = None) -> Installation:
    return Installation(
        app_id="A1", enterprise_id=enterprise_id, team_id=team_id, user_id="U1",
        bot_token=LONG_BOT_TOKEN, bot_id="B1", bot_user_id="UB1", bot_scopes="chat:write,im:write",
        bot_refresh_token=LONG_REFRESH, bot_token_expires_in=43200,
        user_token=USER_TOKEN, user_refresh_token=LONG_REFRESH, user_token_expires_in=43200,
        installed_at=time.time(),
    )


def _raw_token_cells(engine: Engine) -> list[str]:
    cells: list[str] = []
    with engine.connect() as connection:
        for table, columns in (("slack_installations", "bot_token, bot_refresh_token, user_token, user_refresh_token"),
                               ("slack_bots", "bot_token, bot_refresh_token")):
            for row in connection.execute(text(f"SELECT {columns} FROM {table}")):
                cells += [value for value in row if value is not None]
    return cells


def test_a_long_rotated_token_is_saved_encrypted_and_read_back(engine: Engine) -> None:
    store = EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A]))

    store.save(_installation())

    found = store.find_installation(enterprise_id=None, team_id="T1")
    assert found is not None
    assert (found.bot_token, found.bot_refresh_token, found.user_token) == (LONG_BOT_TOKEN, LONG_REFRESH, USER_TOKEN)
    bot = store.find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == LONG_BOT_TOKEN and bot.bot_refresh_token == LONG_REFRESH
    cells = _raw_token_cells(engine)
    assert len(cells) == 6  # 4 in the installation, 2 in the bot
    for cell in cells:
        assert "xox" not in cell
        assert cell.startswith("gAAAAA")  # Fernet's version byte and timestamp


def test_an_org_wide_install_is_found_by_its_enterprise(engine: Engine) -> None:
    store = EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A]))
    org = _installation(team_id="", enterprise_id="E1")
    org.team_id = None
    org.is_enterprise_install = True
    store.save(org)

    bot = store.find_bot(enterprise_id="E1", team_id="T9", is_enterprise_install=True)

    assert bot is not None and bot.bot_token == LONG_BOT_TOKEN and bot.is_enterprise_install


def test_rotation_re_encrypts_every_token_under_the_first_key(engine: Engine) -> None:
    EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A])).save(_installation())
    before = _raw_token_cells(engine)

    report = rotate_tokens(engine, TokenCipher([KEY_B, KEY_A]))

    assert report.tokens == {"slack_installations": 4, "slack_bots": 2}
    after = _raw_token_cells(engine)
    assert not set(before) & set(after)
    # The new key alone now reads everything; the old key alone reads nothing.
    assert check_tokens_readable(engine, TokenCipher([KEY_B])) == 6
    store = EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_B]))
    found = store.find_bot(enterprise_id=None, team_id="T1")
    assert found is not None and found.bot_token == LONG_BOT_TOKEN
    with pytest.raises(TokensUnreadable):
        check_tokens_readable(engine, TokenCipher([KEY_A]))


def test_a_wrong_key_says_so_plainly_and_rotation_changes_nothing(engine: Engine) -> None:
    EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A])).save(_installation())
    before = _raw_token_cells(engine)

    with pytest.raises(TokensUnreadable) as at_start:
        check_tokens_readable(engine, TokenCipher([KEY_B]))
    with pytest.raises(TokensUnreadable):
        rotate_tokens(engine, TokenCipher([new_key(), KEY_B]))

    assert "COACHFLOW_TOKEN_KEYS cannot decrypt" in str(at_start.value)
    assert "coachflow keys rotate" in str(at_start.value)
    assert sorted(_raw_token_cells(engine)) == sorted(before)


def test_oauth_states_are_issued_and_consumed_once(engine: Engine) -> None:
    states = OAuthStateStore(engine)

    state = states.issue()

    assert states.consume(state)
    assert not states.consume(state)


def test_the_stores_never_create_tables(engine: Engine) -> None:
    with pytest.raises(RuntimeError, match="db upgrade"):
        EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A])).create_tables()


# -- the settings and the CLI ------------------------------------------------------


def test_a_malformed_key_stops_start_up_naming_the_variable_and_how_to_make_one() -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(None, COACHFLOW_TOKEN_KEYS=f"{KEY_A},not-a-key")

    message = str(refused.value)
    assert message.startswith("COACHFLOW_TOKEN_KEYS: key 2 of 2 is not a Fernet key")
    assert "coachflow keys new" in message


def test_keys_new_prints_a_usable_key(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "keys", "new")

    assert status == 0
    assert load_settings(None, COACHFLOW_TOKEN_KEYS=out.strip()).token_keys == (out.strip(),)


def test_keys_rotate_reports_counts(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A])).save(_installation())
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", f"{KEY_B},{KEY_A}")

    status, out, err = run(capsys, "keys", "rotate")

    assert (status, err) == (0, "")
    assert out.startswith("Re-encrypted 6 tokens under the first key of COACHFLOW_TOKEN_KEYS: "
                          "4 in 1 installation(s), 2 in 1 bot(s).")
    assert check_tokens_readable(engine, TokenCipher([KEY_B])) == 6
    engine.dispose()


def test_keys_rotate_with_the_wrong_keys_fails_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A])).save(_installation())
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", KEY_B)

    status, out, err = run(capsys, "keys", "rotate")

    assert status == 2 and out == ""
    assert err.startswith("coachflow: COACHFLOW_TOKEN_KEYS cannot decrypt a stored Slack token")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def _oauth_env(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for name, value in {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x",
                        "DATABASE_URL": url}.items():
        monkeypatch.setenv(name, value)


def test_run_in_oauth_mode_without_keys_names_the_variable_and_how_to_make_one(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _oauth_env(monkeypatch, f"sqlite:///{tmp_path / 'coach.db'}")

    status, out, err = run(capsys, "run", "--http")

    assert status == 2 and out == ""
    assert "needs COACHFLOW_TOKEN_KEYS" in err and "coachflow keys new" in err and "Traceback" not in err


def test_run_in_oauth_mode_with_a_key_that_cannot_decrypt_stops_in_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    EncryptedInstallationStore("1.2", engine, TokenCipher([KEY_A])).save(_installation())
    engine.dispose()
    _oauth_env(monkeypatch, url)
    monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", KEY_B)

    status, out, err = run(capsys, "run", "--http")

    assert status == 2 and out == ""
    assert err.startswith("coachflow: COACHFLOW_TOKEN_KEYS cannot decrypt the Slack tokens stored in the database")
    assert len(err.strip().splitlines()) == 1


def test_oauth_mode_needs_http(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _oauth_env(monkeypatch, f"sqlite:///{tmp_path / 'coach.db'}")
    monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", KEY_A)

    status, _, err = run(capsys, "run")

    assert status == 2 and "needs HTTP mode" in err


def test_delete_all_removes_a_workspaces_tokens_and_nothing_else(engine: Engine) -> None:
    store = EncryptedInstallationStore("CLIENT", engine, TokenCipher([KEY_A]))
    store.save(_installation("T1"))
    store.save(_installation("T2"))

    removed = store.delete_all("T1", None)

    assert removed == 2  # its installation and its bot
    assert store.find_bot(enterprise_id=None, team_id="T1") is None
    assert store.find_installation(enterprise_id=None, team_id="T1") is None
    assert store.find_bot(enterprise_id=None, team_id="T2") is not None
