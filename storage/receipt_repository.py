"""SQL implementation of `domain.ports.ReceiptRepository`.

`add` is INSERT ... ON CONFLICT DO NOTHING on (team_id, key), like the
delivery ledger's `add_if_absent`: a replay finds the row and inserts
nothing, and nobody gets an IntegrityError. On PostgreSQL a concurrent
insert of the same key waits for the first transaction to end, so two
replays racing on two instances still store once.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.model import WorkspaceRef
from domain.receipts import KIND_LENGTH, Receipt
from storage.dialects import upsert_insert
from storage.orm import ReceiptRow, utcnow


class SqlReceiptRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, ref: WorkspaceRef, receipt: Receipt) -> bool:
        statement = (
            upsert_insert(self._session, ReceiptRow)
            .values(team_id=ref.team_id, key=receipt.key, kind=receipt.kind[:KIND_LENGTH], created_at=utcnow())
            .on_conflict_do_nothing(index_elements=[ReceiptRow.team_id, ReceiptRow.key])
            .returning(ReceiptRow.id)
        )
        # A row back only when this call inserted it.
        return self._session.execute(statement).first() is not None
