"""What every hostile-text case shares: the text an attacker types, the people, the clock, `Call`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from domain.catalog import load_catalog
from domain.model import Member, Role, WorkspaceRef

# Everything an attacker would type into a title, a note, a target or a display name.
HOSTILE = ("<!channel> <!here> <!everyone> <https://evil.example/sign|Click here to sign the contract> "
           "<@U0VICTIM> &lt;already escaped&gt; *bold* & more")
OUR_IDS = frozenset({"UREP", "UMGR", "UMGR2", "UADMIN"})

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)  # Wednesday of the cycle's first week
TODAY = NOW.date()
MANAGER = Member(WS, "UMGR", HOSTILE, "America/New_York", role=Role.MANAGER, is_admin=True)
REP = Member(WS, "UREP", HOSTILE, "Europe/Berlin", manager_id="UMGR", paused_until=date(2026, 12, 20))


@dataclass(frozen=True)
class Call:
    """One call of a builder: what it returns, and whether the person's text should be on show."""

    build: Callable[..., Any]  # lambdas bind their loop variable as a default argument
    shows_person_text: bool = True
    # Domain refusals keep `<@U…>` mentions live, also ones the requester typed (see `kit.domain_text`).
    requester_mentions_kept: bool = False
