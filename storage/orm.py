"""SQLAlchemy 2 typed table models.

These rows never leave `storage`: repositories map them to the frozen domain
dataclasses (see `storage.mapping`). Alembic's migrations are written against
`Base.metadata`, and the migration test checks that the two agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from domain import field_lengths

# Explicit constraint names, shared with Alembic: SQLite's batch migrations
# and PostgreSQL's ALTER ... DROP CONSTRAINT both need a name to find one.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Slack ids (T..., E..., U..., W...) are about 11 characters today; Slack says
# they may grow, so leave room.
SLACK_ID = 32
NAME = 255
TIME_ZONE = 64  # IANA names; the longest today is 32 characters
KIND = 64  # notification kinds, e.g. "challenge_nudge"
PERIOD = 32  # an ISO date or week, e.g. "2026-11-23"
SLACK_TS = 32  # message timestamps look like "1763900000.123456"
EMAIL = 320  # RFC 5321: 64 for the local part, @, 255 for the domain
SHARED_FILE_STATUS = 16  # "claimed", "done", "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware DateTime that is always UTC, on every backend.

    PostgreSQL keeps the instant (timestamptz) but SQLite has no time zones and
    would silently drop an offset, so values are converted to UTC on the way
    in and marked UTC on the way out. Naive datetimes are refused: they are
    ambiguous and a bug in the caller.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite: stored as UTC without an offset
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UtcDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class TimestampMixin:
    # The Python defaults give exact UTC instants; the server defaults keep
    # rows written by hand or by a data migration valid too.
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.now()
    )


class WorkspaceRow(TimestampMixin, Base):
    """One Slack workspace (a team); `enterprise_id` is set on Enterprise Grid."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), unique=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    name: Mapped[str] = mapped_column(String(NAME), default="")
    # WorkspaceSettings as a JSON object: new settings need no migration, and
    # unknown keys (written by a newer version) are ignored when read.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class MemberRow(TimestampMixin, Base):
    """A person in one workspace; `manager_id` is the Slack id of their manager."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id"),
        # reps_of(): "who does this manager coach" is the hot query.
        Index(None, "team_id", "manager_id"),
        # by_emails(): a CRM import matches owners by email.
        Index(None, "team_id", "email"),
        CheckConstraint("role IN ('rep', 'manager')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(String(SLACK_ID))
    name: Mapped[str] = mapped_column(String(NAME))
    time_zone: Mapped[str] = mapped_column(String(TIME_ZONE))
    # domain.model.Role values; a plain string (not a native enum) so a new
    # role is a one-line CHECK change rather than an ALTER TYPE.
    role: Mapped[str] = mapped_column(String(16), default="rep")
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # No foreign key: a manager is a Slack user id in the same workspace, and
    # a rep may be written in the same flush as their new manager.
    manager_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    # Time off: the first local date on which scheduled messages resume.
    paused_until: Mapped[date | None] = mapped_column()
    # Notification kinds this person switched off, as a sorted JSON list: a
    # new kind needs no migration. The server default fills existing rows.
    muted_kinds: Mapped[list[str]] = mapped_column(default=list, server_default=text("'[]'"))
    # Slack profile email (users:read.email scope), as Slack spells it.
    email: Mapped[str | None] = mapped_column(String(EMAIL))


class ScheduleRow(TimestampMixin, Base):
    """When one person's notifications of one kind next need a look.

    The dispatch tick reads only rows whose `next_check_at` has passed, so it
    costs the same with ten thousand people as with ten.
    """

    __tablename__ = "schedules"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "kind"),
        # The tick: `next_check_at <= now ORDER BY next_check_at LIMIT n`.
        Index(None, "next_check_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(String(SLACK_ID))
    kind: Mapped[str] = mapped_column(String(KIND))
    # NULL: nothing scheduled (muted, disabled); such rows are never due.
    next_check_at: Mapped[datetime | None] = mapped_column()
    checked_until: Mapped[datetime] = mapped_column()


DELIVERY_STATUSES = ("pending", "sending", "sent", "failed", "skipped")


class DeliveryRow(TimestampMixin, Base):
    """The delivery ledger (outbox): one row per scheduled message, made before sending.

    The unique key (team_id, recipient_id, kind, period) is what makes a
    double send impossible: a second tick, a restart or a second instance
    inserting the same message finds the row there and does nothing.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("team_id", "recipient_id", "kind", "period"),
        # claim_ready(): PENDING rows whose retry time has come.
        Index(None, "status", "next_attempt_at"),
        # search(): the newest first, for operators.
        Index(None, "created_at"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in DELIVERY_STATUSES) + ")", name="status"
        ),
    )

    # Integer, not BigInteger: SQLite only autoincrements INTEGER PRIMARY KEY,
    # and two billion messages is far beyond any one deployment.
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    # Kept on the row (not joined from workspaces) so the sender needs no join.
    enterprise_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    recipient_id: Mapped[str] = mapped_column(String(SLACK_ID))
    kind: Mapped[str] = mapped_column(String(KIND))
    period: Mapped[str] = mapped_column(String(PERIOD))
    # domain.delivery.DeliveryStatus values; a plain string for the same
    # reason as members.role.
    status: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column()
    stale_at: Mapped[datetime] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    claimed_at: Mapped[datetime | None] = mapped_column()
    channel: Mapped[str | None] = mapped_column(String(SLACK_ID))
    ts: Mapped[str | None] = mapped_column(String(SLACK_TS))
    # Text: Slack error strings and our reasons have no natural bound.
    error: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


OPPORTUNITY_STATUSES = ("open", "won", "lost")
OPPORTUNITY_STAGES = ("prospecting", "qualifying", "presenting", "closing")


class OpportunityRow(TimestampMixin, Base):
    """A CRM deal imported from an export; (team_id, external_id) is the CRM's identity.

    The four stage dates are columns, not a child table: the audit reads a
    whole workspace at once, and one row per deal keeps that a single scan.
    Sizes match domain.pipeline.model's limits, which the import checks.
    """

    __tablename__ = "opportunities"
    __table_args__ = (
        # Re-importing a file upserts on this key.
        UniqueConstraint("team_id", "external_id"),
        # for_owners(): one rep's (or one team's) deals.
        Index(None, "team_id", "owner_id"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in OPPORTUNITY_STATUSES) + ")", name="status"
        ),
        CheckConstraint(
            "stage IN (" + ", ".join(f"'{s}'" for s in OPPORTUNITY_STAGES) + ")", name="stage"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    external_id: Mapped[str] = mapped_column(String(128))
    # A member's Slack user id; no foreign key, like members.manager_id, so
    # a member's row can change without touching their deals.
    owner_id: Mapped[str] = mapped_column(String(SLACK_ID))
    name: Mapped[str] = mapped_column(String(NAME), default="")
    # In the CRM's currency, to the cent (Numeric, never float, on PostgreSQL).
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # NULL: a lost deal whose export said neither stage nor stage dates.
    stage: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8))
    created_on: Mapped[date | None] = mapped_column()
    closed_on: Mapped[date | None] = mapped_column()
    loss_reason: Mapped[str | None] = mapped_column(Text)
    loss_category: Mapped[str | None] = mapped_column(String(32))
    entered_prospecting: Mapped[date | None] = mapped_column()
    entered_qualifying: Mapped[date | None] = mapped_column()
    entered_presenting: Mapped[date | None] = mapped_column()
    entered_closing: Mapped[date | None] = mapped_column()
    # The file this row last came from (its name), for operators.
    source: Mapped[str] = mapped_column(String(NAME), default="")


class CycleRow(TimestampMixin, Base):
    """A rep's 8-week coaching cycle; ended ones stay as history."""

    __tablename__ = "cycles"
    __table_args__ = (Index(None, "team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    starts_on: Mapped[date] = mapped_column()
    offset_weeks: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    ended_on: Mapped[date | None] = mapped_column()


class CallScoreRow(TimestampMixin, Base):
    """One scored call: by the rep's manager (observed) or by the rep (self-score)."""

    __tablename__ = "call_scores"
    __table_args__ = (Index(None, "team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    scored_by: Mapped[str] = mapped_column(String(SLACK_ID))
    call_title: Mapped[str] = mapped_column(String(field_lengths.CALL_TITLE))
    call_link: Mapped[str | None] = mapped_column(String(field_lengths.CALL_LINK))
    call_on: Mapped[date] = mapped_column()
    scores: Mapped[dict[str, Any]] = mapped_column()  # dimension id -> 1..5
    notes: Mapped[str] = mapped_column(Text, default="")


class SelfAssessmentRow(TimestampMixin, Base):
    """One submitted self-assessment; the latest one counts."""

    __tablename__ = "self_assessments"
    __table_args__ = (Index(None, "team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    answers: Mapped[list[Any]] = mapped_column(JSON())  # [{question, competency, confidence, competence}]
    submitted_at: Mapped[datetime] = mapped_column()


class GapRatingRow(TimestampMixin, Base):
    """The manager's week-2 impact and difficulty rating of one competency, per cycle."""

    __tablename__ = "gap_ratings"
    __table_args__ = (UniqueConstraint("cycle_id", "competency"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    competency: Mapped[str] = mapped_column(String(64))
    impact: Mapped[int] = mapped_column(Integer)
    difficulty: Mapped[int] = mapped_column(Integer)


class FocusSkillRow(TimestampMixin, Base):
    """One of the (at most two) focus skills of a cycle; position keeps the order they were chosen in."""

    __tablename__ = "focus_skills"
    __table_args__ = (UniqueConstraint("cycle_id", "competency"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    competency: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)


class ContractRow(TimestampMixin, Base):
    """The coaching contract of a cycle; a revision updates the row and appends to its history."""

    __tablename__ = "contracts"
    __table_args__ = (UniqueConstraint("cycle_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    metrics: Mapped[list[Any]] = mapped_column(JSON())  # [{competency, indicator, target}]
    weekly_hours: Mapped[float] = mapped_column(Numeric(4, 1))
    rep_commitments: Mapped[str] = mapped_column(Text)
    manager_commitments: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    rep_signed_at: Mapped[datetime | None] = mapped_column()
    manager_signed_at: Mapped[datetime | None] = mapped_column()
    history: Mapped[list[Any]] = mapped_column(JSON(), default=list)


# Tables kept in their own modules, registered on Base.metadata with the rest.
from storage import orm_files, orm_receipts  # noqa: E402,F401
