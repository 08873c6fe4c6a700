"""The CLI's reads of one workspace (`--team T`) show nothing of the other, on one database.

The two workspaces are seeded alike (two_worlds.py), with the same people, so
their reads are numbers and names that a leak would not make stand out.
Instead: each read command (the scorecard export as CSV and JSON, whole team
and Alex; the pipeline audit, team and Alex; the cycle's results, team and a
manager, text and CSV) is run for the first workspace before the second
exists and again after, and must not change; and the second workspace's
reads are the first's, with its team id and marker in their place.
"""

from __future__ import annotations

import pytest

from bot.fake_slack import FakeSlackServer
from domain.ports import UnitOfWorkFactory
from tests.bot.cli_steps import run
from tests.handlers.conftest import TEAM, Slack
from tests.handlers.privacy_steps import OTHER_TEAM
from tests.security.two_worlds import MARKERS, seed_one

READS = [
    ("scorecards", "export", "--team", "{team}", "--format", "csv"),
    ("scorecards", "export", "--team", "{team}", "--format", "json"),
    ("scorecards", "export", "--team", "{team}", "--format", "json", "--rep", "UA"),
    ("pipeline", "audit", "--team", "{team}"),
    ("pipeline", "audit", "--team", "{team}", "--rep", "UA"),
    ("results", "--team", "{team}"),
    ("results", "--team", "{team}", "--format", "csv"),
    ("results", "--team", "{team}", "--manager", "UMGR"),
]


def _reads(capsys: pytest.CaptureFixture[str], team: str) -> list[str]:
    outputs = []
    for read in READS:
        status, out, err = run(capsys, *(word.format(team=team) for word in read))
        assert status == 0, (team, read, err)
        outputs.append(out)
    return outputs


def test_every_cli_read_of_one_workspace_is_the_same_with_or_without_the_other(
        slack: Slack, uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer, database_url: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    monkeypatch.chdir(str(tmp_path))  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", database_url)
    seed_one(TEAM, slack, uow_factory, fake_server, monkeypatch)
    alone = _reads(capsys, TEAM)
    seed_one(OTHER_TEAM, slack, uow_factory, fake_server, monkeypatch)

    assert _reads(capsys, TEAM) == alone
    theirs = [out.replace(OTHER_TEAM, TEAM).replace(MARKERS[OTHER_TEAM], MARKERS[TEAM])
              for out in _reads(capsys, OTHER_TEAM)]
    assert theirs == alone
    assert all(alone) and "UA" in "".join(alone)  # the reads did list Alex
