"""`/scorecard` and the manager's "Full scorecard": who may see which scorecard, of which week.

The rules, all here so every surface follows them:
- a rep sees their own scorecard; a manager their own reps' and their team's;
  an admin any rep's and any team's in the workspace. Anyone else asking
  about a rep is refused with the reason (whose team the rep is on, who may
  see it). Nothing crosses workspaces: every read is scoped by the workspace.
- an admin who is not the rep's manager sees the numbers, not the words: the
  rep's own words, the manager's shadow feedback and homework texts are the
  rep's and their manager's only (docs/coaching.md, "Who sees what").
- only the rep may make their scorecard public (`post`), and then without
  their manager's feedback and homework texts: their numbers and their words.

Reading use cases open one read-only unit of work; posting opens one writing
unit that records the click's receipt first, so a retried or double click
posts once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from domain.audit import RecordKind, audit_read
from domain.catalog import Catalog
from domain.coaching.debriefs import week_of
from domain.coaching.scorecard import Scorecard, TeamScorecard
from domain.coaching.scorecard_comments import IsoWeek
from domain.effects import Done
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import zone
from domain.services.scorecard_export import Export, export_for
from domain.services.scorecards import scorecards, team_scorecards

WEEK_FORMS = "`last`, `2026-W48`, or `W48` for that week of this year"
UNKNOWN_YOU = "Coachflow does not know you yet in this workspace. Run `/coach help` to get started."


class WeekAsk(BaseModel):
    """Which week: this one (`weeks_back` 0), the one before (1), or an ISO week (`number`, `year` or this year)."""

    model_config = ConfigDict(frozen=True)

    weeks_back: int = 0
    number: int | None = None
    year: int | None = None

    def monday(self, today: date, whose: str = "your") -> date:
        """The Monday of the wanted week, in the calendar where `today` is today; a week not begun is refused."""
        if self.number is None:
            return week_of(today - timedelta(weeks=self.weeks_back))[0]
        year = self.year if self.year is not None else today.isocalendar()[0]
        try:
            monday = date.fromisocalendar(year, self.number, 1)
        except ValueError:
            raise InvalidInput(f"{year} has no week {self.number} (ISO years have 52 or 53 weeks). "
                               f"Name a week as {WEEK_FORMS}.") from None
        if monday > week_of(today)[0]:
            raise InvalidInput(f"Week {self.number} of {year} has not started yet in {whose} calendar, so it has "
                               f"no scorecard. Ask for this week (no week), {WEEK_FORMS}.")
        return monday


def read_week_label(label: str) -> WeekAsk | None:
    """`2026-W48` (a card's label, as buttons carry it) as a WeekAsk; None for anything else (one parser:
    `IsoWeek.parse`, which the comment flow reads its button with too)."""
    week = IsoWeek.parse(label)
    return None if week is None else WeekAsk(year=week.year, number=week.number)


@dataclass(frozen=True)
class RepCardView:
    """One rep's scorecard as this viewer may see it."""

    card: Scorecard
    own: bool  # the viewer is the rep
    words_hidden: bool = False  # an admin who is not the manager: the numbers without anyone's words


@dataclass(frozen=True)
class TeamCardView:
    team: TeamScorecard
    own: bool  # the viewer is the team's manager


@dataclass(frozen=True)
class ExportView:
    export: Export
    about: str  # "<@UA>" or "<@UMGR>'s team", for the confirmation
    file_stem: str  # "scorecard-UA" or "team-scorecard-UMGR"


def _words_hidden(card: Scorecard) -> Scorecard:
    """The card without what people wrote (the rep's examples, shadow feedback, homework texts)."""
    return replace(card, examples=(), feedback=(), homework_done=())


def public_card(card: Scorecard) -> Scorecard:
    """What the rep shares in a channel: their numbers and their own words, not their manager's."""
    return replace(card, feedback=(), homework_done=())


def _today(member: Member, now: datetime) -> date:
    return now.astimezone(zone(member.time_zone)).date()


class ScorecardViewService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    # -- one rep ------------------------------------------------------------------------------------------

    def rep_card(self, ws: WorkspaceRef, viewer_id: str, rep_id: str | None, week: WeekAsk) -> RepCardView:
        """The viewer's own scorecard (`rep_id` None or theirs), or a rep's they may see."""
        own = rep_id is None or rep_id == viewer_id
        # A manager's (or an admin's) read of a rep's scorecard is audited, so it is a writing unit.
        with self._uow_factory(read_only=own) as uow:
            shown = self._rep_card(uow, ws, viewer_id, rep_id, week)
            if not own and rep_id is not None:
                audit_read(uow, ws, viewer_id, rep_id, RecordKind.SCORECARD, self._clock())
                uow.commit()
            return shown

    def ask_to_post(self, ws: WorkspaceRef, viewer_id: str, rep_id: str | None, week: WeekAsk) -> RepCardView:
        """`/scorecard post`: the viewer's own card, to confirm before it goes public; nobody else's."""
        if rep_id is not None and rep_id != viewer_id:
            raise NotAllowed(f"Only <@{rep_id}> can post <@{rep_id}>'s scorecard in a channel: a scorecard is "
                             "made public by its rep alone. `/scorecard post` shares your own.")
        return self.rep_card(ws, viewer_id, None, week)

    def post_own(self, ws: WorkspaceRef, viewer_id: str, week: WeekAsk, receipt: Receipt | None) -> Done[Scorecard]:
        """The card to post in the channel, once per click ("Post in this channel", confirmed).

        The button carries only the week: the card is always the clicker's
        own. The receipt is recorded first (a replay raises `Replayed`) and
        committed with nothing else, so a retried click posts nothing more.
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            shown = self._rep_card(uow, ws, viewer_id, None, week)
            uow.commit()
        return Done(public_card(shown.card))  # nothing to deliver: the listener posts through the click

    def _rep_card(self, uow: UnitOfWork, ws: WorkspaceRef, viewer_id: str, rep_id: str | None,
                  week: WeekAsk) -> RepCardView:
        wanted = rep_id or viewer_id
        people = uow.members.get_many(ws, {viewer_id, wanted})
        viewer, rep = people.get(viewer_id), people.get(wanted)
        if viewer is None:
            raise NotFound(UNKNOWN_YOU)
        own = wanted == viewer_id
        if rep is None:
            raise NotFound(f"<@{wanted}> is not on any coaching team in Coachflow here, so there is no scorecard.")
        if not own:
            _may_see_rep(viewer, rep)
        day = week.monday(_today(rep, self._clock()), "your" if own else f"<@{wanted}>'s")
        card = scorecards(uow, ws, {wanted: rep}, {wanted: day}, self._catalog).get(wanted)
        if card is None:
            raise NotFound(_no_cycle(viewer, rep, own))
        hidden = not own and rep.manager_id != viewer_id  # an admin from outside the team
        return RepCardView(_words_hidden(card) if hidden else card, own, words_hidden=hidden)

    # -- a team -------------------------------------------------------------------------------------------

    def team_card(self, ws: WorkspaceRef, viewer_id: str, manager_id: str | None, week: WeekAsk) -> TeamCardView:
        """The viewer's team scorecard (`manager_id` None or theirs), or, for an admin, any manager's."""
        with self._uow_factory(read_only=True) as uow:
            _, manager = _team_access(uow, ws, viewer_id, manager_id)
            own = manager.user_id == viewer_id
            day = week.monday(_today(manager, self._clock()), "your" if own else f"<@{manager.user_id}>'s")
            team = team_scorecards(uow, ws, {manager.user_id: day}, self._catalog).get(manager.user_id)
        if team is None:
            whose = "your reps is" if own else f"<@{manager.user_id}>'s reps is"
            raise NotFound(f"No team scorecard yet: none of {whose} in a coaching cycle. "
                           "A rep gets a scorecard once their cycle starts (`/coach start @rep`).")
        return TeamCardView(team, own)

    # -- export -------------------------------------------------------------------------------------------

    def export(self, ws: WorkspaceRef, viewer_id: str, *, rep_id: str | None = None, team: bool = False,
               manager_id: str | None = None) -> ExportView:
        """The weekly indicator table of one rep (yours, or one you may see) or of a team (yours, or any
        for an admin), over their active cycle so far; the same columns as `coachflow scorecards export`."""
        now = self._clock()
        with self._uow_factory(read_only=True) as uow:
            if team:
                _, manager = _team_access(uow, ws, viewer_id, manager_id)
                reps = uow.members.reps_of(ws, manager.user_id)
                about, stem = f"<@{manager.user_id}>'s team", f"team-scorecard-{manager.user_id}"
            else:
                shown = self._rep_card_access(uow, ws, viewer_id, rep_id)
                reps, about, stem = [shown], f"<@{shown.user_id}>", f"scorecard-{shown.user_id}"
            found = export_for(uow, self._catalog, ws, reps, now)
        return ExportView(found, about, stem)

    @staticmethod
    def _rep_card_access(uow: UnitOfWork, ws: WorkspaceRef, viewer_id: str, rep_id: str | None) -> Member:
        wanted = rep_id or viewer_id
        people = uow.members.get_many(ws, {viewer_id, wanted})
        viewer, rep = people.get(viewer_id), people.get(wanted)
        if viewer is None:
            raise NotFound(UNKNOWN_YOU)
        if rep is None:
            raise NotFound(f"<@{wanted}> is not on any coaching team in Coachflow here, so there is nothing to export.")
        if wanted != viewer_id:
            _may_see_rep(viewer, rep)
        return rep


def _may_see_rep(viewer: Member, rep: Member) -> None:
    """The rep's own manager and admins may see a rep's scorecard; anyone else is told whose it is to see."""
    if viewer.is_admin or rep.manager_id == viewer.user_id:
        return
    if rep.manager_id is None:
        raise NotAllowed(f"<@{rep.user_id}> is not on a coaching team; only admins can see <@{rep.user_id}>'s "
                         "scorecard.")
    manager = f"<@{rep.manager_id}>"
    raise NotAllowed(f"<@{rep.user_id}> is on {manager}'s team; only {manager} and admins can see "
                     f"<@{rep.user_id}>'s scorecard.")


def _team_access(uow: UnitOfWork, ws: WorkspaceRef, viewer_id: str, manager_id: str | None
                 ) -> tuple[Member, Member]:
    """(viewer, the team's manager): the viewer's own team, or any manager's for an admin."""
    wanted = manager_id or viewer_id
    people = uow.members.get_many(ws, {viewer_id, wanted})
    viewer, manager = people.get(viewer_id), people.get(wanted)
    if viewer is None:
        raise NotFound(UNKNOWN_YOU)
    if wanted != viewer_id and not viewer.is_admin:
        raise NotAllowed(f"Only <@{wanted}> and admins can see <@{wanted}>'s team scorecard. "
                         "`/scorecard team` shows your own team's.")
    if manager is None or not uow.members.reps_of(ws, wanted):
        if wanted == viewer_id:
            hint = " `/scorecard team @manager` shows a manager's team." if viewer.is_admin else ""
            raise NotFound(f"You coach no reps in Coachflow, so you have no team scorecard.{hint} "
                           "`/coach team add @alex` adds reps to your team.")
        raise NotFound(f"<@{wanted}> coaches no reps in Coachflow, so there is no team scorecard.")
    return viewer, manager


def _no_cycle(viewer: Member, rep: Member, own: bool) -> str:
    if not own:
        return f"No scorecard yet: <@{rep.user_id}>'s coaching cycle has not started."
    if viewer.role is Role.MANAGER:
        return ("No scorecard yet: you are not in a coaching cycle yourself. `/scorecard team` shows your "
                "team's, `/scorecard @rep` one rep's.")
    return "No scorecard yet: your coaching cycle has not started. Your manager starts it with `/coach start`."
