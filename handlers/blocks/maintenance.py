"""Monthly maintenance check-ins in Slack: the rep's DM and modal, the confirmation, the manager's DM with
its flags, and the note that a new cycle started from one.

What the rep writes ("what is slipping?") is read by their manager, and the
catalog's names come from an admin's file: both are escaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import field_lengths
from domain.catalog import Catalog
from domain.catalog.model import LeadingIndicator
from domain.coaching.maintenance import RATINGS
from domain.coaching.maintenance_checkins import (
    RATING_PREFIX,
    SLIPPING,
    IndicatorReading,
    MaintenanceCheckin,
    rating_field,
)
from domain.notifications.maintenance import MaintenanceCheckinNote
from domain.services.maintenance_notices import CheckinForm, CheckinForManager, CheckinSaved, CycleRestarted
from handlers.blocks import limits
from handlers.blocks.inputs import input_block, metadata, metadata_int, option, select, selected, state_values
from handlers.blocks.inputs import text_input as _text_input
from handlers.blocks.kit import Block, actions, button, context, md, mention, message, plain, section
from handlers.blocks.mrkdwn import Mrkdwn, joined
from handlers.blocks.scorecard_text import value_text
from handlers.edge import ids

_RESTART = re.compile(r"([0-9]{1,9}):([a-z0-9_\-]{1,64})", re.ASCII)
_RATING_WORDS = {1: "1 - slipped back", 2: "2 - often forget it", 3: "3 - sometimes", 4: "4 - mostly a habit",
                 5: "5 - a solid habit"}
_FLAG_BUTTONS = 5  # an actions block holds more, but a check-in rates at most a couple of focus skills


def _month(month: date) -> str:
    return f"{month:%B %Y}"


def _skill_name(catalog: Catalog, skill: str) -> str:
    return next((c.name for c in catalog.competencies if c.id == skill), skill)


def _indicator(catalog: Catalog, skill: str, indicator_id: str) -> LeadingIndicator | None:
    if not any(c.id == skill for c in catalog.competencies):
        return None
    return next((i for i in catalog.indicators_for(skill) if i.id == indicator_id), None)


# -- the scheduled DM ----------------------------------------------------------------------


def maintenance_checkin_message(note: MaintenanceCheckinNote) -> dict[str, Any]:
    """The rep's monthly DM with its "Open check-in" button (value: the cycle id)."""
    text = f"Your monthly maintenance check-in for {_month(note.month)} is open."
    blocks: list[Block] = [
        section(md(":seedling: *{text}*\nYour coaching cycle is over and the new habits are yours to keep. "
                   "Two minutes: rate each focus skill from 1 to 5, say what is slipping, and see your "
                   "indicators from your last four weeks of debriefs beside last month's. Your manager "
                   "reads it.", text=text)),
        actions(button("Open check-in", ids.OPEN_MAINTENANCE_CHECKIN, str(note.cycle.id or 0), style="primary")),
        context(f"{note.when} your time, until your manager ends maintenance or a new cycle starts."),
    ]
    return message(text, blocks)


# -- the modal -----------------------------------------------------------------------------


def _reading_text(catalog: Catalog, reading: IndicatorReading, last: IndicatorReading | None) -> Mrkdwn:
    indicator = _indicator(catalog, reading.competency_id, reading.indicator_id)
    name = indicator.name if indicator is not None else reading.indicator_id
    now = (value_text(indicator, reading.value) if indicator is not None else f"{reading.value:g}"
           ) if reading.value is not None else "no calls recorded it"
    then = None
    if last is not None and last.value is not None:
        then = value_text(indicator, last.value) if indicator is not None else f"{last.value:g}"
    calls = f" ({reading.calls} call{'s' if reading.calls != 1 else ''})" if reading.value is not None else ""
    return md("• {name}: {now}{calls}{then}", name=name, now=now, calls=calls,
              then=f" · last month {then}" if then else "")


def _snapshot_lines(catalog: Catalog, skill: str, readings: tuple[IndicatorReading, ...],
                   last: MaintenanceCheckin | None) -> list[Mrkdwn]:
    """One line per indicator of `skill`: this snapshot's value beside last month's."""
    return [_reading_text(catalog, r, last.reading(r.indicator_id) if last is not None else None)
            for r in readings if r.competency_id == skill]


def checkin_modal(form: CheckinForm, catalog: Catalog) -> dict[str, Any]:
    """A 1-5 rating per focus skill with its indicator snapshot beside last month's, and what is slipping."""
    current, last = form.current, form.last
    intro = (f"Your check-in for *{_month(form.month)}*. Your manager reads it."
             + (" You already checked in this month: saving replaces it." if current is not None else ""))
    blocks: list[Block] = [section(md(intro))]
    if last is not None:
        blocks.append(context(md("Last check-in: {month}.", month=_month(last.month))))
    if not form.skills:
        blocks.append(context("Your cycle has no focus skills on record, so there is nothing to rate; "
                              "say below what is slipping."))
    options = [option(n, _RATING_WORDS[n]) for n in RATINGS]
    for skill in form.skills:
        name = _skill_name(catalog, skill)
        lines = _snapshot_lines(catalog, skill, form.readings, last)
        before = last.rating(skill) if last is not None else None
        heading = md("*{name}*{before}", name=name, before=f" · you rated it {before} last month" if before else "")
        blocks.append(section(joined("\n", [heading, *lines]) if lines else heading))
        initial = current.rating(skill) if current is not None else None
        blocks.append(input_block(rating_field(skill), f"{name}: how much of a habit is it now?",
                                  select(options, str(initial) if initial else None, "Rate 1 to 5")))
    blocks.append(input_block(SLIPPING, "What is slipping?",
                              _text_input(current.slipping if current is not None else None,
                                          max_length=field_lengths.MAINTENANCE_SLIPPING, multiline=True),
                              optional=True, hint="A habit you let go, a call that went the old way, what gets "
                                                  "in the way."))
    return {
        "type": "modal",
        "callback_id": ids.MAINTENANCE_CHECKIN_VIEW,
        "title": plain("Monthly check-in", limits.VIEW_TITLE),
        "submit": plain("Send", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"c": form.cycle.id}),
        "blocks": blocks[: limits.VIEW_BLOCKS],
    }


@dataclass(frozen=True)
class TypedCheckin:
    cycle_id: int | None
    ratings: dict[str, int | None]  # every rating field submitted, by skill; None: not a 1-5 number
    slipping: str


def read_checkin(view: dict[str, Any]) -> TypedCheckin:
    values = state_values(view)
    ratings: dict[str, int | None] = {}
    for block_id in values:
        if isinstance(block_id, str) and block_id.startswith(RATING_PREFIX):
            raw = selected(values, block_id)
            ratings[block_id[len(RATING_PREFIX):]] = int(raw) if raw in {str(n) for n in RATINGS} else None
    return TypedCheckin(metadata_int(metadata(view), "c"), ratings, selected(values, SLIPPING) or "")


# -- the DMs -------------------------------------------------------------------------------


def checkin_saved_message(notice: CheckinSaved, catalog: Catalog) -> dict[str, Any]:
    checkin = notice.checkin
    what = "updated" if notice.edited else "sent"
    text = f"Your {_month(checkin.month)} check-in is {what}; your manager has it."
    ratings = [md("{name}: {rating}", name=_skill_name(catalog, s), rating=r) for s, r in checkin.ratings]
    blocks: list[Block] = [section(md(":white_check_mark: {text}", text=text))]
    if ratings:
        blocks.append(context(joined(" · ", ratings)))
    blocks.append(context("Change it this month by opening the check-in again: the new answers replace these."))
    return message(text, blocks)


def restart_value(checkin_id: int, skill: str) -> str:
    return f"{checkin_id}:{skill}"


def read_restart_value(value: str | None) -> tuple[int, str] | None:
    found = _RESTART.fullmatch(value) if value is not None else None
    return (int(found.group(1)), found.group(2)) if found else None


def checkin_for_manager_message(notice: CheckinForManager, catalog: Catalog) -> dict[str, Any]:
    """To the manager: ratings, what is slipping (quoted, escaped), the snapshot against last month, the flags."""
    checkin, last, rep = notice.checkin, notice.last, notice.rep
    edited = " (edited)" if notice.edited else ""
    text = md("{rep} sent their {month} maintenance check-in{edited}.", rep=mention(rep.user_id),
              month=_month(checkin.month), edited=edited)
    blocks: list[Block] = [section(md(":seedling: {text}", text=text))]
    for skill, rating in checkin.ratings:
        before = last.rating(skill) if last is not None else None
        was = f" (last month {before})" if before is not None else ""
        lines = _snapshot_lines(catalog, skill, checkin.readings, last)
        heading = md("*{name}*: self-rating {rating}{was}", name=_skill_name(catalog, skill), rating=rating, was=was)
        blocks.append(section(joined("\n", [heading, *lines])))
    slipping = checkin.slipping.strip()
    quoted = [md("> {line}", line=line) for line in slipping.splitlines() if line.strip()]
    blocks.append(section(joined("\n", [md("*What is slipping*"), *quoted]) if quoted
                          else md("*What is slipping*: nothing written.")))
    if notice.flags:
        reasons = [md(":warning: *{name}*: {reason}", name=_skill_name(catalog, f.competency_id),
                      reason=_reason(catalog, f.competency_id, f.rating_drop, f.indicator_ids))
                   for f in notice.flags]
        blocks.append(section(joined("\n", [md("*Backsliding*"), *reasons])))
        blocks.append(actions(*[button(f"Start a new cycle on {_skill_name(catalog, f.competency_id)}",
                                       ids.RESTART_FROM_CHECKIN, restart_value(checkin.id or 0, f.competency_id))
                                for f in notice.flags[:_FLAG_BUTTONS]]))
        blocks.append(context("A new cycle starts on the coming Monday with that skill as its focus; the "
                              "maintained cycle ends and its monthly check-ins stop."))
    else:
        blocks.append(context("Nothing flagged: no self-rating fell and no indicator got worse two months running."))
    return message(text, blocks)


def _reason(catalog: Catalog, skill: str, drop: int | None, indicator_ids: tuple[str, ...]) -> Mrkdwn:
    parts: list[Mrkdwn] = []
    if drop is not None:
        parts.append(md("self-rating down {drop} point{s}", drop=drop, s="s" if drop > 1 else ""))
    if indicator_ids:
        names = [(i.name if (i := _indicator(catalog, skill, ident)) is not None else ident) for ident in indicator_ids]
        parts.append(md("worse two months running: {names}", names=", ".join(names)))
    return joined("; ", parts)


def cycle_restarted_message(notice: CycleRestarted, catalog: Catalog, to: str) -> dict[str, Any]:
    cycle = notice.view.current
    starts = f"{cycle.starts_on:%a %-d %b}" if cycle is not None else "the coming Monday"
    by = "" if to == notice.by else md(" ({who} started it)", who=mention(notice.by))
    text = md("A new coaching cycle for {rep} on *{skill}* starts {starts}{by}.", rep=mention(notice.rep.user_id),
              skill=_skill_name(catalog, notice.skill), starts=starts, by=by)
    blocks: list[Block] = [
        section(md(":repeat: {text}", text=text)),
        context(md("{skill} is already chosen as its focus skill: week 2's priorities show it, and "
                   "`/coach focus {rep} ...` changes it. The maintained cycle has ended, so its monthly "
                   "check-ins stop.", skill=_skill_name(catalog, notice.skill), rep=mention(notice.rep.user_id))),
    ]
    return message(text, blocks)
