"""The fake receipts table (used by `tests.fakes`): unique per (workspace, key), like the SQL one."""

from __future__ import annotations

from domain.model import WorkspaceRef
from domain.receipts import Receipt


class FakeReceiptRepository:
    """{(team_id, key): kind}."""

    def __init__(self, stored: dict[tuple[str, str], str]) -> None:
        self._stored = stored

    def add(self, ref: WorkspaceRef, receipt: Receipt) -> bool:
        if (ref.team_id, receipt.key) in self._stored:
            return False
        self._stored[(ref.team_id, receipt.key)] = receipt.kind
        return True
