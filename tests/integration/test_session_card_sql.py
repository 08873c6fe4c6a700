"""The session card kind's tick on SQLite and PostgreSQL: every card in one batch of statements."""

from __future__ import annotations

from sqlalchemy import Engine

from domain.notifications.session_card import SessionCards
from storage.uow import make_uow_factory
from tests.bench.leading_indicators import CATALOG, WS
from tests.bench.pipeline import _counting
from tests.bench.session_cards import sessions_starting_together


def test_a_tick_of_three_or_twelve_cards_costs_the_same_statements(engine: Engine) -> None:
    occasions = sessions_starting_together(engine, 12)
    counts: list[int] = []
    for rows in (occasions[:3], occasions):
        with make_uow_factory(engine)(read_only=True) as uow, _counting(engine) as count:
            notes = SessionCards(CATALOG).gather(uow, WS, rows)
        assert len(notes) == len(rows)
        assert all(note.card.prework is not None and len(note.card.review) == 6
                   and note.card.previous_takeaways is not None for note in notes.values())
        counts.append(count[0])
    assert counts[0] == counts[1]
