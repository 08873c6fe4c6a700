"""SQL implementation of `domain.coaching.challenge_ports.ChallengeRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.coaching.challenge import Answer, DayKind, DayRecord
from domain.coaching.challenge_model import Behaviour, Challenge, ChallengeRunning, ChallengeStatus, StoredDay
from domain.model import WorkspaceRef
from storage.orm.base import in_chunks
from storage.orm.challenges import (
    ChallengeDayRow,
    ChallengeEncouragementRow,
    ChallengeRow,
    ChallengeSummaryChoiceRow,
)


class SqlChallengeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, challenge: Challenge) -> Challenge:
        row = ChallengeRow(team_id=challenge.workspace.team_id, rep_id=challenge.rep_id,
                           started_by=challenge.started_by, cycle_id=challenge.cycle_id, start_day=challenge.start,
                           day_kind=challenge.day_kind.value, nudge_at=challenge.nudge_at,
                           behaviours=[{"skill": b.skill_id, "text": b.text} for b in challenge.behaviours])
        _copy(challenge, row)
        try:
            with self._session.begin_nested():  # the unique (team, rep, active slot) decides a race
                self._session.add(row)
        except IntegrityError as error:
            raise ChallengeRunning() from error
        return _challenge(row, challenge.workspace)

    def update(self, challenge: Challenge) -> None:
        row = self._session.get(ChallengeRow, challenge.id)
        if row is None or row.team_id != challenge.workspace.team_id:
            raise LookupError(f"no challenge {challenge.id} in {challenge.workspace.team_id}")
        _copy(challenge, row)
        self._session.flush()

    def get(self, ref: WorkspaceRef, challenge_id: int, *, for_update: bool = False) -> Challenge | None:
        query = select(ChallengeRow).where(ChallengeRow.team_id == ref.team_id, ChallengeRow.id == challenge_id)
        if for_update:
            query = query.with_for_update(of=ChallengeRow)  # SQLite: its write lock is already held
        row = self._session.scalars(query).first()
        return _challenge(row, ref) if row is not None else None

    def get_many(self, ref: WorkspaceRef, challenge_ids: Iterable[int]) -> dict[int, Challenge]:
        found: dict[int, Challenge] = {}
        for chunk in in_chunks(list(dict.fromkeys(challenge_ids))):
            query = select(ChallengeRow).where(ChallengeRow.team_id == ref.team_id, ChallengeRow.id.in_(chunk))
            found.update({row.id: _challenge(row, ref) for row in self._session.scalars(query)})
        return found

    def active_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, Challenge]:
        found: dict[str, Challenge] = {}
        for chunk in in_chunks(list(dict.fromkeys(rep_ids))):
            query = select(ChallengeRow).where(ChallengeRow.team_id == ref.team_id, ChallengeRow.rep_id.in_(chunk),
                                               ChallengeRow.status == ChallengeStatus.ACTIVE.value)
            found.update({row.rep_id: _challenge(row, ref) for row in self._session.scalars(query)})
        return found

    def latest_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, Challenge]:
        found: dict[str, Challenge] = {}
        for chunk in in_chunks(list(dict.fromkeys(rep_ids))):
            query = (select(ChallengeRow)
                     .where(ChallengeRow.team_id == ref.team_id, ChallengeRow.rep_id.in_(chunk))
                     .order_by(ChallengeRow.id))
            found.update({row.rep_id: _challenge(row, ref) for row in self._session.scalars(query)})  # newest wins
        return found

    def days(self, ref: WorkspaceRef, challenge_ids: Iterable[int]) -> dict[int, dict[date, StoredDay]]:
        found: dict[int, dict[date, StoredDay]] = {}
        for chunk in in_chunks(list(dict.fromkeys(challenge_ids))):
            query = (select(ChallengeDayRow)
                     .join(ChallengeRow, ChallengeRow.id == ChallengeDayRow.challenge_id)
                     .where(ChallengeRow.team_id == ref.team_id, ChallengeDayRow.challenge_id.in_(chunk)))
            for row in self._session.scalars(query):
                record = DayRecord(row.day, Answer(row.answer), row.note or "", row.repaired)
                found.setdefault(row.challenge_id, {})[row.day] = StoredDay(record, row.answered_at)
        return found

    def save_day(self, ref: WorkspaceRef, challenge_id: int, record: DayRecord, answered_at: datetime) -> None:
        owner = self._session.get(ChallengeRow, challenge_id)
        if owner is None or owner.team_id != ref.team_id:
            raise LookupError(f"no challenge {challenge_id} in {ref.team_id}")
        row = self._session.scalars(select(ChallengeDayRow).where(ChallengeDayRow.challenge_id == challenge_id,
                                                                  ChallengeDayRow.day == record.day)).first()
        if row is None:
            row = ChallengeDayRow(challenge_id=challenge_id, day=record.day)
            self._session.add(row)
        row.answer, row.repaired, row.note, row.answered_at = (record.answer.value, record.repaired, record.note,
                                                               answered_at)
        self._session.flush()

    def summary_choices(self, ref: WorkspaceRef, manager_ids: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in in_chunks(list(dict.fromkeys(manager_ids))):
            query = select(ChallengeSummaryChoiceRow).where(ChallengeSummaryChoiceRow.team_id == ref.team_id,
                                                           ChallengeSummaryChoiceRow.manager_id.in_(chunk))
            found.update({row.manager_id: row.cadence for row in self._session.scalars(query)})
        return found

    def choose_summary(self, ref: WorkspaceRef, manager_id: str, cadence: str) -> None:
        row = self._session.scalars(select(ChallengeSummaryChoiceRow).where(
            ChallengeSummaryChoiceRow.team_id == ref.team_id,
            ChallengeSummaryChoiceRow.manager_id == manager_id)).first()
        if row is None:
            row = ChallengeSummaryChoiceRow(team_id=ref.team_id, manager_id=manager_id)
            self._session.add(row)
        row.cadence = cadence
        self._session.flush()

    def add_encouragement(self, ref: WorkspaceRef, challenge_id: int, manager_id: str, day: date,
                          sent_at: datetime) -> bool:
        owner = self._session.get(ChallengeRow, challenge_id)
        if owner is None or owner.team_id != ref.team_id:
            raise LookupError(f"no challenge {challenge_id} in {ref.team_id}")
        sent = select(ChallengeEncouragementRow.id).where(ChallengeEncouragementRow.challenge_id == challenge_id,
                                                         ChallengeEncouragementRow.day == day)
        if self._session.scalars(sent).first() is not None:
            return False
        try:
            with self._session.begin_nested():  # two managers' clicks at once: the unique key decides
                self._session.add(ChallengeEncouragementRow(challenge_id=challenge_id, manager_id=manager_id, day=day,
                                                            sent_at=sent_at))
        except IntegrityError:
            return False
        return True


def _copy(challenge: Challenge, row: ChallengeRow) -> None:
    row.status = challenge.status.value
    row.active_slot = 1 if challenge.is_active else None
    row.repairs_used = challenge.repairs_used
    row.nudge_at = challenge.nudge_at
    row.away_days = [day.isoformat() for day in sorted(challenge.away_days)]
    row.completed_at = challenge.completed_at


def _behaviours(raw: list[dict[str, Any]] | None) -> tuple[Behaviour, ...]:
    return tuple(Behaviour(str(b.get("skill", "")), str(b.get("text", ""))) for b in raw or [] if isinstance(b, dict))


def _challenge(row: ChallengeRow, ref: WorkspaceRef) -> Challenge:
    return Challenge(
        workspace=ref, rep_id=row.rep_id, started_by=row.started_by, start=row.start_day,
        day_kind=DayKind(row.day_kind), behaviours=_behaviours(row.behaviours), cycle_id=row.cycle_id,
        nudge_at=row.nudge_at, repairs_used=row.repairs_used, status=ChallengeStatus(row.status),
        away_days=frozenset(date.fromisoformat(d) for d in row.away_days or []),
        created_at=row.created_at, completed_at=row.completed_at, id=row.id,
    )
