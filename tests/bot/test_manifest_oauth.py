"""`coachflow manifest --oauth` (issue 14): the many-workspace variant; manifest.yml stays single-workspace."""

from __future__ import annotations

import pytest
import yaml

from bot.cli import MANIFEST
from bot.oauth import bot_scopes
from tests.bot.cli_steps import run
from tools.check_manifest import manifest_problems


def test_the_oauth_variant_has_the_redirect_url_rotation_and_org_deploy(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "manifest", "--oauth", "--url", "https://coach.example.com")

    assert (status, err) == (0, "")
    manifest = yaml.safe_load(out)
    assert manifest["oauth_config"]["redirect_urls"] == ["https://coach.example.com/slack/oauth_redirect"]
    assert manifest["settings"]["token_rotation_enabled"] is True
    assert manifest["settings"]["org_deploy_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["event_subscriptions"]["request_url"] == "https://coach.example.com/slack/events"
    assert manifest_problems(manifest) == []


def test_manifest_yml_stays_the_single_workspace_one_and_the_install_asks_its_scopes() -> None:
    shipped = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))

    # Rotation on would expire a plain SLACK_BOT_TOKEN after 12 hours with nothing to renew it.
    assert shipped["settings"]["token_rotation_enabled"] is False
    assert "redirect_urls" not in shipped["oauth_config"]
    assert bot_scopes() == shipped["oauth_config"]["scopes"]["bot"]


def test_oauth_without_a_url_says_what_to_add(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "manifest", "--oauth")

    assert status == 1 and out == ""
    assert err.startswith("coachflow: --oauth needs --url")
