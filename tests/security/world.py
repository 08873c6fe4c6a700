"""The seeded world the walk attacks, and what Slack showed its owners (the buttons and forms to replay).

Maya (UMGR) manages Alex (UA) and Bea (UB); Omar (UMGR2) manages Chen (UC);
Ada (UADMIN) is the admin. Alex's records of every kind are made through the
app (tests/handlers/privacy_steps.alex_on_record: debriefs, Maya's feedback,
a shadowed call, homework handed in and answered, role-play notes, a cycle
with lessons and deals) plus a success story; everything written about Alex
carries `SECRET`.

`harvest` reads every button value and every modal that Slack was asked to
show Alex or Maya: the ids exactly as they travel. The walk replays them as
someone else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.fake_slack import FakeSlack
from domain.ports import UnitOfWorkFactory
from tests.handlers.conftest import Slack
from tests.handlers.privacy_steps import OTHER_TEAM, OUTSIDER, SECRET, World, alex_on_record
from tests.handlers.win_steps import open_win_by_command, win_request, win_values

VICTIMS = frozenset({"UA", "UMGR"})  # the people whose items are crafted into the payloads
INTRUDERS = ("UB", "UMGR2", OUTSIDER)  # another rep, another manager, someone in another workspace
SHOWN_TO_VICTIMS = {"chat.postMessage": "channel", "chat.update": "channel", "chat.postEphemeral": "user",
                    "views.publish": "user_id"}
MODALS = ("views.open", "views.push", "views.update")

__all__ = ["INTRUDERS", "OTHER_TEAM", "OUTSIDER", "SECRET", "VICTIMS", "Harvest", "World", "harvest", "seeded"]


def seeded(slack: Slack, uow_factory: UnitOfWorkFactory) -> World:
    world = alex_on_record(slack, uow_factory)
    win = open_win_by_command(slack, "UA")
    assert slack.dispatch(win_request(slack, "UA", win, win_values(f"{SECRET} won Hooli", share=False))).body == ""
    committed = slack.requests.slash_command("UA", "/commit", f"{SECRET} send Hooli the ROI one-pager by tomorrow")
    assert slack.dispatch(committed).status == 200
    slack.listeners.wait_idle()
    for person in VICTIMS:
        slack.open_home(person)  # the Home tab's buttons, as each sees them
    return world


@dataclass(frozen=True)
class Click:
    action_id: str
    value: str
    element: str  # button, static_select, overflow...
    modal: str | None = None  # the callback id of the modal it is in (None: a message or Home tab)

    @property
    def picks(self) -> bool:
        return self.element != "button"


@dataclass
class Harvest:
    clicks: set[Click] = field(default_factory=set)
    modals: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))  # callback id -> views

    def action_ids(self) -> set[str]:
        return {click.action_id for click in self.clicks}


def harvest(fake: FakeSlack) -> Harvest:
    """Every (action id, value) in a message, Home tab or modal shown to a victim, and every modal opened.

    Only the victims' own requests open modals while the world is seeded, so every modal is theirs.
    """
    found = Harvest()
    for call in fake.calls:
        recipient = SHOWN_TO_VICTIMS.get(call.method)
        if call.method in MODALS:
            view = call.params.get("view")
            if isinstance(view, dict) and view.get("callback_id"):
                found.modals[str(view["callback_id"])].append(view)
                clicks_in(view.get("blocks", []), found.clicks, str(view["callback_id"]))
            continue
        if recipient is None or call.params.get(recipient) not in VICTIMS:
            continue
        clicks_in(call.params, found.clicks, None)
    return found


def clicks_in(node: Any, into: set[Click], modal: str | None) -> None:
    if isinstance(node, list):
        for item in node:
            clicks_in(item, into, modal)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "input" and node.get("dispatch_action") and isinstance(node.get("element"), dict):
        _clicked(node["element"], into, modal)  # a select in a modal that acts as soon as it is picked
    action_id, element = node.get("action_id"), str(node.get("type", ""))
    # Other inputs of a modal are submitted with it, not clicked.
    if isinstance(action_id, str) and (element in ("button", "overflow") or modal is None):
        _clicked(node, into, modal)
    for value in node.values():
        clicks_in(value, into, modal)


def _clicked(node: dict[str, Any], into: set[Click], modal: str | None) -> None:
    action_id, element = str(node["action_id"]), str(node.get("type", ""))
    if element != "external_select":
        options = [*node.get("options", []), *(o for g in node.get("option_groups", []) for o in g["options"])]
        for value in [str(o["value"]) for o in options] or [str(node.get("value", ""))]:
            into.add(Click(action_id, value, element, modal))


def filled(modal: dict[str, Any], today: date) -> dict[str, dict[str, dict[str, Any]]]:
    """The modal's inputs filled with plausible values, as Slack sends `view.state.values`."""
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block in modal.get("blocks", []):
        element = block.get("element")
        if block.get("type") != "input" or not isinstance(element, dict):
            continue
        values[block["block_id"]] = {element["action_id"]: _typed(element, today)}
    return values


def _typed(element: dict[str, Any], today: date) -> dict[str, Any]:
    kind = element["type"]
    options = [*element.get("options", []), *(o for g in element.get("option_groups", []) for o in g["options"])]
    first = options[0] if options else None
    by_kind: dict[str, dict[str, Any]] = {
        "plain_text_input": {"value": "Forged words"},
        "number_input": {"value": "3"},
        "static_select": {"selected_option": first},
        "radio_buttons": {"selected_option": first},
        "external_select": {"selected_option": None},
        "multi_static_select": {"selected_options": options[:1]},
        "checkboxes": {"selected_options": options[:1]},
        "datepicker": {"selected_date": (today + timedelta(days=1)).isoformat()},
        "timepicker": {"selected_time": "09:00"},
        "users_select": {"selected_user": "UA"},
        "multi_users_select": {"selected_users": ["UA"]},
        "conversations_select": {"selected_conversation": "C0COACH"},
        "channels_select": {"selected_channel": "C0COACH"},
        "file_input": {"files": []},
    }
    return {"type": kind, **by_kind.get(kind, {"value": "Forged words"})}
