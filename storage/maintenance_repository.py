"""SQL implementation of `domain.coaching.maintenance_ports.MaintenanceCheckinRepository`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from domain.coaching.maintenance_checkins import IndicatorReading, MaintenanceCheckin
from domain.model import WorkspaceRef
from storage.orm.maintenance import MaintenanceCheckinRow, MaintenanceRatingRow, MaintenanceReadingRow


class SqlMaintenanceCheckinRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, checkin: MaintenanceCheckin) -> MaintenanceCheckin:
        row = self._session.scalars(select(MaintenanceCheckinRow).where(
            MaintenanceCheckinRow.team_id == checkin.workspace.team_id,
            MaintenanceCheckinRow.rep_id == checkin.rep_id,
            MaintenanceCheckinRow.cycle_id == checkin.cycle_id,
            MaintenanceCheckinRow.month == checkin.month,
        )).first()
        if row is None:
            row = MaintenanceCheckinRow(team_id=checkin.workspace.team_id, rep_id=checkin.rep_id,
                                        cycle_id=checkin.cycle_id, month=checkin.month)
            self._session.add(row)
        row.manager_id = checkin.manager_id
        row.slipping = checkin.slipping
        row.submitted_at = checkin.submitted_at
        self._session.flush()
        self._session.execute(delete(MaintenanceRatingRow).where(MaintenanceRatingRow.checkin_id == row.id))
        self._session.execute(delete(MaintenanceReadingRow).where(MaintenanceReadingRow.checkin_id == row.id))
        self._session.add_all([MaintenanceRatingRow(checkin_id=row.id, competency=skill, position=n, rating=rating)
                               for n, (skill, rating) in enumerate(checkin.ratings)])
        self._session.add_all([MaintenanceReadingRow(checkin_id=row.id, competency=r.competency_id,
                                                     indicator=r.indicator_id, position=n, value=r.value,
                                                     calls=r.calls)
                               for n, r in enumerate(checkin.readings)])
        self._session.flush()
        return self._load(checkin.workspace, [row])[0]

    def get(self, ref: WorkspaceRef, checkin_id: int) -> MaintenanceCheckin | None:
        row = self._session.scalars(select(MaintenanceCheckinRow).where(
            MaintenanceCheckinRow.team_id == ref.team_id, MaintenanceCheckinRow.id == checkin_id)).first()
        return self._load(ref, [row])[0] if row is not None else None

    def for_cycle(self, ref: WorkspaceRef, cycle_id: int, until: date, limit: int) -> list[MaintenanceCheckin]:
        rows = list(self._session.scalars(select(MaintenanceCheckinRow).where(
            MaintenanceCheckinRow.team_id == ref.team_id, MaintenanceCheckinRow.cycle_id == cycle_id,
            MaintenanceCheckinRow.month <= until,
        ).order_by(MaintenanceCheckinRow.month.desc()).limit(limit)))
        return self._load(ref, list(reversed(rows)))

    def mark_restarted(self, ref: WorkspaceRef, checkin_id: int, skill: str, new_cycle_id: int) -> bool:
        changed = self._session.execute(update(MaintenanceCheckinRow).where(
            MaintenanceCheckinRow.team_id == ref.team_id, MaintenanceCheckinRow.id == checkin_id,
            MaintenanceCheckinRow.new_cycle_id.is_(None), MaintenanceCheckinRow.restarted_skill.is_(None),
        ).values(restarted_skill=skill, new_cycle_id=new_cycle_id).execution_options(synchronize_session="fetch"))
        return bool(getattr(changed, "rowcount", 0))

    def _load(self, ref: WorkspaceRef, rows: Sequence[MaintenanceCheckinRow]) -> list[MaintenanceCheckin]:
        """The check-ins of these rows with their ratings and readings: two queries whatever their number."""
        ids = [row.id for row in rows]
        if not ids:
            return []
        ratings: dict[int, list[MaintenanceRatingRow]] = {}
        for rating in self._session.scalars(select(MaintenanceRatingRow).where(
                MaintenanceRatingRow.checkin_id.in_(ids)).order_by(MaintenanceRatingRow.position)):
            ratings.setdefault(rating.checkin_id, []).append(rating)
        readings: dict[int, list[MaintenanceReadingRow]] = {}
        for reading in self._session.scalars(select(MaintenanceReadingRow).where(
                MaintenanceReadingRow.checkin_id.in_(ids)).order_by(MaintenanceReadingRow.position)):
            readings.setdefault(reading.checkin_id, []).append(reading)
        return [MaintenanceCheckin(
            workspace=ref, rep_id=row.rep_id, manager_id=row.manager_id, cycle_id=row.cycle_id, month=row.month,
            ratings=tuple((r.competency, r.rating) for r in ratings.get(row.id, [])), slipping=row.slipping,
            readings=tuple(IndicatorReading(r.competency, r.indicator, r.value, r.calls)
                           for r in readings.get(row.id, [])),
            submitted_at=row.submitted_at, restarted_skill=row.restarted_skill, new_cycle_id=row.new_cycle_id,
            id=row.id,
        ) for row in rows]
