"""Several dispatcher processes on one PostgreSQL: every note exactly once, even through a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.fake_slack import WAIT_SECONDS, FakeSlack, FakeSlackServer
from domain.delivery import DeliveryStatus
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.scheduling import ScheduleService
from storage.uow import make_uow_factory
from tests.conftest import delete_all_rows

MANAGERS = 1000
WS = WorkspaceRef("TMULTI")
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
MONDAY_8AM_NEW_YORK = "2026-11-30T13:00:00Z"


@pytest.fixture
def postgres(_postgres_database):  # the session fixture of tests/conftest.py
    delete_all_rows(_postgres_database.engine)
    return _postgres_database


@pytest.fixture
def slack() -> Iterator[tuple[FakeSlack, FakeSlackServer]]:
    fake = FakeSlack(team_id=WS.team_id)
    with FakeSlackServer(fake) as server:
        yield fake, server


def _thousand_managers(postgres, fake: FakeSlack) -> None:
    uow_factory = make_uow_factory(postgres.engine)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        for n in range(MANAGERS):
            manager, rep = f"UM{n:04d}", f"UR{n:04d}"
            fake.add_user(manager, f"Manager {n}", "America/New_York")
            fake.add_user(rep, f"Rep {n}", "America/New_York")
            uow.members.add(Member(WS, manager, f"Manager {n}", "America/New_York", role=Role.MANAGER))
            uow.members.add(Member(WS, rep, f"Rep {n}", "America/New_York", manager_id=manager))
        uow.commit()
    assert ScheduleService(uow_factory).refresh_workspace(WS, SUNDAY) == 2 * MANAGERS


def _worker(postgres, server: FakeSlackServer, now: str, lock: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.dispatch_worker", postgres.url, server.base_url, now, lock],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )


def _notes_per_manager(fake: FakeSlack) -> Counter[str]:
    return Counter(
        call.params["channel"] for call in fake.calls_to("chat.postMessage") if call.ok
    )


def _ledger(postgres) -> dict[DeliveryStatus, int]:
    with make_uow_factory(postgres.engine)() as uow:
        return uow.deliveries.count_by_status()


@pytest.mark.postgres
def test_three_processes_without_a_lock_deliver_each_note_exactly_once(postgres, slack) -> None:
    fake, server = slack
    _thousand_managers(postgres, fake)

    workers = [_worker(postgres, server, MONDAY_8AM_NEW_YORK, "none") for _ in range(3)]
    results = [json.loads(w.communicate(timeout=300)[0]) for w in workers]

    assert all(r["dispatched"] for r in results)
    assert sum(r["queued"] for r in results) == MANAGERS  # each ledger row created once
    assert sum(r["sent"] for r in results) == MANAGERS
    per_manager = _notes_per_manager(fake)
    assert len(per_manager) == MANAGERS and set(per_manager.values()) == {1}
    assert _ledger(postgres)[DeliveryStatus.SENT] == MANAGERS


@pytest.mark.postgres
def test_with_the_advisory_lock_one_process_dispatches(postgres, slack) -> None:
    fake, server = slack
    _thousand_managers(postgres, fake)

    workers = [_worker(postgres, server, MONDAY_8AM_NEW_YORK, "advisory") for _ in range(3)]
    results = [json.loads(w.communicate(timeout=300)[0]) for w in workers]

    # Workers tick until every note is out: while one holds the lock the
    # others wait, and any tick after that finds little or nothing to do.
    assert sum(r.get("sent", 0) for r in results) == MANAGERS
    assert set(_notes_per_manager(fake).values()) == {1}


@pytest.mark.postgres
def test_killing_the_dispatcher_mid_drain_then_restarting_sends_the_rest_once(postgres, slack) -> None:
    fake, server = slack
    _thousand_managers(postgres, fake)

    first = _worker(postgres, server, MONDAY_8AM_NEW_YORK, "advisory")
    deadline = time.monotonic() + 4 * WAIT_SECONDS
    while len(fake.calls_to("chat.postMessage")) < 300 and time.monotonic() < deadline:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    delivered_before_kill = len(_notes_per_manager(fake))
    assert 0 < delivered_before_kill < MANAGERS

    # Restarted five minutes later: the dead sender's lease has run out.
    second = _worker(postgres, server, "2026-11-30T13:05:00Z", "advisory")
    result = json.loads(second.communicate(timeout=300)[0])

    per_manager = _notes_per_manager(fake)
    assert result["dispatched"]
    assert len(per_manager) == MANAGERS and set(per_manager.values()) == {1}
    assert _ledger(postgres)[DeliveryStatus.SENT] == MANAGERS
