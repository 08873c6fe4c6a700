"""The delivery ledger's contract, on the fake, SQLite and PostgreSQL.

What the dispatcher relies on: a key is inserted once, a claimed row is not
claimed again until its lease runs out, stale rows are skipped, not sent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.delivery import SENDING_LEASE, Delivery, DeliveryKey, DeliveryStatus
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2", enterprise_id="E1")
PENDING, SENDING = DeliveryStatus.PENDING, DeliveryStatus.SENDING
SENT, FAILED, SKIPPED = DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED
UNKNOWN_ROW = (LookupError, AssertionError)


def delivery(
    user: str = "U1",
    kind: str = "week_ahead",
    period: str = "2026-11-23",
    *,
    team: WorkspaceRef = T1,
    status: DeliveryStatus = PENDING,
    due: datetime = NOW - timedelta(minutes=5),
    **fields: object,
) -> Delivery:
    base = Delivery(
        key=DeliveryKey(team.team_id, user, kind, period),
        status=status,
        due_at=due,
        stale_at=due + timedelta(hours=6),
        enterprise_id=team.enterprise_id,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def plain(found: Delivery | None) -> Delivery | None:
    """Without the store's own timestamps, for comparing with what was written."""
    return None if found is None else replace(found, created_at=None, updated_at=None)


@pytest.fixture
def ledger(any_uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.commit()
    return any_uow_factory


def add(uow_factory: UnitOfWorkFactory, *deliveries: Delivery) -> None:
    with uow_factory() as uow:
        for d in deliveries:
            assert uow.deliveries.add_if_absent(d)
        uow.commit()


def claim(uow_factory: UnitOfWorkFactory, limit: int = 100, now: datetime = NOW) -> list[Delivery]:
    with uow_factory() as uow:
        claimed = uow.deliveries.claim_ready(now, limit)
        uow.commit()
    return claimed


def users(deliveries: list[Delivery]) -> list[str]:
    return [d.key.recipient_id for d in deliveries]


# -- insert once ---------------------------------------------------------------------


def test_add_if_absent_inserts_a_key_once_and_keeps_the_first(ledger):
    first = delivery()
    with ledger() as uow:
        assert uow.deliveries.add_if_absent(first) is True
        assert uow.deliveries.add_if_absent(replace(first, attempts=9)) is False  # same unit
        uow.commit()
    with ledger() as uow:
        assert uow.deliveries.add_if_absent(replace(first, channel="D9")) is False
        uow.commit()
    with ledger() as uow:
        assert plain(uow.deliveries.get(first.key)) == first
        assert len(uow.deliveries.search()) == 1


def test_every_part_of_the_key_makes_another_row(ledger):
    rows = [
        delivery(),
        delivery(user="U2"),
        delivery(kind="scorecard"),
        delivery(period="2026-11-24"),
        delivery(team=T2),  # the same person id in another workspace
    ]
    add(ledger, *rows)
    with ledger() as uow:
        assert [plain(uow.deliveries.get(d.key)) for d in rows] == rows


def test_every_field_round_trips_and_the_store_stamps_times(ledger):
    full = delivery(
        team=T2,
        status=SENT,
        attempts=3,
        next_attempt_at=NOW + timedelta(seconds=30),
        claimed_at=NOW - timedelta(seconds=5),
        channel="D123",
        ts="1763906400.000100",
        error="ratelimited",
        reason="sent on the third try",
    )
    add(ledger, full)
    with ledger() as uow:
        found = uow.deliveries.get(full.key)
        assert uow.deliveries.get(replace(full.key, period="1999-01-01")) is None
    assert found is not None and plain(found) == full
    for stamp in (found.created_at, found.updated_at):
        assert stamp is not None and stamp.utcoffset() == timedelta(0)
        assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=1)


def test_existing_keys_returns_the_known_ones(ledger):
    a, b = delivery("UA"), delivery("UB")
    add(ledger, a, b)
    unknown = DeliveryKey("T1", "UA", "week_ahead", "2026-11-30")
    other_team = replace(a.key, team_id="T2")
    with ledger() as uow:
        asked = iter([a.key, unknown, b.key, a.key, other_team])  # any iterable, repeats
        assert uow.deliveries.existing_keys(asked) == {a.key, b.key}
        assert uow.deliveries.existing_keys([]) == set()


# -- claiming ------------------------------------------------------------------------


def test_claim_moves_sendable_rows_to_sending_oldest_due_first(ledger):
    add(
        ledger,
        delivery("U3", due=NOW - timedelta(minutes=1)),
        delivery("U1", due=NOW - timedelta(minutes=30)),
        delivery("U2", due=NOW - timedelta(minutes=10), attempts=2),
    )
    first = claim(ledger, limit=2)
    assert users(first) == ["U1", "U2"]
    assert {(d.status, d.claimed_at) for d in first} == {(SENDING, NOW)}
    assert [d.attempts for d in first] == [0, 2]  # the sender counts attempts, not the claim
    assert users(claim(ledger)) == ["U3"]
    assert claim(ledger) == []
    with ledger() as uow:
        assert {d.status for d in uow.deliveries.search()} == {SENDING}


def test_a_claim_is_never_handed_out_twice(ledger):
    add(ledger, *(delivery(f"U{i:02}", due=NOW - timedelta(minutes=i)) for i in range(20)))
    claimed: list[str] = []
    while batch := claim(ledger, limit=3):
        claimed += users(batch)
    assert sorted(claimed) == [f"U{i:02}" for i in range(20)]
    # Later ticks, still inside the lease, find nothing.
    assert claim(ledger, now=NOW + SENDING_LEASE - timedelta(seconds=1)) == []


def test_a_claim_that_is_not_committed_is_undone(ledger):
    add(ledger, delivery())
    with ledger() as uow:
        assert users(uow.deliveries.claim_ready(NOW, 10)) == ["U1"]
        # no commit: the sender crashed before its transaction ended
    assert users(claim(ledger)) == ["U1"]


def test_retries_wait_for_next_attempt_at(ledger):
    add(
        ledger,
        delivery("ULATER", next_attempt_at=NOW + timedelta(seconds=1)),
        delivery("UNOW", next_attempt_at=NOW),
        delivery("UASAP", next_attempt_at=None),
    )
    assert sorted(users(claim(ledger))) == ["UASAP", "UNOW"]
    assert users(claim(ledger, now=NOW + timedelta(seconds=1))) == ["ULATER"]


def test_stale_pending_rows_are_not_claimed(ledger):
    add(
        ledger,
        delivery("USTALE", stale_at=NOW - timedelta(seconds=1)),
        delivery("UEDGE", stale_at=NOW),  # stale from that instant on
        delivery("UFRESH", stale_at=NOW + timedelta(seconds=1)),
    )
    assert users(claim(ledger)) == ["UFRESH"]


def test_sending_rows_are_reclaimed_only_after_the_lease(ledger):
    lease_ago = NOW - SENDING_LEASE
    add(
        ledger,
        delivery("ULOST", status=SENDING, claimed_at=lease_ago, attempts=1),
        delivery("UBUSY", status=SENDING, claimed_at=lease_ago + timedelta(seconds=1)),
        # Past its stale time, but its outcome is unknown: the sender must look.
        delivery("UOLD", status=SENDING, claimed_at=lease_ago, due=NOW - timedelta(days=1)),
    )
    reclaimed = claim(ledger)
    assert users(reclaimed) == ["UOLD", "ULOST"]
    assert {d.claimed_at for d in reclaimed} == {NOW}  # a new lease
    assert [d.attempts for d in reclaimed] == [0, 1]
    assert users(claim(ledger, now=NOW + timedelta(seconds=1))) == ["UBUSY"]
    assert users(claim(ledger, now=NOW + SENDING_LEASE)) == ["UOLD", "ULOST"]


def test_finished_rows_are_never_claimed(ledger):
    add(
        ledger,
        delivery("USENT", status=SENT, ts="1.2", channel="D1"),
        delivery("UFAILED", status=FAILED, error="user_not_found"),
        delivery("USKIPPED", status=SKIPPED, reason="muted"),
    )
    assert claim(ledger, now=NOW + timedelta(days=30)) == []


def test_limit_zero_claims_nothing(ledger):
    add(ledger, delivery())
    assert claim(ledger, limit=0) == []
    assert users(claim(ledger, limit=1)) == ["U1"]


# -- recording outcomes ----------------------------------------------------------------


def test_update_records_the_outcome_and_keeps_created_at(ledger):
    add(ledger, delivery())
    [claimed] = claim(ledger)
    sent = claimed.with_status(SENT, attempts=1, channel="D1", ts="1763906400.000200")
    with ledger() as uow:
        uow.deliveries.update(sent)
        uow.commit()
    with ledger() as uow:
        found = uow.deliveries.get(sent.key)
    assert plain(found) == plain(sent)
    assert found is not None and found.created_at == claimed.created_at
    assert claimed.updated_at is not None and found.updated_at is not None
    assert found.updated_at >= claimed.updated_at


def test_updating_an_unknown_delivery_raises(ledger):
    with ledger() as uow, pytest.raises(UNKNOWN_ROW):
        uow.deliveries.update(delivery())


def test_expire_stale_skips_pending_rows_past_their_stale_time(ledger):
    add(
        ledger,
        delivery("U1", stale_at=NOW - timedelta(hours=1)),
        delivery("U2", stale_at=NOW),
        delivery("U3", stale_at=NOW + timedelta(minutes=1)),  # still fresh
        delivery("U4", status=SENDING, claimed_at=NOW, stale_at=NOW - timedelta(hours=1)),
        delivery("U5", status=FAILED, stale_at=NOW - timedelta(hours=1), reason="gave up"),
    )
    with ledger() as uow:
        assert uow.deliveries.expire_stale(NOW) == 2
        # Visible at once inside the unit, to the next read.
        assert uow.deliveries.get(delivery("U1").key).status is SKIPPED
        uow.commit()
    with ledger() as uow:
        assert uow.deliveries.expire_stale(NOW) == 0
        found = {d.key.recipient_id: d for d in uow.deliveries.search()}
    assert {u: d.status for u, d in found.items()} == {
        "U1": SKIPPED, "U2": SKIPPED, "U3": PENDING, "U4": SENDING, "U5": FAILED
    }
    assert found["U1"].reason == found["U2"].reason == "stale before it could be sent"
    assert found["U5"].reason == "gave up"


# -- reading the ledger --------------------------------------------------------------


def test_search_is_newest_first_and_filters_by_workspace_status_and_time(ledger):
    for user in ("U1", "U2", "U3"):
        add(ledger, delivery(user))
        _until_the_clock_moves()  # distinct created_at, however coarse the clock
    add(ledger, delivery("U4", team=T2, status=SENT))
    with ledger() as uow:
        everything = uow.deliveries.search()
        assert users(everything) == ["U4", "U3", "U2", "U1"]
        assert users(uow.deliveries.search(ref=T1)) == ["U3", "U2", "U1"]
        assert users(uow.deliveries.search(ref=T2)) == ["U4"]
        assert users(uow.deliveries.search(status=PENDING)) == ["U3", "U2", "U1"]
        assert users(uow.deliveries.search(ref=T1, status=SENT)) == []
        since = everything[2].created_at  # U2's
        assert users(uow.deliveries.search(since=since)) == ["U4", "U3", "U2"]
        assert users(uow.deliveries.search(ref=T1, since=since, limit=1)) == ["U3"]
        assert uow.deliveries.search(ref=WorkspaceRef("TNONE")) == []


def test_count_by_status_counts_every_status(ledger):
    add(
        ledger,
        delivery("U1"),
        delivery("U2"),
        delivery("U3", status=SENT),
        delivery("U4", team=T2, status=FAILED),
    )
    with ledger() as uow:
        assert uow.deliveries.count_by_status() == {
            PENDING: 2, SENDING: 0, SENT: 1, FAILED: 1, SKIPPED: 0
        }


def _until_the_clock_moves() -> None:
    """Return once the wall clock (which stamps created_at) reads later than when called."""
    start = datetime.now(UTC)
    while datetime.now(UTC) <= start:
        pass
