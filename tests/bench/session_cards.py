"""Session cards due in one dispatch tick: time and SQL statements for 40 and 400 1:1s starting together.

Each card is assembled the way the `session_card` kind's gatherer does it, on
the leading-indicator benchmark's reps (about 45 debriefs each over nine
weeks), each with pre-work, a previous 1:1 with takeaways, and six actions to
review. The gatherer assembles the whole tick's cards in one batch, so the
statements stay the same however many cards the tick holds. Run on SQLite, and on
PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from domain.coaching.commitments import Change, ChangeKind, Commitment, CommitmentStatus
from domain.coaching.prework import Prework
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.notifications.kind import Occasion
from domain.notifications.session_card import SessionCards
from domain.scheduling.anchors import INSTANT_FORMAT
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.leading_indicators import CATALOG, TODAY, WS, on_both_databases, populate_bulk
from tests.bench.pipeline import _counting

STARTS = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=15)
SIZES = (40, 400)


def sessions_starting_together(engine: Engine, reps: int) -> list[Occasion]:
    """`reps` reps of Maya's, each with a 1:1 starting within the same five minutes (and one a week before,
    with takeaways), pre-work and six actions; the card rows of one tick. The engine is migrated and empty."""
    rep_ids = populate_bulk(engine, reps)
    occasions: list[Occasion] = []
    with make_uow_factory(engine)() as uow:
        for n, rep_id in enumerate(rep_ids):
            # Each 1:1 its own manager in the ledger's eyes: the same Maya, a minute apart, as a busy tick holds.
            start = STARTS + timedelta(minutes=n % 5)
            before = uow.sessions.add(CoachingSession(WS, rep_id, "UMGR", start - timedelta(weeks=1)))
            session = uow.sessions.add(CoachingSession(WS, rep_id, "UMGR", start))
            uow.prework.save(Prework(WS, session.id or 0, rep_id, ("Hooli pricing", "Q1 goals", "Hiring")))
            uow.takeaways.save(Takeaways(WS, before.id or 0, rep_id, "Lead with the cost of delay", (), "UMGR",
                                        start - timedelta(weeks=1)))
            for k in range(6):
                status = (CommitmentStatus.OPEN, CommitmentStatus.DONE, CommitmentStatus.PARTLY)[k % 3]
                history: tuple[Change, ...] = (Change(ChangeKind.CREATED, "UMGR", start - timedelta(weeks=1)),)
                if status is not CommitmentStatus.OPEN:
                    history += (Change(ChangeKind.ANSWERED, rep_id, start - timedelta(days=2)),)
                uow.commitments.add(Commitment(WS, rep_id, "UMGR", rep_id, f"Action {k}", TODAY - timedelta(days=k),
                                               "p1", status=status, session_id=before.id, history=history))
            occasions.append(Occasion("UMGR", f"s{session.id}@{start.strftime(INSTANT_FORMAT)}"))
        uow.commit()
    return occasions


def measure(url: str, reps: int) -> str:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        occasions = sessions_starting_together(engine, reps)
        with make_uow_factory(engine)(read_only=True) as uow:
            started = time.perf_counter()
            with _counting(engine) as count:
                notes = SessionCards(CATALOG).gather(uow, WS, occasions)
            took = time.perf_counter() - started
    finally:
        engine.dispose()
    assert len(notes) == reps, "a card is missing"
    card = next(iter(notes.values())).card
    assert card.prework is not None and len(card.review) == 6 and card.previous_takeaways is not None
    return (f"  {reps:>6,} cards in one tick: {took:6.2f} s ({took / reps * 1000:5.1f} ms a card), "
            f"{count[0]} SQL statements")


def run() -> list[str]:
    return on_both_databases("Session cards due in one tick (each with pre-work, takeaways and 6 actions)",
                             measure, SIZES)


if __name__ == "__main__":
    for line in run():
        print(line)
