"""One crafted request sent as someone, and every way it could have overstepped.

A request overstepped when, after the app is done with it (its listeners
included), any row changed that is not the sender's own business (every table
compared, see snapshot.py), Alex or Maya were messaged, the sender was shown
anything written about Alex (`SECRET`), or a form opened for the sender is
about Alex (his id in its `private_metadata`). The answer itself may be an ephemeral refusal, an inline error or
nothing: what matters is what happened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer, SignedRequest, SlackRequests
from tests.handlers.conftest import SECRET as SIGNING_SECRET
from tests.handlers.conftest import Slack
from tests.security.snapshot import changes, not_only_their_own, snapshot
from tests.security.world import MODALS, OTHER_TEAM, OUTSIDER, SECRET, SHOWN_TO_VICTIMS, VICTIMS

ALEX = re.compile(r"(?<![A-Z0-9])UA(?![A-Z0-9])")
# Bookkeeping, not anyone's coaching data: the ledger of messages (the messages themselves are checked) and
# the receipts that make a retried request a no-op.
BOOKKEEPING = frozenset({"deliveries", "slack_receipts"})
# Alex's records are the ones crafted into payloads; Maya is also Bea's own manager, who hears of Bea's doings.
NAMES_ALEX = frozenset({"UA"})
MAYAS_OWN_REP = "UB"


@dataclass
class Attacker:
    """Sends crafted requests as `person` and keeps every overstep found."""

    slack: Slack
    engine: Engine
    fake_server: FakeSlackServer
    problems: list[str] = field(default_factory=list)
    sent: int = 0

    def requests(self, person: str) -> SlackRequests:
        if person == OUTSIDER:
            return SlackRequests(SIGNING_SECRET, team_id=OTHER_TEAM,
                                 response_url_base=self.fake_server.response_url_base)
        return self.slack.requests

    @contextmanager
    def rows_kept(self, person: str, label: str) -> Iterator[None]:
        """Compare every table before and after the requests sent inside (one comparison for a batch)."""
        self.slack.listeners.wait_idle()
        before = snapshot(self.engine)
        yield
        self.slack.listeners.wait_idle()
        changed = [c for c in changes(before, snapshot(self.engine)) if c.table not in BOOKKEEPING]
        overstepped = not_only_their_own(changed, person, NAMES_ALEX, OTHER_TEAM if person == OUTSIDER else None)
        if overstepped:
            self.problems.append(f"{label} as {person}: changed {[(c.table, c.added, c.row) for c in overstepped][:3]}")

    def send(self, person: str, request: SignedRequest, label: str) -> str:
        """Send, wait until the app is done, record any overstep under `label`; what the person saw."""
        with self.rows_kept(person, label):
            return self.sent_unchecked(person, request, label)

    def sent_unchecked(self, person: str, request: SignedRequest, label: str) -> str:
        """`send` without comparing the tables: inside `rows_kept`."""
        slack = self.slack
        slack.listeners.wait_idle()
        calls_before = len(slack.fake.calls)
        reply = slack.dispatch(request)
        slack.listeners.wait_idle()
        self.sent += 1
        new_calls = slack.fake.calls[calls_before:]
        told = VICTIMS - {"UMGR"} if person == MAYAS_OWN_REP else VICTIMS
        to_victims = [c for c in new_calls
                      if c.method in ("chat.postMessage", "chat.postEphemeral")
                      and c.params.get(SHOWN_TO_VICTIMS[c.method]) in told
                      and not _in_other_workspace(c.params)]
        seen_calls = [{"method": c.method, **c.params} for c in new_calls
                      if c.params.get(SHOWN_TO_VICTIMS.get(c.method, "")) not in VICTIMS]
        seen = json.dumps([reply.status, reply.body, seen_calls], ensure_ascii=False)
        modals = [c.params.get("view") for c in new_calls if c.method in MODALS]
        where = f"{label} as {person}"
        if reply.status != 200:
            self.problems.append(f"{where}: HTTP {reply.status} {reply.body[:200]}")
        if SECRET in seen:
            self.problems.append(f"{where}: was shown Alex's words: {seen[:300]}")
        if to_victims:
            told_what = [(c.params.get("channel"), c.params.get("text")) for c in to_victims]
            self.problems.append(f"{where}: messaged {told_what}")
        for modal in modals:  # the form is about Alex (the person's own typing may name him in a field)
            if isinstance(modal, dict) and ALEX.search(str(modal.get("private_metadata", ""))):
                self.problems.append(f"{where}: opened a form about Alex: {json.dumps(modal)[:300]}")
        return seen


def _in_other_workspace(params: dict[str, Any]) -> bool:
    """A message of the other workspace's delivery ledger (its key starts with the team): there, "UA" is
    whoever has that id in that workspace (the fake Slack shares one directory between the two)."""
    metadata = params.get("metadata")
    key = metadata.get("event_payload", {}).get("key", "") if isinstance(metadata, dict) else ""
    return params.get("team_id") == OTHER_TEAM or str(key).startswith(f"{OTHER_TEAM}/")
