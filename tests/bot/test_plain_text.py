"""Slack markup as an operator's terminal shows it."""

from __future__ import annotations

import pytest

from bot.plain_text import plain


@pytest.mark.parametrize(
    ("slack", "terminal"),
    [
        ("<@U100> is not on your team.", "U100 is not on your team."),
        ("<@U100|alex> is coached by <@W200>.", "alex (U100) is coached by W200."),
        ("Start one: `/coach start <@U1>`.", "Start one: `/coach start U1`."),
        ("see <#C123|general>", "see #general"),
        ("<!here> and <!channel>", "@here and @channel"),
        ("<!subteam^S1|@sales> please", "@sales please"),
        ("<https://x.example/guide|the guide>", "the guide (https://x.example/guide)"),
        ("<https://x.example/>", "https://x.example/"),
        ("Q&amp;A &lt;draft&gt;", "Q&A <draft>"),
        ("&amp;lt; stays", "&lt; stays"),
        ("a < b > c", "a < b > c"),
        ("<not markup>", "<not markup>"),
    ],
)
def test_markup_becomes_plain_text(slack: str, terminal: str) -> None:
    assert plain(slack) == terminal
