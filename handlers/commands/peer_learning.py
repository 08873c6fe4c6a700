"""`/coach admin channel #sales-coaching`: where peer learning posts a rep's shared approach (admins only).

Slack sends a channel picked from the autocomplete as `<#C123|sales-coaching>`
(or `<#C123>`); its id is kept, so renaming the channel changes nothing.
`admin channel` alone shows it; `admin channel off` clears it, and then
nobody is asked to share.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.peer_learning import channel_message
from handlers.commands.admin import ADMINS
from handlers.commands.registry import Invocation, Reply, Subcommand

_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]{1,31})(?:\|[^>]*)?>$", re.ASCII)
EXAMPLE = "/coach admin channel #sales-coaching"


class AdminChannel(BaseModel):
    kind: Literal["admin_channel"] = "admin_channel"
    action: Literal["show", "set", "off"]
    channel_id: str | None = None


def parse_admin_channel(rest: str) -> AdminChannel:
    words = rest.split()
    if not words:
        return AdminChannel(action="show")
    if len(words) == 1 and words[0].lower() in {"off", "none"}:
        return AdminChannel(action="off")
    found = _CHANNEL.match(words[0]) if len(words) == 1 else None
    if found is None:
        raise InvalidInput(f"Pick the channel from the # autocomplete (it turns blue): `{EXAMPLE}`, "
                           "or `/coach admin channel off`.")
    return AdminChannel(action="set", channel_id=found.group(1))


def run_admin_channel(parsed: AdminChannel, call: Invocation) -> Reply:
    service = call.svc.peer_learning
    if parsed.action == "show":
        return channel_message(service.channel(call.ws), changed=False)
    channel = service.set_channel(call.ws, call.caller_id, parsed.channel_id if parsed.action == "set" else None)
    return channel_message(channel, changed=True)


def _shows(parsed: AdminChannel) -> bool:
    return parsed.action == "show"


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="admin channel", usage="admin channel #sales-coaching", section=ADMINS,
        help=("`/coach admin channel #sales-coaching` where peer learning posts what a rep chooses to share",),
        details=("`/coach admin channel #sales-coaching` sets the channel; `/coach admin channel` shows it.",
                 "`/coach admin channel off` stops peer learning.",
                 "Invite Coachflow to the channel (`/invite @Coachflow`) so it can post there."),
        parse=parse_admin_channel, run=run_admin_channel, reads_only=_shows,
    ),
)
