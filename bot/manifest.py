"""`coachflow manifest`: the Slack app manifest, optionally pointed at a URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.http import EVENTS_PATH
from domain.errors import InvalidInput


def load_manifest(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise InvalidInput(f"{path} is missing; reinstall Coachflow from its repository (pip install -e .).")
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def manifest_text(path: Path, base_url: str | None = None) -> str:
    """The manifest as YAML; with `base_url`, set up for HTTP mode at that address."""
    if base_url is None:
        return path.read_text(encoding="utf-8") if path.exists() else yaml.safe_dump(load_manifest(path))
    if not base_url.startswith("https://") or len(base_url.rstrip("/")) <= len("https://"):
        raise InvalidInput("--url must be the public https:// address Slack can reach, e.g. https://coach.example.com")
    manifest = load_manifest(path)
    request_url = base_url.rstrip("/") + EVENTS_PATH
    settings = manifest.setdefault("settings", {})
    settings["socket_mode_enabled"] = False
    settings.setdefault("event_subscriptions", {})["request_url"] = request_url
    settings.setdefault("interactivity", {})["request_url"] = request_url
    # The deal select of the debrief modal (an external_select) loads its options from here.
    settings["interactivity"]["message_menu_options_url"] = request_url
    for command in manifest.get("features", {}).get("slash_commands", []):
        command["url"] = request_url
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)


REDIRECT_PATH = "/slack/oauth_redirect"  # Bolt's, as bot/oauth.py serves it


def oauth_manifest_text(path: Path, base_url: str | None) -> str:
    """The manifest for installing in many workspaces (issue 14): HTTP at `base_url`, OAuth's redirect URL,
    token rotation and org-wide (Enterprise Grid) deploys on.

    manifest.yml stays the single-workspace one: with rotation on, a plain
    SLACK_BOT_TOKEN expires after 12 hours and nothing renews it.
    """
    if base_url is None:
        raise InvalidInput("--oauth needs --url, the public https:// address Slack sends installers back to, "
                           "e.g. --oauth --url https://coach.example.com")
    manifest = yaml.safe_load(manifest_text(path, base_url))
    manifest.setdefault("oauth_config", {})["redirect_urls"] = [base_url.rstrip("/") + REDIRECT_PATH]
    settings = manifest.setdefault("settings", {})
    settings["token_rotation_enabled"] = True
    settings["org_deploy_enabled"] = True
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)
