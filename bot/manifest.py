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
