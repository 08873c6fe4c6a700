"""views.open, views.push, views.update and views.publish as the fake Slack implements them."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from bot.fake_slack.block_kit import as_slack_messages, check_view
from bot.fake_slack.state import WorkspaceState
from bot.fake_slack.wire import ApiError, required, structured, text


def _view_param(params: dict[str, Any], *, expected_type: str | None) -> dict[str, Any]:
    view = structured(params, "view", "invalid_arguments")
    if not isinstance(view, dict):
        raise ApiError.invalid_arguments("[ERROR] missing required field: view")
    if expected_type is not None and view.get("type") != expected_type:
        raise ApiError.invalid_arguments(
            f"[ERROR] view type must be {expected_type!r} for this method [json-pointer:/view/type]"
        )
    violations = check_view(view)
    if violations:
        # Slack's wording differs, but the shape is the same: invalid_arguments plus
        # one `[ERROR] ...` line per problem in response_metadata.messages.
        raise ApiError(
            "invalid_arguments",
            {"errors": violations, "response_metadata": {"messages": as_slack_messages(violations, "view.")}},
        )
    return view


def _hash() -> str:
    return f"{secrets.randbelow(10**10):010d}.{secrets.token_hex(4)}"


def _stored(state: WorkspaceState, view_id: str, view: dict[str, Any], root: str | None) -> dict[str, Any]:
    """The view as Slack echoes it back: the caller's fields plus id, hash, state and defaults."""
    return {
        "callback_id": "",
        "external_id": "",
        "private_metadata": "",
        "clear_on_close": False,
        "notify_on_close": False,
        **copy.deepcopy(view),
        "id": view_id,
        "team_id": state.team_id,
        "app_id": state.app_id,
        "bot_id": state.bot_id,
        "state": {"values": {}},
        "hash": _hash(),
        "root_view_id": root or view_id,
        "previous_view_id": None,
    }


def _check_external_id(state: WorkspaceState, view: dict[str, Any], own_id: str | None) -> None:
    external_id = view.get("external_id")
    if not external_id:
        return
    for view_id, other in state.views.items():
        if other.get("external_id") == external_id and view_id != own_id:
            raise ApiError("duplicate_external_id")


def _exchange_trigger(state: WorkspaceState, params: dict[str, Any]) -> str:
    trigger_id = required(params, "trigger_id")
    # A trigger_id opens one view; a second use is a bug Slack reports this way.
    if trigger_id in state.exchanged_triggers:
        raise ApiError("exchanged_trigger_id")
    state.exchanged_triggers.add(trigger_id)
    return trigger_id


def _open(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    view = _view_param(params, expected_type="modal")
    trigger_id = _exchange_trigger(state, params)
    _check_external_id(state, view, None)
    view_id = state.next_view_id()
    stored = _stored(state, view_id, view, None)
    state.views[view_id] = stored
    state.opened_views.append(copy.deepcopy(stored))
    state.opened_by_trigger[trigger_id] = copy.deepcopy(stored)
    return {"view": copy.deepcopy(stored)}


def views_open(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    return _open(state, params)


def views_push(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    # The fake keeps no modal stack: a pushed view is recorded like an opened one.
    return _open(state, params)


def _find(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    view_id, external_id = text(params, "view_id"), text(params, "external_id")
    if not view_id and not external_id:
        raise ApiError.invalid_arguments("[ERROR] either view_id or external_id is required")
    for candidate in state.views.values():
        if (view_id and candidate["id"] == view_id) or (
            not view_id and external_id and candidate.get("external_id") == external_id
        ):
            return candidate
    raise ApiError("not_found")


def _check_hash(params: dict[str, Any], current: dict[str, Any]) -> None:
    # A stale hash means someone else updated the view since it was read.
    given = text(params, "hash")
    if given and given != current.get("hash"):
        raise ApiError("hash_conflict")


def views_update(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    current = _find(state, params)
    _check_hash(params, current)
    view = _view_param(params, expected_type=current["type"])
    _check_external_id(state, view, current["id"])
    updated = _stored(state, current["id"], view, current["root_view_id"])
    updated["state"] = current["state"]
    state.views[current["id"]] = updated
    return {"view": copy.deepcopy(updated)}


def views_publish(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    user_id = required(params, "user_id")
    state.user(user_id)
    view = _view_param(params, expected_type="home")
    # Each person has one App Home; republishing replaces it under the same id.
    view_id = state.home_view_ids.get(user_id) or state.next_view_id()
    if view_id in state.views:
        _check_hash(params, state.views[view_id])
    _check_external_id(state, view, view_id)
    stored = _stored(state, view_id, view, None)
    state.home_view_ids[user_id] = view_id
    state.views[view_id] = stored
    return {"view": copy.deepcopy(stored)}
