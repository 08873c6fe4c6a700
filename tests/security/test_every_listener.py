"""Every button, menu, form, search and shortcut the app registers, crafted by someone it does not belong to.

The walk takes its listeners from the handlers' own registrations
(listeners.py), so a listener added later is walked without editing this file.
Each is sent by another rep (Bea), another manager (Omar) and someone in
another workspace, with the guard that refuses other workspaces admitting
them, as a multi-workspace install would (so the services' own checks are
what is tested):
- every button and menu value, every modal (its `private_metadata` and
  blocks) that Slack showed Alex or Maya while their records were made
  (world.harvest), replayed as is, forms filled with plausible values;
- the hand-written crafted payloads of tests/handlers/test_develop_privacy.py
  (CASES), for the listeners the world does not reach;
- for every other action and form, values naming Alex's records in each
  format the app's buttons use (his id, his debrief, his homework, his cycle).
After each: no row changed that is not the sender's own, Alex and Maya got
no message, the sender saw nothing Alex or Maya wrote, and no modal opened
naming Alex (attempts.py). `test_the_walk_knows_every_listener` fails when a
registered listener is reached by none of these.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer
from domain.ports import UnitOfWorkFactory
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import today
from tests.handlers.test_develop_privacy import BEFORE_ISSUE_10, CASES, TRIED_ELSEWHERE
from tests.handlers.test_develop_privacy import SHORTCUT as DEVELOP_SHORTCUT
from tests.security.attempts import Attacker
from tests.security.listeners import ACTION, EVENT, OPTIONS, SHORTCUT, VIEW, registered_listeners
from tests.security.world import INTRUDERS, Harvest, World, filled, harvest, seeded

# Read paths, walked by test_two_workspaces.py; a file upload names no record (its owner is who shared it).
WALKED_ELSEWHERE = {
    (EVENT, "app_home_opened"): "test_two_workspaces.py",
    (EVENT, "file_shared"): "not a record",
    # Workspace lifecycle: only Slack sends these, about the workspace or person named in the event.
    (EVENT, "app_uninstalled"): "tests/handlers/events/test_lifecycle_events.py",
    (EVENT, "tokens_revoked"): "tests/handlers/events/test_lifecycle_events.py",
    (EVENT, "user_change"): "tests/handlers/events/test_lifecycle_events.py",
}


def generic_values(world: World) -> list[str]:
    """Alex's records, in each format the app's buttons carry them."""
    return list(dict.fromkeys(["UA", world.debrief_id, world.homework_id, f"shadow:{world.shadow_id}",
                               str(world.cycle_id), f"{world.cycle_id}:pain_framework", "UA:A1"]))


def generic_metadata(world: World) -> list[str]:
    return [json.dumps({"rep": "UA", "rep_id": "UA", "id": int(world.debrief_id), "debrief": int(world.debrief_id),
                        "homework": int(world.homework_id), "cycle": world.cycle_id}), world.debrief_id, "UA"]


@pytest.fixture
def walk(slack: Slack, uow_factory: UnitOfWorkFactory, engine: Engine, fake_server: FakeSlackServer
         ) -> tuple[World, Harvest, Attacker]:
    world = seeded(slack, uow_factory)
    return world, harvest(slack.fake), Attacker(slack, engine, fake_server)


def test_every_button_and_form_shown_to_alex_or_maya_replayed_by_someone_else(
        walk: tuple[World, Harvest, Attacker]) -> None:
    _, found, attacker = walk
    for click in sorted(found.clicks, key=lambda c: (c.action_id, c.value)):
        modal = found.modals[click.modal][-1] if click.modal else None
        for person in INTRUDERS:
            requests = attacker.requests(person)
            request = requests.block_actions(
                person, click.action_id, value=None if click.picks else click.value, view=modal,
                selected_option=click.value if click.picks else None, action_type=click.element,
                channel_id=f"D{person}")
            attacker.send(person, request, f"click {click.action_id}={click.value!r}")
    for callback_id, modals in sorted(found.modals.items()):
        for modal in {m["private_metadata"]: m for m in modals}.values():
            for person in INTRUDERS:
                request = attacker.requests(person).view_submission(
                    person, callback_id, filled(modal, world_today()), private_metadata=modal["private_metadata"],
                    blocks=modal["blocks"])
                attacker.send(person, request, f"submit {callback_id} {modal['private_metadata'][:80]!r}")
    assert len(found.clicks) > 10 and len(found.modals) > 5  # the world reached its buttons and forms
    assert not attacker.problems, "\n".join(attacker.problems)


def test_the_crafted_payloads_of_every_feature_and_alexs_ids_in_every_listener(
        walk: tuple[World, Harvest, Attacker]) -> None:
    world, found, attacker = walk
    replayed = {(ACTION, action_id) for action_id in found.action_ids()} | {(VIEW, v) for v in found.modals}
    for (kind, listener_id), case in sorted(CASES.items()):
        for person in INTRUDERS:
            request = case.build(attacker.requests(person), world, person)
            attacker.send(person, request, f"crafted {kind} {listener_id}")
    for kind, listener_id in sorted(registered_listeners() - replayed):  # the others: replayed with real values
        for person in INTRUDERS:
            requests = attacker.requests(person)
            with attacker.rows_kept(person, f"{kind} {listener_id} with Alex's ids"):
                if kind == ACTION:
                    for value in generic_values(world):
                        attacker.sent_unchecked(person, requests.block_actions(person, listener_id, value=value,
                                                                               channel_id=f"D{person}"),
                                                f"click {listener_id}={value!r}")
                elif kind == VIEW:
                    for metadata in generic_metadata(world):
                        attacker.sent_unchecked(person, requests.view_submission(person, listener_id, {},
                                                                                 private_metadata=metadata),
                                                f"submit {listener_id} {metadata!r}")
    assert not attacker.problems, "\n".join(attacker.problems)


def test_the_walk_knows_every_listener() -> None:
    """A listener reached by none of the walks fails here: add it to the world, to CASES, or to a feature's
    privacy test named in TRIED_ELSEWHERE (tests/handlers/test_develop_privacy.py)."""
    known = {*CASES, *TRIED_ELSEWHERE, *BEFORE_ISSUE_10, *WALKED_ELSEWHERE}
    known = {(SHORTCUT if kind == DEVELOP_SHORTCUT else kind, name) for kind, name in known}
    unknown = registered_listeners() - known
    assert not unknown, f"walked by nothing but the generic values: {sorted(unknown)}"
    assert {kind for kind, _ in registered_listeners()} <= {ACTION, VIEW, OPTIONS, SHORTCUT, EVENT}


def world_today() -> date:
    return today()
