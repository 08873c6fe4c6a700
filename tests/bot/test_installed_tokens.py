"""The InstalledTokens adapters: a slack-sdk installation store loses exactly the uninstalled workspace's tokens."""

from __future__ import annotations

from pathlib import Path

from slack_sdk.oauth.installation_store import FileInstallationStore, Installation

from bot.installed_tokens import InstallationStoreTokens, SettingsToken


def _install(store: FileInstallationStore, team_id: str | None, enterprise_id: str | None = None,
             org_wide: bool = False) -> None:
    store.save(Installation(app_id="A1", enterprise_id=enterprise_id, team_id=team_id, user_id="UINSTALLER",
                            bot_token=f"xoxb-{team_id or enterprise_id}", bot_id="B1", bot_user_id="UBOT",
                            is_enterprise_install=org_wide))


def test_removing_a_workspace_deletes_its_bot_and_installation_and_nothing_else(tmp_path: Path) -> None:
    store = FileInstallationStore(base_dir=str(tmp_path))
    _install(store, "T1")
    _install(store, "T2")

    InstallationStoreTokens(store).remove("T1", None)

    assert store.find_bot(enterprise_id=None, team_id="T1") is None
    assert store.find_installation(enterprise_id=None, team_id="T1") is None
    kept = store.find_bot(enterprise_id=None, team_id="T2")
    assert kept is not None and kept.bot_token == "xoxb-T2"


def test_an_org_wide_install_is_removed_by_its_organisation(tmp_path: Path) -> None:
    store = FileInstallationStore(base_dir=str(tmp_path))
    _install(store, None, "E1", org_wide=True)
    _install(store, "T2", "E2")

    InstallationStoreTokens(store).remove(None, "E1")

    assert store.find_bot(enterprise_id="E1", team_id=None, is_enterprise_install=True) is None
    assert store.find_bot(enterprise_id="E2", team_id="T2") is not None


def test_single_workspace_mode_has_nothing_to_delete() -> None:
    SettingsToken().remove("T1", None)  # the token is a setting Slack already revoked: no error, no store
