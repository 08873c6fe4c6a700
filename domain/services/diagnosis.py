"""Diagnosis (cycle week 1): scored calls, the self-assessment and the skills profile they add up to.

Only the rep (their own call) or the rep's manager scores a call, and only
they read the profile: call scores are personal performance data, so being a
workspace admin does not open them. Bad input comes back as
`FieldProblems`, keyed by field, so a modal can show each problem inline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from domain.audit import AuditAction, RecordKind, audit, audit_read
from domain.catalog import Catalog
from domain.coaching.scoring import CallScore, validate_call, validate_scores
from domain.coaching.self_assessment import SelfAssessment, validate_answers
from domain.effects import Done, Effects, Notice, refresh, tell
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import zone
from domain.services.profiles import HISTORY_LIMIT, ProfileView, profile_view
from domain.services.use_case import finish

__all__ = ["HISTORY_LIMIT", "AssessmentSaved", "DiagnosisService", "ProfileView", "RepScored", "ScoreSaved",
           "ScoredCall"]


@dataclass(frozen=True)
class ScoredCall:
    score: CallScore
    rep: Member

    @property
    def by_manager(self) -> bool:
        return not self.score.is_self_score


@dataclass(frozen=True)
class ScoreSaved(Notice):
    """To the scorer: their scores are saved."""

    scored: ScoredCall


@dataclass(frozen=True)
class RepScored(Notice):
    """To the rep: their manager scored one of their calls."""

    scored: ScoredCall


@dataclass(frozen=True)
class AssessmentSaved(Notice):
    """To the rep: their self-assessment is saved, with the profile it adds up to."""

    profile: ProfileView


class DiagnosisService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def may_score(self, ws: WorkspaceRef, scorer_id: str, rep_id: str) -> date:
        """Refuses unless the scorer is the rep or their manager; returns the scorer's today."""
        with self._uow_factory(read_only=True) as uow:
            rep = self._scorable_rep(uow, ws, scorer_id, rep_id)
            scorer = rep if scorer_id == rep_id else uow.members.get(ws, scorer_id)
        return self._today(scorer or rep)

    def score_call(
        self, ws: WorkspaceRef, scorer_id: str, rep_id: str, title: str, link: str | None,
        call_on: date | None, scores: Mapping[str, object], notes: str = "", receipt: Receipt | None = None,
    ) -> ScoredCall:
        return self.score_and_tell(ws, scorer_id, rep_id, title, link, call_on, scores, notes, receipt).result

    def score_and_tell(
        self, ws: WorkspaceRef, scorer_id: str, rep_id: str, title: str, link: str | None,
        call_on: date | None, scores: Mapping[str, object], notes: str = "", receipt: Receipt | None = None,
    ) -> Done[ScoredCall]:
        """Store a scored call; the scorer is told, the rep too when their manager scored it; both Homes change.

        `receipt`: the form's submission; a replay of it raises `Replayed` and stores nothing.
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = self._scorable_rep(uow, ws, scorer_id, rep_id)
            scorer = rep if scorer_id == rep_id else uow.members.get(ws, scorer_id)
            title, link, notes = title.strip(), (link or "").strip() or None, notes.strip()
            problems = validate_call(title, link, call_on, self._today(scorer or rep), notes)
            problems.update(validate_scores(scores, [d.id for d in self._catalog.scoring_dimensions]))
            if problems:
                raise FieldProblems(problems)
            assert call_on is not None
            clean = {d.id: int(scores[d.id]) for d in self._catalog.scoring_dimensions}  # type: ignore[call-overload]
            stored = uow.call_scores.add(
                # The title stays the title: a link is no title and would not fit its column.
                CallScore(ws, rep_id, scorer_id, title, call_on, clean, link, notes)
            )
            scored = ScoredCall(stored, rep)
            audit(uow, ws, scorer_id, rep_id, AuditAction.CHANGE, RecordKind.CALL_SCORE, self._clock(), [stored.id])
            effects = tell(scorer_id, ScoreSaved(scored))
            if scored.by_manager:
                effects += tell(rep_id, RepScored(scored))
            done = finish(uow, ws, Done(scored, effects + refresh(scorer_id, rep_id)),
                          catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    def submit_self_assessment(self, ws: WorkspaceRef, rep_id: str, raw: Mapping[str, Mapping[str, object]],
                               receipt: Receipt | None = None) -> SelfAssessment:
        return self.assess_and_tell(ws, rep_id, raw, receipt).result

    def assess_and_tell(self, ws: WorkspaceRef, rep_id: str, raw: Mapping[str, Mapping[str, object]],
                        receipt: Receipt | None = None) -> Done[SelfAssessment]:
        """Store a self-assessment; the rep gets the profile it adds up to; their Home and their manager's change."""
        questions = [(q.question.id, q.competency.id) for q in self._catalog.questions()]
        answers, problems = validate_answers(raw, questions)
        if problems:
            raise FieldProblems(problems)
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = uow.members.get(ws, rep_id)
            if rep is None:
                raise NotAllowed("Run `/coach assess` first so I know who you are.")
            stored = uow.self_assessments.add(SelfAssessment(ws, rep_id, answers, self._clock()))
            audit(uow, ws, rep_id, rep_id, AuditAction.CHANGE, RecordKind.SELF_ASSESSMENT, self._clock(),
                  [stored.id])
            profile = profile_view(rep, uow.call_scores.for_rep(ws, rep_id, HISTORY_LIMIT), stored, self._catalog)
            effects: Effects = tell(rep_id, AssessmentSaved(profile)) + refresh(rep_id, rep.manager_id)
            done = finish(uow, ws, Done(stored, effects), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    def profile(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> ProfileView:
        # A manager's read of a rep's profile is audited, so it is a writing unit; your own is not.
        with self._uow_factory(read_only=viewer_id == rep_id) as uow:
            viewer = uow.members.get(ws, viewer_id)
            rep = uow.members.get(ws, rep_id)
            if rep is None or viewer is None or viewer_id not in (rep_id, rep.manager_id):
                # Same answer whether or not the rep exists: no probing other teams.
                raise NotAllowed(f"You can see your own skills profile and your reps', not <@{rep_id}>'s.")
            scores = uow.call_scores.for_rep(ws, rep_id, HISTORY_LIMIT)
            assessment = uow.self_assessments.latest(ws, rep_id)
            if viewer_id != rep_id:
                audit_read(uow, ws, viewer_id, rep_id, RecordKind.SKILLS_PROFILE, self._clock())
                uow.commit()
        return profile_view(rep, scores, assessment, self._catalog)

    def _today(self, member: Member) -> date:
        return self._clock().astimezone(zone(member.time_zone)).date()

    @staticmethod
    def _scorable_rep(uow: UnitOfWork, ws: WorkspaceRef, scorer_id: str, rep_id: str) -> Member:
        rep = uow.members.get(ws, rep_id)
        if rep is None and scorer_id == rep_id:
            raise NotFound("Coachflow does not know you yet in this workspace. Run `/coach team` to get started.")
        if rep is None or scorer_id not in (rep_id, rep.manager_id):
            # Same answer whether or not the rep exists.
            raise NotAllowed(
                f"<@{rep_id}> is not on your team, so you cannot score their calls. "
                "Score your own with `/coach score`, or add them first: `/coach team add @name`."
            )
        return rep
