"""The coaching contract: `/coach contract` (yours), `/coach contract @rep` (write it), `... show` (read it)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.contract import contract_message
from handlers.commands.parsing import leading_person
from handlers.commands.priorities import PRIORITIES
from handlers.commands.registry import Invocation, Reply, Subcommand
from handlers.views.open import open_contract


class Contract(BaseModel):
    """`/coach contract` shows your own; `/coach contract @alex` writes or edits it; `... show` reads it."""

    kind: Literal["contract"] = "contract"
    rep_id: str | None = None
    show: bool = False


def _parse_contract(rest: str) -> Contract:
    rep_id, tail = leading_person(rest, "/coach contract @alex")
    if tail and tail.lower() != "show":
        raise InvalidInput("`/coach contract` shows yours; `/coach contract @alex` writes or edits a rep's; "
                           "`/coach contract @alex show` reads it.")
    return Contract(rep_id=rep_id, show=bool(tail))


def _edits(parsed: Contract) -> bool:
    return parsed.rep_id is not None and not parsed.show


def run_contract(parsed: Contract, call: Invocation) -> Reply:
    svc, ws, caller_id = call.svc, call.ws, call.caller_id
    if not _edits(parsed):
        rep_id = parsed.rep_id or caller_id
        return contract_message(svc.contracts.current(ws, caller_id, rep_id), svc.catalog, caller_id)
    assert parsed.rep_id is not None and call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_contract(call.client, svc, ws, caller_id, parsed.rep_id, call.trigger_id)
    return None


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="contract", usage="contract @alex", section=PRIORITIES,
        help=("`/coach contract @alex` write or edit the contract; `/coach contract` yours, with a Sign button",),
        parse=_parse_contract, run=run_contract, reads_only=True, opens_modal=_edits,
    ),
)
