"""Two workspaces of the same shape on one database, seeded by the same steps, each with its own marker.

tests/handlers/privacy_steps.alex_on_record seeds one workspace (two managers'
teams, Alex's debriefs, feedback, shadow notes, homework, role-play notes, a
cycle with lessons and deals); run once per team with the team's marker in
every word written and in the name of a deal, so that any word read in the
wrong workspace is found by searching for the other marker.
"""

from __future__ import annotations

import pytest

from bot.fake_slack import FakeSlackServer, SignedRequest, SlackRequests
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from tests.handlers import privacy_steps
from tests.handlers.conftest import SECRET as SIGNING_SECRET
from tests.handlers.conftest import TEAM, Reply, Slack
from tests.handlers.privacy_steps import OTHER_TEAM, World, alex_on_record
from tests.handlers.roleplay_steps import deals_csv

MARKERS = {TEAM: "Zephyr-Q7", OTHER_TEAM: "Quasar-J3"}  # in every word written in each workspace


class Settled(Slack):
    """Waits for every listener after each request: the steps' "newest DM" is then this workspace's."""

    def dispatch(self, request: SignedRequest) -> Reply:
        reply = super().dispatch(request)
        self.listeners.wait_idle()
        return reply


def other(team: str) -> str:
    return OTHER_TEAM if team == TEAM else TEAM


def seed_both(slack: Slack, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer,
              monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[Slack, World]]:
    return {team: seed_one(team, slack, uow_factory, fake_server, monkeypatch) for team in (TEAM, OTHER_TEAM)}


def seed_one(team: str, slack: Slack, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer,
             monkeypatch: pytest.MonkeyPatch) -> tuple[Slack, World]:
    requests = SlackRequests(SIGNING_SECRET, team_id=team, response_url_base=fake_server.response_url_base)
    harness = Settled(slack.app, slack.fake, requests)
    marker = MARKERS[team]
    monkeypatch.setattr(privacy_steps, "SECRET", marker)
    monkeypatch.setattr(privacy_steps, "WS", WorkspaceRef(team))
    monkeypatch.setattr(privacy_steps, "deals_csv", lambda account, marker=marker: deals_csv(f"{marker} {account}"))
    return harness, alex_on_record(harness, uow_factory)
