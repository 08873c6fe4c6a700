"""In-memory fakes of the debrief and shadow-observation ports, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TypeVar

from domain.coaching.debriefs import CallIndicators, CallWords, Debrief, DebriefFeedback, ShadowObservation
from domain.model import Workspace, WorkspaceRef


@dataclass
class CallTables:
    debriefs: dict[int, Debrief] = field(default_factory=dict)
    shadows: dict[int, ShadowObservation] = field(default_factory=dict)
    feedback: dict[int, DebriefFeedback] = field(default_factory=dict)

    def copy(self) -> CallTables:
        return CallTables(dict(self.debriefs), dict(self.shadows), dict(self.feedback))


def _stored_ref(workspaces: dict[str, Workspace], ref: WorkspaceRef, what: str) -> WorkspaceRef:
    if ref.team_id not in workspaces:
        raise LookupError(f"add workspace {ref.team_id} before its {what}")
    return workspaces[ref.team_id].ref


def _lean(found: dict[str, list[Debrief]] | dict[str, list[ShadowObservation]]) -> dict[str, list[CallIndicators]]:
    return {rep_id: [CallIndicators(r.id or 0, r.rep_id, r.call_on, dict(r.indicators), getattr(r, "shadow_id", None))
                     for r in rows] for rep_id, rows in found.items()}



C = TypeVar("C", Debrief, ShadowObservation)

def _by_rep_between(rows: Iterable[C], ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                    ) -> dict[str, list[C]]:
    """The rows of these reps with calls on `first`..`last`, by rep, newest call first (as the SQL reads)."""
    wanted = set(rep_ids)
    found: dict[str, list[C]] = {}
    for row in rows:
        if row.workspace.team_id == ref.team_id and row.rep_id in wanted and first <= row.call_on <= last:
            found.setdefault(row.rep_id, []).append(row)
    for mine in found.values():
        mine.sort(key=lambda r: (r.call_on, r.id or 0), reverse=True)
    return found

class FakeDebriefRepository:
    def __init__(self, tables: CallTables, workspaces: dict[str, Workspace]) -> None:
        self._t, self._workspaces = tables, workspaces

    def add(self, debrief: Debrief) -> Debrief:
        ref = _stored_ref(self._workspaces, debrief.workspace, "debriefs")
        now = debrief.created_at or datetime.now(UTC)
        stored = replace(debrief, workspace=ref, id=len(self._t.debriefs) + 1, created_at=now, updated_at=now)
        self._t.debriefs[stored.id] = stored  # type: ignore[index]
        return stored

    def get(self, ref: WorkspaceRef, debrief_id: int, *, for_update: bool = False) -> Debrief | None:
        found = self._t.debriefs.get(debrief_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def update(self, debrief: Debrief) -> None:
        if self.get(debrief.workspace, debrief.id or 0) is None:
            raise LookupError(f"no debrief {debrief.id} in {debrief.workspace.team_id}")
        self._t.debriefs[debrief.id] = replace(  # type: ignore[index]
            debrief, updated_at=debrief.updated_at or datetime.now(UTC))

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, list[Debrief]]:
        return _by_rep_between(self._t.debriefs.values(), ref, rep_ids, first, last)

    def indicators_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                                    ) -> dict[str, list[CallIndicators]]:
        return _lean(self.for_reps_between(ref, rep_ids, first, last))

    def words_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                               ) -> dict[str, list[CallWords]]:
        return {rep: [CallWords(d.id or 0, d.rep_id, d.call_on, d.call.account, d.answers.went_well) for d in mine]
                for rep, mine in self.for_reps_between(ref, rep_ids, first, last).items()}

    def created_since(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: datetime) -> list[Debrief]:
        wanted = set(rep_ids)
        return [d for d in self._t.debriefs.values() if d.workspace.team_id == ref.team_id and d.rep_id in wanted
                and d.created_at is not None and d.created_at >= since]

    def for_shadows(self, ref: WorkspaceRef, shadow_ids: Iterable[int]) -> dict[int, Debrief]:
        wanted = set(shadow_ids)
        found: dict[int, Debrief] = {}
        for d in self._t.debriefs.values():
            if d.workspace.team_id == ref.team_id and d.shadow_id in wanted:
                found.setdefault(d.shadow_id, d)
        return found

    def add_feedback(self, feedback: DebriefFeedback) -> DebriefFeedback:
        ref = _stored_ref(self._workspaces, feedback.workspace, "debrief feedback")
        if self.get(ref, feedback.debrief_id) is None:
            raise LookupError(f"no debrief {feedback.debrief_id} in {ref.team_id}")
        stored = replace(feedback, workspace=ref, id=len(self._t.feedback) + 1,
                         created_at=feedback.created_at or datetime.now(UTC))
        self._t.feedback[stored.id] = stored  # type: ignore[index]
        return stored

    def feedback_for(self, ref: WorkspaceRef, debrief_ids: Iterable[int]) -> dict[int, list[DebriefFeedback]]:
        wanted = set(debrief_ids)
        found: dict[int, list[DebriefFeedback]] = {}
        for f in sorted(self._t.feedback.values(), key=lambda f: (f.created_at or datetime.min.replace(tzinfo=UTC),
                                                                     f.id or 0)):
            if f.workspace.team_id == ref.team_id and f.debrief_id in wanted:
                found.setdefault(f.debrief_id, []).append(f)
        return found


class FakeShadowObservationRepository:
    def __init__(self, tables: CallTables, workspaces: dict[str, Workspace]) -> None:
        self._t, self._workspaces = tables, workspaces

    def add(self, observation: ShadowObservation) -> ShadowObservation:
        ref = _stored_ref(self._workspaces, observation.workspace, "shadow observations")
        stored = replace(observation, workspace=ref, id=len(self._t.shadows) + 1, created_at=datetime.now(UTC))
        self._t.shadows[stored.id] = stored  # type: ignore[index]
        return stored

    def get(self, ref: WorkspaceRef, observation_id: int) -> ShadowObservation | None:
        found = self._t.shadows.get(observation_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, list[ShadowObservation]]:
        return _by_rep_between(self._t.shadows.values(), ref, rep_ids, first, last)

    def indicators_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                                    ) -> dict[str, list[CallIndicators]]:
        return _lean(self.for_reps_between(ref, rep_ids, first, last))
