"""What the 21-day challenge needs from storage (storage/challenge_repository.py; tests/fakes_challenges.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from domain.coaching.challenge import DayRecord
from domain.coaching.challenge_model import Challenge, StoredDay
from domain.model import WorkspaceRef


class ChallengeRepository(Protocol):
    """Challenges and their answered days, every method scoped by workspace; one active per rep."""

    def add(self, challenge: Challenge) -> Challenge:
        """Store a new challenge; returns it with its id and creation time. A second active one for the same
        rep (two starts at once; the use case checks first) raises `ChallengeRunning` and writes nothing."""
        ...

    def update(self, challenge: Challenge) -> None:
        """Save its status, repairs used, away days and completion time."""
        ...

    def get(self, ref: WorkspaceRef, challenge_id: int, *, for_update: bool = False) -> Challenge | None: ...

    def get_many(self, ref: WorkspaceRef, challenge_ids: Iterable[int]) -> dict[int, Challenge]:
        """By id, those of these challenges in the workspace (one query)."""
        ...

    def active_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, Challenge]:
        """Each rep's active challenge, reps with none absent (one query)."""
        ...

    def latest_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, Challenge]:
        """Each rep's newest challenge whatever its status (App Home, the scorecard); one query."""
        ...

    def days(self, ref: WorkspaceRef, challenge_ids: Iterable[int]) -> dict[int, dict[date, StoredDay]]:
        """The answered days of each of these challenges (one query); challenges with none absent."""
        ...

    def save_day(self, ref: WorkspaceRef, challenge_id: int, record: DayRecord, answered_at: datetime) -> None:
        """Insert or replace the answer of `record.day` (one row per challenge day)."""
        ...

    def summary_choices(self, ref: WorkspaceRef, manager_ids: Iterable[str]) -> dict[str, str]:
        """Each manager's chosen summary cadence ("daily" / "weekly"); those who never chose are absent."""
        ...

    def choose_summary(self, ref: WorkspaceRef, manager_id: str, cadence: str) -> None:
        """Insert or replace the manager's choice."""
        ...

    def add_encouragement(self, ref: WorkspaceRef, challenge_id: int, manager_id: str, day: date,
                          sent_at: datetime) -> bool:
        """Record a word of encouragement for `day`; False (nothing written) when one was sent that day already."""
        ...
