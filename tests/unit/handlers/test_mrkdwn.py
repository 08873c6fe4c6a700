"""The one mrkdwn escaping rule: `&`, `<`, `>` as entities; our markup live; cuts never split either."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.fake_slack import mrkdwn_to_text
from handlers.blocks import kit
from handlers.blocks.limits import clip
from handlers.blocks.mrkdwn import Mrkdwn, domain_text, escape, joined, md, unescape

ROOT = Path(__file__).resolve().parents[3]


def test_the_three_control_characters_become_entities_and_nothing_else_changes() -> None:
    typed = "Q&A <!channel> 5 > 3 *bold* _it_ 'quote' \"double\" &lt;"
    assert escape(typed) == "Q&amp;A &lt;!channel&gt; 5 &gt; 3 *bold* _it_ 'quote' \"double\" &amp;lt;"
    assert unescape(escape(typed)) == typed  # what Slack shows is what was typed
    assert escape(escape(typed)) == escape(typed)  # escaped once: the result is Mrkdwn and passes as is


def test_a_template_escapes_its_values_and_keeps_our_markup() -> None:
    text = md("{who} scored “{title}” on {day:%a %-d %b}", who=kit.mention("U1"), title="<!here>",
              day=date(2026, 12, 8))
    assert text == "<@U1> scored “&lt;!here&gt;” on Tue 8 Dec"
    assert mrkdwn_to_text(text, {"U1": "Alex"}) == "@Alex scored “<!here>” on Tue 8 Dec"


def test_a_value_that_is_not_text_is_escaped_after_its_format_spec() -> None:
    class Typed:
        def __format__(self, spec: str) -> str:
            return f"<!here {spec}>"

        def __repr__(self) -> str:
            return "<!channel>"

    assert md("{x:spec} {x!r} {n:.1f}", x=Typed(), n=2) == "&lt;!here spec&gt; &lt;!channel&gt; 2.0"


def test_joining_and_adding_escape_the_plain_side_only() -> None:
    assert joined(", ", [kit.mention("U1"), "<@U2>"]) == "<@U1>, &lt;@U2&gt;"
    assert "<b> " + kit.mention("U1") == "&lt;b&gt; <@U1>"
    assert kit.mention("U1") + " & co" == "<@U1> &amp; co"
    assert isinstance(kit.mention("U1") + "x", Mrkdwn) and isinstance("x" + kit.mention("U1"), Mrkdwn)


def test_a_forged_id_cannot_close_our_mention_early() -> None:
    assert kit.mention("U1> <!channel") == "<@U1&gt; &lt;!channel>"


def test_domain_text_keeps_the_mentions_the_domain_wrote_and_escapes_what_it_quotes() -> None:
    said = "<@U123> is not on your team; `<!channel> <https://x.test|sign>` is not a skill & <@U9|sam>"
    assert domain_text(said) == ("<@U123> is not on your team; `&lt;!channel&gt; &lt;https://x.test|sign&gt;` "
                                 "is not a skill &amp; &lt;@U9|sam&gt;")


def test_a_mrkdwn_field_escapes_plain_text_and_a_plain_field_shows_it_as_typed() -> None:
    assert kit.section("<!channel>")["text"]["text"] == "&lt;!channel&gt;"
    assert kit.message("<!here>", [])["text"] == "&lt;!here&gt;"
    assert kit.header("<!channel> & co")["text"]["text"] == "<!channel> & co"
    assert kit.plain(md("{title}", title="a < b"))["text"] == "a < b"  # never `&lt;` on screen


_PIECES = [md("{t}", t="a<b&c>d"), kit.mention("U12345"), md("{t}", t=" & "),
           kit.local_time(datetime(2026, 12, 8, tzinfo=UTC)), md("xy")]
_LONG = joined("", _PIECES * 3)


@pytest.mark.parametrize("limit", range(2, len(_LONG) + 1))
def test_clipping_never_cuts_an_entity_or_our_markup_in_half(limit: int) -> None:
    cut = clip(_LONG, limit)
    assert len(cut) <= limit and isinstance(cut, Mrkdwn)
    assert not re.search(r"&(?!amp;|lt;|gt;)", cut), cut
    assert cut.count("<") == cut.count(">"), cut
    assert _LONG.startswith(cut.removesuffix("…"))
    assert kit.section(cut)["text"]["text"] == cut  # already escaped: not escaped again


def test_builders_write_our_markup_only_through_the_kit() -> None:
    """`Mrkdwn(...)` is made in the escaping module (and the kit, for text `message()` escaped already);
    `md()` takes a literal template, never an f-string that could hold someone's text."""
    problems = []
    for path in sorted((ROOT / "handlers").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if node.func.id == "Mrkdwn" and path.name not in ("mrkdwn.py", "kit.py"):
                problems.append(f"{where} builds Mrkdwn directly; use md()")
            if node.func.id == "md" and node.args and isinstance(node.args[0], ast.JoinedStr):
                problems.append(f"{where} passes an f-string to md(); pass values as arguments")
        if '"mrkdwn"' in path.read_text() and path.name != "kit.py":
            problems.append(f"{path.relative_to(ROOT)} builds a mrkdwn object itself; use the kit")
    assert problems == []
