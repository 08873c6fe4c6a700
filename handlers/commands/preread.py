"""`/coach admin preread`: the enablement team's pre-read questionnaire, asked in every 1:1's pre-work (admins only).

`admin preread` lists the questions; `add <question>`, `remove <n>` and
`clear` change them. Slack sends `&`, `<` and `>` in a command's text as
entities; the question is kept as the admin typed it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.coaching.preread import MAX_QUESTIONS
from domain.errors import InvalidInput
from handlers.blocks.mrkdwn import unescape
from handlers.blocks.preread import preread_message
from handlers.commands.admin import ADMINS
from handlers.commands.registry import Invocation, Reply, Subcommand

USAGE = ("`/coach admin preread` lists the questions; `/coach admin preread add <question>`, "
         "`/coach admin preread remove 2` and `/coach admin preread clear` change them.")


class AdminPreread(BaseModel):
    kind: Literal["admin_preread"] = "admin_preread"
    action: Literal["show", "add", "remove", "clear"]
    question: str = ""
    number: int = 0


def parse_admin_preread(rest: str) -> AdminPreread:
    word, _, more = rest.strip().partition(" ")
    match word.lower():
        case "":
            return AdminPreread(action="show")
        case "add":
            return AdminPreread(action="add", question=" ".join(unescape(more).split()))
        case "remove" if more.strip().isascii() and more.strip().isdigit() and len(more.strip()) < 4:
            return AdminPreread(action="remove", number=int(more))
        case "remove":
            raise InvalidInput(f"Say which question by its number (1-{MAX_QUESTIONS}): "
                               "`/coach admin preread remove 2`.")
        case "clear" if not more.strip():
            return AdminPreread(action="clear")
    raise InvalidInput(USAGE)


def run_admin_preread(parsed: AdminPreread, call: Invocation) -> Reply:
    service = call.svc.preread
    match parsed.action:
        case "show":
            return preread_message(service.questions(call.ws, call.caller_id))
        case "add":
            return preread_message(service.add(call.ws, call.caller_id, parsed.question), "Question added.")
        case "remove":
            return preread_message(service.remove(call.ws, call.caller_id, parsed.number),
                                   f"Question {parsed.number} removed; answers already given keep it.")
        case "clear":
            return preread_message(service.clear(call.ws, call.caller_id),
                                   "Pre-read cleared; answers already given stay with their pre-work.")
    raise AssertionError(f"unhandled preread command {parsed!r}")


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="admin preread", usage="admin preread add What did you take from this week's playbook?",
        section=ADMINS,
        help=("`/coach admin preread` the enablement pre-read every rep answers in their 1:1 pre-work",),
        details=(f"`/coach admin preread add <question>` adds a question (at most {MAX_QUESTIONS}; admins only).",
                 ("`/coach admin preread` lists them; `/coach admin preread remove 2` and "
                  "`/coach admin preread clear` change them."),
                 "Reps answer every question in their 1:1 pre-work; their manager reads the answers."),
        parse=parse_admin_preread, run=run_admin_preread,
        reads_only=lambda parsed: parsed.action == "show",
    ),
)
