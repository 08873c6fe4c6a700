"""Success stories ("wins", issue 13): recorded by the rep, told to their manager, shared only with consent.

Who may do what, whatever a crafted request names:
- only a rep records a win, and only their own (the rep is whoever submits the form); a rep without a manager
  is told to ask an admin;
- the skill is one of the catalog's competencies (the rep's focus skills are offered first);
- the manager they have then is told by DM; the team channel gets the story only when the rep ticked
  "Share with my team", never otherwise;
- reading (`/coach wins [skill]`, App Home): the caller sees the stories shared with consent in their own
  workspace, their own, and their reps' when they manage; never another person's private story, never another
  workspace's.
Each submission is stored once whatever the retries (its receipt).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from domain import field_lengths
from domain.catalog import Catalog
from domain.catalog.model import Competency
from domain.coaching.wins import SuccessStory, WinDraft, WinSource
from domain.delivery import Delivery, reply_period, reply_row
from domain.effects import Done, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.services.use_case import finish
from domain.services.win_notices import WinForm, WinForManager, WinListing, WinRecorded

WHAT_FIELD = "what_happened"
SKILL_FIELD = "skill"
APPROACH_FIELD = "approach"
OUTCOME_FIELD = "outcome"
CONSENT_FIELD = "consent"
PAGE_SIZE = 8  # stories per `/coach wins` reply: each is a few blocks, well inside a message's 50
LAST_PAGE = 25

NO_MANAGER = "Only a rep on a coaching team shares a win; you have no manager in Coachflow yet, so ask an admin."
EMPTY = {WHAT_FIELD: "Say what happened.", APPROACH_FIELD: "Write the words or the approach that worked.",
         OUTCOME_FIELD: 'Give the outcome, e.g. "average deal size +35%".'}
NOT_A_SKILL = "Pick the skill behind this win from the list."
_LIMITS = {WHAT_FIELD: field_lengths.WIN_WHAT_HAPPENED, APPROACH_FIELD: field_lengths.WIN_APPROACH,
           OUTCOME_FIELD: field_lengths.WIN_OUTCOME}
_SEPARATORS = re.compile(r"[\s_-]+")


def skill_named(catalog: Catalog, typed: str) -> Competency | None:
    """The competency `typed` names: its id or its name, in any case, spaces or underscores alike."""
    wanted = _SEPARATORS.sub(" ", typed).strip().lower()
    return next((c for c in catalog.competencies
                 if wanted in (_SEPARATORS.sub(" ", c.id).lower(), _SEPARATORS.sub(" ", c.name).strip().lower())),
                None)


def unknown_skill(catalog: Catalog, typed: str) -> str:
    """The answer to `/coach wins <something that is no skill>`, listing the skills."""
    names = ", ".join(f"`{c.id}` ({c.name})" for c in catalog.competencies)
    shown = typed if len(typed) <= 40 else typed[:39] + "…"
    return f"“{shown}” is not a skill in the catalog. The skills are {names}: try `/coach wins discovery`."


class WinService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    # -- recording -------------------------------------------------------------------

    def form(self, ws: WorkspaceRef, rep_id: str, source: WinSource) -> WinForm:
        """The modal for the rep's own win; refused for someone with no manager."""
        with self._uow_factory(read_only=True) as uow:
            rep, _ = _rep_and_manager(uow, ws, rep_id)
            focus = self._focus(uow, ws, rep_id)
            workspace = uow.workspaces.get(ws)
        channel = workspace.settings.coaching_channel if workspace is not None else None
        first = [c for skill in focus for c in self._catalog.competencies if c.id == skill]
        rest = [c for c in self._catalog.competencies if c.id not in focus]
        return WinForm(rep, (*first, *rest), focus, source, channel)

    def record_and_tell(self, ws: WorkspaceRef, rep_id: str, draft: WinDraft, source: WinSource,
                        receipt: Receipt | None = None) -> Done[WinRecorded]:
        """Store the rep's win once; their manager told; with consent, the team channel post's ledger row."""
        story_text = {WHAT_FIELD: draft.what_happened.strip(), APPROACH_FIELD: draft.approach.strip(),
                      OUTCOME_FIELD: draft.outcome.strip()}
        problems: dict[str, str] = {}
        for field, text in story_text.items():
            problem = EMPTY[field] if not text else field_lengths.text_problem(text, _LIMITS[field])
            if problem:
                problems[field] = problem
        skill = next((c for c in self._catalog.competencies if c.id == draft.skill), None)
        if skill is None:
            problems[SKILL_FIELD] = NOT_A_SKILL
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, manager = _rep_and_manager(uow, ws, rep_id)
            if problems or skill is None:
                raise FieldProblems(problems)
            now = self._clock()
            workspace = uow.workspaces.get(ws)
            stored = uow.success_stories.add(SuccessStory(
                ws, rep.user_id, manager.user_id, skill.id, story_text[WHAT_FIELD], story_text[APPROACH_FIELD],
                story_text[OUTCOME_FIELD], draft.consent, source, created_at=now))
            channel = workspace.settings.coaching_channel if workspace is not None and draft.consent else None
            post: Delivery | None = None
            if channel:  # never without the rep's consent
                post = replace(reply_row(ws, rep.user_id, reply_period(f"win:{stored.id}:posted"), now),
                               channel=channel)
                uow.deliveries.add_if_absent(post)
            recorded = WinRecorded(stored, manager, skill.name, post)
            effects = tell(manager.user_id, WinForManager(stored, rep, skill.name)) + refresh(manager.user_id)
            done = finish(uow, ws, Done(recorded, effects), catalog=self._catalog, now=now)
            uow.commit()
        return done

    def posted(self, ws: WorkspaceRef, story_id: int, sent: Delivery) -> None:
        """Keep where the team channel post went (its ts); a refused post leaves the story as it was."""
        if not sent.ts or not sent.channel:
            return
        with self._uow_factory() as uow:
            uow.success_stories.mark_posted(ws, story_id, sent.channel, sent.ts)
            uow.commit()

    # -- reading ---------------------------------------------------------------------

    def find(self, ws: WorkspaceRef, caller_id: str, skill_text: str | None = None, page: int = 1) -> WinListing:
        """`/coach wins [skill] [page]`: what the caller may see, latest first; an unknown skill is refused."""
        skill = None
        if skill_text:
            skill = skill_named(self._catalog, skill_text)
            if skill is None:
                raise InvalidInput(unknown_skill(self._catalog, skill_text))
        page = min(max(page, 1), LAST_PAGE)
        with self._uow_factory(read_only=True) as uow:
            own_people = [caller_id, *(r.user_id for r in uow.members.reps_of(ws, caller_id))]
            found = uow.success_stories.visible(ws, own_people, skill.id if skill else None, page * PAGE_SIZE + 1)
        shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        skill_names = {c.id: c.name for c in self._catalog.competencies}
        return WinListing(caller_id, skill, tuple(shown), skill_names, page, len(found) > page * PAGE_SIZE)

    def _focus(self, uow: UnitOfWork, ws: WorkspaceRef, rep_id: str) -> tuple[str, ...]:
        cycle = uow.cycles.active_for(ws, rep_id)
        if cycle is None or cycle.id is None:
            return ()
        known = {c.id for c in self._catalog.competencies}
        return tuple(s for s in uow.priorities.focus(cycle.id) if s in known)


def _rep_and_manager(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str) -> tuple[Member, Member]:
    rep = uow.members.get(ws, rep_id)
    manager = uow.members.get(ws, rep.manager_id) if rep is not None and rep.manager_id else None
    if rep is None or manager is None:
        raise NotAllowed(NO_MANAGER)
    return rep, manager

