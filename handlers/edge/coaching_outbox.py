"""Week-2 messages sent after the ack: a saved or signed contract reaches both people, App Home follows."""

from __future__ import annotations

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from domain.services.contracts import ContractChange, Outcome
from handlers.blocks.contract import (
    contract_message,
    new_contract_notice,
    revised_notice,
    saved_message,
    signed_notice,
)
from handlers.blocks.kit import message, section, with_intro
from handlers.edge.outbox import publish_homes, send_dm
from handlers.edge.services import Services


def send_contract(client: WebClient, svc: Services, ws: WorkspaceRef, change: ContractChange) -> None:
    """After the manager saves: both get the contract with a Sign button (unless nothing changed)."""
    contract = change.contract
    for_manager = contract_message(contract, svc.catalog, contract.manager_id)
    send_dm(client, svc, ws, contract.manager_id, with_intro(saved_message(change), for_manager))
    if change.outcome is Outcome.UNCHANGED:
        return
    notice = revised_notice(change) if change.outcome is Outcome.REVISED else new_contract_notice(contract)
    full_contract = contract_message(contract, svc.catalog, contract.rep_id)
    send_dm(client, svc, ws, contract.rep_id, with_intro(notice, full_contract))
    publish_homes(client, svc, ws, [contract.manager_id, contract.rep_id])


def tell_other_party(client: WebClient, svc: Services, ws: WorkspaceRef, change: ContractChange) -> None:
    """After one signature: the other is told; when both have signed, both are."""
    contract = change.contract
    other = contract.manager_id if change.signer_id == contract.rep_id else contract.rep_id
    notice = signed_notice(change)
    send_dm(client, svc, ws, other, with_intro(notice, contract_message(contract, svc.catalog, other)))
    if change.fully_signed and change.signer_id:
        send_dm(client, svc, ws, change.signer_id, message(notice, [section(notice)]))
    publish_homes(client, svc, ws, [contract.manager_id, contract.rep_id])
