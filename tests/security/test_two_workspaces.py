"""Two workspaces of the same shape on one database: every read of one shows nothing of the other.

Both are seeded by the same steps (tests/handlers/privacy_steps.alex_on_record: two
managers' teams, Alex's debriefs, feedback, shadow notes, homework, role-play
notes, a cycle with lessons and deals), each workspace's words carrying its own
marker, with the workspace guard admitting both as a multi-workspace install
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

from bot.fake_slack import FakeSlackServer, SignedRequest, SlackRequests
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from handlers.commands import slash_commands
from handlers.edge import ids
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers import privacy_steps
from tests.handlers.conftest import SECRET as SIGNING_SECRET
from tests.handlers.conftest import TEAM, Reply, Slack
from tests.handlers.privacy_steps import OTHER_TEAM, World, alex_on_record
from tests.security.conftest import Wired
from tests.security.world import Click, clicks_in

MARKERS = {TEAM: "Zephyr-Q7", OTHER_TEAM: "Quasar-J3"}  # in every word written in each workspace
READERS = ("UADMIN", "UMGR", "UMGR2", "UA", "UB")  # an admin, both managers, a rep with records, one without


class Settled(Slack):
    """Waits for every listener after each request: the steps' "newest DM" is then this workspace's."""

    def dispatch(self, request: SignedRequest) -> Reply:
        reply = super().dispatch(request)
        self.listeners.wait_idle()
        return reply


def _seed_both(slack: Slack, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer,
               monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[Slack, World]]:
    seeded: dict[str, tuple[Slack, World]] = {}
    for team in (TEAM, OTHER_TEAM):
        requests = SlackRequests(SIGNING_SECRET, team_id=team, response_url_base=fake_server.response_url_base)
        harness = Settled(slack.app, slack.fake, requests)
        monkeypatch.setattr(privacy_steps, "SECRET", MARKERS[team])
        monkeypatch.setattr(privacy_steps, "WS", WorkspaceRef(team))
        seeded[team] = (harness, alex_on_record(harness, uow_factory))
    return seeded


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
    seeded = _seed_both(slack, uow_factory, fake_server, monkeypatch)
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
    _seed_both(slack, uow_factory, fake_server, monkeypatch)
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
