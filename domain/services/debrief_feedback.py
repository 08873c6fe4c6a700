"""A manager's "Reply with feedback" to a rep's debrief: stored, and sent in the thread of the rep's copy.

Only the rep's own manager replies (a workspace admin does not: a debrief is
the rep's own reflection). The feedback is stored once per submission (its
receipt) so scorecards can show it; the rep gets it as a reply in the thread
of their debrief's DM copy, or as a DM naming the call when that copy never
arrived.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from domain import field_lengths
from domain.catalog import Catalog
from domain.coaching.debriefs import Debrief, DebriefFeedback
from domain.delivery import reply_period, reply_row
from domain.effects import Done, Effects, Message, Notice, refresh
from domain.errors import FieldProblems, NotAllowed
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.services.debriefs import copy_location
from domain.services.use_case import finish

FEEDBACK_FIELD = "feedback"
NOT_YOUR_REP = "You can reply to the debriefs of your own reps only."


@dataclass(frozen=True)
class FeedbackForm:
    """What the one-field modal shows: whose call it is."""

    debrief: Debrief
    rep: Member


@dataclass(frozen=True)
class FeedbackForRep(Notice):
    """To the rep: their manager's feedback on a debrief, in the thread of its copy when `thread_ts` is known."""

    feedback: DebriefFeedback
    debrief: Debrief
    thread_ts: str | None


class DebriefFeedbackService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def form(self, ws: WorkspaceRef, manager_id: str, debrief_id: int) -> FeedbackForm:
        """Refused unless the debrief is of one of the caller's own reps."""
        with self._uow_factory(read_only=True) as uow:
            debrief, rep = self._of_own_rep(uow, ws, manager_id, debrief_id)
        return FeedbackForm(debrief, rep)

    def reply_and_tell(self, ws: WorkspaceRef, manager_id: str, debrief_id: int, text: str,
                       receipt: Receipt | None = None) -> Done[DebriefFeedback]:
        """Store the feedback and send it to the rep; both Homes change."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            debrief, rep = self._of_own_rep(uow, ws, manager_id, debrief_id)
            text = text.strip()
            problem = ("Write what you want the rep to hear." if not text
                       else field_lengths.text_problem(text, field_lengths.DEBRIEF_FEEDBACK))
            if problem:
                raise FieldProblems({FEEDBACK_FIELD: problem})
            now = self._clock()
            assert debrief.id is not None
            stored = uow.debriefs.add_feedback(DebriefFeedback(ws, debrief.id, rep.user_id, manager_id, text,
                                                               created_at=now))
            copy_at = copy_location(uow, ws, debrief)
            row = reply_row(ws, rep.user_id, reply_period(f"debrief-feedback:{ws.team_id}:{stored.id}"), now)
            if copy_at is not None:
                row = replace(row, channel=copy_at[0])  # the thread is in the DM where the copy is
            uow.deliveries.add_if_absent(row)
            notice = FeedbackForRep(stored, debrief, copy_at[1] if copy_at else None)
            effects = Effects(messages=(Message(rep.user_id, notice, row),)) + refresh(rep.user_id, manager_id)
            done = finish(uow, ws, Done(stored, effects), catalog=self._catalog, now=now)
            uow.commit()
        return done

    @staticmethod
    def _of_own_rep(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, debrief_id: int) -> tuple[Debrief, Member]:
        debrief = uow.debriefs.get(ws, debrief_id)
        rep = uow.members.get(ws, debrief.rep_id) if debrief is not None else None
        if debrief is None or rep is None or rep.manager_id != manager_id:
            raise NotAllowed(NOT_YOUR_REP)  # the same answer whether or not the debrief exists
        return debrief, rep
