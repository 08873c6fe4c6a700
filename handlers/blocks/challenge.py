"""The 21-day challenge in Slack: the start form, the morning nudge, the answer form, progress and celebration.

Behaviours are the rep's (or their manager's) own words, and a note is the
rep's: every one is escaped. The nudge is replaced in place after an answer
(chat.update), showing the figures; a missed yesterday offers the repair.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain import field_lengths
from domain.coaching.challenge import Answer, DayStatus
from domain.coaching.challenge_model import NUDGE_AT
from domain.coaching.challenge_time import EARLIEST, LATEST, NUDGE_TIME
from domain.coaching.wins import WinSource
from domain.notifications.challenge import ChallengeNudge
from domain.services.challenge_notices import (
    ChallengeCompleted,
    ChallengeFinishedForManager,
    ChallengeStarted,
    ChallengeView,
)
from domain.services.challenges import NOTE, ChallengeForm, behaviour_key
from handlers.blocks import limits
from handlers.blocks.inputs import (
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
from handlers.blocks.kit import Block, actions, button, context, md, mention, message, plain, section
from handlers.blocks.mrkdwn import Mrkdwn, joined
from handlers.blocks.wins import share_win_button
from handlers.edge import ids

ANSWER = "answer"  # the answer select of the note form
_DAY_VALUE = re.compile(r"([0-9]{1,9}):([0-9]{4}-[0-9]{2}-[0-9]{2})", re.ASCII)
_LABELS = {Answer.DONE: "Did it", Answer.MISSED: "Missed", Answer.NO_CALLS: "No relevant calls today"}
_STATUS = {DayStatus.DONE: "done :white_check_mark:", DayStatus.REPAIRED: "made up :wrench:",
           DayStatus.MISSED: "missed", DayStatus.NO_CALLS: "no relevant calls", DayStatus.OPEN: "open",
           DayStatus.AHEAD: "ahead"}


def day_value(challenge_id: int, day: date) -> str:
    return f"{challenge_id}:{day.isoformat()}"


def read_day_value(value: str | None) -> tuple[int, date] | None:
    """A nudge button's "<challenge id>:<day>", or None when it is not one."""
    found = _DAY_VALUE.fullmatch(value or "")
    if found is None:
        return None
    try:
        return int(found.group(1)), date.fromisoformat(found.group(2))
    except ValueError:
        return None


# -- figures ------------------------------------------------------------------------------


def compliance_text(view: ChallengeView) -> str:
    rate = view.progress.compliance
    return "no relevant day yet" if rate is None else f"{round(rate * 100)}%"


def figures(view: ChallengeView) -> str:
    """One line: streak, longest streak, compliance, days left, repairs left."""
    p = view.progress
    days = "day" if p.days_left == 1 else "days"
    return (f":fire: Streak *{p.streak}* · longest *{p.longest_streak}* · compliance *{compliance_text(view)}* "
            f"({p.done}/{p.relevant} relevant days) · *{p.days_left}* {days} left · repairs left: {p.repairs_left}")


def _behaviours(view: ChallengeView) -> list[Block]:
    lines = [md("• *{skill}*: {text}", skill=view.skill_names.get(b.skill_id, b.skill_id), text=b.text)
             for b in view.challenge.behaviours]
    return [section(joined("\n", lines))] if lines else []


def _yesterday(view: ChallengeView, day: date) -> Mrkdwn | None:
    before = view.status_before(day)
    if before is None:
        return None
    previous, status = before
    return md("Last challenge day ({day:%a %-d %b}): {status}.", day=previous, status=_STATUS[status])


# -- the nudge -------------------------------------------------------------------------------


def _answer_buttons(challenge_id: int, day: date) -> Block:
    value = day_value(challenge_id, day)
    return actions(button(_LABELS[Answer.DONE], ids.CHALLENGE_DONE, value, style="primary"),
                   button(_LABELS[Answer.MISSED], ids.CHALLENGE_MISSED, value),
                   button(_LABELS[Answer.NO_CALLS], ids.CHALLENGE_NO_CALLS, value),
                   button("Add a note", ids.CHALLENGE_ADD_NOTE, value))


def _repair_button(view: ChallengeView) -> Block:
    return actions(button("Repair yesterday", ids.CHALLENGE_REPAIR, str(view.challenge.id)))


def nudge_message(note: ChallengeNudge, _now: datetime) -> dict[str, Any]:
    """The morning nudge: why it came, the behaviours, yesterday's state, the answers."""
    view, day = note.view, note.day
    number = view.days.index(day) + 1 if day in view.days else 0
    text = md("Day {n} of {total} of your challenge: did you do it today?", n=number, total=len(view.days))
    blocks: list[Block] = [section(md(":dart: *{text}*", text=text)), *_behaviours(view)]
    if (yesterday := _yesterday(view, day)) is not None:
        blocks.append(context(yesterday))
    blocks.append(_answer_buttons(view.challenge.id or 0, day))
    if view.can_repair_before(day):
        blocks.append(section("Missed the last one? Make it up today, once per challenge.",
                              accessory=button("Repair yesterday", ids.CHALLENGE_REPAIR, str(view.challenge.id))))
    # Why it came and how to stop it are the footer's (handlers.blocks.nudge_footer), under every nudge.
    blocks.append(context(md("{figures} · Answers count until midnight (plus 3 h). Time off (`/coach pause 1w`) "
                             "pauses the challenge and moves its end.", figures=figures(view))))
    return message(text, blocks)


def answered_message(view: ChallengeView, day: date | None) -> dict[str, Any]:
    """Replaces the nudge once answered: the answer and the figures; the repair when it applies."""
    record = (view.records.get(day) if day is not None
              else next((r for r in view.records.values() if r.repaired), None))  # a repair: the day made up
    if record is None:
        said = md("Challenge updated.")
    elif record.repaired:
        said = md(":wrench: {day:%a %-d %b} made up. Well recovered.", day=record.day)
    else:
        said = md(":white_check_mark: {day:%a %-d %b}: *{answer}*.", day=record.day, answer=_LABELS[record.answer])
    blocks: list[Block] = [section(said)]
    if record is not None and record.note:
        blocks.append(context(md("Note: {note}", note=record.note)))
    blocks.append(section(figures(view)))
    if view.challenge.status.value == "complete":
        blocks.append(context(":tada: That was the last day of your challenge."))
    elif view.open_day is not None:
        if view.open_day not in view.records:  # after a repair, today is still to answer
            blocks.append(_answer_buttons(view.challenge.id or 0, view.open_day))
        if view.can_repair_before(view.open_day):
            blocks.append(_repair_button(view))
    blocks.append(context("Changed your mind? `/challenge done`, `/challenge missed` or `/challenge no-calls` "
                          "until midnight (plus 3 h)."))
    return message(said, blocks)


# -- the forms -------------------------------------------------------------------------------


def challenge_start_modal(form: ChallengeForm) -> dict[str, Any]:
    """The behaviour per focus skill, prefilled from the catalog and editable."""
    intro = md("A *{days}* challenge for {rep}: one concrete behaviour per focus skill, a nudge every "
               "morning at the time below (their time), one click to answer.", days=form.day_kind_label,
               rep=mention(form.rep.user_id))
    blocks: list[Block] = [section(intro)]
    blocks += [input_block(behaviour_key(b.skill_id), f"{form.skill_names.get(b.skill_id, b.skill_id)}: every day",
                           text_input(b.text, max_length=field_lengths.CHALLENGE_BEHAVIOUR),
                           hint="Concrete and countable: what you will do in every relevant call.")
               for b in form.behaviours]
    blocks.append(input_block(NUDGE_TIME, "When should the nudge come?",
                              {"type": "timepicker", "initial_time": f"{NUDGE_AT:%H:%M}"},
                              hint=f"Local time, {EARLIEST:%H:%M} to {LATEST:%H:%M}. "
                                   "Change it later with /challenge time 07:45."))
    return {
        "type": "modal", "callback_id": ids.CHALLENGE_VIEW,
        "title": plain("21-day challenge", limits.VIEW_TITLE), "submit": plain("Start", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"r": form.rep.user_id, "s": [b.skill_id for b in form.behaviours]}),
        "blocks": blocks,
    }


@dataclass(frozen=True)
class TypedStart:
    rep_id: str | None
    texts: dict[str, str]
    nudge_at: str | None = None  # the picked "HH:MM"; None: not in the form (the default applies)


def read_start(view: dict[str, Any]) -> TypedStart:
    opened, values = metadata(view), state_values(view)
    skills = opened.get("s")
    shown = [s for s in skills if isinstance(s, str)] if isinstance(skills, list) else []
    block = values.get(NUDGE_TIME)
    field = block.get("value") if isinstance(block, dict) else None
    picked = field.get("selected_time") if isinstance(field, dict) else None
    return TypedStart(metadata_user(opened, "r"), {s: selected(values, behaviour_key(s)) or "" for s in shown},
                      picked if isinstance(picked, str) or picked is None else "?")


def challenge_note_modal(challenge_id: int, day: date, answer: Answer | None) -> dict[str, Any]:
    """The answer with a note (the nudge it came from is found in the ledger and updated after)."""
    options = [option(a.value, _LABELS[a]) for a in Answer]
    blocks: list[Block] = [
        section(md("Your challenge, *{day:%a %-d %b}*.", day=day)),
        input_block(ANSWER, "How did today go?", select(options, (answer or Answer.DONE).value)),
        input_block(NOTE, "Note", text_input(None, max_length=field_lengths.CHALLENGE_NOTE, multiline=True),
                    optional=True, hint="What worked, what got in the way. Only you and your manager see it."),
    ]
    meta = {"c": challenge_id, "d": day.isoformat()}
    return {
        "type": "modal", "callback_id": ids.CHALLENGE_NOTE_VIEW,
        "title": plain("Challenge day", limits.VIEW_TITLE), "submit": plain("Save", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE), "private_metadata": json.dumps(meta), "blocks": blocks,
    }


@dataclass(frozen=True)
class TypedNote:
    challenge_id: int | None
    day: date | None
    answer: Answer | None
    note: str


def read_note(view: dict[str, Any]) -> TypedNote:
    opened, values = metadata(view), state_values(view)
    raw_day, raw_answer = opened.get("d"), selected(values, ANSWER)
    try:
        day = date.fromisoformat(raw_day) if isinstance(raw_day, str) and len(raw_day) == 10 else None
    except ValueError:
        day = None
    answer = next((a for a in Answer if a.value == raw_answer), None)
    return TypedNote(metadata_int(opened, "c"), day, answer, selected(values, NOTE) or "")


# -- messages ------------------------------------------------------------------------------


def started_message(notice: ChallengeStarted, to: str) -> dict[str, Any]:
    view = notice.view
    rep = view.rep.user_id
    if to == rep:
        who = md("You") if notice.started_by == rep else mention(notice.started_by)
        text = md(":dart: {who} started your 21-day challenge. A nudge comes every challenge morning at 08:30 "
                  "your time; one click answers it.", who=who)
    else:
        text = md(":dart: {rep}'s 21-day challenge has started.", rep=mention(rep))
    last = view.last_day
    blocks: list[Block] = [section(text), *_behaviours(view),
                           context(md("{n} challenge days, the last on {last:%a %-d %b} (time off and holidays "
                                      "move it out).", n=len(view.days), last=last))]
    return message(text, blocks)


def completed_message(notice: ChallengeCompleted) -> dict[str, Any]:
    view = notice.view
    p = view.progress
    text = md(":tada: You finished your 21-day challenge! Compliance *{rate}*, longest streak *{longest}* days.",
              rate=compliance_text(view), longest=p.longest_streak)
    blocks: list[Block] = [section(text), *_behaviours(view),
                           context(md("{done} days done of {relevant} relevant · {repairs} repair used. "
                                      "Habits stick when they are kept: keep going without the nudges.",
                                      done=p.done, relevant=p.relevant,
                                      repairs=view.challenge.repairs_used)),
                           section(md("Did the habit win you a deal, a meeting or a better call? "
                                      "Tell your manager, and your team if you like, what worked.")),
                           actions(share_win_button(WinSource.CHALLENGE))]
    return message(text, blocks)


def finished_for_manager_message(notice: ChallengeFinishedForManager) -> dict[str, Any]:
    view = notice.view
    text = md(":tada: {rep} finished their 21-day challenge: compliance *{rate}*, longest streak *{longest}* days.",
              rep=mention(view.rep.user_id), rate=compliance_text(view), longest=view.progress.longest_streak)
    return message(text, [section(text), *_behaviours(view)])


def progress_message(view: ChallengeView | None) -> dict[str, Any]:
    """`/challenge status`: the caller's challenge, its behaviours and figures."""
    if view is None:
        text = md("You have no challenge yet. `/challenge` starts one once your focus skills are agreed.")
        return message(text, [section(text)])
    state = view.challenge.status.value
    text = md("Your 21-day challenge ({state}): day {n} of {total}.", state=state,
              n=view.day_number or len(view.days) - view.progress.days_left, total=len(view.days))
    blocks: list[Block] = [section(md("*{text}*", text=text)), *_behaviours(view), section(figures(view))]
    return message(text, blocks)


def home_blocks(view: ChallengeView) -> list[Block]:
    """The rep's App Home section."""
    if view.challenge.status.value == "complete" or view.progress.complete:
        head = md("*21-day challenge* · finished: compliance *{rate}*, longest streak *{longest}*",
                  rate=compliance_text(view), longest=view.progress.longest_streak)
        return [section(head)]
    blocks: list[Block] = [section(md("*21-day challenge* · ends {last:%a %-d %b}", last=view.last_day)),
                           *_behaviours(view), context(figures(view))]
    if view.open_day is not None and view.open_day not in view.records:
        blocks.append(_answer_buttons(view.challenge.id or 0, view.open_day))
    return blocks

