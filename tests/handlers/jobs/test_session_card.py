"""The session card through the dispatch tick and the fake Slack: Maya manages from New York, Alex works in London.

It reaches the manager by DM 5 minutes before the session, at her own local time, with the rep's pre-work
and the review; a moved session sends it at the new time only, a cancelled one sends none.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from domain.coaching.session_card import PROBING_QUESTIONS
from domain.services.sessions import Typed
from handlers.edge import ids
from tests.handlers.jobs.steps import T1, book_alex, maya_and_alex, tick

_OPENING = "Session card"


def _cards(fake, user_id: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if m["text"].startswith(_OPENING)]


def _first_card(job, time, fake, user_id: str, start: datetime, end: datetime,
                step: timedelta = timedelta(minutes=1)) -> datetime | None:
    at = start
    while at <= end:
        tick(job, time, at)
        if _cards(fake, user_id):
            return at
        at += step
    return None


def test_the_card_reaches_the_manager_5_minutes_before_at_her_local_time_with_the_pre_work(world) -> None:
    # Thursday 3 Dec 2026, 10:00 in New York is 15:00 UTC and 15:00 in London.
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    session_id = book_alex(services, "2026-12-03 10:00")
    services.prework.save_and_tell(T1, "UA", session_id, ["Hooli pricing <!channel>", "My Q1 goals", "Hiring"],
                                   [], "Can you join the Hooli call?", "")

    sent_at = _first_card(job, time, fake, "UMGR", datetime(2026, 12, 3, 14, 40, tzinfo=UTC),
                          datetime(2026, 12, 3, 15, 30, tzinfo=UTC))
    assert sent_at == datetime(2026, 12, 3, 14, 55, tzinfo=UTC)  # 09:55 on Maya's clock
    [dm] = _cards(fake, "UMGR")
    shown = json.dumps(dm["blocks"])
    assert "Thu 3 Dec 10:00 for you (New York)" in shown and "15:00 for Alex Rivera (London)" in shown
    assert shown.index("Hooli pricing") < shown.index("Probing questions") < shown.index(
        PROBING_QUESTIONS[2].replace("'", "'"))
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown  # the rep's words shown, not obeyed
    assert ids.SESSION_CARD_PLAN in shown and f'"value": "{session_id}"' in shown
    assert not _cards(fake, "UA")  # the rep reads it with `/coach session card`, not by DM

    _first_card(job, time, fake, "UX", time.now, datetime(2026, 12, 3, 16, 30, tzinfo=UTC), timedelta(minutes=5))
    assert len(_cards(fake, "UMGR")) == 1  # once, whatever more ticks run


def test_a_moved_session_sends_the_card_at_the_new_time_only_and_a_cancelled_one_none(world) -> None:
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    moved = book_alex(services, "2026-12-03 10:00")
    cancelled = book_alex(services, "2026-12-04 10:00")
    services.sessions.move_and_tell(T1, "UMGR", Typed("2026-12-03 13:00"), session_id=moved)
    services.sessions.cancel_and_tell(T1, "UMGR", session_id=cancelled)

    sent_at = _first_card(job, time, fake, "UMGR", datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
                          datetime(2026, 12, 3, 19, 0, tzinfo=UTC), timedelta(minutes=5))
    assert sent_at == datetime(2026, 12, 3, 17, 55, tzinfo=UTC)  # 12:55 in New York, before the new 13:00
    _first_card(job, time, fake, "UX", time.now, datetime(2026, 12, 4, 16, 0, tzinfo=UTC), timedelta(minutes=15))
    assert len(_cards(fake, "UMGR")) == 1


def test_a_card_found_late_is_still_sent_early_in_the_session_but_not_once_it_is_well_under_way(world) -> None:
    fake, time, services, _client, job = maya_and_alex(world, datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    book_alex(services, "2026-12-03 10:00")  # 15:00 UTC
    tick(job, time, datetime(2026, 12, 3, 15, 10, tzinfo=UTC))  # the job was down until ten minutes in
    assert len(_cards(fake, "UMGR")) == 1

    book_alex(services, "2026-12-04 10:00")
    tick(job, time, datetime(2026, 12, 4, 15, 20, tzinfo=UTC))  # twenty minutes in: no use any more
    assert len(_cards(fake, "UMGR")) == 1
