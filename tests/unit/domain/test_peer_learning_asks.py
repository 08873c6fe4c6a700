"""The Friday ask's gatherer and the rep's answers, over the fakes.

Only each team's most improved rep gets a note; nobody else hears anything.
A decision is stored once, and only the rep asked can make it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.coaching.peer_learning import PeerShare, ShareStatus
from domain.delivery import DeliveryStatus
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.notifications.kind import Occasion
from domain.notifications.peer_learning import KIND_NAME, PeerAskNote, PeerAsks
from domain.receipts import Receipt, Replayed
from domain.services.peer_learning import NO_CHANNEL, PeerLearningService, PostFailedForAdmin
from tests.fakes import FakeStore
from tests.unit.domain.peer_world import CATALOG, CHANNEL, QUESTIONS, THIS_MONDAY, WEEK, WS, mute, two_weeks, workspace

NOW = datetime(2026, 12, 11, 20, 30, tzinfo=UTC)  # Friday 15:30 in New York
ASKS = PeerAsks(CATALOG)


def _occasions(*rep_ids: str) -> list[Occasion]:
    return [Occasion(rep_id, THIS_MONDAY.isoformat()) for rep_id in rep_ids]


def _store(*, channel: str | None = CHANNEL) -> FakeStore:
    store = FakeStore()
    workspace(store.uow, channel=channel)
    two_weeks(store.uow, "UA", [4, 4, 4], [7, 7, 7], "Asked what happens if they wait")  # the team's best
    two_weeks(store.uow, "UB", [4, 4, 4], [5, 5, 5])
    two_weeks(store.uow, "UD", [2, 2, 2], [9])  # one call this week: never wins
    two_weeks(store.uow, "UC", [6, 6, 6], [7, 7, 7])  # Omar's team of one
    return store


def _gather(store: FakeStore, *rep_ids: str) -> dict[str, PeerAskNote]:
    with store.uow(read_only=True) as uow:
        notes = ASKS.gather(uow, WS, _occasions(*rep_ids))
    return {o.recipient_id: note for o, note in notes.items()}


def test_only_each_teams_most_improved_rep_gets_an_ask_with_their_own_words() -> None:
    store = _store()

    notes = _gather(store, "UA", "UB", "UC", "UD")

    assert set(notes) == {"UA", "UC"}  # Bea and Dan hear nothing; Chen is his team's best
    alex = notes["UA"]
    found = alex.improvement
    assert (found.indicator, found.before, found.after, found.label) == (QUESTIONS, 4.0, 7.0, WEEK)
    assert (alex.skill, alex.indicator, alex.channel_id) == (
        "Discovery", "Questions asked per discovery call", CHANNEL)
    assert alex.own_words == tuple(f"Asked what happens if they wait ({n})" for n in (3, 2, 1))


def test_a_rep_asked_alone_in_the_batch_is_still_judged_against_the_whole_team() -> None:
    store = _store()
    assert set(_gather(store, "UB")) == set()  # Alex did better, even though he is not in this batch
    assert set(_gather(store, "UA")) == {"UA"}


def test_nobody_is_asked_without_a_coaching_channel() -> None:
    assert _gather(_store(channel=None), "UA", "UC") == {}


def test_a_rep_already_asked_that_week_is_not_asked_again() -> None:
    store = _store()
    with store.uow(read_only=True) as uow:
        [(occasion, note)] = [(o, n) for o, n in ASKS.gather(uow, WS, _occasions("UA")).items()]
    with store.uow() as uow:
        ASKS.delivered(uow, WS, occasion, note, NOW)
        uow.commit()

    assert _gather(store, "UA") == {}
    with store.uow(read_only=True) as uow:
        share = uow.peer_shares.get(WS, "UA", WEEK)
    assert share is not None and share.status is ShareStatus.ASKED and share.asked_at == NOW
    assert share.text.startswith("Asked what happens if they wait (3)\n\nAsked what happens if they wait (2)")


def test_a_rep_who_opted_out_takes_no_part_and_the_next_best_is_asked() -> None:
    store = _store()
    mute(store.uow, "UA", KIND_NAME)

    assert set(_gather(store, "UB")) == {"UB"}


# -- the rep's answer --------------------------------------------------------------------------------


def _asked(store: FakeStore, rep_id: str = "UA") -> None:
    with store.uow() as uow:
        uow.peer_shares.add_if_absent(PeerShare(WS, rep_id, WEEK, "discovery", QUESTIONS, 4.0, 7.0, 3,
                                                text="Asked what happens if they wait", channel_id=CHANNEL,
                                                asked_at=NOW))
        uow.commit()


def _service(store: FakeStore) -> PeerLearningService:
    return PeerLearningService(store.uow, CATALOG, lambda: NOW)


def test_sharing_stores_the_words_and_the_posts_ledger_row_once() -> None:
    store = _store()
    _asked(store)
    service = _service(store)

    done = service.share(WS, "UA", "UA", WEEK, "  I asked what waiting costs them.  ", Receipt("v", "k1"))
    again = service.share(WS, "UA", "UA", WEEK, "Something else", Receipt("v", "k2"))  # a second form

    assert done.result.fresh and done.result.post is not None and done.result.post.channel == CHANNEL
    assert done.result.view.skill == "Discovery"
    assert not again.result.fresh and again.result.post is None
    with pytest.raises(Replayed):
        service.share(WS, "UA", "UA", WEEK, "I asked what waiting costs them.", Receipt("v", "k1"))
    with store.uow(read_only=True) as uow:
        share = uow.peer_shares.get(WS, "UA", WEEK)
    assert share is not None and share.status is ShareStatus.SHARED
    assert share.text == "I asked what waiting costs them." and share.channel_id == CHANNEL


def test_empty_or_too_long_words_are_refused_inline_and_nothing_is_decided() -> None:
    store = _store()
    _asked(store)
    service = _service(store)

    for words in ("   ", "x" * 3001):
        with pytest.raises(FieldProblems) as refused:
            service.share(WS, "UA", "UA", WEEK, words)
        assert "words" in refused.value.problems
    assert service.ask(WS, "UA", "UA", WEEK).share.status is ShareStatus.ASKED


def test_only_the_rep_asked_can_see_or_answer_their_ask() -> None:
    store = _store()
    _asked(store)
    service = _service(store)

    for attempt in (lambda: service.ask(WS, "UB", "UA", WEEK),
                    lambda: service.share(WS, "UB", "UA", WEEK, "Forged"),
                    lambda: service.decline(WS, "UMGR", "UA", WEEK)):
        with pytest.raises(NotAllowed, match="sent to someone else"):
            attempt()
    with pytest.raises(NotFound):
        service.ask(WS, "UB", "UB", WEEK)  # Bea was never asked
    assert service.ask(WS, "UA", "UA", WEEK).share.status is ShareStatus.ASKED


def test_declining_posts_nothing_and_a_later_share_changes_nothing() -> None:
    store = _store()
    _asked(store)
    service = _service(store)

    declined = service.decline(WS, "UA", "UA", WEEK, Receipt("a", "d1"))
    later = service.share(WS, "UA", "UA", WEEK, "Changed my mind")

    assert not declined.already and declined.view.share.status is ShareStatus.DECLINED
    assert not later.result.fresh and later.result.post is None
    assert later.result.view.share.status is ShareStatus.DECLINED
    assert service.decline(WS, "UA", "UA", WEEK).already


def test_a_refused_post_keeps_the_words_as_not_posted_and_tells_the_admins() -> None:
    store = _store()
    _asked(store)
    service = _service(store)
    post = service.share(WS, "UA", "UA", WEEK, "My words").result.post
    assert post is not None

    failed = service.posted(WS, "UA", WEEK, post.with_status(DeliveryStatus.FAILED, error="not_in_channel"))

    assert failed.result.share.status is ShareStatus.POSTED_FAILED and failed.result.share.error == "not_in_channel"
    assert failed.result.share.text == "My words"
    assert [(m.to, m.notice) for m in failed.effects.messages] == [
        ("UADMIN", PostFailedForAdmin("UA", CHANNEL, "not_in_channel"))]


def test_a_post_slack_took_keeps_its_ts() -> None:
    store = _store()
    _asked(store)
    service = _service(store)
    post = service.share(WS, "UA", "UA", WEEK, "My words").result.post
    assert post is not None

    done = service.posted(WS, "UA", WEEK, post.with_status(DeliveryStatus.SENT, ts="1765.000100"))

    assert done.result.share.status is ShareStatus.SHARED and done.result.share.message_ts == "1765.000100"
    assert done.effects.messages == ()


def test_with_the_channel_cleared_meanwhile_the_words_are_kept_and_nothing_is_posted() -> None:
    store = _store()
    _asked(store)
    service = _service(store)
    service.set_channel(WS, "UADMIN", None)

    shared = service.share(WS, "UA", "UA", WEEK, "My words").result

    assert shared.fresh and shared.post is None
    assert shared.view.share.status is ShareStatus.POSTED_FAILED and shared.view.share.error == NO_CHANNEL


def test_only_an_admin_sets_the_coaching_channel() -> None:
    store = _store(channel=None)
    service = _service(store)

    with pytest.raises(NotAllowed):
        service.set_channel(WS, "UMGR", "CSALES")
    assert service.channel(WS) is None
    assert service.set_channel(WS, "UADMIN", "CSALES") == "CSALES" and service.channel(WS) == "CSALES"
