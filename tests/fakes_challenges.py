"""In-memory fake of the 21-day challenge port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from domain.coaching.challenge import DayRecord
from domain.coaching.challenge_model import Challenge, ChallengeRunning, StoredDay
from domain.model import Workspace, WorkspaceRef


@dataclass
class ChallengeTables:
    challenges: dict[int, Challenge] = field(default_factory=dict)
    days: dict[int, dict[date, StoredDay]] = field(default_factory=dict)
    summaries: dict[tuple[str, str], str] = field(default_factory=dict)  # (team, manager) -> cadence
    encouragements: dict[tuple[int, date], str] = field(default_factory=dict)  # (challenge, day) -> manager

    def copy(self) -> ChallengeTables:
        return ChallengeTables(dict(self.challenges), {k: dict(v) for k, v in self.days.items()},
                               dict(self.summaries), dict(self.encouragements))


class FakeChallengeRepository:
    def __init__(self, tables: ChallengeTables, workspaces: dict[str, Workspace]) -> None:
        self._t, self._workspaces = tables, workspaces

    def add(self, challenge: Challenge) -> Challenge:
        team = challenge.workspace.team_id
        if team not in self._workspaces:
            raise LookupError(f"no workspace {team}")  # the foreign key
        if challenge.is_active and self.active_for(challenge.workspace, [challenge.rep_id]):
            raise ChallengeRunning()  # the unique key
        stored = replace(challenge, id=max(self._t.challenges, default=0) + 1, created_at=datetime.now(UTC))
        self._t.challenges[stored.id or 0] = stored
        return stored

    def update(self, challenge: Challenge) -> None:
        kept = self._t.challenges.get(challenge.id or 0)
        if kept is None or kept.workspace.team_id != challenge.workspace.team_id:
            raise LookupError(f"no challenge {challenge.id}")
        self._t.challenges[challenge.id or 0] = replace(
            kept, status=challenge.status, repairs_used=challenge.repairs_used, away_days=challenge.away_days,
            completed_at=challenge.completed_at, nudge_at=challenge.nudge_at)

    def get(self, ref: WorkspaceRef, challenge_id: int, *, for_update: bool = False) -> Challenge | None:
        found = self._t.challenges.get(challenge_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def get_many(self, ref: WorkspaceRef, challenge_ids: Iterable[int]) -> dict[int, Challenge]:
        return {i: c for i in challenge_ids if (c := self.get(ref, i)) is not None}

    def active_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, Challenge]:
        wanted = set(rep_ids)
        return {c.rep_id: c for c in self._t.challenges.values()
                if c.workspace.team_id == ref.team_id and c.rep_id in wanted and c.is_active}

    def latest_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, Challenge]:
        wanted = set(rep_ids)
        return {c.rep_id: c for _, c in sorted(self._t.challenges.items())
                if c.workspace.team_id == ref.team_id and c.rep_id in wanted}

    def days(self, ref: WorkspaceRef, challenge_ids: Iterable[int]) -> dict[int, dict[date, StoredDay]]:
        return {i: dict(self._t.days[i]) for i in challenge_ids
                if self.get(ref, i) is not None and self._t.days.get(i)}

    def save_day(self, ref: WorkspaceRef, challenge_id: int, record: DayRecord, answered_at: datetime) -> None:
        if self.get(ref, challenge_id) is None:
            raise LookupError(f"no challenge {challenge_id} in {ref.team_id}")
        self._t.days.setdefault(challenge_id, {})[record.day] = StoredDay(record, answered_at)

    def summary_choices(self, ref: WorkspaceRef, manager_ids: Iterable[str]) -> dict[str, str]:
        return {m: c for m in manager_ids if (c := self._t.summaries.get((ref.team_id, m))) is not None}

    def choose_summary(self, ref: WorkspaceRef, manager_id: str, cadence: str) -> None:
        if ref.team_id not in self._workspaces:
            raise LookupError(f"no workspace {ref.team_id}")
        self._t.summaries[(ref.team_id, manager_id)] = cadence

    def add_encouragement(self, ref: WorkspaceRef, challenge_id: int, manager_id: str, day: date,
                          sent_at: datetime) -> bool:
        if self.get(ref, challenge_id) is None:
            raise LookupError(f"no challenge {challenge_id} in {ref.team_id}")
        if (challenge_id, day) in self._t.encouragements:
            return False
        self._t.encouragements[(challenge_id, day)] = manager_id
        return True
