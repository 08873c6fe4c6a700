"""Homework DMs: the assignment with its Hand in button, the hand-in with its feedback button, the
feedback, the receipts, and the morning-of-the-due-date reminder.

Everything one person wrote for the other (the assignment, the answer, a
link, a file's name, the feedback) goes in as a plain `str`, so the kit
escapes it: shown as typed, never obeyed. A DM about a homework the rep
already has goes in the thread of the assignment when its `ts` is known.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.coaching.homework import Homework, HomeworkStatus
from domain.notifications.homework_due import HomeworkDueNote
from domain.scheduling.calendar import zone
from domain.services.homework_notices import HandInSaved, HomeworkAnswered, InThread
from handlers.blocks.kit import Block, actions, button, context, md, mention, message, section
from handlers.edge import ids


def _threaded(built: dict[str, Any], thread: InThread | None) -> dict[str, Any]:
    return {**built, "thread_ts": thread.ts} if thread is not None else built


def _hand_in_button(homework: Homework) -> dict[str, Any]:
    return button("Hand in", ids.OPEN_HAND_IN, value=str(homework.id), style="primary")


def homework_assigned_message(homework: Homework) -> dict[str, Any]:
    """To the rep: the assignment as the manager wrote it, and the Hand in button."""
    text = md("{manager} gave you homework, due {due:%a %-d %b}. Hand in {kind}.",
              manager=mention(homework.manager_id), due=homework.due_on, kind=homework.hand_in_kind.label)
    return message(text, [
        section(":books: " + text),
        section(homework.text),
        actions(_hand_in_button(homework)),
        context("You get a reminder on the morning it is due. Late is fine: it shows as late."),
    ])


def homework_set_message(homework: Homework) -> dict[str, Any]:
    """To the manager: sent."""
    text = md("Sent {rep} their homework, due {due:%a %-d %b} (they hand in {kind}). "
              "You will hear when they hand it in.", rep=mention(homework.rep_id), due=homework.due_on,
              kind=homework.hand_in_kind.label)
    return message(text, [section(":white_check_mark: " + text)])


def hand_in_blocks(homework: Homework, late: bool) -> list[Block]:
    """What the rep handed in, under the assignment it answers (the manager's DM and feedback modal)."""
    hand_in = homework.hand_in
    when = md(" — *late*: it was due {due:%a %-d %b}", due=homework.due_on) if late else md("")
    blocks: list[Block] = [
        section(md("{rep} handed in their homework{when}.", rep=mention(homework.rep_id), when=when)),
        context(md("*The assignment:* ") + homework.text[:500] + ("…" if len(homework.text) > 500 else "")),
    ]
    if hand_in is None:
        return blocks
    if hand_in.file_id:
        blocks.append(section(md("*File:* ") + (hand_in.file_name or hand_in.file_id)))
    if hand_in.link:
        blocks.append(section(md("*Link:* ") + hand_in.link))
    if hand_in.text:
        label = md("*Their note:*\n") if hand_in.link or hand_in.file_id else md("*Their answer:*\n")
        blocks.append(section(label + hand_in.text))
    return blocks


def homework_handed_in_message(homework: Homework, late: bool) -> dict[str, Any]:
    """To the rep's manager: what was handed in, and the Answer with feedback button."""
    blocks = hand_in_blocks(homework, late)
    text = md("{rep} handed in their homework.", rep=mention(homework.rep_id))
    answer = button("Answer with feedback", ids.OPEN_HOMEWORK_FEEDBACK, value=str(homework.id), style="primary")
    return message(text, [*blocks, actions(answer)])


def hand_in_saved_message(notice: HandInSaved) -> dict[str, Any]:
    """To the rep: handed in (late or not), and who was told."""
    homework = notice.homework
    late = md(" after its due date ({due:%a %-d %b}), so it shows as late", due=homework.due_on) \
        if notice.late else md("")
    told = md(" {manager} has it and can answer with feedback.", manager=mention(notice.told)) if notice.told \
        else md(" You have no manager in Coachflow right now, so nobody was told.")
    text = md("Handed in{late}.{told}", late=late, told=told)
    return _threaded(message(text, [section(":inbox_tray: " + text)]), notice.thread)


def homework_answered_message(notice: HomeworkAnswered) -> dict[str, Any]:
    """To the rep: the manager's feedback on their homework."""
    text = md("{manager} answered your homework:", manager=mention(notice.manager_id))
    return _threaded(message(text, [section(":speech_balloon: " + text), section(notice.homework.feedback or "")]),
                     notice.thread)


def feedback_sent_message(homework: Homework) -> dict[str, Any]:
    text = md("Sent your feedback to {rep}.", rep=mention(homework.rep_id))
    return message(text, [section(":white_check_mark: " + text)])


def homework_due_message(note: HomeworkDueNote, now: datetime) -> dict[str, Any]:
    """The reminder: due today, or (a due date on a day off) on the day named."""
    homework = note.homework
    today = now.astimezone(zone(note.rep.time_zone)).date()
    when = md("today") if homework.due_on == today else md("on {due:%a %-d %b}", due=homework.due_on)
    text = md("Your homework from {manager} is due {when}. Hand in {kind}.",
              manager=mention(homework.manager_id), when=when, kind=homework.hand_in_kind.label)
    blocks: list[Block] = [section(":alarm_clock: " + text), section(homework.text)]
    if homework.status is HomeworkStatus.ASSIGNED:
        blocks.append(actions(_hand_in_button(homework)))
    blocks.append(context("The morning a homework is due, 09:00 your time."))
    return message(text, blocks)
