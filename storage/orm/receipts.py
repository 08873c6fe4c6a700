"""The receipts table: one row per Slack submission, click or event already stored.

Kept out of storage/orm.py (which stays under the size limit); orm.py imports
this module at its end, so the table is on `Base.metadata` wherever the
models are.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from domain.receipts import KEY_LENGTH, KIND_LENGTH
from storage.orm.base import SLACK_ID, Base, utcnow


class ReceiptRow(Base):
    """A request from Slack that was stored, written in the same transaction as what it stored.

    The unique key (team_id, key) is what makes a replay, a retry or a double
    click a no-op: the second insert finds the row. No foreign key to
    workspaces: the receipt is the first write of a use case, before it has
    checked who is asking, and a request naming an unknown workspace must
    get that use case's answer, not an integrity error.
    """

    __tablename__ = "slack_receipts"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    # What arrived (callback_id, action_id or event type), for people reading the table.
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
