"""The load benchmark's workspace: managers and reps in the database, in bulk.

One manager in ten, nine reps each (`manager_of`); every rep is in week 7 of
a coaching cycle (Monitor and Habit: scorecards, debriefs and a 21-day
challenge all apply) with two focus skills and a running calendar-day
challenge whose past days are answered. Rows go in with multi-row INSERTs
(10,000 people take a few seconds), shaped as the repositories write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, insert, select

from domain.coaching.challenge_model import NUDGE_KIND
from storage.orm import ChallengeDayRow, ChallengeRow, CycleRow, DeliveryRow, FocusSkillRow, MemberRow, WorkspaceRow

TEAM = "TLOAD"
ZONES = ("America/New_York", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Europe/London")
FOCUS = ("discovery", "closing")
BEHAVIOUR = "Ask at least 5 probing questions in every discovery call"
CHALLENGE_DAYS_SO_FAR = 10  # the challenge began this many days ago; the days before today are answered


@dataclass(frozen=True)
class People:
    """Who is who: `size` people, one manager in ten."""

    size: int

    @property
    def managers(self) -> int:
        return max(1, self.size // 10)

    @property
    def reps(self) -> int:
        return self.size - self.managers

    def manager_id(self, n: int) -> str:
        return f"UM{n:05d}"

    def rep_id(self, n: int) -> str:
        return f"UR{n:05d}"

    def manager_of(self, rep_id: str) -> str:
        return manager_of(rep_id, self.managers)

    def zone_of(self, user_id: str) -> str:
        return ZONES[int(user_id[2:]) % len(ZONES)]

    def everyone(self) -> list[tuple[str, str, str]]:
        """(user id, name, time zone) of every person, for the fake Slack's users.info."""
        managers = [(self.manager_id(n), f"Manager {n}") for n in range(self.managers)]
        reps = [(self.rep_id(n), f"Rep {n}") for n in range(self.reps)]
        return [(user, name, self.zone_of(user)) for user, name in managers + reps]


def manager_of(rep_id: str, managers: int) -> str:
    """The manager of rep `UR00042`: reps are dealt to managers in turn."""
    return f"UM{int(rep_id[2:]) % managers:05d}"


def local_today(tz: str, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(tz)).date()


def seed(engine: Engine, people: People) -> dict[str, int]:
    """Fill a migrated, empty database; returns each rep's challenge id."""
    now = datetime.now(UTC)
    week_7 = now.date() - timedelta(days=now.date().weekday(), weeks=6)
    reps = [people.rep_id(n) for n in range(people.reps)]
    with engine.begin() as db:
        db.execute(insert(WorkspaceRow), [{"team_id": TEAM, "name": "Load Co", "settings": {}}])
        members: list[dict[str, Any]] = [{"team_id": TEAM, "user_id": user, "name": name, "time_zone": tz,
                    "role": "manager" if user.startswith("UM") else "rep", "is_admin": user == "UM00000",
                    "manager_id": None if user.startswith("UM") else people.manager_of(user), "muted_kinds": []}
                   for user, name, tz in people.everyone()]
        _insert(db, MemberRow, members)
        _insert(db, CycleRow, [{"team_id": TEAM, "rep_id": rep, "manager_id": people.manager_of(rep),
                                "starts_on": week_7, "offset_weeks": 0, "status": "active"} for rep in reps])
        cycles = _ids(db, CycleRow)
        _insert(db, FocusSkillRow, [{"team_id": TEAM, "cycle_id": cycles[rep], "competency": skill, "position": n}
                                    for rep in reps for n, skill in enumerate(FOCUS)])
        _insert(db, ChallengeRow, [
            {"team_id": TEAM, "rep_id": rep, "started_by": people.manager_of(rep), "cycle_id": cycles[rep],
             "start_day": local_today(people.zone_of(rep), now) - timedelta(days=CHALLENGE_DAYS_SO_FAR),
             "day_kind": "calendar", "nudge_at": time(8, 30),
             "behaviours": [{"skill": "discovery", "text": BEHAVIOUR}], "away_days": [], "repairs_used": 0,
             "status": "active", "active_slot": 1}
            for rep in reps])
        challenges = _ids(db, ChallengeRow)
        _insert(db, ChallengeDayRow, [
            {"challenge_id": challenges[rep], "day": local_today(people.zone_of(rep), now) - timedelta(days=back),
             "answer": "done" if back % 4 else "no_calls", "repaired": False, "note": "",
             "answered_at": now - timedelta(days=back)}
            for rep in reps for back in range(CHALLENGE_DAYS_SO_FAR, 0, -1)])
    return challenges


def record_nudges(engine: Engine, people: People, challenges: dict[str, int],
                  sent: dict[str, tuple[str, str]]) -> None:
    """Today's challenge nudge of each rep in `sent` (rep -> (channel, ts)) as the ledger keeps a sent one."""
    now = datetime.now(UTC)
    rows = []
    for rep, (channel, ts) in sent.items():
        day = local_today(people.zone_of(rep), now)
        rows.append({"team_id": TEAM, "recipient_id": rep, "kind": NUDGE_KIND,
                     "period": f"ch{challenges[rep]}@{day.isoformat()}", "status": "sent", "due_at": now,
                     "stale_at": now + timedelta(hours=12), "attempts": 1, "channel": channel, "ts": ts})
    with engine.begin() as db:
        _insert(db, DeliveryRow, rows)


def _ids(db: Connection, table: type[CycleRow] | type[ChallengeRow]) -> dict[str, int]:
    """rep -> the id of their row in `table`."""
    return {str(rep): int(row_id) for rep, row_id in db.execute(select(table.rep_id, table.id)
                                                                .where(table.team_id == TEAM))}


def _insert(db: Connection, table: type, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany: SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues") on both databases."""
    if rows:
        db.execute(insert(table), list(rows))
