"""Hand-written in-memory fakes of the domain ports (no database, no Slack)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING

from domain.audit import AuditEvent
from domain.catalog.lesson_texts import LessonText
from domain.coaching.cycle import CoachingCycle, CycleStatus
from domain.coaching.homework import Homework
from domain.coaching.lessons import LessonProgress
from domain.coaching.roleplay import RoleplayPractice
from domain.delivery import (
    Delivery,
    DeliveryKey,
)
from domain.errors import DatabaseBusy
from domain.model import Member, SlackProfile, Workspace, WorkspaceRef
from domain.pipeline.model import Opportunity
from domain.pipeline.upload import SharedFileRecord
from domain.ports import ScheduleEntry, UnitOfWorkFactory
from tests.fakes_calls import CallTables, FakeDebriefRepository, FakeShadowObservationRepository
from tests.fakes_challenges import ChallengeTables, FakeChallengeRepository
from tests.fakes_commitments import Commitments, FakeCommitmentRepository
from tests.fakes_data_rights import FakeAuditRepository, FakeDataRightsRepository, PersonalRows
from tests.fakes_diagnosis import (
    DiagnosisTables,
    FakeCallScoreRepository,
    FakeContractRepository,
    FakePriorityRepository,
    FakeSelfAssessmentRepository,
)
from tests.fakes_homework import FakeHomeworkRepository
from tests.fakes_ledger import (
    FakeDeliveryRepository,
    FakeDispatcherLock,  # noqa: F401  (tests import it from here)
    FakeScheduleRepository,
)
from tests.fakes_lessons import FakeLessonProgressRepository, FakeLessonTextRepository, ProgressKey
from tests.fakes_maintenance import FakeMaintenanceCheckinRepository, MaintenanceCheckins
from tests.fakes_peer import FakePeerShareRepository, PeerShares
from tests.fakes_pipeline import FakePipelineRepository
from tests.fakes_prework import FakePreworkRepository, Preworks
from tests.fakes_prompts import CallFreeDays, FakeCallFreeDayRepository
from tests.fakes_receipts import FakeReceiptRepository
from tests.fakes_roleplay import FakeRoleplayRepository
from tests.fakes_scorecards import FakeScorecardCommentRepository, ScorecardComments
from tests.fakes_sessions import FakeSessionRepository, Sessions
from tests.fakes_shared_files import FakeSharedFileRepository
from tests.fakes_takeaways import FakeTakeawaysRepository, TakeawaysRows
from tests.fakes_wins import FakeSuccessStoryRepository, SuccessStories


@dataclass
class _Tables:
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    members: dict[tuple[str, str], Member] = field(default_factory=dict)
    schedules: dict[tuple[str, str, str], ScheduleEntry] = field(default_factory=dict)
    # Insertion order is creation order, which breaks created_at ties as the
    # database's ids do.
    deliveries: dict[DeliveryKey, Delivery] = field(default_factory=dict)
    opportunities: dict[tuple[str, str], Opportunity] = field(default_factory=dict)
    cycles: dict[int, CoachingCycle] = field(default_factory=dict)
    diagnosis: DiagnosisTables = field(default_factory=DiagnosisTables)
    shared_files: dict[tuple[str, str], SharedFileRecord] = field(default_factory=dict)
    receipts: dict[tuple[str, str], str] = field(default_factory=dict)
    calls: CallTables = field(default_factory=CallTables)
    roleplays: list[RoleplayPractice] = field(default_factory=list)
    homework: dict[int, Homework] = field(default_factory=dict)
    lessons: dict[ProgressKey, LessonProgress] = field(default_factory=dict)
    lesson_texts: dict[tuple[str, str], LessonText] = field(default_factory=dict)
    call_free_days: CallFreeDays = field(default_factory=set)
    peer_shares: PeerShares = field(default_factory=dict)
    scorecard_comments: ScorecardComments = field(default_factory=dict)
    commitments: Commitments = field(default_factory=dict)
    sessions: Sessions = field(default_factory=dict)
    prework: Preworks = field(default_factory=dict)
    takeaways: TakeawaysRows = field(default_factory=dict)
    success_stories: SuccessStories = field(default_factory=dict)  # issue 13
    maintenance_checkins: MaintenanceCheckins = field(default_factory=dict)
    challenges: ChallengeTables = field(default_factory=ChallengeTables)  # issue 13
    audit: list[AuditEvent] = field(default_factory=list)  # issue 14
    personal: PersonalRows = field(default_factory=dict)  # issue 14: rows of the other coaching tables
    refresh_cursors: dict[str, str] = field(default_factory=dict)  # issue 15: team_id -> users.list cursor

    def copy(self) -> _Tables:
        # Entries are frozen dataclasses: copying the dicts is a full snapshot.
        return _Tables(
            workspaces=dict(self.workspaces),
            members=dict(self.members),
            schedules=dict(self.schedules),
            deliveries=dict(self.deliveries),
            opportunities=dict(self.opportunities),
            cycles=dict(self.cycles),
            diagnosis=self.diagnosis.copy(),
            shared_files=dict(self.shared_files),
            receipts=dict(self.receipts),
            calls=self.calls.copy(),
            roleplays=list(self.roleplays),
            homework=dict(self.homework),
            lessons=dict(self.lessons),
            lesson_texts=dict(self.lesson_texts),
            call_free_days=set(self.call_free_days),
            peer_shares=dict(self.peer_shares),
            scorecard_comments=dict(self.scorecard_comments),
            commitments=dict(self.commitments),
            sessions=dict(self.sessions),
            prework=dict(self.prework),
            takeaways=dict(self.takeaways),
            success_stories=dict(self.success_stories),
            maintenance_checkins=dict(self.maintenance_checkins),
            challenges=self.challenges.copy(),  # issue 13
            audit=list(self.audit),  # issue 14
            personal={name: list(rows) for name, rows in self.personal.items()},  # issue 14
            refresh_cursors=dict(self.refresh_cursors),  # issue 15
        )


class FakeWorkspaceRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def get(self, ref: WorkspaceRef) -> Workspace | None:
        return self._t.workspaces.get(ref.team_id)

    def add(self, workspace: Workspace) -> None:
        if workspace.ref.team_id in self._t.workspaces:
            raise LookupError(f"workspace {workspace.ref.team_id} exists already")
        self._t.workspaces[workspace.ref.team_id] = workspace

    def update(self, workspace: Workspace) -> None:
        if workspace.ref.team_id not in self._t.workspaces:
            raise LookupError(f"unknown workspace {workspace.ref.team_id}")
        self._t.workspaces[workspace.ref.team_id] = workspace

    def list_all(self) -> list[Workspace]:
        return sorted(self._t.workspaces.values(), key=lambda w: w.ref.team_id)

    def purge(self, ref: WorkspaceRef) -> dict[str, int]:
        from tests.fakes_lifecycle import purge_tables

        return purge_tables(self._t, ref.team_id)

    def refresh_cursor(self, ref: WorkspaceRef) -> str | None:
        return self._t.refresh_cursors.get(ref.team_id)

    def save_refresh_cursor(self, ref: WorkspaceRef, cursor: str | None) -> None:
        if ref.team_id not in self._t.workspaces:
            return
        if cursor is None:
            self._t.refresh_cursors.pop(ref.team_id, None)
        else:
            self._t.refresh_cursors[ref.team_id] = cursor


class FakeMemberRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def get(self, ref: WorkspaceRef, user_id: str) -> Member | None:
        return self._t.members.get((ref.team_id, user_id))

    def get_many(self, ref: WorkspaceRef, user_ids: Iterable[str]) -> dict[str, Member]:
        found = {u: self._t.members.get((ref.team_id, u)) for u in user_ids}
        return {u: m for u, m in found.items() if m is not None}

    def add(self, member: Member) -> None:
        key = (member.workspace.team_id, member.user_id)
        if member.workspace.team_id not in self._t.workspaces:
            raise LookupError(f"add workspace {member.workspace.team_id} before its members")
        if key in self._t.members:
            raise LookupError(f"member {key} exists already")
        self._t.members[key] = member

    def update(self, member: Member) -> None:
        key = (member.workspace.team_id, member.user_id)
        if key not in self._t.members:
            raise LookupError(f"unknown member {key}")
        self._t.members[key] = member

    def reps_of(self, ref: WorkspaceRef, manager_id: str) -> list[Member]:
        reps = [m for (team, _), m in self._t.members.items() if team == ref.team_id and m.manager_id == manager_id]
        return sorted(reps, key=lambda m: (m.name.lower(), m.user_id))

    def reps_of_many(self, ref: WorkspaceRef, manager_ids: Iterable[str]) -> dict[str, list[Member]]:
        found = {manager_id: self.reps_of(ref, manager_id) for manager_id in manager_ids}
        return {manager_id: reps for manager_id, reps in found.items() if reps}

    def list_all(self, ref: WorkspaceRef) -> list[Member]:
        members = [m for (team, _), m in self._t.members.items() if team == ref.team_id]
        return sorted(members, key=lambda m: (m.name.lower(), m.user_id))

    def has_admin(self, ref: WorkspaceRef) -> bool:
        return any(m.is_admin for m in self.list_all(ref))

    def managers_with_reps(self, ref: WorkspaceRef) -> list[Member]:
        team = self.list_all(ref)
        managers = {m.manager_id for m in team}
        return [m for m in team if m.user_id in managers]

    def list_everywhere(self, after: tuple[str, str] | None, limit: int) -> list[Member]:
        keys = sorted(k for k in self._t.members if after is None or k > after)
        return [self._t.members[k] for k in keys[:limit]]

    def by_emails(self, ref: WorkspaceRef, emails: Iterable[str]) -> dict[str, Member]:
        wanted = {e.lower() for e in emails}
        return {
            m.email.lower(): m
            for (team, _), m in sorted(self._t.members.items())
            if team == ref.team_id and m.email is not None and m.email.lower() in wanted
        }


class FakeCycleRepository:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def add(self, cycle: CoachingCycle) -> CoachingCycle:
        if cycle.workspace.team_id not in self._t.workspaces:
            raise LookupError(f"add workspace {cycle.workspace.team_id} before its cycles")
        if cycle.status is CycleStatus.ACTIVE and self.active_for(cycle.workspace, cycle.rep_id) is not None:
            raise LookupError(f"{cycle.rep_id} already has an active cycle")  # the SQL partial unique index
        cycle_id = len(self._t.cycles) + 1
        stored = replace(cycle, id=cycle_id)
        self._t.cycles[cycle_id] = stored
        return stored

    def update(self, cycle: CoachingCycle) -> None:
        if cycle.id not in self._t.cycles or self._t.cycles[cycle.id].workspace.team_id != cycle.workspace.team_id:
            raise LookupError(f"no cycle {cycle.id}")
        self._t.cycles[cycle.id] = cycle

    def active_for(self, ref: WorkspaceRef, rep_id: str) -> CoachingCycle | None:
        return self.active_for_reps(ref, [rep_id]).get(rep_id)

    def active_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, CoachingCycle]:
        wanted = set(rep_ids)
        return {
            c.rep_id: c for c in self._t.cycles.values()
            if c.workspace.team_id == ref.team_id and c.rep_id in wanted and c.status is CycleStatus.ACTIVE
        }

    def history(self, ref: WorkspaceRef, rep_id: str) -> list[CoachingCycle]:
        mine = [c for c in self._t.cycles.values() if c.workspace.team_id == ref.team_id and c.rep_id == rep_id]
        return sorted(mine, key=lambda c: (c.starts_on, c.id or 0), reverse=True)

    def since(self, ref: WorkspaceRef, day: date, manager_id: str | None = None) -> list[CoachingCycle]:
        found = [c for c in self._t.cycles.values() if c.workspace.team_id == ref.team_id
                 and (c.status is CycleStatus.ACTIVE or (c.ended_on is not None and c.ended_on >= day))
                 and (manager_id is None or c.manager_id == manager_id)]
        return sorted(found, key=lambda c: (c.starts_on, c.id or 0), reverse=True)


class FakeUnitOfWork:
    """Copies the committed tables on enter; `commit()` publishes the copy.

    That gives the same all-or-nothing behaviour as a database transaction,
    so a use case that fails half-way leaves nothing half-saved. A read-only
    unit refuses `commit()`, as the SQL one does. Its repositories are those
    `domain.ports.Repositories` lists (checked by mypy below, and against the
    SQL unit by tests/integration/test_unit_of_work_contract.py).
    """

    def __init__(self, store: FakeStore, read_only: bool = False) -> None:
        self._store = store
        self.read_only = read_only
        self.committed = False
        self.deadline: float | None = None

    def __enter__(self) -> FakeUnitOfWork:
        self._tables = self._store.tables.copy()
        self.workspaces = FakeWorkspaceRepository(self._tables)
        self.members = FakeMemberRepository(self._tables)
        self.schedules = FakeScheduleRepository(self._tables)
        self.deliveries = FakeDeliveryRepository(self._tables)
        self.pipeline = FakePipelineRepository(self._tables.opportunities, self._tables.workspaces)
        self.cycles = FakeCycleRepository(self._tables)
        self.call_scores = FakeCallScoreRepository(self._tables.diagnosis, self._tables.workspaces)
        self.self_assessments = FakeSelfAssessmentRepository(self._tables.diagnosis, self._tables.workspaces)
        self.priorities = FakePriorityRepository(self._tables.diagnosis)
        self.contracts = FakeContractRepository(self._tables.diagnosis, self._tables.workspaces)
        self.shared_files = FakeSharedFileRepository(self._tables.shared_files, self._tables.workspaces)
        self.receipts = FakeReceiptRepository(self._tables.receipts)
        self.debriefs = FakeDebriefRepository(self._tables.calls, self._tables.workspaces)
        self.shadow_observations = FakeShadowObservationRepository(self._tables.calls, self._tables.workspaces)
        self.roleplays = FakeRoleplayRepository(self._tables.roleplays, self._tables.workspaces)
        self.homework = FakeHomeworkRepository(self._tables.homework, self._tables.workspaces)
        self.lessons = FakeLessonProgressRepository(self._tables.lessons)
        self.lesson_texts = FakeLessonTextRepository(self._tables.lesson_texts)
        self.call_free_days = FakeCallFreeDayRepository(self._tables.call_free_days, self._tables.workspaces)
        self.peer_shares = FakePeerShareRepository(self._tables.peer_shares, self._tables.workspaces)
        self.scorecard_comments = FakeScorecardCommentRepository(self._tables.scorecard_comments,
                                                                 self._tables.workspaces)
        self.commitments = FakeCommitmentRepository(self._tables.commitments, self._tables.workspaces)
        self.sessions = FakeSessionRepository(self._tables.sessions, self._tables.workspaces)
        self.prework = FakePreworkRepository(self._tables.prework, self._tables.sessions, self._tables.workspaces)
        self.takeaways = FakeTakeawaysRepository(self._tables.takeaways, self._tables.sessions,
                                                 self._tables.workspaces)
        self.success_stories = FakeSuccessStoryRepository(self._tables.success_stories, self._tables.workspaces)
        self.maintenance_checkins = FakeMaintenanceCheckinRepository(
            self._tables.maintenance_checkins, self._tables.cycles, self._tables.workspaces)
        self.challenges = FakeChallengeRepository(self._tables.challenges, self._tables.workspaces)  # issue 13
        self.audit = FakeAuditRepository(self._tables.audit)  # issue 14
        self.data_rights = FakeDataRightsRepository(self._tables)  # issue 14
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def answer_by(self, deadline: float) -> None:
        self.deadline = deadline
        if time.monotonic() >= deadline:
            raise DatabaseBusy()

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work keeps nothing; open a writing one to change data")
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.rollback()  # as the SQL unit: past its deadline nothing is kept
            raise DatabaseBusy()
        self._store.tables = self._tables.copy()
        self._store.commits += 1
        self.committed = True

    def rollback(self) -> None:
        # Uncommitted changes live only in this unit's copy: start it again
        # from what is committed.
        self.__enter__()


class FakeStore:
    """The committed state shared by every unit of work a test creates."""

    def __init__(self) -> None:
        self.tables = _Tables()
        self.commits = 0
        self.units: list[FakeUnitOfWork] = []  # every unit made, in order (read-only ones too)

    def uow(self, *, read_only: bool = False) -> FakeUnitOfWork:
        unit = FakeUnitOfWork(self, read_only)
        self.units.append(unit)
        return unit


if TYPE_CHECKING:
    # mypy: the fake is a `domain.ports.UnitOfWorkFactory` of units satisfying the one Protocol.
    _FAKE_FACTORY: UnitOfWorkFactory = FakeStore().uow


class FakeDirectory:
    """A `UserDirectory` with the people a test puts in it."""

    def __init__(self, *profiles: SlackProfile) -> None:
        self.profiles = {p.user_id: p for p in profiles}
        self.lookups: list[str] = []

    def add(self, user_id: str, real_name: str, time_zone: str | None = "America/New_York",
            is_bot: bool = False, email: str | None = None) -> SlackProfile:
        profile = SlackProfile(
            user_id=user_id,
            name=real_name.split(maxsplit=1)[0].lower(),
            real_name=real_name,
            time_zone=time_zone,
            is_bot=is_bot,
            email=email,
        )
        self.profiles[user_id] = profile
        return profile

    def lookup(self, user_id: str) -> SlackProfile | None:
        self.lookups.append(user_id)
        return self.profiles.get(user_id)
