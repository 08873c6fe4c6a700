"""The shared_files table: each file shared in Coachflow's DM, and how handling it ended.

Kept out of storage/orm.py (which stays under the size limit); orm.py imports
this module at its end, so the table is on `Base.metadata` wherever the
models are.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import SHARED_FILE_STATUS, SLACK_ID, Base, TimestampMixin


class SharedFileRow(TimestampMixin, Base):
    """A file someone shared in Coachflow's DM, and how handling it ended.

    The unique key (team_id, file_id) lets one handler at a time hold it:
    Slack retries an event it thinks was lost, and the retry may reach
    another instance. `status` is claimed (being handled, since
    `updated_at`), done, or failed; a failed file, or a claim left behind
    by a crash, is taken again when the file is shared again.
    """

    __tablename__ = "shared_files"
    __table_args__ = (UniqueConstraint("team_id", "file_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    file_id: Mapped[str] = mapped_column(String(SLACK_ID))
    # Who shared it (last): for operators asking who imported what.
    user_id: Mapped[str] = mapped_column(String(SLACK_ID))
    status: Mapped[str] = mapped_column(String(SHARED_FILE_STATUS), default="claimed", server_default="claimed")
    # The outcome in a line (domain.pipeline.upload.describe clips it); None while claimed.
    outcome: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
