"""What the coaching use cases need from storage (implemented in storage/, faked in tests)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Protocol

from domain.catalog.lesson_texts import LessonText
from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.coaching.contract import CoachingContract
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import CallIndicators, CallWords, Debrief, DebriefFeedback, ShadowObservation
from domain.coaching.homework import Homework, HomeworkStatus
from domain.coaching.lessons import LessonProgress
from domain.coaching.roleplay import RoleplayPractice
from domain.coaching.scorecard_comments import ScorecardComment
from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import SelfAssessment
from domain.model import WorkspaceRef


class CycleRepository(Protocol):
    """Coaching cycles, scoped by workspace; at most one active per rep."""

    def add(self, cycle: CoachingCycle) -> CoachingCycle:
        """Store a new cycle and return it with its id."""
        ...

    def update(self, cycle: CoachingCycle) -> None: ...

    def active_for(self, ref: WorkspaceRef, rep_id: str) -> CoachingCycle | None: ...

    def active_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, CoachingCycle]:
        """One query for a team: App Home and the week-ahead note show every rep's stage."""
        ...

    def history(self, ref: WorkspaceRef, rep_id: str) -> list[CoachingCycle]:
        """Every cycle of the rep, newest first."""
        ...

    def since(self, ref: WorkspaceRef, day: date, manager_id: str | None = None) -> list[CoachingCycle]:
        """Cycles still active or ended on or after `day` (those a manager ran, when given), one query;
        the cycle's results for a team (`domain.services.results`)."""
        ...


class CallScoreRepository(Protocol):
    """Scored calls (by a manager or by the rep themself), scoped by workspace."""

    def add(self, score: CallScore) -> CallScore:
        """Store a new score and return it with its id."""
        ...

    def for_rep(self, ref: WorkspaceRef, rep_id: str, limit: int = 100) -> list[CallScore]:
        """The rep's scores, self and manager alike, newest call first (then newest stored)."""
        ...

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], limit: int = 100) -> dict[str, list[CallScore]]:
        """`for_rep` of each of these reps in one query (a batch of App Homes); reps with none are absent."""
        ...

    def observed_call_dates(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: date) -> dict[str, list[date]]:
        """Dates of calls scored by someone other than the rep, on or after `since`, per rep (one query)."""
        ...


class SelfAssessmentRepository(Protocol):
    """Submitted self-assessments; a new one does not replace the old, the latest counts."""

    def add(self, assessment: SelfAssessment) -> SelfAssessment: ...

    def latest(self, ref: WorkspaceRef, rep_id: str) -> SelfAssessment | None: ...

    def latest_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, SelfAssessment]:
        """`latest` of each of these reps in one query; reps who never submitted one are absent."""
        ...

    def latest_dates(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, datetime]:
        """When each rep last submitted one (reps who never did are absent); one query."""
        ...


class PriorityRepository(Protocol):
    """Week-2 impact/difficulty ratings and the chosen focus skills, per coaching cycle."""

    def ratings(self, cycle_id: int) -> dict[str, tuple[int, int]]:
        """Competency -> (impact, difficulty)."""
        ...

    def save_ratings(self, ref: WorkspaceRef, cycle_id: int, ratings: Mapping[str, tuple[int, int]]) -> None:
        """Insert or replace the given competencies' ratings; others stay."""
        ...

    def focus(self, cycle_id: int) -> list[str]:
        """The focus skills in the order they were chosen."""
        ...

    def set_focus(self, ref: WorkspaceRef, cycle_id: int, skills: list[str]) -> None: ...

    def rated_cycles(self, cycle_ids: Iterable[int]) -> set[int]:
        """Which of these cycles have at least one rating (one query, for App Home)."""
        ...

    def focus_for(self, cycle_ids: Iterable[int]) -> dict[int, list[str]]:
        """Focus skills of each cycle that has any (one query)."""
        ...


class ContractRepository(Protocol):
    """Coaching contracts, one per cycle, every version's history on the row."""

    def for_cycle(self, cycle_id: int, *, for_update: bool = False) -> CoachingContract | None:
        """`for_update` locks the row until commit: two signatures at once must both count."""
        ...

    def for_cycles(self, cycle_ids: Iterable[int]) -> dict[int, CoachingContract]:
        """One query for a team's App Home."""
        ...

    def save(self, contract: CoachingContract) -> CoachingContract:
        """Insert (no id) or update (with id); returns it with its id."""
        ...


class DebriefRepository(Protocol):
    """Post-call debriefs; every read is scoped to one workspace."""

    def add(self, debrief: Debrief) -> Debrief:
        """Store a new debrief; returns it with its id and creation time."""
        ...

    def get(self, ref: WorkspaceRef, debrief_id: int, *, for_update: bool = False) -> Debrief | None: ...

    def update(self, debrief: Debrief) -> None:
        """Save an edit (content, version and history) of a stored debrief."""
        ...

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, list[Debrief]]:
        """Each rep's debriefs of calls on `first`..`last` (inclusive), newest call first; one query."""
        ...

    def indicators_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                                    ) -> dict[str, list[CallIndicators]]:
        """`for_reps_between` reduced to what leading indicators read, in the same order.

        One query per 5,000 reps (the drivers' bound-parameter limits), for Friday runs over a whole workspace.
        """
        ...

    def words_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                               ) -> dict[str, list[CallWords]]:
        """`for_reps_between` reduced to the call and the rep's "what went well", in the same order
        (a Friday's scorecards quote a week of a whole workspace)."""
        ...

    def created_since(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: datetime) -> list[Debrief]:
        """Debriefs of these reps stored at or after `since`, oldest first (for digests)."""
        ...

    def for_shadows(self, ref: WorkspaceRef, shadow_ids: Iterable[int]) -> dict[int, Debrief]:
        """The rep's debrief linked to each of these shadow observations, where there is one."""
        ...

    def add_feedback(self, feedback: DebriefFeedback) -> DebriefFeedback:
        """Store a manager's reply to a debrief; returns it with its id and time."""
        ...

    def feedback_for(self, ref: WorkspaceRef, debrief_ids: Iterable[int]) -> dict[int, list[DebriefFeedback]]:
        """The replies to each of these debriefs, oldest first; one query (for scorecards and call lists)."""
        ...


class ShadowObservationRepository(Protocol):
    """Calls a manager shadowed; every read is scoped to one workspace."""

    def add(self, observation: ShadowObservation) -> ShadowObservation: ...

    def get(self, ref: WorkspaceRef, observation_id: int) -> ShadowObservation | None: ...

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, list[ShadowObservation]]:
        """Each rep's shadowed calls on `first`..`last` (inclusive), newest call first; one query."""
        ...

    def indicators_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                                    ) -> dict[str, list[CallIndicators]]:
        """`for_reps_between` reduced to what leading indicators read (no `shadow_id`), in the same order.

        One query per 5,000 reps (the drivers' bound-parameter limits).
        """
        ...


class RoleplayRepository(Protocol):
    """Role-plays practised on a rep's deals (`roleplay_practices`), scoped by workspace."""

    def add(self, practice: RoleplayPractice) -> RoleplayPractice:
        """Store a new practice and return it with its id."""
        ...

    def recent(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: datetime) -> dict[str, list[RoleplayPractice]]:
        """The practices on these reps' deals at or after `since`, newest first, by rep (one query).

        Reps with none are absent.
        """
        ...


class HomeworkRepository(Protocol):
    """Skill homework, scoped by workspace: every method filters by it."""

    def add(self, homework: Homework) -> Homework:
        """Store a new homework and return it with its id. The workspace must exist."""
        ...

    def get(self, ref: WorkspaceRef, homework_id: int, *, for_update: bool = False) -> Homework | None:
        """`for_update` locks the row until commit: two hand-ins (or answers) at once must not both count."""
        ...

    def get_many(self, ref: WorkspaceRef, homework_ids: Iterable[int]) -> dict[int, Homework]:
        """By id, in one query; ids not in this workspace are absent."""
        ...

    def update(self, homework: Homework) -> Homework:
        """Store a hand-in or an answer; `LookupError` for a homework that is not there."""
        ...

    def for_reps(
        self, ref: WorkspaceRef, rep_ids: Iterable[str], statuses: Collection[HomeworkStatus]
    ) -> dict[str, list[Homework]]:
        """Each rep's homework in these statuses, earliest due first, in one query; reps with none are absent."""
        ...


class LessonProgressRepository(Protocol):
    """Each micro-lesson of a cycle and what its rep made of it; unique per (workspace, cycle, lesson)."""

    def for_cycles(self, ref: WorkspaceRef, cycle_ids: Iterable[int]) -> dict[int, dict[str, LessonProgress]]:
        """By cycle, then lesson id: every row of these cycles in one query (a batch of reps)."""
        ...

    def locked(self, ref: WorkspaceRef, fresh: LessonProgress) -> LessonProgress:
        """The row of `fresh`'s cycle and lesson, locked until commit; `fresh` is stored first when there is none.

        Insert-or-ignore, then a locking read: the drain recording a send and
        the rep's click, racing on two instances, both end with one row and
        neither overwrites the other's change.
        """
        ...

    def save(self, progress: LessonProgress) -> None:
        """Update a row read with `locked` (it has its id)."""
        ...

    def to_discuss(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, list[LessonProgress]]:
        """Lessons each rep asked to discuss in their next session, oldest request first (one query)."""
        ...


class LessonTextRepository(Protocol):
    """A workspace's own wording of micro-lessons, by lesson id (`coachflow catalog lessons`)."""

    def for_workspace(self, ref: WorkspaceRef) -> dict[str, LessonText]: ...

    def replace(self, ref: WorkspaceRef, texts: Mapping[str, LessonText]) -> None:
        """The workspace's overrides become exactly these."""
        ...

    def clear(self, ref: WorkspaceRef) -> int:
        """Remove every override of the workspace; returns how many there were."""
        ...


class CallFreeDayRepository(Protocol):
    """Days a rep said "No calls today" on the end-of-day debrief prompt; scoped by workspace.

    A scorecard tells a quiet day from a forgotten debrief with it, and the
    prompt is not sent again on such a day.
    """

    def add(self, ref: WorkspaceRef, rep_id: str, day: date) -> bool:
        """Record the day (insert-or-ignore on workspace, rep, day); True when it was not yet recorded."""
        ...

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, set[date]]:
        """Each rep's call-free days in `first`..`last` (inclusive); one query whatever the number of reps."""
        ...


class ScorecardCommentRepository(Protocol):
    """Reps' comments on their scorecards for their managers; scoped by workspace."""

    def add(self, comment: ScorecardComment) -> ScorecardComment:
        """Store a new comment and return it with its id and `created_at`."""
        ...

    def for_reps_weeks(self, ref: WorkspaceRef, rep_ids: Iterable[str], week_labels: Iterable[str]
                       ) -> dict[str, list[ScorecardComment]]:
        """Each rep's comments on the scorecards of these weeks, oldest first; a rep without one is left out.

        One query whatever the number of reps (for the scorecards that show them).
        """
        ...


class CommitmentRepository(Protocol):
    """Action-plan commitments (issue 12), scoped by workspace: every method filters by it."""

    def add(self, commitment: Commitment) -> Commitment:
        """Store a new action and return it with its id. The workspace must exist."""
        ...

    def get(self, ref: WorkspaceRef, commitment_id: int, *, for_update: bool = False) -> Commitment | None:
        """`for_update` locks the row until commit: two answers (or changes) at once must not both count."""
        ...

    def get_many(self, ref: WorkspaceRef, commitment_ids: Iterable[int]) -> dict[int, Commitment]:
        """By id, in one query; ids not in this workspace are absent."""
        ...

    def update(self, commitment: Commitment) -> Commitment:
        """Store an answer or a change (with its history); `LookupError` for an action that is not there."""
        ...

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], statuses: Collection[CommitmentStatus] | None = None,
                 deadline_from: date | None = None) -> dict[str, list[Commitment]]:
        """Each rep's actions (all statuses when None; deadline on or after `deadline_from`), earliest deadline
        first, in a fixed number of queries; reps with none are absent."""
        ...

    def owned_by(self, ref: WorkspaceRef, owner_ids: Iterable[str],
                 statuses: Collection[CommitmentStatus]) -> dict[str, list[Commitment]]:
        """Each owner's actions in these statuses (theirs or delegated to them), earliest deadline first."""
        ...
