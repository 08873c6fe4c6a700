"""What one person writes reaches another as text: no live broadcast, mention or link, whatever the builder.

Each builder in `handlers.blocks` is called with hostile text wherever a
person's text can go (`hostile_cases.py`). In every mrkdwn string it returns
(mrkdwn text objects and a message's `text`), the only live markup is ours:
mentions of the people involved and dates. The person's text still shows as
typed, the way Slack would display it, and plain-text fields are not escaped
twice.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import handlers.blocks
from bot.fake_slack import check_view, mrkdwn_to_text
from tests.unit.handlers.hostile_cases import (
    CASES,
    HOSTILE,
    NO_PERSON_TEXT,
    OUR_IDS,
    Call,
    foreign_markup,
    mrkdwn_and_plain,
)

_BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")

_CASES = [pytest.param(call, id=f"{name}[{n}]") for name, calls in CASES.items() for n, call in enumerate(calls)]


@pytest.mark.parametrize("call", _CASES)
def test_a_persons_text_never_becomes_live_markup(call: Call) -> None:
    built = call.build()
    mrkdwn, plain = mrkdwn_and_plain(built)
    allowed = OUR_IDS | ({"U0VICTIM"} if call.requester_mentions_kept else set())
    for text in mrkdwn:
        assert foreign_markup(text, allowed) == [], text
        assert not _BARE_AMPERSAND.search(text), f"an entity cut or left unescaped in {text!r}"
        # Our own markup stays live: nobody's mention or date shows as text.
        assert not re.search(r"&lt;(@U(REP|MGR|ADMIN)|!date)", text), text
    shown = [mrkdwn_to_text(text) for text in mrkdwn] + plain
    assert not any("@channel" in s or "@here" in s or "@everyone" in s for s in map(mrkdwn_to_text, mrkdwn))
    assert not any("&lt;!channel" in s for s in plain), "plain text is not parsed by Slack: escaping it shows &lt;"
    if call.shows_person_text:
        # Escaped, not dropped: the reader sees what was typed (a clipped copy at least starts the same).
        assert any(HOSTILE in s or (len(s) < len(HOSTILE) * 4 and HOSTILE[:40] in s) for s in shown), shown
    if isinstance(built, dict) and built.get("type") in ("modal", "home"):
        assert check_view(built) == []


def _public_builders() -> set[str]:
    found = set()
    for info in pkgutil.iter_modules(handlers.blocks.__path__):
        module = importlib.import_module(f"handlers.blocks.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{info.name}.{name}")
    return found


def test_every_builder_is_rendered_with_hostile_text_or_says_why_not() -> None:
    builders = _public_builders()
    missing = builders - set(CASES) - set(NO_PERSON_TEXT)
    assert not missing, f"add to CASES or NO_PERSON_TEXT in tests/unit/handlers/hostile_cases.py: {sorted(missing)}"
    assert not (set(CASES) | set(NO_PERSON_TEXT)) - builders, "hostile_cases.py names builders that no longer exist"
