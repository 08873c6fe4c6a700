"""Receipts: every submission, click and event from Slack is stored once.

Slack may deliver a request again (event retries), a person may submit a
form again after Slack showed them an error, click a button twice, or anyone
holding a signed request may replay it within its five minutes. A listener
derives a `Receipt` from what identifies the request (handlers/edge/receipts.py)
and hands it to the use case, which records it with `record()` as the FIRST
write of the unit of work that stores the record it protects. The receipt
table's unique key (workspace, key) decides: whoever inserts second gets
`Replayed` and writes nothing, even when the two race on two instances
(PostgreSQL makes the second insert wait for the first transaction).

A receipt rolled back with its unit (a validation error, the database too
slow) leaves no trace, so the person's next try is not mistaken for a replay.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.model import WorkspaceRef
from domain.ports import UnitOfWork

KEY_LENGTH = 64  # a SHA-256 hex digest; fits the column whatever Slack's ids become
KIND_LENGTH = 64


@dataclass(frozen=True)
class Receipt:
    """One request from Slack.

    `kind`: what arrived (a view's callback_id, a button's action_id, an event
    type), for people reading the table. `key`: what identifies this one
    request, a digest of Slack's ids. `answer_by`: a `time.monotonic()`
    instant by which the database must have answered (a form must be
    acknowledged within Slack's 3 seconds), or None to wait as long as the
    database needs (work done after the ack, jobs).
    """

    kind: str
    key: str
    answer_by: float | None = None

    def without_deadline(self) -> Receipt:
        """For the work a listener does after its ack: it may wait for the database."""
        return replace(self, answer_by=None)


class Replayed(Exception):
    """This request was already stored; nothing was written again.

    Not a `CoachflowError`: there is nothing to tell the person that the first
    delivery did not already tell them. Listeners acknowledge quietly.
    """

    def __init__(self, receipt: Receipt) -> None:
        super().__init__(f"{receipt.kind} {receipt.key[:12]} was already stored")
        self.receipt = receipt


def within_deadline(uow: UnitOfWork, receipt: Receipt | None) -> None:
    """Hold a unit just entered (before its first query) to the receipt's deadline, if any.

    For units of a use case that read before the unit that records (a form's
    checks before its ack); past the deadline they raise `DatabaseBusy`.
    """
    if receipt is not None and receipt.answer_by is not None:
        uow.answer_by(receipt.answer_by)


def record(uow: UnitOfWork, ws: WorkspaceRef, receipt: Receipt | None) -> None:
    """The first thing a use case's writing unit does: raises `Replayed` if this request was stored.

    Also applies the receipt's deadline. With no receipt (the CLI, jobs) it does nothing.
    """
    if receipt is None:
        return
    within_deadline(uow, receipt)
    if not uow.receipts.add(ws, receipt):
        raise Replayed(receipt)
