"""Ports: what the use cases need from storage and from Slack.

Storage implements the repositories and the unit of work; handlers implement
`UserDirectory` over Slack's Web API. Tests use hand-written fakes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from domain.audit import AuditRepository
from domain.coaching.challenge_ports import ChallengeRepository
from domain.coaching.maintenance_ports import MaintenanceCheckinRepository
from domain.coaching.peer_ports import PeerShareRepository
from domain.coaching.ports import (
    CallFreeDayRepository,
    CallScoreRepository,
    CommitmentRepository,
    ContractRepository,
    CycleRepository,
    DebriefRepository,
    HomeworkRepository,
    LessonProgressRepository,
    LessonTextRepository,
    PriorityRepository,
    RoleplayRepository,
    ScorecardCommentRepository,
    SelfAssessmentRepository,
    ShadowObservationRepository,
)
from domain.coaching.prework_ports import PreworkRepository
from domain.coaching.session_ports import SessionRepository
from domain.coaching.takeaways_ports import TakeawaysRepository
from domain.coaching.wins_ports import SuccessStoryRepository
from domain.data_rights import DataRightsRepository
from domain.delivery import (
    Delivery,
    DeliveryKey,
    DeliveryStatus,
    RateLimited,
    SendOutcome,
    Sent,
)
from domain.model import Member, SlackProfile, Workspace, WorkspaceRef
from domain.pipeline.model import Opportunity, UpsertCounts
from domain.pipeline.upload import SharedFileRecord, SharedFileStatus
from domain.refresh_ports import RefreshCursors

if TYPE_CHECKING:
    from domain.receipts import Receipt


@dataclass(frozen=True)
class ScheduleEntry:
    workspace: WorkspaceRef
    user_id: str
    kind: str
    next_check_at: datetime | None  # UTC
    checked_until: datetime  # UTC


class WorkspaceRepository(RefreshCursors, Protocol):  # + the refresh cursor (issue 15)
    """`update` of a workspace that does not exist raises `LookupError`."""

    def get(self, ref: WorkspaceRef) -> Workspace | None: ...

    def add(self, workspace: Workspace) -> None: ...

    def update(self, workspace: Workspace) -> None: ...

    def list_all(self) -> list[Workspace]: ...

    def purge(self, ref: WorkspaceRef) -> dict[str, int]: ...  # it and its rows in every table; rows per table


class MemberRepository(Protocol):
    """Every method is scoped by workspace: nothing crosses workspaces.

    A member's workspace must exist before the member is added; `update` of a
    member that does not exist raises `LookupError`.
    """

    def get(self, ref: WorkspaceRef, user_id: str) -> Member | None: ...

    def get_many(self, ref: WorkspaceRef, user_ids: Iterable[str]) -> dict[str, Member]: ...

    def add(self, member: Member) -> None: ...

    def update(self, member: Member) -> None: ...

    def reps_of(self, ref: WorkspaceRef, manager_id: str) -> list[Member]: ...

    def reps_of_many(self, ref: WorkspaceRef, manager_ids: Iterable[str]) -> dict[str, list[Member]]:
        """`reps_of` for several managers in one query; a manager without reps is left out."""
        ...

    def list_all(self, ref: WorkspaceRef) -> list[Member]: ...

    def has_admin(self, ref: WorkspaceRef) -> bool: ...

    def managers_with_reps(self, ref: WorkspaceRef) -> list[Member]: ...

    def list_everywhere(self, after: tuple[str, str] | None, limit: int) -> list[Member]:
        """Members of every workspace, ordered by (team_id, user_id), paged."""
        ...

    def by_emails(self, ref: WorkspaceRef, emails: Iterable[str]) -> dict[str, Member]:
        """Members whose email is one of `emails`, ignoring case, in one query.

        Keys are the lower-cased emails; an email nobody has is absent.
        """
        ...


class Repositories(Protocol):
    """Every repository a use case reaches through its unit of work: the one list of them.

    Read-only properties, so an implementation may hold its own subtypes
    (`SqlMemberRepository`, the tests' fakes); mypy checks `SqlUnitOfWork`
    and the fake against this list, and tests/integration/test_unit_of_work_contract.py
    checks that both expose exactly these.
    """

    @property
    def workspaces(self) -> WorkspaceRepository: ...
    @property
    def members(self) -> MemberRepository: ...
    @property
    def schedules(self) -> ScheduleRepository: ...
    @property
    def deliveries(self) -> DeliveryRepository: ...
    @property
    def cycles(self) -> CycleRepository: ...
    @property
    def pipeline(self) -> PipelineRepository: ...
    @property
    def call_scores(self) -> CallScoreRepository: ...
    @property
    def self_assessments(self) -> SelfAssessmentRepository: ...
    @property
    def priorities(self) -> PriorityRepository: ...
    @property
    def contracts(self) -> ContractRepository: ...
    @property
    def shared_files(self) -> SharedFileRepository: ...
    @property
    def receipts(self) -> ReceiptRepository: ...
    @property
    def debriefs(self) -> DebriefRepository: ...
    @property
    def shadow_observations(self) -> ShadowObservationRepository: ...
    @property
    def roleplays(self) -> RoleplayRepository: ...
    @property
    def homework(self) -> HomeworkRepository: ...
    @property
    def lessons(self) -> LessonProgressRepository: ...
    @property
    def lesson_texts(self) -> LessonTextRepository: ...
    @property
    def call_free_days(self) -> CallFreeDayRepository: ...
    @property
    def peer_shares(self) -> PeerShareRepository: ...
    @property
    def scorecard_comments(self) -> ScorecardCommentRepository: ...
    @property
    def commitments(self) -> CommitmentRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...  # 1:1 sessions (issue 12)
    @property
    def prework(self) -> PreworkRepository: ...  # the rep's pre-work for a 1:1 (issue 12)
    @property
    def takeaways(self) -> TakeawaysRepository: ...  # a 1:1's takeaways and covered agenda items (issue 12)
    @property
    def success_stories(self) -> SuccessStoryRepository: ...  # reps' wins (issue 13)
    @property
    def maintenance_checkins(self) -> MaintenanceCheckinRepository: ...  # monthly maintenance (issue 13)
    @property
    def challenges(self) -> ChallengeRepository: ...  # 21-day challenges and their answered days (issue 13)
    @property
    def audit(self) -> AuditRepository: ...  # who read or changed whose coaching records (issue 14)
    @property
    def data_rights(self) -> DataRightsRepository: ...  # a person's data: export and forget (issue 14)


class UnitOfWork(Repositories, Protocol):
    """One transaction: use as a context manager, call `commit()` to keep.

    A read-only unit (`uow_factory(read_only=True)`) takes no write lock and
    keeps nothing: on SQLite a deferred transaction (no lock a writer waits
    for), on PostgreSQL a READ ONLY one (which refuses writes); its
    `commit()` is refused.
    """

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Keep the changes. Past the unit's deadline (`answer_by`) it rolls back and
        raises `DatabaseBusy` instead: a late commit must never follow the error the
        person was shown."""
        ...

    def rollback(self) -> None: ...

    def answer_by(self, deadline: float) -> None:
        """Give up with `DatabaseBusy` (and keep nothing) unless the database answers
        and this unit commits by `deadline`, a `time.monotonic()` instant.

        Call it before the unit's first query. Without it a unit waits for a busy
        database as long as the storage's default allows (jobs, work after an ack).
        """
        ...


class UnitOfWorkFactory(Protocol):
    """Makes a new, independent unit of work each call: one per use case (DESIGN.md 3, rule 6).

    `read_only=True` for a use case that only reads: it takes no write lock
    and writes nothing.
    """

    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...


class UserDirectory(Protocol):
    """Who a Slack user is (name, time zone, bot or not).

    Returns None when Slack does not know the user (`user_not_found`).
    """

    def lookup(self, user_id: str) -> SlackProfile | None: ...


class ScheduleRepository(Protocol):
    """When each (person, kind) next needs a look: the tick reads only what is due.

    One row per (workspace, user, kind). `next_check_at` is the UTC instant of
    the person's next occurrence of that kind (None: nothing scheduled, e.g.
    muted); `checked_until` is the instant up to which occurrences have been
    handled, so catch-up after downtime knows where to start.
    """

    def due(self, now: datetime, limit: int) -> list[ScheduleEntry]: ...

    def for_member(self, ref: WorkspaceRef, user_id: str) -> list[ScheduleEntry]: ...

    def upsert(self, entry: ScheduleEntry) -> None: ...

    def delete(self, ref: WorkspaceRef, user_id: str, kind: str) -> None: ...

    def delete_workspace(self, ref: WorkspaceRef) -> int: ...  # every schedule of the workspace; how many


class DeliveryRepository(Protocol):
    def add_if_absent(self, delivery: Delivery) -> bool:
        """Insert unless the key exists (insert-or-ignore); True when inserted."""
        ...

    def get(self, key: DeliveryKey) -> Delivery | None: ...

    def existing_keys(self, keys: Iterable[DeliveryKey]) -> set[DeliveryKey]: ...

    def claim_ready(self, now: datetime, limit: int) -> list[Delivery]:
        """Atomically move up to `limit` sendable rows to SENDING and return them.

        Sendable: PENDING with `next_attempt_at` null or <= now and `stale_at`
        > now, or SENDING whose `claimed_at` is older than the lease (their
        outcome is unknown). Two senders never claim the same row (PostgreSQL:
        FOR UPDATE SKIP LOCKED; SQLite: one writer at a time).
        """
        ...

    def update(self, delivery: Delivery) -> None: ...

    def expire_stale(self, now: datetime) -> int:
        """PENDING rows past `stale_at` become SKIPPED; returns how many."""
        ...

    def search(
        self,
        *,
        ref: WorkspaceRef | None = None,
        status: DeliveryStatus | None = None,
        since: datetime | None = None,
        limit: int = 200,
    ) -> list[Delivery]: ...

    def count_by_status(self) -> dict[DeliveryStatus, int]: ...

    def last_sent(self, ref: WorkspaceRef, kind: str, recipient_ids: Iterable[str]) -> dict[str, datetime]:
        """Per recipient, the latest `due_at` of their SENT rows of `kind` (none: left out); one query.

        For a digest that covers what came since the last one went out.
        """
        ...

    # PENDING rows of the workspace (of one recipient, if given) become SKIPPED with `reason`; how many.
    def skip_pending(self, ref: WorkspaceRef, reason: str, recipient_id: str | None = None) -> int: ...


class PipelineRepository(Protocol):
    """CRM opportunities, keyed by (workspace, external_id); every method is scoped by workspace.

    Loads read a whole workspace's (or a set of owners') deals in one query
    (chunked only for drivers' parameter limits), never one per row.
    """

    def upsert(self, ref: WorkspaceRef, opportunities: Sequence[Opportunity]) -> UpsertCounts:
        """Insert new deals, update changed ones, leave equal ones alone (`source`
        aside); the counts say which. The workspace must exist."""
        ...

    def for_workspace(self, ref: WorkspaceRef) -> list[Opportunity]:
        """Every deal of the workspace, ordered by (owner_id, external_id)."""
        ...

    def for_owners(self, ref: WorkspaceRef, owner_ids: Iterable[str]) -> list[Opportunity]:
        """The deals these members own, ordered by (owner_id, external_id)."""
        ...

    def owners_of(self, ref: WorkspaceRef, external_ids: Iterable[str]) -> dict[str, str]:
        """Who owns the stored deals with these CRM ids: {external_id: owner_id}.

        Ids not stored yet are absent. A manager's import checks it so a file
        cannot hand another team's deal to one of their own reps.
        """
        ...


class SharedFileRepository(Protocol):
    """Files shared in Coachflow's DM, one record per workspace and file, with its outcome."""

    def claim(self, ref: WorkspaceRef, file_id: str, user_id: str, now: datetime, stale_before: datetime) -> bool:
        """Take the file for handling; False when it is done, or taken by a live claim.

        Insert-or-ignore on (workspace, file_id), then take over a failed
        record or a claim last touched before `stale_before` (its instance
        died mid-import). Whoever loses, on any instance, gets False rather
        than an error. The workspace must exist.
        """
        ...

    def finish(
        self, ref: WorkspaceRef, file_id: str, status: SharedFileStatus, outcome: str, now: datetime
    ) -> None:
        """Record how handling the file ended (done, or failed: sharing it again retries)."""
        ...

    def get(self, ref: WorkspaceRef, file_id: str) -> SharedFileRecord | None: ...


class ReceiptRepository(Protocol):
    """Receipts of the Slack requests already stored, unique per (workspace, key)."""

    def add(self, ref: WorkspaceRef, receipt: Receipt) -> bool:
        """Insert-or-ignore; True when this call inserted it, False when it was there.

        On PostgreSQL a concurrent insert of the same key waits for the other
        transaction and then answers False (it committed) or True (it rolled back).
        """
        ...


class DispatcherLock(Protocol):
    """Only one instance dispatches at a time (PostgreSQL advisory lock).

    `try_acquire()` is cheap to call every tick: it returns True while this
    process holds the lock, and takes it over when its holder has died.
    """

    def try_acquire(self) -> bool: ...

    def release(self) -> None: ...


class MessageSender(Protocol):
    """Sends one ledger row's message to Slack and reports what happened.

    `content` is the domain object the message is about (a `WeekAheadNote`,
    ...); the Slack adapter renders it with the block builders. The ledger
    key travels in the message metadata so `find_sent` can recognise it.
    """

    def send(self, delivery: Delivery, content: object) -> SendOutcome: ...

    def find_sent(self, delivery: Delivery) -> Sent | RateLimited | None:
        """The message of this delivery if Slack already has it (a crash
        between Slack accepting it and the ledger recording it)."""
        ...
