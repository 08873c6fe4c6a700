"""The scorecard comment's wording: a week's days as people say them, and a comment quoted whole."""

from __future__ import annotations

import pytest

from bot.fake_slack import check_message
from domain.coaching.scorecard_comments import IsoWeek
from handlers.blocks import limits
from handlers.blocks.mrkdwn import unescape
from handlers.blocks.scorecard_comments import quoted, week_span


@pytest.mark.parametrize(("week", "span"), [(IsoWeek(2026, 50), "7-13 Dec"), (IsoWeek(2026, 49), "30 Nov-6 Dec"),
                                            (IsoWeek(2026, 53), "28 Dec-3 Jan"), (IsoWeek(2027, 1), "4-10 Jan")])
def test_a_week_reads_as_its_days(week: IsoWeek, span: str) -> None:
    assert week_span(week) == span


@pytest.mark.parametrize("words", ["One line", "First\n\nthird", "<&>" * 666 + "<!", "x" * 2000,
                                   "\n".join(["a"] * 1000), ("&" * 1999) + "\n"])
def test_a_comment_is_quoted_whole_in_sections_slack_accepts(words: str) -> None:
    blocks = quoted(words)

    assert check_message(blocks, "") == [] and all(len(b["text"]["text"]) <= limits.SECTION_TEXT for b in blocks)
    lines = [line for b in blocks for line in b["text"]["text"].split("\n")]
    assert all(line.startswith(">") for line in lines)
    shown = [unescape(line.removeprefix(">")) for line in lines]
    assert "".join(shown) == "".join(words.splitlines())  # every character, in order
