"""Week 2: the manager rates each skill gap's impact and difficulty and picks at most two focus skills.

The ratings place each competency on the impact/difficulty matrix and the app
proposes one foundational and one advanced skill. Only the rep's manager rates
and chooses; the rep reads their own priorities. Focus skills that a contract
already names change through the contract, so both sign again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from statistics import mean

from domain.catalog import Catalog
from domain.coaching.contract import CoachingContract
from domain.coaching.cycle import CoachingCycle
from domain.coaching.priorities import (
    GapRating,
    choose_focus,
    propose_focus,
    validate_rating,
)
from domain.coaching.scoring import skills_profile
from domain.effects import Done, Effects, Message, Notice, Picture, refresh
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.services.cycles import managed_cycle
from domain.services.profiles import HISTORY_LIMIT
from domain.services.use_case import finish


@dataclass(frozen=True)
class SkillGap:
    """One competency as week 2 sees it: observed skill, the rep's own view and the manager's rating."""

    competency: str
    name: str
    level: str
    observed: float | None  # average of the call-scoring dimensions that inform it
    self_rating: float | None  # competence from the latest self-assessment
    rating: GapRating | None

    @property
    def perception_gap(self) -> float | None:
        if self.observed is None or self.self_rating is None:
            return None
        return round(self.self_rating - self.observed, 2)


@dataclass(frozen=True)
class PriorityView:
    rep: Member
    cycle: CoachingCycle
    gaps: list[SkillGap]  # weakest observed first; unobserved last
    proposal: list[GapRating]
    focus: list[str]
    contract: CoachingContract | None

    def name(self, competency: str) -> str:
        return next((g.name for g in self.gaps if g.competency == competency), competency)

    @property
    def rated(self) -> list[GapRating]:
        return [g.rating for g in self.gaps if g.rating is not None]


@dataclass(frozen=True)
class RepPriorities(Notice):
    """To the manager: the rep's gaps, the proposal and the focus; after ratings, also as the matrix chart."""

    view: PriorityView
    manager_id: str


def impact_field(competency: str) -> str:
    return f"impact_{competency}"


def difficulty_field(competency: str) -> str:
    return f"difficulty_{competency}"


class PrioritizationService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog,
                 clock: Callable[[], datetime] | None = None) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def view(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> PriorityView:
        with self._uow_factory(read_only=True) as uow:
            return self._viewable(uow, ws, viewer_id, rep_id)

    def for_manager(self, ws: WorkspaceRef, manager_id: str, rep_id: str) -> PriorityView:
        """The view to rate from: only the rep's manager gets it (a rep reads theirs with `view`)."""
        with self._uow_factory(read_only=True) as uow:
            rep, _ = managed_cycle(uow, ws, manager_id, rep_id, "set their priorities")
            return self._view(uow, ws, rep)

    def rate(self, ws: WorkspaceRef, manager_id: str, rep_id: str, raw: Mapping[str, tuple[object, object]],
             cycle_id: int | None = None, receipt: Receipt | None = None) -> PriorityView:
        return self.rate_and_tell(ws, manager_id, rep_id, raw, cycle_id, receipt).result

    def rate_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str, raw: Mapping[str, tuple[object, object]],
                      cycle_id: int | None = None, receipt: Receipt | None = None) -> Done[PriorityView]:
        """Save the ratings; the manager gets the gaps in words and as the matrix; their Home changes.

        `raw`: competency -> (impact, difficulty) as typed; competencies left blank are skipped.
        `cycle_id`: the cycle the form was opened for; ratings never land in a newer one.
        """
        ratings = self._ratings(raw)
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, cycle = managed_cycle(uow, ws, manager_id, rep_id, "set their priorities")
            if cycle_id is not None and cycle.id != cycle_id:
                raise InvalidInput("This form belongs to a cycle that has ended since you opened it. "
                                   f"Open it again: `/coach prioritize <@{rep_id}>`.")
            uow.priorities.save_ratings(ws, cycle.id or 0, ratings)
            view = self._view(uow, ws, rep)
            priorities = RepPriorities(view, manager_id)  # in words, then as the matrix
            effects = Effects(messages=(Message(manager_id, priorities),),
                              pictures=(Picture(manager_id, priorities),))
            done = finish(uow, ws, Done(view, effects + refresh(manager_id)), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def _ratings(self, raw: Mapping[str, tuple[object, object]]) -> dict[str, tuple[int, int]]:
        problems: dict[str, str] = {}
        ratings: dict[str, tuple[int, int]] = {}
        for competency in self._catalog.competencies:
            impact, difficulty = raw.get(competency.id, (None, None))
            if impact in (None, "") and difficulty in (None, ""):
                continue
            found = validate_rating(impact, difficulty)
            if "impact" in found:
                problems[impact_field(competency.id)] = found["impact"]
            if "difficulty" in found:
                problems[difficulty_field(competency.id)] = found["difficulty"]
            if not found:
                ratings[competency.id] = (int(impact), int(difficulty))  # type: ignore[call-overload]
        if not ratings and not problems:
            first = self._catalog.competencies[0].id
            problems[impact_field(first)] = "Rate at least one skill's impact and difficulty."
        if problems:
            raise FieldProblems(problems)
        return ratings

    def set_focus(self, ws: WorkspaceRef, manager_id: str, rep_id: str, skills: list[str],
                  receipt: Receipt | None = None) -> PriorityView:
        """Replace the focus; the 2-skill rule refuses a third skill or two of one level, with the reason."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            view = self._set_focus(uow, ws, manager_id, rep_id, skills)
            uow.commit()
        return view

    def add_focus(self, ws: WorkspaceRef, manager_id: str, rep_id: str, skill: str) -> PriorityView:
        with self._uow_factory() as uow:
            view = self._add_focus(uow, ws, manager_id, rep_id, skill)
            uow.commit()
        return view

    def _add_focus(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str, skill: str) -> PriorityView:
        _, cycle = managed_cycle(uow, ws, manager_id, rep_id, "set their priorities")
        return self._set_focus(uow, ws, manager_id, rep_id, [*uow.priorities.focus(cycle.id or 0), skill])

    def set_focus_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str,
                           skills: list[str]) -> Done[PriorityView]:
        """`/coach focus @rep discovery, closing`: as `set_focus`; the manager's and the rep's Homes change."""
        with self._uow_factory() as uow:
            view = self._set_focus(uow, ws, manager_id, rep_id, skills)
            done = finish(uow, ws, Done(view, refresh(manager_id, rep_id)), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def add_focus_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str, skill: str) -> Done[PriorityView]:
        """`/coach focus @rep add closing`: as `add_focus`; the manager's and the rep's Homes change."""
        with self._uow_factory() as uow:
            view = self._add_focus(uow, ws, manager_id, rep_id, skill)
            done = finish(uow, ws, Done(view, refresh(manager_id, rep_id)), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def accept_proposal(self, ws: WorkspaceRef, manager_id: str, rep_id: str,
                        receipt: Receipt | None = None) -> PriorityView:
        """The proposed focus skills become the focus (`/coach focus @rep accept`)."""
        with self._uow_factory() as uow:
            view = self._accept(uow, ws, manager_id, rep_id, receipt)
            uow.commit()
        return view

    def accept_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str,
                        receipt: Receipt | None = None) -> Done[PriorityView]:
        """The Accept proposal button: as `accept_proposal`; the manager's and the rep's Homes change."""
        with self._uow_factory() as uow:
            view = self._accept(uow, ws, manager_id, rep_id, receipt)
            done = finish(uow, ws, Done(view, refresh(manager_id, rep_id)), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def _accept(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str,
                receipt: Receipt | None) -> PriorityView:
        record(uow, ws, receipt)
        proposal = self._viewable(uow, ws, manager_id, rep_id).proposal
        if not proposal:
            raise InvalidInput(
                f"Nothing to propose yet: rate impact and difficulty first with `/coach prioritize <@{rep_id}>`."
            )
        return self._set_focus(uow, ws, manager_id, rep_id, [r.competency for r in proposal])

    def _set_focus(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str,
                   skills: list[str]) -> PriorityView:
        levels = self._levels()
        chosen: list[str] = []
        for skill in skills:
            chosen = choose_focus(chosen, self._competency_id(skill), levels, self._names())
        rep, cycle = managed_cycle(uow, ws, manager_id, rep_id, "set their priorities")
        self._refuse_if_contracted(uow, cycle, chosen)
        uow.priorities.set_focus(ws, cycle.id or 0, chosen)
        return self._view(uow, ws, rep)

    def _viewable(self, uow: UnitOfWork, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> PriorityView:
        rep = uow.members.get(ws, rep_id)
        if rep is None or viewer_id not in (rep_id, rep.manager_id):
            raise NotAllowed(f"You can see your own priorities and your reps', not <@{rep_id}>'s.")
        return self._view(uow, ws, rep, viewer_id)

    def _now(self) -> datetime | None:
        return self._clock() if self._clock is not None else None

    def _view(self, uow: UnitOfWork, ws: WorkspaceRef, rep: Member,
              viewer_id: str | None = None) -> PriorityView:
        cycle = uow.cycles.active_for(ws, rep.user_id)
        if (cycle is None or cycle.id is None) and viewer_id == rep.user_id:
            raise NotFound("You have no active coaching cycle yet; your manager starts one with `/coach start`.")
        if cycle is None or cycle.id is None:
            raise NotFound(
                f"<@{rep.user_id}> has no active coaching cycle. Start one: `/coach start <@{rep.user_id}>`."
            )
        informs = {d.id: d.competency for d in self._catalog.scoring_dimensions}
        profile = skills_profile(uow.call_scores.for_rep(ws, rep.user_id, HISTORY_LIMIT), list(informs))
        assessment = uow.self_assessments.latest(ws, rep.user_id)
        self_ratings = assessment.competence_ratings() if assessment else {}
        stored = uow.priorities.ratings(cycle.id)
        gaps = []
        for competency in self._catalog.competencies:
            observed = [a.average for a in profile.dimensions if informs.get(a.dimension) == competency.id]
            rating = None
            if competency.id in stored:
                impact, difficulty = stored[competency.id]
                gap = (self_ratings.get(competency.id, 0) - mean(observed)) if observed else 0.0
                rating = GapRating(competency.id, competency.level.value, impact, difficulty, round(gap, 2))
            gaps.append(SkillGap(
                competency.id, competency.name, competency.level.value,
                round(mean(observed), 2) if observed else None, self_ratings.get(competency.id), rating,
            ))
        gaps.sort(key=lambda g: (g.observed is None, g.observed or 0.0, g.competency))
        rated = [g.rating for g in gaps if g.rating is not None]
        return PriorityView(rep, cycle, gaps, propose_focus(rated), uow.priorities.focus(cycle.id),
                            uow.contracts.for_cycle(cycle.id))

    @staticmethod
    def _refuse_if_contracted(uow: UnitOfWork, cycle: CoachingCycle, chosen: list[str]) -> None:
        contract = uow.contracts.for_cycle(cycle.id or 0)
        if contract is not None and set(contract.skills) != set(chosen):
            raise InvalidInput(
                f"The coaching contract names {', '.join(contract.skills)}. Change focus skills in the contract "
                f"(`/coach contract <@{cycle.rep_id}>`), so you and your rep both sign the change."
            )

    def _levels(self) -> dict[str, str]:
        return {c.id: c.level.value for c in self._catalog.competencies}

    def _names(self) -> dict[str, str]:
        return {c.id: c.name for c in self._catalog.competencies}

    def _competency_id(self, typed: str) -> str:
        """A competency by id or name, forgiving case, spaces and dashes ("Objection handling")."""
        wanted = typed.strip().lower().replace("-", "_").replace(" ", "_")
        for competency in self._catalog.competencies:
            if wanted in (competency.id, competency.name.lower().replace(" ", "_")):
                return competency.id
        # Named as people read them, with what to type beside each.
        known = ", ".join(f"{c.name} (`{c.id}`)" for c in self._catalog.competencies)
        raise InvalidInput(f"`{typed}` is not a skill in the catalog. The skills are {known}.")
