"""SQL implementation of `PeerShareRepository`: one ask per (workspace, rep, ISO week), insert-or-ignore."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.coaching.peer_learning import PeerShare, ShareStatus
from domain.model import WorkspaceRef
from storage.dialects import upsert_insert
from storage.orm import PeerShareRow, utcnow
from storage.repositories import UnknownRowError


def _share(row: PeerShareRow, ref: WorkspaceRef) -> PeerShare:
    return PeerShare(ref, row.rep_id, row.week, row.competency, row.indicator, row.value_before, row.value_after,
                     row.calls, ShareStatus(row.status), row.text, row.channel_id, row.message_ts, row.error,
                     row.asked_at, row.decided_at, row.id)


class SqlPeerShareRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_if_absent(self, share: PeerShare) -> bool:
        now = utcnow()
        statement = (
            upsert_insert(self._session, PeerShareRow)
            .values(team_id=share.workspace.team_id, rep_id=share.rep_id, week=share.week,
                    competency=share.competency, indicator=share.indicator, value_before=share.before,
                    value_after=share.after, calls=share.calls, status=share.status.value, text=share.text,
                    channel_id=share.channel_id, message_ts=share.message_ts, error=share.error,
                    asked_at=share.asked_at, decided_at=share.decided_at, created_at=now, updated_at=now)
            .on_conflict_do_nothing(index_elements=[PeerShareRow.team_id, PeerShareRow.rep_id, PeerShareRow.week])
            .returning(PeerShareRow.id)
        )
        return self._session.execute(statement).first() is not None

    def get(self, ref: WorkspaceRef, rep_id: str, week: str, *, for_update: bool = False) -> PeerShare | None:
        query = select(PeerShareRow).where(PeerShareRow.team_id == ref.team_id, PeerShareRow.rep_id == rep_id,
                                           PeerShareRow.week == week)
        if for_update:
            query = query.with_for_update()
        row = self._session.execute(query).scalar_one_or_none()
        return _share(row, ref) if row is not None else None

    def update(self, share: PeerShare) -> None:
        row = self._session.get(PeerShareRow, share.id) if share.id is not None else None
        if row is None or row.team_id != share.workspace.team_id:
            raise UnknownRowError(f"no peer share {share.id} in {share.workspace.team_id}")
        row.status, row.text, row.channel_id = share.status.value, share.text, share.channel_id
        row.message_ts, row.error, row.decided_at = share.message_ts, share.error, share.decided_at
        self._session.flush()

    def asked(self, ref: WorkspaceRef, rep_ids: Iterable[str], weeks: Iterable[str]) -> set[tuple[str, str]]:
        reps, labels = list(dict.fromkeys(rep_ids)), list(dict.fromkeys(weeks))
        if not reps or not labels:
            return set()
        rows = self._session.execute(
            select(PeerShareRow.rep_id, PeerShareRow.week).where(
                PeerShareRow.team_id == ref.team_id, PeerShareRow.rep_id.in_(reps), PeerShareRow.week.in_(labels))
        )
        return {(rep_id, week) for rep_id, week in rows}
