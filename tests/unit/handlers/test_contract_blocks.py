"""The contract as a message: signatures in each reader's time, the Sign button only for who still signs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from domain.catalog import load_catalog
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.model import WorkspaceRef
from handlers.blocks.contract import contract_message
from handlers.edge import ids

SIGNED = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
CONTRACT = CoachingContract(WorkspaceRef("T1"), "UA", "UMGR",
                            [SuccessMetric("discovery", "discovery_questions_asked", "8")], 2.0,
                            "Score calls", "Shadow calls", version=3, rep_signed_at=SIGNED, cycle_id=1)


def test_a_signature_time_is_shown_in_the_readers_own_time_zone() -> None:
    text = json.dumps(contract_message(CONTRACT, load_catalog(), "UMGR"))
    assert f"<!date^{int(SIGNED.timestamp())}^{{date_short_pretty}} at {{time}}|Tue 8 Dec 15:00 UTC>" in text


def test_only_the_one_who_has_not_signed_gets_the_button_for_this_version() -> None:
    manager = json.dumps(contract_message(CONTRACT, load_catalog(), "UMGR"))
    rep = json.dumps(contract_message(CONTRACT, load_catalog(), "UA"))
    assert ids.SIGN_CONTRACT in manager and '"UA:3"' in manager and "Sign version 3" in manager
    assert ids.SIGN_CONTRACT not in rep and ids.OPEN_CONTRACT not in rep  # signed, and only the manager edits
