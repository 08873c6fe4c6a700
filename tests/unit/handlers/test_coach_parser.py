"""What `/coach` understands, and what it tells people who typed something else."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from handlers.commands.admin import AdminGrant, AdminTeams
from handlers.commands.coach import parse_coach_command
from handlers.commands.cycles import CycleCommand, StartCycle
from handlers.commands.registry import Help
from handlers.commands.roster import TeamAdd, TeamList, TeamMove, TeamRemove


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("help", Help()),
        ("HELP team", Help(topic="team")),
        ("team", TeamList()),
        ("team list", TeamList()),
        ("team add <@U1|alex> <@U2|sam>", TeamAdd(user_ids=["U1", "U2"])),
        ("team add <@U1>   <@W2|grid.user>", TeamAdd(user_ids=["U1", "W2"])),
        ("team add <@U1|alex> <@U1|alex>", TeamAdd(user_ids=["U1"])),
        ("team remove <@U1|alex>", TeamRemove(user_ids=["U1"])),
        ("team move <@U1|alex> to <@U9|jo>", TeamMove(rep_id="U1", manager_id="U9")),
        ("team move <@U1|alex> <@U9|jo>", TeamMove(rep_id="U1", manager_id="U9")),
        ("admin grant <@U5|jo>", AdminGrant(user_ids=["U5"])),
        ("admin teams", AdminTeams()),
        ("start <@U1|alex>", StartCycle(rep_id="U1")),
        ("start <@U1|alex> 2026-12-07", StartCycle(rep_id="U1", starts_on=date(2026, 12, 7))),
        ("cycle", CycleCommand()),
        ("cycle <@U1|alex>", CycleCommand(rep_id="U1")),
        ("cycle <@U1|alex> advance", CycleCommand(rep_id="U1", action="advance")),
        ("cycle <@U1|alex> extend 2", CycleCommand(rep_id="U1", action="extend", weeks=2)),
        ("cycle <@U1|alex> end", CycleCommand(rep_id="U1", action="end")),
    ],
)
def test_understood_commands(text, expected):
    assert parse_coach_command(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("dance", "/coach help"),
        ("team add", "/coach team add @alex @sam"),
        ("team add @alex", "@ autocomplete"),
        ("team add <!here>", "not a person"),
        ("team add <#C123|sales>", "not a person"),
        ("team add <@U1|alex> and friends", "Mention people only"),
        ("team move <@U1|alex>", "rep and then their new manager"),
        ("team fire <@U1>", "not a team command"),
        ("admin", "/coach admin grant"),
        ("start", "/coach start @alex 2026-12-07"),
        ("start <@U1|a> <@U2|b>", "one rep's cycle at a time"),
        ("start <@U1|a> 2026-13-45", "is not a date"),
        ("cycle <@U1|a> pause", "Cycle commands"),
        ("cycle <@U1|a> end 2", "Only `extend` takes a number"),
    ],
)
def test_mistakes_get_a_message_saying_what_to_type(text, hint):
    with pytest.raises(InvalidInput) as error:
        parse_coach_command(text)
    assert hint in str(error.value)
