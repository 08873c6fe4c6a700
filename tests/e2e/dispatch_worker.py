"""One dispatcher process for the multi-instance tests: `python -m tests.e2e.dispatch_worker`.

Arguments: DATABASE_URL SLACK_API_URL NOW (ISO) LOCK ("advisory" or "none").
With LOCK=none it dispatches even if another process does, to show that the
ledger alone prevents a double send. Prints the figures of its ticks, summed,
as JSON.

It ticks until the ledger has nothing left to send, as the scheduler's next
minutes would: on a busy machine one tick's drain can spend its time budget
before the last note, and the rest goes out on a later tick, not never.
"""

from __future__ import annotations

import json
import sys
import time
import zlib

from bot.app import Runtime, build_runtime
from bot.config import load_settings
from bot.fake_slack import WAIT_SECONDS
from bot.operations import parse_instant
from domain.delivery import DeliveryStatus
from storage.dispatcher_lock import make_dispatcher_lock
from tests.fakes import FakeDispatcherLock


def main(argv: list[str]) -> int:
    url, slack_url, now_text, lock_mode = argv
    settings = load_settings(None, SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=slack_url, DATABASE_URL=url,
                             COACHFLOW_LOG_LEVEL="WARNING")
    runtime = build_runtime(settings)
    # Advisory locks span the whole database, not one schema: a key of this
    # run's own keeps parallel test runs on one server out of each other's way.
    own_key = zlib.crc32(url.encode())
    lock = FakeDispatcherLock() if lock_mode == "none" else make_dispatcher_lock(runtime.engine, key=own_key)
    job = runtime.dispatch_job(lock)
    totals = {"queued": 0, "sent": 0, "recovered": 0}
    dispatched = False
    # Generous: 1000 notes through a fake Slack on a loaded two-core machine.
    deadline = time.monotonic() + 8 * WAIT_SECONDS
    while True:
        # After a kill, PostgreSQL frees the dead holder's lock once it notices.
        report = job.tick(parse_instant(now_text))
        if report is not None:
            dispatched = True
            totals["queued"] += report.plan.queued
            totals["sent"] += report.drain.sent
            totals["recovered"] += report.drain.recovered
        if _nothing_left_to_send(runtime) or time.monotonic() > deadline:
            break
        time.sleep(0.2)  # between ticks, while another process holds the lock or sends
    print(json.dumps({"dispatched": dispatched, **totals} if dispatched else {"dispatched": False}))
    return 0


def _nothing_left_to_send(runtime: Runtime) -> bool:
    """No note waits to be sent or is being sent (by this process or another): all planned, all out."""
    with runtime.uow_factory() as uow:
        counts = uow.deliveries.count_by_status()
    return counts[DeliveryStatus.PENDING] == counts[DeliveryStatus.SENDING] == 0 and sum(counts.values()) > 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
