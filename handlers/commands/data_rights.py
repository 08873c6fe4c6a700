"""Data rights (issue 14): `/coach export [@person] [csv|json]`, `/coach admin audit [@person] [page]`,
`/coach admin forget @person`.

Who may export or forget what is decided in `domain.services.data_rights`;
the audit log is for admins (`domain.services.audit_log`). The forget is
confirmed with a button (handlers/actions/forget.py) before anything goes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks import data_rights as replies
from handlers.commands.admin import ADMINS
from handlers.commands.parsing import USER_MENTION, mentioned_users, require_people
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.edge.export_upload import FORMATS, upload_export

DATA = HelpSection("Your data", 80)
EXPORT_USAGE = "`/coach export` (admins: the workspace; managers: you and your reps), `/coach export @alex [json]`"


class ExportAsk(BaseModel):
    kind: Literal["export"] = "export"
    user_id: str | None = None
    format: Literal["csv", "json"] = "csv"


class AuditAsk(BaseModel):
    kind: Literal["admin_audit"] = "admin_audit"
    user_id: str | None = None
    page: int = 1


class ForgetAsk(BaseModel):
    kind: Literal["admin_forget"] = "admin_forget"
    user_id: str


def _person_and_words(rest: str, usage: str) -> tuple[str | None, list[str]]:
    words = USER_MENTION.sub(" ", rest).split()
    mentions = [m.group(0) for m in USER_MENTION.finditer(rest)]
    people = mentioned_users(" ".join(mentions + [w for w in words if w.startswith(("@", "<"))]))
    if len(people) > 1:
        raise InvalidInput(f"One person at a time: {usage}.")
    return (people[0] if people else None), [w.lower() for w in words]


def parse_export(rest: str) -> ExportAsk:
    person, words = _person_and_words(rest, EXPORT_USAGE)
    if len(words) > 1 or (words and words[0] not in FORMATS):
        raise InvalidInput(f"`{' '.join(words)}` is not a format: csv (the default) or json. {EXPORT_USAGE}.")
    return ExportAsk(user_id=person, format=words[0] if words else "csv")


def parse_audit(rest: str) -> AuditAsk:
    usage = "`/coach admin audit [@person] [page]`"
    person, words = _person_and_words(rest, usage)
    if len(words) > 1 or (words and not (words[0].isascii() and words[0].isdigit())):
        raise InvalidInput(f"`{' '.join(words)}` is not a page number: {usage}, e.g. `/coach admin audit 2`.")
    return AuditAsk(user_id=person, page=int(words[0]) if words else 1)


def parse_forget(rest: str) -> ForgetAsk:
    people = require_people(rest, "/coach admin forget @alex")
    if len(people) > 1:
        raise InvalidInput("One person at a time: `/coach admin forget @alex`.")
    return ForgetAsk(user_id=people[0])


def run_export(parsed: ExportAsk, call: Invocation) -> Reply:
    export = call.svc.data_rights.export_for(call.ws, call.caller_id, parsed.user_id)
    if not upload_export(call.client, call.caller_id, export, parsed.format):
        return replies.export_failed_message(export)
    return replies.export_sent_message(export, parsed.format)


def run_audit(parsed: AuditAsk, call: Invocation) -> Reply:
    page = call.svc.audit.page(call.ws, call.caller_id, parsed.user_id, parsed.page)
    return replies.audit_message(page, parsed.user_id)


def run_forget(parsed: ForgetAsk, call: Invocation) -> Reply:
    return replies.forget_preview_message(call.svc.data_rights.preview_forget(call.ws, call.caller_id,
                                                                              parsed.user_id))


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="export", usage="export @alex json", section=DATA,
        help=(("`/coach export` your coaching data as a file in your DM (managers: with your reps'; "
              "admins: the whole workspace); `/coach export @alex json` one person's"),),
        parse=parse_export, run=run_export, reads_only=True,  # writes only its audit entry
    ),
    Subcommand(
        name="admin audit", usage="admin audit @jordan 2", section=ADMINS,
        help=("`/coach admin audit [@jordan] [page]` who read or changed whose coaching records",),
        parse=parse_audit, run=run_audit, reads_only=True,
    ),
    Subcommand(
        name="admin forget", usage="admin forget @jordan", section=ADMINS,
        help=("`/coach admin forget @jordan` delete a person's coaching data everywhere (asks to confirm)",),
        parse=parse_forget, run=run_forget, reads_only=True,
    ),
)
