"""`coachflow doctor` for an OAuth deployment (many workspaces, issue 14), against the fake Slack's OAuth."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.doctor import diagnose, manifest_scopes
from bot.doctor_findings import Finding, Status
from bot.fake_slack import FakeSlack
from bot.oauth_world import OAuthWorld, oauth_world
from bot.token_keys import new_key
from storage.tick_log import record_tick
from tests.bot.cli_steps import run


@dataclass
class OAuthDeployment:
    world: OAuthWorld
    monkeypatch: pytest.MonkeyPatch

    def check(self, *, http: bool = True) -> dict[str, Finding]:
        record_tick(self.world.runtime.engine, datetime.now(UTC) - timedelta(seconds=5), "web-1 pid 4242")
        return {f.check: f for f in diagnose(http=http, env_file=None)}


def _acme() -> FakeSlack:
    fake = FakeSlack(team_id="T0ACME", team_name="Acme Sales", bot_user_id="UBOTA")
    fake.add_user("UADA", "Ada Lovelace", "Europe/London")
    return fake


def _globex() -> FakeSlack:
    fake = FakeSlack(team_id="T0GLOBEX", team_name="Globex", bot_user_id="UBOTG")
    fake.add_user("UGRACE", "Grace Park", "America/Chicago")
    return fake


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OAuthDeployment]:
    """The app in OAuth mode with two workspaces Slack knows (none installed yet); the doctor reads the same env."""
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    with oauth_world([_acme(), _globex()], directory=tmp_path) as world:
        settings = world.settings
        for name, value in {"SLACK_CLIENT_ID": settings.slack_client_id,
                            "SLACK_CLIENT_SECRET": settings.slack_client_secret,
                            "COACHFLOW_TOKEN_KEYS": ",".join(settings.token_keys),
                            "SLACK_SIGNING_SECRET": settings.slack_signing_secret,
                            "SLACK_API_URL": settings.slack_api_url, "DATABASE_URL": settings.database_url,
                            "COACHFLOW_LOG_LEVEL": "WARNING"}.items():
            monkeypatch.setenv(name, str(value))
        for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
            monkeypatch.delenv(name, raising=False)
        yield OAuthDeployment(world, monkeypatch)


def _installed_both(deployment: OAuthDeployment) -> None:
    for team, installer in (("T0ACME", "UADA"), ("T0GLOBEX", "UGRACE")):
        assert deployment.world.install(team, installer).status == 200


def test_a_healthy_oauth_deployment_checks_each_workspace_without_a_bot_token(deployment: OAuthDeployment,
                                                                                capsys) -> None:
    _installed_both(deployment)

    found = deployment.check()
    record_tick(deployment.world.runtime.engine, datetime.now(UTC), "web-1 pid 4242")
    status, out, err = run(capsys, "doctor", "--http")

    assert {f.status for f in found.values()} == {Status.OK}, {n: f.says for n, f in found.items()}
    assert list(found) == ["settings", "signing secret", "database", "token keys", "workspaces",
                           "workspace T0ACME", "workspace T0GLOBEX", "dispatcher", "last tick"]
    assert "OAuth (many workspaces)" in found["settings"].says and "SLACK_BOT_TOKEN" not in found["settings"].says
    assert "all 8 stored tokens decrypt" in found["token keys"].says
    assert found["workspaces"].says == "2 installed: Acme Sales (T0ACME), Globex (T0GLOBEX)."
    acme = found["workspace T0ACME"].says
    assert "Acme Sales (T0ACME): bot @" in acme and f"exactly the {len(manifest_scopes())} bot scopes" in acme
    assert "renewed before it expires" in acme
    assert status == 0, out + err
    assert out.splitlines()[-1] == "All checks passed." and len(out.splitlines()) == 11


def test_oauth_without_http_is_a_settings_problem_naming_the_flag(deployment: OAuthDeployment) -> None:
    found = deployment.check(http=False)

    assert found["settings"].status is Status.PROBLEM and "coachflow run --http" in found["settings"].says
    assert "SLACK_BOT_TOKEN" not in found["settings"].says and "slack token" not in found


def test_a_key_that_cannot_decrypt_the_tokens_is_a_problem_saying_what_to_do(deployment: OAuthDeployment,
                                                                               capsys) -> None:
    _installed_both(deployment)
    deployment.monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", new_key())

    found = deployment.check()
    status, out, err = run(capsys, "doctor", "--http")

    keys = found["token keys"]
    assert keys.status is Status.PROBLEM and "T0ACME, T0GLOBEX" in keys.says
    assert "COACHFLOW_TOKEN_KEYS" in keys.says and "coachflow keys rotate" in keys.says
    assert found["workspace T0ACME"].status is Status.SKIPPED
    assert status == 1 and "Traceback" not in out + err


def test_a_new_key_put_first_is_a_warning_until_the_tokens_are_rotated(deployment: OAuthDeployment,
                                                                        capsys) -> None:
    _installed_both(deployment)
    old = ",".join(deployment.world.settings.token_keys)
    deployment.monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", f"{new_key()},{old}")

    before = deployment.check()
    assert run(capsys, "keys", "rotate")[0] == 0
    after = deployment.check()

    assert before["token keys"].status is Status.WARNING and "8 of 8" in before["token keys"].says
    assert before["workspace T0ACME"].status is Status.OK
    assert after["token keys"].status is Status.OK


def test_no_installation_is_a_warning_pointing_to_the_install_link(deployment: OAuthDeployment) -> None:
    found = deployment.check()

    assert found["workspaces"].status is Status.WARNING
    assert "no workspace has installed Coachflow yet" in found["workspaces"].says
    assert "/slack/install" in found["workspaces"].says
    assert not any(name.startswith("workspace ") for name in found)
    assert found["token keys"].status is Status.OK


def test_a_revoked_token_in_one_of_two_workspaces_is_a_problem_for_that_one_only(deployment: OAuthDeployment,
                                                                                   capsys) -> None:
    _installed_both(deployment)
    deployment.world.oauth.revoke("T0GLOBEX")

    found = deployment.check()
    record_tick(deployment.world.runtime.engine, datetime.now(UTC), "web-1 pid 4242")
    status, out, _ = run(capsys, "doctor", "--http")

    assert found["workspace T0ACME"].status is Status.OK
    globex = found["workspace T0GLOBEX"]
    assert globex.status is Status.PROBLEM
    assert "Globex (T0GLOBEX): Slack refused the bot token (invalid_auth)" in globex.says
    assert "/slack/install" in globex.says
    assert status == 1 and out.splitlines()[-1].startswith("1 problem")


def test_a_workspace_missing_a_scope_is_a_problem_for_that_workspace(deployment: OAuthDeployment) -> None:
    _installed_both(deployment)
    wanted = sorted(manifest_scopes())
    deployment.world.workspaces["T0ACME"].grant_scopes([s for s in wanted if s != "files:write"])

    found = deployment.check()

    assert found["workspace T0ACME"].status is Status.PROBLEM
    assert "lacks files:write" in found["workspace T0ACME"].says
    assert found["workspace T0GLOBEX"].status is Status.OK


def test_only_a_client_id_is_a_settings_problem_not_a_silent_single_workspace(deployment: OAuthDeployment) -> None:
    deployment.monkeypatch.delenv("SLACK_CLIENT_SECRET")
    deployment.monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-some-bot-token")

    found = deployment.check()

    assert found["settings"].status is Status.PROBLEM
    assert "SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET is not" in found["settings"].says


def test_a_token_that_expires_with_no_refresh_token_is_a_problem_saying_when(deployment: OAuthDeployment) -> None:
    from bot.installations import EncryptedInstallationStore
    from bot.token_keys import TokenCipher

    _installed_both(deployment)
    settings = deployment.world.settings
    assert settings.slack_client_id
    store = EncryptedInstallationStore(settings.slack_client_id, deployment.world.runtime.engine,
                                       TokenCipher(settings.token_keys))
    bot = store.find_bot(enterprise_id=None, team_id="T0GLOBEX")
    assert bot is not None
    bot.bot_refresh_token = None  # as if saved by something that dropped it
    store.save_bot(bot)

    found = deployment.check()

    globex = found["workspace T0GLOBEX"]
    assert globex.status is Status.PROBLEM
    assert "expires in 11 h" in globex.says and "no refresh token" in globex.says
    assert found["workspace T0ACME"].status is Status.OK


def test_the_workspaces_line_names_the_first_twenty_and_counts_the_rest() -> None:
    from bot.doctor_oauth import MAX_WORKSPACES, Installed, workspaces_check

    many = [Installed(f"T{n:04d}", None, f"Team {n}", True) for n in range(MAX_WORKSPACES + 5)]

    said = workspaces_check(many).says

    assert said.startswith(f"{MAX_WORKSPACES + 5} installed: Team 0 (T0000), ")
    assert f"Team {MAX_WORKSPACES - 1} (T{MAX_WORKSPACES - 1:04d}) and 5 more." in said
    assert f"T{MAX_WORKSPACES:04d}" not in said


def test_a_token_key_that_is_not_a_fernet_key_is_a_settings_problem(deployment: OAuthDeployment) -> None:
    deployment.monkeypatch.setenv("COACHFLOW_TOKEN_KEYS", "not-a-key")

    found = {f.check: f for f in diagnose(http=True, env_file=None)}

    assert found["settings"].status is Status.PROBLEM
    assert "COACHFLOW_TOKEN_KEYS" in found["settings"].says and "not a Fernet key" in found["settings"].says
    assert found["database"].status is Status.SKIPPED
