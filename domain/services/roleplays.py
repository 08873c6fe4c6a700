"""Role-plays on the rep's real pipeline: `/coach roleplay [@rep]`, "Mark practised", and App Home's batched read.

The rules that make a deal a card are in `domain.coaching.roleplay`; who may
see and mark a rep's deals is `roleplay_access` there (the rep, their own
manager, an admin). `load_roleplays` reads the cards of MANY reps in a fixed
number of queries, for the manager's App Home as for one rep's command.
Everything is scoped by workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from domain import field_lengths
from domain.catalog import Catalog
from domain.coaching.roleplay import (
    RepRoleplays,
    RoleplayPractice,
    account_of,
    roleplay_access,
)
from domain.effects import Done, Effects, Notice, refresh, tell
from domain.errors import FieldProblems, NotFound
from domain.model import Member, Role, WorkspaceRef
from domain.pipeline.model import MAX_NAME, Opportunity, Stage
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.services.roleplay_cards import load_roleplays
from domain.services.use_case import finish

__all__ = ["NOTE", "PracticeForm", "RoleplayList", "RoleplayRecorded", "RoleplayService", "load_roleplays"]

NOTE = "note"  # the field a note's problem is reported under


@dataclass(frozen=True)
class RoleplayList:
    """What `/coach roleplay [@rep]` shows `viewer_id`: the rep's cards, and whether focus suggestions could come."""

    viewer_id: str
    rep: Member
    roleplays: RepRoleplays
    in_cycle: bool  # the rep has an active coaching cycle
    focus: tuple[str, ...] = ()  # its focus skills' names, in the order chosen
    viewer_coaches: bool = False  # the viewer is a manager or an admin (who may mean a rep's cards)

    @property
    def own(self) -> bool:
        return self.viewer_id == self.rep.user_id


@dataclass(frozen=True)
class PracticeForm:
    """What the "Mark practised" modal shows about the deal."""

    rep_id: str
    external_id: str
    account: str
    stage: Stage | None


@dataclass(frozen=True)
class RoleplayRecorded(Notice):
    """A role-play was recorded: to whoever recorded it, to the rep (someone else did), or to their manager."""

    practice: RoleplayPractice
    to_role: Literal["practiser", "rep", "manager"]


class RoleplayService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def cards_for(self, ws: WorkspaceRef, viewer_id: str, rep_id: str | None = None) -> RoleplayList:
        """The role-play cards of `rep_id` (default: the viewer's own), if the viewer may see them; one read."""
        wanted = rep_id or viewer_id
        now = self._clock()
        with self._uow_factory(read_only=True) as uow:
            people = uow.members.get_many(ws, {viewer_id, wanted})
            viewer = people.get(viewer_id)
            rep = roleplay_access(viewer, people.get(wanted), wanted)
            roleplays = load_roleplays(uow, ws, [rep], now, self._catalog)[rep.user_id]
            cycle = uow.cycles.active_for(ws, rep.user_id)
            focus = uow.priorities.focus(cycle.id) if cycle is not None and cycle.id is not None else []
        names = tuple(self._catalog.competency(c).name for c in focus if c in self._known)
        coaches = viewer is not None and (viewer.is_admin or viewer.role is Role.MANAGER)
        return RoleplayList(viewer_id, rep, roleplays, cycle is not None, names, coaches)

    def practice_form(self, ws: WorkspaceRef, viewer_id: str, rep_id: str, external_id: str) -> PracticeForm:
        """The deal "Mark practised" opens a form for; refused for a deal the viewer may not mark."""
        with self._uow_factory(read_only=True) as uow:
            _, deal = _markable(uow, ws, viewer_id, rep_id, external_id)
        return PracticeForm(rep_id, deal.external_id, account_of(deal), deal.stage)

    def practise_and_tell(self, ws: WorkspaceRef, practiser_id: str, rep_id: str, external_id: str, note: str,
                          receipt: Receipt | None = None) -> Done[RoleplayPractice]:
        """Record a role-play on one of the rep's deals, once per submission; both sides are told.

        The practiser gets a confirmation; the rep a DM with the note when
        someone else recorded it, their manager one when the rep did. A note
        too long (or with a NUL) is `FieldProblems` under `NOTE`; a rep or a
        deal out of the practiser's reach is refused and nothing is stored.
        """
        note = note.strip()
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, deal = _markable(uow, ws, practiser_id, rep_id, external_id)
            problem = field_lengths.text_problem(note, field_lengths.ROLEPLAY_NOTE)
            if problem is not None:
                raise FieldProblems({NOTE: problem})
            practice = uow.roleplays.add(RoleplayPractice(
                ws, rep.user_id, deal.external_id, account_of(deal)[:MAX_NAME], practiser_id, note, self._clock()))
            effects: Effects = tell(practiser_id, RoleplayRecorded(practice, "practiser"))
            if practiser_id != rep.user_id:
                effects += tell(rep.user_id, RoleplayRecorded(practice, "rep"))
            elif rep.manager_id is not None:
                effects += tell(rep.manager_id, RoleplayRecorded(practice, "manager"))
            effects += refresh(practiser_id, rep.user_id, rep.manager_id)
            done = finish(uow, ws, Done(practice, effects), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    @property
    def _known(self) -> set[str]:
        return {c.id for c in self._catalog.competencies}


def _markable(uow: UnitOfWork, ws: WorkspaceRef, viewer_id: str, rep_id: str,
              external_id: str) -> tuple[Member, Opportunity]:
    people = uow.members.get_many(ws, {viewer_id, rep_id})
    rep = roleplay_access(people.get(viewer_id), people.get(rep_id), rep_id)
    deal = next((d for d in uow.pipeline.for_owners(ws, [rep.user_id]) if d.external_id == external_id), None)
    if deal is None:
        # A deal since re-assigned, or a crafted request naming someone else's (or another workspace's).
        own = rep.user_id == viewer_id
        whose, command = ("yours", "`/coach roleplay`") if own else (
            f"<@{rep.user_id}>'s", f"`/coach roleplay <@{rep.user_id}>`")
        raise NotFound(f"That deal is not {whose} in Coachflow (any more). {command} shows the deals as they are now.")
    return rep, deal
