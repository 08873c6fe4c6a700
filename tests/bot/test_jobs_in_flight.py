"""`coachflow jobs run-due` after a sender was killed mid-send: what is left in flight, and when it is retried.

A row a sender claimed and never finished stays `sending` until its claim
expires (SENDING_LEASE after the claim); a tick inside that window must say
so, with the time, and exit 75 ("try again later"), not 0 in silence.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot import operations
from bot.cli import main
from bot.fake_slack import FakeSlack, FakeSlackServer
from domain.delivery import SENDING_LEASE, Delivery, DeliveryKey, DeliveryStatus
from domain.model import Member, Workspace, WorkspaceRef
from storage.dispatcher_lock import make_dispatcher_lock

T1 = WorkspaceRef("T1")
CLAIMED = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
KEY = DeliveryKey("T1", "UANN", "week_ahead", "2026-11-30")


@pytest.fixture
def operator(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path) -> Iterator[FakeSlack]:
    fake = FakeSlack(team_id="T1")
    fake.add_user("UANN", "Ann Lee", "UTC")
    monkeypatch.chdir(tmp_path)
    # The dispatcher lock spans a PostgreSQL server: a key of this test's own
    # keeps other test runs on the same server out of its way.
    own_key = zlib.crc32(database_url.encode())
    monkeypatch.setattr(operations, "make_dispatcher_lock", lambda engine: make_dispatcher_lock(engine, key=own_key))
    with FakeSlackServer(fake) as server:
        monkeypatch.setenv("DATABASE_URL", database_url)
        monkeypatch.setenv("SLACK_BOT_TOKEN", fake.bot_token)
        monkeypatch.setenv("SLACK_API_URL", server.base_url)
        yield fake


def _killed_mid_send(uow_factory) -> None:
    """What a sender killed after counting its attempt leaves behind: a claimed row, status sending."""
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, name="Acme"))
        uow.members.add(Member(T1, "UANN", "Ann Lee", "UTC"))
        uow.deliveries.add_if_absent(
            Delivery(KEY, DeliveryStatus.PENDING, due_at=CLAIMED, stale_at=CLAIMED + timedelta(hours=6))
        )
        [claimed] = uow.deliveries.claim_ready(CLAIMED, 10)
        uow.deliveries.update(claimed.with_status(DeliveryStatus.SENDING, attempts=1))
        uow.commit()


def test_run_due_inside_the_claim_window_reports_the_row_and_when_it_is_retried(
    operator: FakeSlack, uow_factory, capsys: pytest.CaptureFixture[str]
) -> None:
    _killed_mid_send(uow_factory)
    retry_at = (CLAIMED + SENDING_LEASE).strftime("%Y-%m-%dT%H:%M:%SZ")

    status = main(["jobs", "run-due", "--now", "2026-11-30T07:00:30Z"])
    out, err = capsys.readouterr()

    assert status == operations.EXIT_IN_FLIGHT == 75
    assert err == ""
    assert "sent 0" in out
    assert "1 row left in flight (status sending)" in out
    assert f"claim expires at {retry_at}" in out
    row = next(line for line in out.splitlines() if "UANN" in line)
    assert row.split() == ["T1", "UANN", "week_ahead", "2026-11-30", "1", "2026-11-30T07:00:00Z", retry_at]
    assert operator.messages_to("UANN") == []  # nothing sent twice in the window
    with uow_factory() as uow:
        assert uow.deliveries.get(KEY).status is DeliveryStatus.SENDING


def test_after_the_claim_expires_the_next_run_takes_the_row_and_exits_0(
    operator: FakeSlack, uow_factory, capsys: pytest.CaptureFixture[str]
) -> None:
    _killed_mid_send(uow_factory)
    after = (CLAIMED + SENDING_LEASE + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    status = main(["jobs", "run-due", "--now", after])
    out = capsys.readouterr().out

    assert status == 0, out
    assert "in flight" not in out
    with uow_factory() as uow:
        assert uow.deliveries.get(KEY).status is not DeliveryStatus.SENDING
    # Looked up in Slack before any resend (the attempt's outcome was unknown).
    assert operator.calls_to("conversations.history")


def test_many_rows_in_flight_are_summarised_with_the_range_of_retry_times() -> None:
    rows = [
        Delivery(DeliveryKey("T1", f"U{n:03d}", "week_ahead", "2026-11-30"), DeliveryStatus.SENDING,
                 due_at=CLAIMED, stale_at=CLAIMED + timedelta(hours=6), attempts=1,
                 claimed_at=CLAIMED + timedelta(seconds=n))
        for n in range(operations.IN_FLIGHT_SHOWN + 5)
    ]

    lines = operations.in_flight_report(rows, CLAIMED)

    assert lines[0].startswith(f"{len(rows)} rows left in flight (status sending)")
    assert "from 2026-11-30T07:02:00Z to 2026-11-30T07:02:24Z." in lines[0]
    assert lines[-1] == "... and 5 more (`coachflow deliveries --status sending`)"
    assert operations.in_flight_report([], CLAIMED) == []
