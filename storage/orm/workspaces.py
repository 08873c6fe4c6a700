"""Workspaces and their members (the roster)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import EMAIL, NAME, SLACK_ID, TIME_ZONE, Base, TimestampMixin


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
    # When Slack said the app was uninstalled here (or its bot token revoked); NULL while installed.
    # Nothing is scheduled or sent while it is set; the data goes after COACHFLOW_RETENTION_DAYS (migration 0030).
    uninstalled_at: Mapped[datetime | None] = mapped_column()
    # The `users.list` cursor where the daily time zone refresh resumes; NULL when none is under way
    # (migration 0033). Only `refresh_cursor` / `save_refresh_cursor` read and write it.
    profile_refresh_cursor: Mapped[str | None] = mapped_column(String(255))


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
    # The local date the time off began (NULL for pauses set before migration 0028).
    paused_from: Mapped[date | None] = mapped_column()
    # Notification kinds this person switched off, as a sorted JSON list: a
    # new kind needs no migration. The server default fills existing rows.
    muted_kinds: Mapped[list[str]] = mapped_column(default=list, server_default=text("'[]'"))
    # Slack profile email (users:read.email scope), as Slack spells it.
    email: Mapped[str | None] = mapped_column(String(EMAIL))
    # Slack says the account is deactivated (`deleted: true`): nothing is scheduled for them.
    deactivated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
