"""Two workspaces of the same shape on one database: every read of one shows nothing of the other.

Both are seeded by the same steps (two_worlds.py), each workspace's words
carrying its own marker, with the workspace guard admitting both as a multi-workspace install
would. Then everyone of each workspace reads everything they can: their App
Home and every subcommand of every slash command (naming Alex where it names
someone). The other workspace's marker appears in
nothing Slack received for them, nor any button value or form naming one of the
other workspace's records.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.fake_slack import FakeSlackServer
from domain.ports import UnitOfWorkFactory
from handlers.commands import slash_commands
from handlers.edge import ids
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers.conftest import TEAM, Slack
from tests.handlers.privacy_steps import OTHER_TEAM, World
from tests.security.conftest import Wired
from tests.security.two_worlds import MARKERS, seed_both
from tests.security.world import Click, clicks_in

READERS = ("UADMIN", "UMGR", "UA")  # the admin, the manager and the rep who hold every kind of record


def _read_everything(harness: Slack, person: str) -> str:
    """What `person` is shown by their App Home and by every subcommand, bare and naming Alex."""
    before = len(harness.fake.calls)
    harness.open_home(person)
    for table in slash_commands():
        for sub in table:
            text = f"{sub.name} <@UA|alex>".strip() if "@" in sub.usage else sub.name
            harness.dispatch(harness.requests.slash_command(person, table.command, text))
    harness.listeners.wait_idle()
    shown = [{"method": c.method, **c.params} for c in harness.fake.calls[before:]]
    return json.dumps(shown, ensure_ascii=False)


def test_every_read_of_one_workspace_shows_nothing_of_the_other(
        slack: Slack, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = seed_both(slack, uow_factory, fake_server, monkeypatch)
    for team, (harness, _) in seeded.items():
        other = OTHER_TEAM if team == TEAM else TEAM
        _, other_world = seeded[other]
        mine_seen = False
        for person in READERS:
            shown = _read_everything(harness, person)
            assert MARKERS[other] not in shown, (team, person)
            mine_seen |= MARKERS[team] in shown
            crossing = [click for click in _buttons(shown) if click in _record_buttons(other_world)]
            assert not crossing, (team, person, crossing)
        assert mine_seen, team  # each workspace does read its own records


def _buttons(shown: str) -> set[tuple[str, str]]:
    found: set[Click] = set()
    clicks_in(json.loads(shown), found, None)
    return {(click.action_id, click.value) for click in found}


def _record_buttons(world: World) -> set[tuple[str, str]]:
    """The buttons that open or answer one of the world's records (ids are unique across workspaces)."""
    return {(ids.EDIT_DEBRIEF, world.debrief_id), (ids.DEBRIEF_FEEDBACK, world.debrief_id),
            (ids.OPEN_DEBRIEF, f"shadow:{world.shadow_id}"), (ids.OPEN_HAND_IN, world.homework_id),
            (ids.OPEN_HOMEWORK_FEEDBACK, world.homework_id),
            *((lesson, f"{world.cycle_id}:pain_framework")
              for lesson in (ids.LESSON_DONE, ids.LESSON_REMIND, ids.LESSON_DISCUSS))}


def test_every_scheduled_message_of_one_workspace_holds_nothing_of_the_other(
        slack: Slack, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer,
        monkeypatch: pytest.MonkeyPatch, wired: Wired) -> None:
    """Eight days of dispatch ticks, every two hours, over both workspaces: lessons, debrief prompts,
    homework reminders, scorecards, the week ahead... each message is sent for one workspace's ledger row
    (its metadata key starts with the team) and holds nothing of the other's."""
    seed_both(slack, uow_factory, fake_server, monkeypatch)
    job = DispatchJob(wired.services, wired.client, FakeDispatcherLock())
    before = len(slack.fake.calls)
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for hours in range(0, 8 * 24, 2):
        job.tick(start + timedelta(hours=hours))
    sent = {team: [] for team in MARKERS}  # type: dict[str, list[str]]
    for call in slack.fake.calls[before:]:
        key = str(call.params.get("metadata", {}).get("event_payload", {}).get("key", ""))
        if call.method == "chat.postMessage" and "/" in key:
            sent[key.split("/", 1)[0]].append(json.dumps(call.params, ensure_ascii=False))
    kinds = {team: {json.loads(m)["metadata"]["event_payload"]["key"].split("/")[2] for m in messages}
             for team, messages in sent.items()}
    assert kinds[TEAM] == kinds[OTHER_TEAM] and len(kinds[TEAM]) >= 3, kinds  # the same shape, several kinds
    for team, messages in sent.items():
        other = OTHER_TEAM if team == TEAM else TEAM
        assert not [m for m in messages if MARKERS[other] in m], team
        assert [m for m in messages if MARKERS[team] in m], team  # its own words do travel (debrief digest)
