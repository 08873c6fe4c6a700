"""One dispatcher process for the multi-instance tests: `python -m tests.e2e.dispatch_worker`.

Arguments: DATABASE_URL SLACK_API_URL NOW (ISO) LOCK ("advisory" or "none").
With LOCK=none it dispatches even if another process does, to show that the
ledger alone prevents a double send. Prints the tick's figures as JSON.
"""

from __future__ import annotations

import json
import sys
import time
import zlib

from bot.app import build_runtime
from bot.config import load_settings
from bot.operations import parse_instant
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
    deadline = time.monotonic() + 20
    while True:
        # After a kill, PostgreSQL frees the dead holder's lock once it notices.
        report = job.tick(parse_instant(now_text))
        if report is not None or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    if report is None:
        print(json.dumps({"dispatched": False}))
        return 0
    print(json.dumps({"dispatched": True, "queued": report.plan.queued, "sent": report.drain.sent,
                      "recovered": report.drain.recovered}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
