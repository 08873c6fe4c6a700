"""The coaching contract: its modal, the contract as a message with a Sign button, and signing notices."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime
from typing import Any

from domain import field_lengths
from domain.catalog import Catalog
from domain.coaching.contract import MAX_WEEKLY_HOURS, CoachingContract, ContractStatus
from domain.services.contracts import (
    ContractChange,
    ContractDraft,
    MetricInput,
    OpenedFor,
    Outcome,
    opened_for,
)
from handlers.blocks import limits
from handlers.blocks.inputs import (
    as_number,
    input_block,
    metadata,
    metadata_int,
    metadata_user,
    option,
    select,
    selected,
    state_values,
    text_input,
)
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    actions,
    button,
    context,
    counted,
    domain_text,
    header,
    joined,
    local_time,
    md,
    mention,
    message,
    plain,
    section,
)
from handlers.edge import ids

# "rep:version", ASCII digits only and few of them: int() of `²` or of 5,000 digits raises.
_SIGN_VALUE = re.compile(r"([UW][A-Z0-9]{1,31}):([0-9]{1,6})", re.ASCII)
ROWS = 2  # the 2-skill rule: two rows of skill, indicator and target
WEEKLY_HOURS, REP_COMMITMENTS, MANAGER_COMMITMENTS = "weekly_hours", "rep_commitments", "manager_commitments"


def skill_block(n: int) -> str:
    return f"skill_{n}"


def indicator_block(n: int) -> str:
    return f"indicator_{n}"


def target_block(n: int) -> str:
    return f"target_{n}"


def contract_modal(draft: ContractDraft, catalog: Catalog) -> dict[str, Any]:
    contract = draft.contract
    skills = contract.skills if contract else draft.focus
    metrics = {m.competency: m for m in contract.metrics} if contract else {}
    skill_options = [option(c.id, f"{c.name} ({c.level.value})") for c in catalog.competencies]
    groups: list[dict[str, Any]] = [
        {"label": plain(limits.clip(c.name, 75), 75),
         "options": [option(i.id, f"{i.name} ({i.unit})") for i in c.leading_indicators]}
        for c in catalog.competencies
    ]
    blocks: list[Block] = [section(md(
        "The coaching agreement with {rep}: at most two skills (one foundational, one "
        "advanced), how success is measured, the weekly time and what you each commit to. You both sign it; "
        "any later change needs both signatures again.", rep=mention(draft.rep.user_id)
    ))]
    for n in range(ROWS):
        skill = skills[n] if n < len(skills) else None
        metric = metrics.get(skill or "")
        optional = n > 0
        indicator = {"type": "static_select", "option_groups": groups, "placeholder": plain("Leading indicator", 150)}
        chosen = next((o for g in groups for o in g["options"] if metric and o["value"] == metric.indicator), None)
        if chosen:
            indicator["initial_option"] = chosen
        blocks += [
            input_block(skill_block(n), f"Focus skill {n + 1}", select(skill_options, skill, "Pick a skill"),
                        optional=optional),
            input_block(indicator_block(n), f"Success metric {n + 1}", indicator, optional=optional,
                        hint="A leading indicator of that skill."),
            input_block(target_block(n), f"Target {n + 1}",
                        text_input(metric.target if metric else None, max_length=field_lengths.CONTRACT_TARGET,
                                   placeholder="e.g. 8 questions per call, yes, 60%, 14 days"), optional=optional),
        ]
    hours = {"type": "number_input", "is_decimal_allowed": True, "min_value": "0.5",
             "max_value": f"{MAX_WEEKLY_HOURS:g}"}
    if contract:
        hours["initial_value"] = f"{contract.weekly_hours:g}"
    blocks += [
        input_block(WEEKLY_HOURS, "Weekly time (hours)", hours, hint="Practice, role-plays and 1:1s together."),
        input_block(REP_COMMITMENTS, "The rep commits to",
                    text_input(contract.rep_commitments if contract else None, multiline=True,
                               max_length=field_lengths.CONTRACT_COMMITMENTS)),
        input_block(MANAGER_COMMITMENTS, "The manager commits to",
                    text_input(contract.manager_commitments if contract else None, multiline=True,
                               max_length=field_lengths.CONTRACT_COMMITMENTS)),
    ]
    return {
        "type": "modal",
        "callback_id": ids.CONTRACT_VIEW,
        "title": plain("Coaching contract", limits.VIEW_TITLE),
        "submit": plain("Save and send", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        # What the form was opened on, so a save never overwrites a newer version or cycle.
        "private_metadata": json.dumps({"rep": draft.rep.user_id, **asdict(opened_for(draft))}),
        "blocks": blocks,
    }


def read_contract(view: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """(rep id, `ContractService.save` keywords) from the submitted modal."""
    values = state_values(view)
    shown = metadata(view)
    rep_id = metadata_user(shown, "rep")
    cycle_id, version = metadata_int(shown, "cycle_id"), metadata_int(shown, "version")
    opened = OpenedFor(cycle_id, version) if cycle_id is not None and version is not None else None
    rows = [MetricInput(selected(values, skill_block(n)), selected(values, indicator_block(n)),
                        selected(values, target_block(n)) or "") for n in range(ROWS)]
    return rep_id, {
        "rows": rows,
        "weekly_hours": as_number(selected(values, WEEKLY_HOURS)),
        "rep_commitments": selected(values, REP_COMMITMENTS) or "",
        "manager_commitments": selected(values, MANAGER_COMMITMENTS) or "",
        "opened": opened,
    }


def contract_errors(problems: dict[str, str]) -> dict[str, str]:
    # "skills" is about the pair; it shows under the first skill.
    return {(skill_block(0) if key == "skills" else key): text for key, text in problems.items()}


def _signature(user_id: str, at: datetime | None) -> Mrkdwn:
    state = md("signed {at}", at=local_time(at)) if at else md("_not signed yet_")
    return md("{who}: {state}", who=mention(user_id), state=state)


def contract_blocks(contract: CoachingContract, catalog: Catalog) -> list[Block]:
    lines = []
    for metric in contract.metrics:
        competency = catalog.competency(metric.competency)
        indicator = next((i.name for i in competency.leading_indicators if i.id == metric.indicator), metric.indicator)
        lines.append(md("• *{skill}* ({level}): {indicator}, target *{target}*", skill=competency.name,
                        level=competency.level.value, indicator=indicator, target=metric.target))
    blocks: list[Block] = [
        section(md("*Focus skills and success metrics*\n{lines}", lines=joined("\n", lines))),
        section(f"*Weekly time*: {counted(contract.weekly_hours, 'hour')}"),
        section(md("*{who} commits to*\n{what}", who=mention(contract.rep_id), what=contract.rep_commitments)),
        section(md("*{who} commits to*\n{what}", who=mention(contract.manager_id), what=contract.manager_commitments)),
        context(_signature(contract.rep_id, contract.rep_signed_at),
                _signature(contract.manager_id, contract.manager_signed_at)),
    ]
    if contract.history:
        changes = joined("; ", [domain_text(change) for change in contract.history])
        blocks.append(context(limits.clip(md("Changes: {changes}", changes=changes), 2000)))
    return blocks


def contract_message(contract: CoachingContract, catalog: Catalog, viewer_id: str) -> dict[str, Any]:
    title = f"Coaching contract, version {contract.version}: {contract.status.value}"
    blocks: list[Block] = [header(limits.clip(title, limits.HEADER_TEXT)), *contract_blocks(contract, catalog)]
    unsigned = (viewer_id == contract.rep_id and contract.rep_signed_at is None) or (
        viewer_id == contract.manager_id and contract.manager_signed_at is None)
    buttons = []
    if unsigned:
        buttons.append(button(f"Sign version {contract.version}", ids.SIGN_CONTRACT,
                              value=f"{contract.rep_id}:{contract.version}", style="primary"))
    if viewer_id == contract.manager_id:
        buttons.append(button("Edit", ids.OPEN_CONTRACT, value=contract.rep_id))
    if buttons:
        blocks.append(actions(*buttons))
    return message(title, blocks)


def read_sign_value(value: str | None) -> tuple[str, int] | None:
    """(rep id, version) from a Sign button's value as `contract_message` wrote it; None if tampered with."""
    found = _SIGN_VALUE.fullmatch(value or "")
    return (found.group(1), int(found.group(2))) if found else None


def saved_message(change: ContractChange) -> Mrkdwn:
    contract = change.contract
    if change.outcome is Outcome.UNCHANGED:
        return md("Nothing changed in the contract, so the signatures stand.")
    if change.outcome is Outcome.REVISED:
        return md("Contract with {rep} is now version {version} ({changes}). Both of you sign again.",
                  rep=mention(contract.rep_id), version=contract.version, changes=", ".join(change.changes))
    return md("Contract with {rep} saved and sent. Sign it below; they are asked to sign too.",
              rep=mention(contract.rep_id))


def revised_notice(change: ContractChange) -> Mrkdwn:
    return md("{manager} changed your coaching contract ({changes}). Read version {version} and sign it if you agree.",
              manager=mention(change.contract.manager_id), changes=", ".join(change.changes),
              version=change.contract.version)


def new_contract_notice(contract: CoachingContract) -> Mrkdwn:
    return md("{manager} wrote your coaching contract. Read it and sign it if you agree.",
              manager=mention(contract.manager_id))


def signed_notice(change: ContractChange) -> Mrkdwn:
    """For the other party after one signature."""
    contract = change.contract
    if contract.status is ContractStatus.SIGNED:
        return md(":handshake: The coaching contract (version {version}) is signed by you both.",
                  version=contract.version)
    return md("{signer} signed the coaching contract (version {version}).", signer=mention(change.signer_id or ""),
              version=contract.version)
