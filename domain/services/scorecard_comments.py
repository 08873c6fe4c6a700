"""A rep's "Add a comment for my manager" on their own scorecard: stored, and sent to their manager.

Only the rep comments on their own scorecard: the rep is whoever submits
the form, never someone named in it, so a crafted request can at most
comment on the sender's own scorecard of another week. The comment goes to
the manager the rep has when they send it; a rep without one is told to
ask an admin. Each submission is stored once (its receipt) and kept for
the scorecards that show it (`ScorecardCommentRepository.for_reps_weeks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain import field_lengths
from domain.coaching.scorecard_comments import IsoWeek, ScorecardComment
from domain.effects import Done, Notice, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import zone
from domain.services.use_case import finish

COMMENT_FIELD = "comment"
NO_MANAGER = "You have no manager in Coachflow yet; ask an admin to add you to a team."
BAD_WEEK = ("That scorecard's week could not be read. Open your scorecard again (`/scorecard`) "
            "and use its button.")
NOT_YET = "That week has not started yet; you can comment on a scorecard from its Monday."
EMPTY = "Write what you want your manager to read."


@dataclass(frozen=True)
class CommentForm:
    """What the comment modal shows: whose eyes it is for, and which week."""

    rep: Member
    manager: Member
    week: IsoWeek


@dataclass(frozen=True)
class CommentForManager(Notice):
    """To the manager: their rep's comment, with a way to open that week's scorecard."""

    comment: ScorecardComment
    rep: Member
    week: IsoWeek


@dataclass(frozen=True)
class CommentSent(Notice):
    """To the rep: their comment went to their manager."""

    comment: ScorecardComment
    manager: Member
    week: IsoWeek


class ScorecardCommentService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def form(self, ws: WorkspaceRef, rep_id: str, week_label: str | None) -> CommentForm:
        """Refused for a week that is not one, or not begun, and for a rep without a manager."""
        week = _week(week_label)
        with self._uow_factory(read_only=True) as uow:
            rep, manager = self._rep_and_manager(uow, ws, rep_id)
        self._begun(rep, week)
        return CommentForm(rep, manager, week)

    def comment_and_tell(self, ws: WorkspaceRef, rep_id: str, week_label: str | None, text: str,
                         receipt: Receipt | None = None) -> Done[ScorecardComment]:
        """Store the comment, DM it to the rep's manager and confirm it to the rep."""
        week = _week(week_label)
        text = text.strip()
        problem = EMPTY if not text else field_lengths.text_problem(text, field_lengths.SCORECARD_COMMENT)
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, manager = self._rep_and_manager(uow, ws, rep_id)
            self._begun(rep, week)
            if problem:
                raise FieldProblems({COMMENT_FIELD: problem})
            now = self._clock()
            stored = uow.scorecard_comments.add(
                ScorecardComment(ws, rep.user_id, manager.user_id, week.label, text, created_at=now))
            effects = tell(manager.user_id, CommentForManager(stored, rep, week)) \
                + tell(rep.user_id, CommentSent(stored, manager, week))
            done = finish(uow, ws, Done(stored, effects), catalog=None, now=now)
            uow.commit()
        return done

    def _begun(self, rep: Member, week: IsoWeek) -> None:
        # In the rep's own calendar: their Monday may still be Sunday in UTC.
        if week.monday > self._clock().astimezone(zone(rep.time_zone)).date():
            raise InvalidInput(NOT_YET)

    @staticmethod
    def _rep_and_manager(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str) -> tuple[Member, Member]:
        rep = uow.members.get(ws, rep_id)
        manager = uow.members.get(ws, rep.manager_id) if rep is not None and rep.manager_id else None
        if rep is None or manager is None:
            raise NotAllowed(NO_MANAGER)
        return rep, manager


def _week(label: str | None) -> IsoWeek:
    week = IsoWeek.parse(label)
    if week is None:
        raise InvalidInput(BAD_WEEK)
    return week
