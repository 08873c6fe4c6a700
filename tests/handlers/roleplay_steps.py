"""Steps shared by the role-play tests: a team with an imported pipeline, the "Mark practised" form.

Alex (UA) and Bea (UB) are Maya's reps, Chen (UC) is Omar's. Alex took 10, 12
and 14 days through Qualifying (average 12); two of his open deals have been
there longer (A1, named like an attack on the channel, and A2 "Globex").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.pipeline import PipelineService
from domain.services.roleplays import NOTE
from handlers.edge import ids
from tests.handlers.conftest import TEAM, Reply, Slack

WS = WorkspaceRef(TEAM)
HEADER = "id,name,owner,amount,stage,status,entered_prospecting,entered_qualifying,entered_presenting\n"
HOSTILE_ACCOUNT = "Acme <!channel> & <https://evil.example|Sign here>"


def day(days_ago: int) -> str:
    """A date `days_ago` days before today in Los Angeles, Alex's time zone: days count in the rep's own."""
    return (datetime.now(ZoneInfo("America/Los_Angeles")).date() - timedelta(days=days_ago)).isoformat()


def deals_csv(account: str = HOSTILE_ACCOUNT) -> bytes:
    quoted = account.replace('"', '""')
    rows = [
        f"H1,Old one,UA,1000,presenting,won,{day(120)},{day(110)},{day(100)}",
        f"H2,Old two,UA,1000,presenting,won,{day(100)},{day(90)},{day(78)}",
        f"H3,Old three,UA,1000,presenting,won,{day(80)},{day(70)},{day(56)}",
        f'A1,"{quoted}",UA,12000,qualifying,open,{day(50)},{day(34)},',
        f"A2,Globex,UA,40000,qualifying,open,{day(40)},{day(25)},",
        f"A3,Fresh,UA,90000,qualifying,open,{day(10)},{day(3)},",
        f"C1,Initech,UC,7000,qualifying,open,{day(90)},{day(60)},",
    ]
    return (HEADER + "\n".join(rows) + "\n").encode()


def teams_with_deals(slack: Slack, uow_factory: UnitOfWorkFactory, account: str = HOSTILE_ACCOUNT) -> Slack:
    slack.coach("UADMIN", "help", replies=2)  # the first person to use /coach becomes admin
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    report = PipelineService(uow_factory).import_file(WS, deals_csv(account), "deals.csv")
    assert report.imported == 7, report.problems
    return slack


def open_form(slack: Slack, user_id: str, value: str) -> dict[str, Any]:
    """Click "Mark practised" (button value `rep:deal`) and return the form it opened."""
    click = slack.requests.block_actions(user_id, ids.MARK_ROLEPLAY, value=value)
    assert slack.dispatch(click).status == 200
    trigger_id = click.payload["trigger_id"]
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger_id) is not None)
    form = slack.fake.view_opened_by(trigger_id)
    assert form is not None
    return form


def note_values(text: str) -> dict[str, Any]:
    return {NOTE: {"value": {"type": "plain_text_input", "value": text}}}


def practised_request(slack: Slack, user_id: str, metadata: object, note: str = "") -> Any:
    return slack.requests.view_submission(user_id, ids.ROLEPLAY_PRACTISED_VIEW, note_values(note),
                                          private_metadata=metadata)  # type: ignore[arg-type]


def submit_practised(slack: Slack, user_id: str, metadata: object, note: str = "") -> Reply:
    return slack.dispatch(practised_request(slack, user_id, metadata, note))
