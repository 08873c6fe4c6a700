"""Every row of every table, before and after an attempt: what changed, and whose it was."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Engine, select

from storage.orm import Base

Row = tuple[str, ...]
Snapshot = dict[str, Counter[Row]]


def snapshot(engine: Engine) -> Snapshot:
    """Each table's rows as tuples of strings (a multiset: a row may repeat)."""
    with engine.connect() as connection:
        return {table.name: Counter(tuple(str(value) for value in row) for row in connection.execute(select(table)))
                for table in Base.metadata.sorted_tables}


@dataclass(frozen=True)
class Change:
    table: str
    row: Row
    added: bool  # False: removed (an update is a removal and an addition)


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    found: list[Change] = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, Counter()), after.get(table, Counter())
        found += [Change(table, row, True) for row in (new - old).elements()]
        found += [Change(table, row, False) for row in (old - new).elements()]
    return found


def not_only_their_own(found: list[Change], person: str, others: frozenset[str], own_team: str | None = None
                       ) -> list[Change]:
    """The changes that are not the person's own business: a row that does not name them, or that names one of
    `others` (the people whose items were crafted). For someone in another workspace (`own_team`), whatever is
    in that workspace is theirs (they are its first person, so its admin), and nothing else is."""
    def theirs(change: Change) -> bool:
        values = set(change.row)
        if own_team is not None:
            return own_team in values
        return person in values and not values & others

    return [change for change in found if not theirs(change)]
