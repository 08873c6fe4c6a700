"""Slack markup turned into plain text, for what the CLI prints.

Domain messages are written for Slack (`<@U123> is not on your team`); an
operator's terminal gets `U123 is not on your team`. Slack replies keep their
markup: this is applied only where the CLI prints.
"""

from __future__ import annotations

import re

# <@U123>, <@U123|alex>, <#C123|general>, <!here>, <!subteam^S1|@sales>, <https://x|label>
_MARKUP = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")


def plain(text: str) -> str:
    """`<@U1|alex> in <#C1|general>, see <https://x.example|the guide>` -> `alex (U1) in #general, see the guide (https://x.example)`."""
    return _unescape(_MARKUP.sub(_replace, text))


def _replace(match: re.Match[str]) -> str:
    sigil, target, label = match.group(1), match.group(2), match.group(3)
    if sigil == "@":
        return f"{label} ({target})" if label and label != target else target
    if sigil == "#":
        return f"#{label}" if label else f"#{target}"
    if sigil == "!":
        return label or f"@{target.split('^', 1)[0]}"
    if target.startswith(("http://", "https://", "mailto:")):
        return f"{label} ({target})" if label else target
    return match.group(0)  # not markup: someone's own angle brackets


def _unescape(text: str) -> str:
    # Slack's three escapes; &amp; last so "&amp;lt;" stays "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
