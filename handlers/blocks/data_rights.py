"""Replies of the data-rights commands: the audit log's pages, an export's receipt, a forget's preview and report."""

from __future__ import annotations

from typing import Any

from domain.audit import CLI_ACTOR, AuditAction, AuditEvent, AuditPage
from domain.data_rights import PLACEHOLDER_ID, Forgotten
from domain.services.data_rights import WHOLE_WORKSPACE, Export, ForgetPreview
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    actions,
    button,
    confirm_dialog,
    context,
    counted,
    domain_text,
    header,
    local_time,
    md,
    mention,
    message,
    section,
)
from handlers.edge import ids

_VERBS = {AuditAction.READ: "read", AuditAction.CHANGE: "changed", AuditAction.EXPORT: "exported",
          AuditAction.FORGET: "forgot"}


def _who(user_id: str) -> Mrkdwn:
    if user_id == WHOLE_WORKSPACE:
        return md("the whole workspace")
    if user_id == PLACEHOLDER_ID:
        return md("a forgotten person")
    if user_id == CLI_ACTOR:
        return md("an operator (`coachflow`)")
    return mention(user_id)


def audit_line(event: AuditEvent) -> Block:
    what = event.record_kind.value.replace("_", " ")
    record = f" {event.record_id}" if event.record_id else ""
    return context(md("{at} · {actor} {verb} {subject}: {what}{record}", at=local_time(event.at),
                      actor=_who(event.actor_id), verb=_VERBS[event.action], subject=_who(event.subject_id),
                      what=what, record=record))


def audit_message(page: AuditPage, user_id: str | None) -> dict[str, Any]:
    about = f" for <@{user_id}>" if user_id else ""
    if not page.events:
        text = f"The audit log{about} is empty: nobody has read or changed anyone's coaching records yet."
        return message(text, [section(domain_text(text))])
    blocks: list[Block] = [header(f"Audit log, page {page.page} of {page.pages}")]
    if user_id:
        blocks.append(section(md("Reads and changes by or about {who}, newest first.", who=mention(user_id))))
    blocks.extend(audit_line(e) for e in page.events)
    if page.page < page.pages:
        person = f" <@{user_id}>" if user_id else ""
        blocks.append(context(domain_text(f"Next: `/coach admin audit{person} {page.page + 1}`")))
    return message(f"Audit log{about}, page {page.page} of {page.pages}", blocks)


def export_sent_message(export: Export, fmt: str) -> dict[str, Any]:
    rows, tables = counted(export.data.total, "row"), counted(len(export.data.counts()), "table")
    text = f"Your export of {export.about} is in your DM with Coachflow: {rows} from {tables}, as {fmt.upper()}."
    return message(text, [section(domain_text(text))])


def export_failed_message(export: Export) -> dict[str, Any]:
    text = f"Slack did not take the export of {export.about}. Nothing was lost: try `/coach export` again."
    return message(text, [section(":warning: " + domain_text(text))])


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in sorted(counts.items()))


def forget_preview_message(preview: ForgetPreview) -> dict[str, Any]:
    who = mention(preview.user_id)
    text = md("Forget {who}? Coachflow holds {rows} that name them ({counts}). Their own coaching data is "
              "deleted everywhere, message texts in the delivery ledger included; where they took part in "
              "someone else's record (as a manager, a scorer), their name is replaced and what they wrote "
              "there is cleared. Their reps stay, without a manager. This cannot be undone.",
              who=who, rows=counted(preview.total, "row"), counts=_counts(preview.counts))
    confirm = confirm_dialog("Forget this person?", "Their coaching data is deleted for good.", "Forget")
    return message(text, [section(text), actions(
        button("Forget them", ids.FORGET_CONFIRM, value=preview.user_id, style="danger", confirm=confirm))])


def forgotten_message(user_id: str, done: Forgotten) -> dict[str, Any]:
    text = md("{who} is forgotten: {deleted} deleted ({counts}).", who=mention(user_id),
              deleted=counted(done.total_deleted, "row"), counts=_counts(done.deleted) or "none")
    blocks: list[Block] = [section(text)]
    if done.redacted:
        blocks.append(context(md("De-identified in others' records: {counts}.", counts=_counts(done.redacted))))
    return message(text, blocks)
