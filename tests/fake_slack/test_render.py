"""Block Kit rendered as text a person can read in the demo transcript."""

from __future__ import annotations

from typing import Any

import pytest

from bot.fake_slack import mrkdwn_to_text, render_blocks, render_message, render_view


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


NAMES = {"U1": "Maria López", "U2": "Sam Okafor"}

HOME = {
    "type": "home",
    "blocks": [
        {"type": "header", "text": plain("Coachflow")},
        {"type": "section", "text": md(
            "Hi <@U1>, you coach *2 reps*. Read the <https://example.com/guide|coaching guide> before "
            "Monday's one-on-ones so the first week goes smoothly for everyone."
        )},
        {"type": "context", "elements": [md("Workspace: Demo Co"), md("Updated 09:00")]},
        {"type": "divider"},
        {"type": "header", "text": plain("Your team")},
        {
            "type": "section",
            "text": md("*<@U2>* · America/Chicago"),
            "accessory": {"type": "button", "text": plain("Remove"), "action_id": "remove_rep", "value": "U2"},
        },
        {"type": "section", "fields": [md("*Calls*\n12"), md("*Meetings*\n3"), md("*Stage*\nDiscovery")]},
        {"type": "actions", "elements": [
            {"type": "button", "text": plain("Add reps"), "action_id": "add"},
            {"type": "button", "text": plain("Settings"), "action_id": "settings"},
        ]},
    ],
}

EXPECTED_HOME = """\
+-- App Home ----------------------------------------------------------------+
Coachflow
=========
Hi @Maria López, you coach *2 reps*. Read the coaching guide
(https://example.com/guide) before Monday's one-on-ones so the first week goes
smoothly for everyone.
  · Workspace: Demo Co  ·  Updated 09:00
------------------------------------------------------------------------------

Your team
=========
*@Sam Okafor* · America/Chicago                                     [ Remove ]
*Calls*                                 *Meetings*
12                                      3
*Stage*
Discovery
[ Add reps ]  [ Settings ]
+----------------------------------------------------------------------------+"""


def test_a_home_view_reads_like_the_screen() -> None:
    rendered = render_view(HOME, names=NAMES)
    assert rendered == EXPECTED_HOME
    assert max(len(line) for line in rendered.splitlines()) <= 78


def test_a_modal_shows_its_title_inputs_hints_and_buttons() -> None:
    modal = {
        "type": "modal",
        "title": plain("Add reps"),
        "submit": plain("Add to team"),
        "blocks": [
            {"type": "input", "block_id": "r", "label": plain("Reps"), "hint": plain("Up to 25 people."),
             "element": {"type": "multi_users_select", "action_id": "x", "placeholder": plain("Choose people")}},
            {"type": "input", "block_id": "n", "label": plain("Note"), "optional": True,
             "element": {"type": "plain_text_input", "action_id": "y"}},
            {"type": "input", "block_id": "u", "label": plain("Manager"),
             "element": {"type": "users_select", "action_id": "z", "initial_user": "U1"}},
        ],
    }
    lines = render_view(modal, names=NAMES).splitlines()
    assert lines[0].startswith("+-- Add reps (modal) ---")
    assert lines[1:5] == [
        "Reps: [ Choose people v ]",
        "    (Up to 25 people.)",
        "Note (optional): ________",
        "Manager: [ @Maria López v ]",
    ]
    assert lines[5].endswith("[ Cancel ]  [ Add to team ]")  # Slack adds Cancel when there is a submit


def test_long_fields_become_bullets() -> None:
    rendered = render_blocks([{"type": "section", "fields": [md("short"), md("x " * 30)]}])
    assert rendered.splitlines()[0] == "• short"


def test_a_message_without_blocks_renders_its_text_wrapped() -> None:
    text = "Hello <@U1>! " * 10
    rendered = render_message({"text": text, "ts": "1.0"}, names=NAMES)
    assert "@Maria López!" in rendered
    assert all(len(line) <= 78 for line in rendered.splitlines())
    assert render_message({"text": "fallback", "blocks": [{"type": "divider"}]}) == "-" * 78


@pytest.mark.parametrize(
    ("mrkdwn", "plain_text"),
    [
        ("<@U1>", "@Maria López"),
        ("<@U9>", "@U9"),
        ("<@U9|sam>", "@sam"),
        ("<#C1|general>", "#general"),
        ("<!here>", "@here"),
        ("<!date^1700000000^{date}|Nov 14>", "Nov 14"),
        ("<https://x.test|the docs>", "the docs (https://x.test)"),
        ("<https://x.test>", "https://x.test"),
        ("a &amp; b &lt;c&gt;", "a & b <c>"),
        # Escaped text reads as typed; Slack decodes only its three entities, once.
        ("&lt;!channel&gt; &lt;https://x.test|sign&gt;", "<!channel> <https://x.test|sign>"),
        ("&amp;lt;b&amp;gt; &#39; &quot;", "&lt;b&gt; &#39; &quot;"),
    ],
)
def test_mrkdwn_escapes(mrkdwn: str, plain_text: str) -> None:
    assert mrkdwn_to_text(mrkdwn, NAMES) == plain_text


def test_rich_text_and_unknown_elements_do_not_crash() -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "rich_text", "elements": [
            {"type": "rich_text_section", "elements": [
                {"type": "text", "text": "Ping "}, {"type": "user", "user_id": "U2"}]},
            {"type": "rich_text_list", "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]}]},
        ]},
        {"type": "image", "image_url": "https://x.test/a.png", "alt_text": "chart"},
        {"type": "actions", "elements": [{"type": "overflow", "action_id": "o"}, {"type": "mystery"}]},
    ]
    assert render_blocks(blocks, NAMES).splitlines() == [
        "Ping @Sam Okafor",
        "• one",
        "[image: chart]",
        "[ ... ]  [mystery]",
    ]
