"""The end-of-day debrief prompt: 17:00 on working days, to coached reps who have not debriefed a call that day.

The rep answers in one click: Debrief (the modal, for that day), "No calls
today" (recorded, so a scorecard tells a quiet day from a forgotten
debrief) or "Not today". A day with a debrief of one of its calls, or one
the rep already called call-free, gets no prompt: the gatherer leaves it
out and the ledger records it as skipped, "nothing to send any more".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence

PROMPT_AT = time(17, 0)


@dataclass(frozen=True)
class DebriefPromptNote:
    """One rep's end-of-day question for their local `day`."""

    workspace: WorkspaceRef
    rep: Member
    day: date


def debrief_prompts(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
                    ) -> dict[Occasion, DebriefPromptNote]:
    """Three queries for any number of reps: them, their debriefs of those days, their call-free days."""
    if not occasions:
        return {}
    rep_ids = list(dict.fromkeys(o.recipient_id for o in occasions))
    first, last = min(o.on for o in occasions), max(o.on for o in occasions)
    reps = uow.members.get_many(ws, rep_ids)
    debriefs = uow.debriefs.for_reps_between(ws, rep_ids, first, last)
    debriefed = {(rep_id, d.call_on) for rep_id, found in debriefs.items() for d in found}
    call_free_days = uow.call_free_days.for_reps_between(ws, rep_ids, first, last)
    call_free = {(rep_id, day) for rep_id, days in call_free_days.items() for day in days}
    notes: dict[Occasion, DebriefPromptNote] = {}
    for occasion in occasions:
        rep = reps.get(occasion.recipient_id)
        done = (occasion.recipient_id, occasion.on)
        # Only coached reps; a day already debriefed or called call-free needs no question.
        if rep is not None and rep.manager_id is not None and done not in debriefed and done not in call_free:
            notes[occasion] = DebriefPromptNote(ws, rep, occasion.on)
    return notes


DEBRIEF_PROMPT = ScheduledKind(
    name="debrief_prompt",
    title="End-of-day debrief prompt on working days (reps)",
    why="you are coached and have not debriefed a call today",
    audience=Audience.REPS,
    cadence=Cadence.DAILY,
    local_time=PROMPT_AT,
    stale=END_OF_DAY,  # tomorrow it is a question about yesterday: skip it
    gather=debrief_prompts,
)
