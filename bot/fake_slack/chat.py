"""auth.*, users.*, conversations.* and chat.* as the fake Slack implements them.

Each function takes the workspace state and the call's parameters and returns
the success body, or raises `ApiError` with the error Slack would give.
"""

from __future__ import annotations

import copy
from typing import Any

from bot.fake_slack.block_kit import as_slack_messages, check_message
from bot.fake_slack.state import Channel, WorkspaceState, dm_channel_id, ts_to_micros
from bot.fake_slack.wire import ApiError, boolean, integer, required, structured, text
from handlers.blocks import limits

MAX_HISTORY = 999


def auth_test(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    bot = state.users.get(state.bot_user_id, {})
    return {
        "url": f"https://{state.domain}.slack.com/",
        "team": state.team_name,
        "user": bot.get("name", "bot"),
        "team_id": state.team_id,
        "user_id": state.bot_user_id,
        "bot_id": state.bot_id,
        "is_enterprise_install": False,
    }


def users_info(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    user_id = required(params, "user", "user_not_found")
    return {"user": copy.deepcopy(state.user(user_id))}


def users_list(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    """Paged like Slack: `limit` people a page, `next_cursor` empty on the last."""
    limit = max(1, min(int(text(params, "limit") or 200), 1000))
    ordered = sorted(state.users)
    start = int(text(params, "cursor") or 0)
    page = ordered[start : start + limit]
    following = start + limit
    return {
        "members": [copy.deepcopy(state.users[user_id]) for user_id in page],
        "response_metadata": {"next_cursor": str(following) if following < len(ordered) else ""},
    }


def conversations_open(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    reopen = text(params, "channel")
    if reopen:
        return {"channel": {"id": state.existing_channel(reopen).id}}
    users = [u.strip() for u in (text(params, "users") or "").split(",") if u.strip()]
    if not users:
        raise ApiError("users_list_not_supplied")
    if len(users) > 1:
        # Group DMs are not something Coachflow sends; fail loudly rather than pretend.
        raise ApiError("fake_slack_unsupported", {"detail": "multi-person DMs are not implemented"})
    already_open = dm_channel_id(users[0]) in state.channels
    channel = state.open_dm(users[0], disabled_error="user_disabled")
    body: dict[str, Any] = {"channel": {"id": channel.id}}
    if already_open:
        body.update(no_op=True, already_open=True)
    return body


def conversations_history(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    channel = state.existing_channel(required(params, "channel", "channel_not_found"))
    limit = max(1, min(integer(params, "limit", 100), MAX_HISTORY))
    inclusive = boolean(params, "inclusive")
    oldest, latest = text(params, "oldest"), text(params, "latest")

    def in_range(message: dict[str, Any]) -> bool:
        at = ts_to_micros(message["ts"])
        if oldest and (at < ts_to_micros(oldest) or (at == ts_to_micros(oldest) and not inclusive)):
            return False
        return not (latest and (at > ts_to_micros(latest) or (at == ts_to_micros(latest) and not inclusive)))

    # Slack lists history newest first.
    matching = [m for m in reversed(channel.messages) if in_range(m)]
    return {
        "messages": copy.deepcopy(matching[:limit]),
        "has_more": len(matching) > limit,
        "pin_count": 0,
        "response_metadata": {"next_cursor": ""},
    }


def _content(params: dict[str, Any], *, require_some: bool) -> dict[str, Any]:
    """`text`, `blocks` and `metadata` of a message, checked the way Slack checks them."""
    body_text = text(params, "text")
    blocks = structured(params, "blocks", "invalid_blocks_format")
    metadata = structured(params, "metadata", "invalid_metadata_format")
    attachments = structured(params, "attachments", "invalid_attachments")
    if blocks is not None and not isinstance(blocks, list):
        raise ApiError("invalid_blocks_format")
    if require_some and not body_text and not blocks and not attachments:
        raise ApiError("no_text")
    if body_text is not None and len(body_text) > limits.MESSAGE_TEXT:
        raise ApiError("msg_too_long")
    violations = check_message(blocks, None)
    if violations:
        raise ApiError(
            "invalid_blocks",
            {"errors": violations, "response_metadata": {"messages": as_slack_messages(violations)}},
        )
    if metadata is not None and (
        not isinstance(metadata, dict) or not metadata.get("event_type") or "event_payload" not in metadata
    ):
        raise ApiError("invalid_metadata_format")
    content: dict[str, Any] = {}
    if body_text is not None:
        content["text"] = body_text
    extras = {"blocks": blocks, "metadata": metadata, "attachments": attachments}
    content.update({key: value for key, value in extras.items() if value is not None})
    return content


def _bot_message(state: WorkspaceState, ts: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "message",
        "user": state.bot_user_id,
        "bot_id": state.bot_id,
        "app_id": state.app_id,
        "team": state.team_id,
        "text": "",
        "ts": ts,
        **content,
    }


def chat_post_message(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    channel = state.channel_for_post(required(params, "channel", "channel_not_found"))
    content = _content(params, require_some=True)
    message = _bot_message(state, state.next_ts(), content)
    thread_ts = text(params, "thread_ts")
    if thread_ts:
        state.find_message(channel, thread_ts)  # Slack refuses replies to nothing
        message["thread_ts"] = thread_ts
    channel.messages.append(message)
    return {"channel": channel.id, "ts": message["ts"], "message": copy.deepcopy(message)}


def chat_post_ephemeral(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    channel = state.channel_for_post(required(params, "channel", "channel_not_found"))
    user_id = required(params, "user", "user_not_found")
    state.user(user_id)
    if channel.dm_user is not None and channel.dm_user != user_id:
        raise ApiError("user_not_in_channel")
    content = _content(params, require_some=True)
    ts = state.next_ts()
    # Recorded under the call's own names: `user` is the person who sees it.
    state.ephemerals.append({**_bot_message(state, ts, content), "channel": channel.id, "user": user_id})
    return {"message_ts": ts}


def chat_update(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    # chat.update takes the conversation id chat.postMessage returned, never a user id.
    channel: Channel = state.existing_channel(required(params, "channel", "channel_not_found"))
    message = state.find_message(channel, required(params, "ts", "message_not_found"))
    content = _content(params, require_some=False)
    if not content:
        raise ApiError("no_text")
    message.update(content)
    message["edited"] = {"user": state.bot_user_id, "ts": state.next_ts()}
    return {
        "channel": channel.id,
        "ts": message["ts"],
        "text": message.get("text", ""),
        "message": copy.deepcopy(message),
    }
