"""SQL implementations of `DebriefRepository` and `ShadowObservationRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import String, null, select, type_coerce
from sqlalchemy.orm import Session

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import CallIndicators, CallWords, Debrief, DebriefFeedback, ShadowObservation
from domain.model import WorkspaceRef
from storage.orm import DebriefFeedbackRow, DebriefRow, ShadowObservationRow, WorkspaceRow
from storage.orm.base import IDS_PER_STATEMENT
from storage.repositories import UnknownRowError

REPS_PER_QUERY = IDS_PER_STATEMENT


def _call_values(call: CallRef, answers: CallAnswers) -> dict[str, Any]:
    return {"account": call.account, "deal_id": call.deal_id, **answers.as_dict()}


def _ref(row: Any) -> CallRef:  # an ORM row or a plain one: read by column name
    return CallRef(account=row.account, deal_id=row.deal_id)


def _answers(row: Any) -> CallAnswers:
    return CallAnswers(went_well=row.went_well, do_differently=row.do_differently, practice_next=row.practice_next)


def _debrief(row: Any, ref: WorkspaceRef) -> Debrief:
    return Debrief(
        workspace=ref, rep_id=row.rep_id, call=_ref(row), call_type=CallType(row.call_type), call_on=row.call_on,
        answers=_answers(row), indicators=dict(row.indicators), skills=tuple(row.skills), cycle_id=row.cycle_id,
        recording_link=row.recording_link, shadow_id=row.shadow_id, version=row.version,
        history=tuple(row.history or ()), created_at=row.created_at, updated_at=row.updated_at, id=row.id,
    )


def _feedback(row: DebriefFeedbackRow, ref: WorkspaceRef) -> DebriefFeedback:
    return DebriefFeedback(workspace=ref, debrief_id=row.debrief_id, rep_id=row.rep_id, manager_id=row.manager_id,
                           text=row.text, created_at=row.created_at, id=row.id)


def _observation(row: Any, ref: WorkspaceRef) -> ShadowObservation:
    return ShadowObservation(
        workspace=ref, rep_id=row.rep_id, observer_id=row.observer_id, call=_ref(row),
        call_type=CallType(row.call_type), call_on=row.call_on, answers=_answers(row), feedback=row.feedback,
        skill_scores=dict(row.skill_scores), indicators=dict(row.indicators), skills=tuple(row.skills),
        cycle_id=row.cycle_id, recording_link=row.recording_link, created_at=row.created_at, id=row.id,
    )


def _lean_calls(session: Session, table: type[DebriefRow] | type[ShadowObservationRow], linked: Any,
                ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date) -> dict[str, list[CallIndicators]]:
    """Id, rep, date, indicators (and a debrief's shadow_id) of these reps' calls; one query per chunk of reps.

    Read through the (team_id, rep_id, call_on) index, newest call first per rep like `for_reps_between`.
    """
    wanted = list(dict.fromkeys(rep_ids))
    found: dict[str, list[CallIndicators]] = {}
    connection = session.connection()  # plain rows: no ORM loading for hundreds of thousands of them
    for start in range(0, len(wanted), REPS_PER_QUERY):
        # The date as the driver gives it (SQLite: ISO text, parsed below faster than by the column type).
        # The JSON as text where the driver leaves it so (SQLite), parsed here: no type processor per row.
        query = select(table.id, table.rep_id, type_coerce(table.call_on, String),
                       type_coerce(table.indicators, String), linked).where(
            table.team_id == ref.team_id, table.rep_id.in_(wanted[start : start + REPS_PER_QUERY]),
            table.call_on >= first, table.call_on <= last,
        ).order_by(table.rep_id.desc(), table.call_on.desc(), table.id.desc())  # the index backwards: no sort
        days: dict[Any, date] = {}  # a few dozen distinct dates among hundreds of thousands of calls
        for call_id, rep_id, call_on, indicators, shadow_id in connection.execute(query).all():
            day = days.get(call_on)
            if day is None:
                day = days[call_on] = call_on if isinstance(call_on, date) else date.fromisoformat(call_on)
            values = orjson.loads(indicators) if isinstance(indicators, str | bytes) else indicators
            found.setdefault(rep_id, []).append(CallIndicators(call_id, rep_id, day, values, shadow_id))
    return found


def _plain(table: type[DebriefRow] | type[ShadowObservationRow], ref: WorkspaceRef) -> Any:
    """Every column of the table and the workspace's enterprise id, as plain rows (read by attribute name)."""
    return select(*table.__table__.columns, WorkspaceRow.enterprise_id).join(
        WorkspaceRow, WorkspaceRow.team_id == table.team_id
    ).where(table.team_id == ref.team_id)


class SqlDebriefRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, debrief: Debrief) -> Debrief:
        row = DebriefRow(
            team_id=debrief.workspace.team_id, rep_id=debrief.rep_id, cycle_id=debrief.cycle_id,
            shadow_id=debrief.shadow_id, call_type=debrief.call_type.value, call_on=debrief.call_on,
            indicators=dict(debrief.indicators), skills=list(debrief.skills),
            recording_link=debrief.recording_link, version=debrief.version, history=list(debrief.history),
            **_call_values(debrief.call, debrief.answers),
            # The use case's clock, when it gives one: the 7-day edit window counts from it.
            **({"created_at": debrief.created_at, "updated_at": debrief.created_at} if debrief.created_at else {}),
        )
        self._session.add(row)
        self._session.flush()
        return _debrief(row, debrief.workspace)

    def get(self, ref: WorkspaceRef, debrief_id: int, *, for_update: bool = False) -> Debrief | None:
        query = select(DebriefRow, WorkspaceRow.enterprise_id).join(
            WorkspaceRow, WorkspaceRow.team_id == DebriefRow.team_id
        ).where(DebriefRow.team_id == ref.team_id, DebriefRow.id == debrief_id)
        if for_update:
            query = query.with_for_update(of=DebriefRow)
        found = self._session.execute(query).first()
        return _debrief(found[0], WorkspaceRef(ref.team_id, found[1])) if found else None

    def update(self, debrief: Debrief) -> None:
        row = self._session.get(DebriefRow, debrief.id)
        if row is None or row.team_id != debrief.workspace.team_id:
            raise UnknownRowError(f"no debrief {debrief.id} in {debrief.workspace.team_id}")
        for name, value in _call_values(debrief.call, debrief.answers).items():
            setattr(row, name, value)
        row.call_type, row.call_on = debrief.call_type.value, debrief.call_on
        row.indicators, row.recording_link = dict(debrief.indicators), debrief.recording_link
        row.version, row.history, row.shadow_id = debrief.version, list(debrief.history), debrief.shadow_id
        if debrief.updated_at is not None:
            row.updated_at = debrief.updated_at
        self._session.flush()

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, list[Debrief]]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        found: dict[str, list[Debrief]] = {}
        for start in range(0, len(wanted), REPS_PER_QUERY):
            query = _plain(DebriefRow, ref).where(
                DebriefRow.rep_id.in_(wanted[start : start + REPS_PER_QUERY]),
                DebriefRow.call_on >= first, DebriefRow.call_on <= last,
            ).order_by(DebriefRow.rep_id, DebriefRow.call_on.desc(), DebriefRow.id.desc())
            for row in self._session.execute(query):  # plain rows: no ORM state for a week of a whole workspace
                found.setdefault(row.rep_id, []).append(_debrief(row, WorkspaceRef(ref.team_id, row.enterprise_id)))
        return found

    def indicators_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                                    ) -> dict[str, list[CallIndicators]]:
        return _lean_calls(self._session, DebriefRow, DebriefRow.shadow_id, ref, rep_ids, first, last)

    def words_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                               ) -> dict[str, list[CallWords]]:
        wanted = list(dict.fromkeys(rep_ids))
        found: dict[str, list[CallWords]] = {}
        row = DebriefRow
        for start in range(0, len(wanted), REPS_PER_QUERY):
            query = select(row.id, row.rep_id, row.call_on, row.account, row.went_well).where(
                row.team_id == ref.team_id, row.rep_id.in_(wanted[start : start + REPS_PER_QUERY]),
                row.call_on >= first, row.call_on <= last,
            ).order_by(row.rep_id, row.call_on.desc(), row.id.desc())
            for call_id, rep_id, call_on, account, went_well in self._session.execute(query).all():
                found.setdefault(rep_id, []).append(CallWords(call_id, rep_id, call_on, account, went_well))
        return found

    def created_since(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: datetime) -> list[Debrief]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return []
        query = self._scoped(ref).where(DebriefRow.rep_id.in_(wanted), DebriefRow.created_at >= since).order_by(
            DebriefRow.created_at, DebriefRow.id
        )
        rows = self._session.execute(query)
        return [_debrief(row, WorkspaceRef(ref.team_id, enterprise)) for row, enterprise in rows]

    def for_shadows(self, ref: WorkspaceRef, shadow_ids: Iterable[int]) -> dict[int, Debrief]:
        wanted = list(dict.fromkeys(shadow_ids))
        if not wanted:
            return {}
        query = self._scoped(ref).where(DebriefRow.shadow_id.in_(wanted)).order_by(DebriefRow.id)
        found: dict[int, Debrief] = {}
        for row, enterprise in self._session.execute(query):
            found.setdefault(row.shadow_id, _debrief(row, WorkspaceRef(ref.team_id, enterprise)))
        return found

    def add_feedback(self, feedback: DebriefFeedback) -> DebriefFeedback:
        row = DebriefFeedbackRow(
            team_id=feedback.workspace.team_id, debrief_id=feedback.debrief_id, rep_id=feedback.rep_id,
            manager_id=feedback.manager_id, text=feedback.text,
            **({"created_at": feedback.created_at} if feedback.created_at else {}),
        )
        self._session.add(row)
        self._session.flush()
        return _feedback(row, feedback.workspace)

    def feedback_for(self, ref: WorkspaceRef, debrief_ids: Iterable[int]) -> dict[int, list[DebriefFeedback]]:
        wanted = list(dict.fromkeys(debrief_ids))
        if not wanted:
            return {}
        query = select(DebriefFeedbackRow, WorkspaceRow.enterprise_id).join(
            WorkspaceRow, WorkspaceRow.team_id == DebriefFeedbackRow.team_id
        ).where(DebriefFeedbackRow.team_id == ref.team_id, DebriefFeedbackRow.debrief_id.in_(wanted)).order_by(
            DebriefFeedbackRow.debrief_id, DebriefFeedbackRow.created_at, DebriefFeedbackRow.id
        )
        found: dict[int, list[DebriefFeedback]] = {}
        for row, enterprise in self._session.execute(query):
            found.setdefault(row.debrief_id, []).append(_feedback(row, WorkspaceRef(ref.team_id, enterprise)))
        return found

    @staticmethod
    def _scoped(ref: WorkspaceRef) -> Any:
        return select(DebriefRow, WorkspaceRow.enterprise_id).join(
            WorkspaceRow, WorkspaceRow.team_id == DebriefRow.team_id
        ).where(DebriefRow.team_id == ref.team_id)


class SqlShadowObservationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, observation: ShadowObservation) -> ShadowObservation:
        row = ShadowObservationRow(
            team_id=observation.workspace.team_id, rep_id=observation.rep_id, observer_id=observation.observer_id,
            cycle_id=observation.cycle_id, call_type=observation.call_type.value, call_on=observation.call_on,
            feedback=observation.feedback, skill_scores=dict(observation.skill_scores),
            indicators=dict(observation.indicators), skills=list(observation.skills),
            recording_link=observation.recording_link, **_call_values(observation.call, observation.answers),
        )
        self._session.add(row)
        self._session.flush()
        return _observation(row, observation.workspace)

    def get(self, ref: WorkspaceRef, observation_id: int) -> ShadowObservation | None:
        found = self._session.execute(
            self._scoped(ref).where(ShadowObservationRow.id == observation_id)
        ).first()
        return _observation(found[0], WorkspaceRef(ref.team_id, found[1])) if found else None

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, list[ShadowObservation]]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        row = ShadowObservationRow
        found: dict[str, list[ShadowObservation]] = {}
        for start in range(0, len(wanted), REPS_PER_QUERY):
            query = _plain(row, ref).where(
                row.rep_id.in_(wanted[start : start + REPS_PER_QUERY]), row.call_on >= first, row.call_on <= last,
            ).order_by(row.rep_id, row.call_on.desc(), row.id.desc())
            for stored in self._session.execute(query):  # plain rows, as for debriefs
                found.setdefault(stored.rep_id, []).append(
                    _observation(stored, WorkspaceRef(ref.team_id, stored.enterprise_id)))
        return found

    def indicators_for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                                    ) -> dict[str, list[CallIndicators]]:
        return _lean_calls(self._session, ShadowObservationRow, null(), ref, rep_ids, first, last)

    @staticmethod
    def _scoped(ref: WorkspaceRef) -> Any:
        return select(ShadowObservationRow, WorkspaceRow.enterprise_id).join(
            WorkspaceRow, WorkspaceRow.team_id == ShadowObservationRow.team_id
        ).where(ShadowObservationRow.team_id == ref.team_id)
