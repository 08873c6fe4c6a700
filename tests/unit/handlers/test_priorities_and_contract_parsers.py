"""`/coach prioritize`, `/coach focus` and `/coach contract` as typed."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput
from handlers.commands.coach import parse_coach_command
from handlers.commands.contract import Contract
from handlers.commands.priorities import Focus, Prioritize


@pytest.mark.parametrize(("text", "expected"), [
    ("prioritize <@UA|alex>", Prioritize(rep_id="UA")),
    ("prioritise <@UA>", Prioritize(rep_id="UA")),
    ("focus", Focus()),
    ("focus <@UA|alex>", Focus(rep_id="UA")),
    ("focus <@UA> discovery closing", Focus(rep_id="UA", action="set", skills=["discovery", "closing"])),
    ("focus <@UA> objection handling, value articulation",
     Focus(rep_id="UA", action="set", skills=["objection handling", "value articulation"])),
    ("focus <@UA> add closing", Focus(rep_id="UA", action="add", skills=["closing"])),
    ("focus <@UA> accept", Focus(rep_id="UA", action="accept")),
    ("contract", Contract()),
    ("contract <@UA>", Contract(rep_id="UA")),
    ("contract <@UA> show", Contract(rep_id="UA", show=True)),
])
def test_priority_and_contract_commands(text: str, expected: object) -> None:
    assert parse_coach_command(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("prioritize", "Say whose gaps"),
    ("prioritize @alex", "Mention the rep first"),
    ("focus discovery", "Name the rep first"),
    ("focus <@UA> add closing, discovery", "one skill at a time"),
    ("contract <@UA> sign", "`/coach contract` shows yours"),
])
def test_mistakes_say_what_to_type(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_coach_command(text)
