"""A Sign click racing the manager's change of the contract: the new version is never signed unseen.

The rep's click reads version 1 and signs it; at the same moment the manager
saves version 2, which clears both signatures. Without a row lock the click
would write its signature onto version 2, a text the rep never read.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime

from bot.fake_slack import WAIT_SECONDS
from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.errors import InvalidInput
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.contracts import ContractService, MetricInput

WS = WorkspaceRef("T1")
ROWS = [MetricInput("discovery", "discovery_questions_asked", "8")]


def test_a_signature_racing_a_revision_never_lands_on_the_new_version(uow_factory) -> None:
    click_has_read = threading.Event()

    def clock_holding_the_click() -> datetime:
        # The service reads the clock between the click's read and its write:
        # say so, and give the revision, started at that signal, time to reach
        # the database. A longer hold on a busy machine only widens the race.
        if threading.current_thread().name == "click":
            click_has_read.set()
            time.sleep(0.1)
        return datetime(2026, 12, 8, 15, tzinfo=UTC)

    service = ContractService(uow_factory, load_catalog(), clock_holding_the_click)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 30)))
        uow.commit()
    service.save(WS, "UMGR", "UA", ROWS, 2, "a", "b")
    refused: list[InvalidInput] = []

    def rep_signs_version_1() -> None:
        try:
            service.sign(WS, "UA", "UA", version=1)
        except InvalidInput as error:  # had the revision come first, the click is refused
            refused.append(error)

    click = threading.Thread(target=rep_signs_version_1, name="click")
    click.start()
    assert click_has_read.wait(WAIT_SECONDS)  # the click has read version 1 and is on its way to write
    revised = service.save(WS, "UMGR", "UA", ROWS, 3, "a", "b")
    click.join()

    final = service.current(WS, "UA", "UA")
    assert revised.contract.version == 2 and final.version == 2
    assert final.rep_signed_at is None, "the rep's click on version 1 signed version 2"
