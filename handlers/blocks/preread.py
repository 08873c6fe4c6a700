"""The enablement pre-read in Slack: its part of the rep's pre-work modal, the answers for the manager,
and the admin's `/coach admin preread` reply.

The questions are an admin's text and the answers the rep's, both read by
someone else: escaped wherever they enter mrkdwn (a modal label is plain
text, shown as typed).
"""

from __future__ import annotations

from typing import Any

from domain import field_lengths
from domain.coaching.preread import MAX_QUESTIONS, answer_key, prefill
from domain.coaching.prework import Prework
from domain.services.prework_notices import PreworkForm
from handlers.blocks.inputs import input_block, metadata, selected, state_values
from handlers.blocks.inputs import text_input as _text_input
from handlers.blocks.kit import Block, context, md, message, section
from handlers.blocks.mrkdwn import joined

TITLE = "Pre-read from enablement"
VERSION = "p"  # the pre-work modal's private_metadata key for the questionnaire's version


def preread_inputs(form: PreworkForm) -> list[Block]:
    """The modal's part: one answer per question, prefilled with the answer given to the same question."""
    if not form.preread:
        return []
    given = prefill(form.preread, form.prework.preread if form.prework else ())
    blocks: list[Block] = [section(md("*{title}*\nYour enablement team asks every rep these before a 1:1; "
                                      "your manager reads your answers.", title=TITLE))]
    blocks += [input_block(answer_key(n), question,
                           _text_input(initial, max_length=field_lengths.PREREAD_ANSWER, multiline=True))
               for n, (question, initial) in enumerate(zip(form.preread, given, strict=True), start=1)]
    return blocks


def read_answers(view: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The submitted questionnaire's version and its answers in question order (a blank one as "")."""
    version = metadata(view).get(VERSION)
    values = state_values(view)
    # By position, so a crafted submission leaving one out cannot shift the others onto the wrong question.
    answers = tuple(selected(values, answer_key(n)) or "" for n in range(1, MAX_QUESTIONS + 1))
    return (version if isinstance(version, str) else ""), answers


def preread_section(prework: Prework) -> list[Block]:
    """The rep's pre-read answers, each under its question as it was asked; [] when there are none.

    For the manager's pre-work notice and the session card.
    """
    if not prework.preread:
        return []
    return [section(md("*{title}*", title=TITLE)),
            *(section(md("*{question}*\n{answer}", question=given.question, answer=given.answer))
              for given in prework.preread)]


def preread_message(questions: tuple[str, ...], changed: str | None = None) -> dict[str, Any]:
    """The admin's answer to `/coach admin preread ...`: what changed, and the questions now asked."""
    if questions:
        listed = joined("\n", [md("{n}. {q}", n=n, q=q) for n, q in enumerate(questions, start=1)])
        body = md("*The enablement pre-read* (asked in every 1:1's pre-work)\n{listed}", listed=listed)
    else:
        body = md("*The enablement pre-read* has no questions: the 1:1 pre-work asks only for the rep's agenda.")
    text = md("{changed} {body}", changed=changed, body=body) if changed else body
    room = MAX_QUESTIONS - len(questions)
    fit = f"{room} more fit" if questions else f"up to {MAX_QUESTIONS}"
    hints = [f"`/coach admin preread add <question>` ({fit})"] if room else []
    hints += ["`/coach admin preread remove 2`", "`/coach admin preread clear`"] if questions else []
    return message(text, [section(text), context(" · ".join(hints))])
