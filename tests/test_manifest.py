"""manifest.yml declares exactly what the code uses, and Slack's schema accepts it."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_sdk import WebClient

from bot.fake_slack import UPLOAD_URL, FakeSlack, RecordingSlackClient
from handlers import register_all
from handlers.edge import ids
from tools.check_manifest import manifest_problems

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))

# The bot scope each Web API method needs (Slack's method reference pages).
SCOPE_OF_METHOD: dict[str, str | None] = {
    "auth_test": None,
    "users_info": "users:read",
    "users_list": "users:read",
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "conversations_open": "im:write",
    "conversations_history": "im:history",
    "views_open": None,
    "views_push": None,
    "views_update": None,
    "views_publish": None,
    # files_upload_v2 is slack_sdk's helper over the two methods below (and a plain
    # POST of the bytes); the test further down checks that it calls just those.
    "files_upload_v2": "files:write",
    "files_getUploadURLExternal": "files:write",
    "files_completeUploadExternal": "files:write",
    # Also what lets the app fetch a file's url_private_download (Slack's files:read page).
    "files_info": "files:read",
}
# The scope Slack requires before it sends each event (the event reference pages).
SCOPE_OF_EVENT: dict[str, str | None] = {
    "app_home_opened": None,
    "file_shared": "files:read",
    "app_uninstalled": None,  # "No scopes required" (Slack's event reference)
    "tokens_revoked": None,  # "No scopes required"
    "user_change": "users:read",
}


class RegistrationRecorder:
    """Stands in for a Bolt App and writes down what listeners register."""

    def __init__(self) -> None:
        self.registered: dict[str, list[Any]] = {}

    def __getattr__(self, kind: str) -> Callable[..., Any]:
        def register(matcher: Any = None, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
            self.registered.setdefault(kind, []).append(matcher)
            return lambda listener: listener

        return register


@pytest.fixture(scope="module")
def registered() -> dict[str, list[Any]]:
    recorder = RegistrationRecorder()
    register_all(recorder)  # type: ignore[arg-type]  # records what an App would be given
    return recorder.registered


def test_registered_commands_are_exactly_the_manifests(registered) -> None:
    declared = {c["command"] for c in MANIFEST["features"].get("slash_commands", [])}
    assert set(registered.get("command", [])) == declared == set(ids.COMMANDS)


def test_registered_events_are_exactly_the_manifests(registered) -> None:
    declared = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    assert set(registered.get("event", [])) == declared == set(ids.EVENTS)


def test_shortcuts_match_and_interactivity_is_on_when_needed(registered) -> None:
    declared = {s["callback_id"] for s in MANIFEST["features"].get("shortcuts", [])}
    assert set(registered.get("shortcut", [])) == declared == set(ids.SHORTCUTS)
    interactive = registered.get("action") or registered.get("view") or registered.get("shortcut")
    assert bool(interactive) == MANIFEST["settings"]["interactivity"]["is_enabled"]


def test_commands_that_parse_mentions_are_escaped() -> None:
    for command in MANIFEST["features"]["slash_commands"]:
        assert command.get("should_escape") is True, f"{command['command']} parses @mentions"


def test_app_home_is_enabled_because_the_app_publishes_it(registered) -> None:
    assert ids.APP_HOME_OPENED in registered["event"]
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_people_can_share_files_in_the_apps_dm_because_it_imports_them(registered) -> None:
    assert ids.FILE_SHARED in registered["event"]
    app_home = MANIFEST["features"]["app_home"]
    # A read-only Messages tab would not let anyone share a CSV there.
    assert app_home["messages_tab_enabled"] is True and app_home["messages_tab_read_only_enabled"] is False


def _web_api_calls() -> set[str]:
    """Every WebClient method the app's code calls (`client.users_info(...)`)."""
    methods: set[str] = set()
    for layer in ("handlers", "bot"):
        for path in (ROOT / layer).rglob("*.py"):
            if "fake_slack" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    name = node.func.attr
                    if "_" in name and not name.startswith("_") and hasattr(WebClient, name):
                        methods.add(name)
    return methods


def test_bot_scopes_are_exactly_what_the_code_needs() -> None:
    calls = _web_api_calls()
    unknown = calls - SCOPE_OF_METHOD.keys()
    assert not unknown, f"add the scope of {sorted(unknown)} to SCOPE_OF_METHOD"
    needed = {SCOPE_OF_METHOD[m] for m in calls} - {None}
    events = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    unknown_events = events - SCOPE_OF_EVENT.keys()
    assert not unknown_events, f"add the scope of {sorted(unknown_events)} to SCOPE_OF_EVENT"
    needed |= {SCOPE_OF_EVENT[e] for e in events} - {None}
    # Slack leaves `profile.email` out of users.info/users.list without this
    # scope; the pipeline import matches CRM owners to people by email.
    if '"email"' in (ROOT / "handlers" / "edge" / "directory.py").read_text(encoding="utf-8"):
        needed.add("users:read.email")
    if MANIFEST["features"].get("slash_commands"):
        needed.add("commands")
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed


def test_files_upload_v2_needs_the_scope_of_the_web_api_calls_it_makes() -> None:
    fake = FakeSlack()
    fake.add_user("U1", "Maria López")
    RecordingSlackClient(fake).files_upload_v2(channel="DU1", file=b"%PNG", filename="chart.png")
    called = {c.method.replace(".", "_") for c in fake.calls if c.method != UPLOAD_URL}
    assert called == {"files_getUploadURLExternal", "files_completeUploadExternal"}
    assert {SCOPE_OF_METHOD[method] for method in called} == {SCOPE_OF_METHOD["files_upload_v2"]}


def test_manifest_passes_slacks_schema() -> None:
    errors = manifest_problems(MANIFEST)  # the schema vendored in tools/slack/
    assert not errors, "\n".join(errors)


def test_the_schema_check_names_what_is_wrong() -> None:
    broken = {**MANIFEST, "display_information": {"description": "no name"}}
    assert manifest_problems(broken) == ["display_information: 'name' is a required property"]


NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def test_the_readme_counts_and_names_the_manifests_bot_scopes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    scopes = MANIFEST["oauth_config"]["scopes"]["bot"]
    match = re.search(r"The manifest asks for (\w+) bot scopes:(.*?)\n\n", readme, re.DOTALL)
    assert match, "README: the paragraph that lists the manifest's bot scopes"
    assert match.group(1) == NUMBERS[len(scopes)]
    named = [s for s in re.findall(r"`([a-z]+(?::[a-z.]+)*)`", match.group(2)) if ":" in s or s == "commands"]
    assert sorted(dict.fromkeys(named)) == sorted(scopes)  # each one explained, none that is not asked for
