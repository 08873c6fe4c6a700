"""SQL implementation of `domain.coaching.wins_ports.SuccessStoryRepository`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from domain.coaching.wins import SuccessStory, WinSource
from domain.model import WorkspaceRef
from storage.orm.base import in_chunks
from storage.orm.wins import SuccessStoryRow


def _story(row: SuccessStoryRow, ref: WorkspaceRef) -> SuccessStory:
    return SuccessStory(ref, row.rep_id, row.manager_id, row.skill, row.what_happened, row.approach, row.outcome,
                        row.consent, WinSource(row.source), row.posted_channel, row.posted_ts,
                        created_at=row.created_at, id=row.id)


class SqlSuccessStoryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, story: SuccessStory) -> SuccessStory:
        row = SuccessStoryRow(
            team_id=story.workspace.team_id, rep_id=story.rep_id, manager_id=story.manager_id, skill=story.skill,
            what_happened=story.what_happened, approach=story.approach, outcome=story.outcome,
            consent=story.consent, source=story.source.value, posted_channel=story.posted_channel,
            posted_ts=story.posted_ts, **({"created_at": story.created_at} if story.created_at else {}),
        )
        self._session.add(row)
        self._session.flush()
        return _story(row, story.workspace)

    def get(self, ref: WorkspaceRef, story_id: int) -> SuccessStory | None:
        row = self._session.scalars(select(SuccessStoryRow).where(
            SuccessStoryRow.team_id == ref.team_id, SuccessStoryRow.id == story_id)).first()
        return _story(row, ref) if row is not None else None

    def mark_posted(self, ref: WorkspaceRef, story_id: int, channel: str, ts: str) -> None:
        self._session.execute(update(SuccessStoryRow).where(
            SuccessStoryRow.team_id == ref.team_id, SuccessStoryRow.id == story_id,
        ).values(posted_channel=channel, posted_ts=ts))

    def visible(self, ref: WorkspaceRef, rep_ids: Iterable[str], skill: str | None, limit: int
                ) -> list[SuccessStory]:
        mine = list(dict.fromkeys(rep_ids))[:1000]  # the caller and their reps: a team, never thousands
        query = select(SuccessStoryRow).where(
            SuccessStoryRow.team_id == ref.team_id,
            or_(SuccessStoryRow.consent.is_(True), SuccessStoryRow.rep_id.in_(mine)),
        )
        if skill is not None:
            query = query.where(SuccessStoryRow.skill == skill)
        query = query.order_by(SuccessStoryRow.created_at.desc(), SuccessStoryRow.id.desc()).limit(limit)
        return [_story(row, ref) for row in self._session.scalars(query)]

    def recent_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], per_rep: int
                        ) -> dict[str, list[SuccessStory]]:
        wanted = list(dict.fromkeys(rep_ids))
        found: dict[str, list[SuccessStory]] = {}
        if per_rep <= 0:
            return found
        for chunk in in_chunks(wanted):
            place = func.row_number().over(
                partition_by=SuccessStoryRow.rep_id,
                order_by=(SuccessStoryRow.created_at.desc(), SuccessStoryRow.id.desc()),
            ).label("place")
            ranked = select(SuccessStoryRow.id, place).where(
                SuccessStoryRow.team_id == ref.team_id, SuccessStoryRow.rep_id.in_(chunk)).subquery()
            query = (select(SuccessStoryRow).join(ranked, ranked.c.id == SuccessStoryRow.id)
                     .where(ranked.c.place <= per_rep)
                     .order_by(SuccessStoryRow.created_at.desc(), SuccessStoryRow.id.desc()))
            for row in self._session.scalars(query):
                found.setdefault(row.rep_id, []).append(_story(row, ref))
        return found
