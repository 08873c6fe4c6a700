"""One escaping rule for Slack mrkdwn: what a person wrote is shown, never obeyed.

Slack reads `&`, `<` and `>` as control characters in mrkdwn and asks apps to
send them as `&amp;`, `&lt;` and `&gt;` (api.slack.com/reference/surfaces/formatting,
"Escaping text"). Unescaped, a call title of `<!channel>` pings a channel and
`<https://evil.example|Sign here>` arrives as a live link.

So the kit treats every plain `str` as someone's text and escapes it where it
enters a mrkdwn field (`kit.mrkdwn`, `section`, `fields`, `context`,
`confirm_dialog`, a message's `text`). Markup we write ourselves is a
`Mrkdwn`, made only through this module: `md()` (a literal template whose
values are escaped; the kit's `mention()` and `local_time()` use it),
`joined()` and `domain_text()`.
Forgetting one therefore shows our mention as text instead of letting a
person's text run live. Plain-text fields (headers, buttons, options, modal
labels) are not parsed by Slack and take the person's text as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_ENTITY = re.compile("&(amp|lt|gt);")
_LONGEST_ENTITY = len("&amp;")
# The user mentions our domain layer writes into its messages, `<@U123>`.
_USER_MENTION = re.compile(r"(<@[UW][A-Z0-9]+>)")


class Mrkdwn(str):
    """mrkdwn we wrote: its markup is live and any person's text in it is escaped.

    Joining or adding a plain `str` escapes that `str`; any other string
    operation gives a plain `str` back, which a mrkdwn field escapes again
    (safe, and visible in tests as a dead mention).
    """

    __slots__ = ()

    def __add__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(self, escape(other)))

    def __radd__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(escape(other), self))

    def join(self, parts: Iterable[str]) -> Mrkdwn:
        return Mrkdwn(str.join(self, [escape(part) for part in parts]))


def escape(text: str) -> Mrkdwn:
    """A person's text as mrkdwn that shows it as typed; `Mrkdwn` is already escaped and passes as is."""
    if isinstance(text, Mrkdwn):
        return text
    # `&` first, so the entities made for `<` and `>` are not escaped again.
    return Mrkdwn(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def unescape(text: str) -> str:
    """What Slack shows for escaped mrkdwn: the three entities decoded, in one pass, nothing else."""
    return _ENTITY.sub(lambda found: {"amp": "&", "lt": "<", "gt": ">"}[found.group(1)], text)


class _Escaped:
    """A value that is not text (a date, an enum): formatted with its spec, then escaped."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return escape(format(self.value, spec))

    def __str__(self) -> str:
        return escape(str(self.value))

    def __repr__(self) -> str:
        return escape(repr(self.value))


def _fill(value: object) -> object:
    if isinstance(value, str):
        return escape(value)  # Mrkdwn passes as is
    if type(value) in (int, float):
        return value  # digits, a sign, a point: nothing to escape
    return _Escaped(value)


def md(template: str, /, *args: Any, **values: Any) -> Mrkdwn:
    """Our markup with values filled in: `md("*{who}* wrote “{title}”", who=mention(u), title=t)`.

    The template is ours (a literal: never an f-string holding someone's text);
    each value is escaped unless it is `Mrkdwn`, after its format spec
    (`{day:%a %-d %b}`) is applied.
    """
    return Mrkdwn(template.format(*map(_fill, args), **{name: _fill(value) for name, value in values.items()}))


def joined(separator: str, parts: Iterable[str]) -> Mrkdwn:
    """`separator.join(parts)` that keeps `Mrkdwn` parts live and escapes the rest."""
    return Mrkdwn(separator).join(parts)


def domain_text(text: str) -> Mrkdwn:
    """A message our domain layer wrote (an error, a contract's history): its `<@U…>` mentions stay live.

    Everything else is escaped: such messages may quote what the reader typed
    (a skill name, a CSV cell) and that must not become a broadcast or a link.
    """
    return Mrkdwn("".join(part if _USER_MENTION.fullmatch(part) else escape(part)
                          for part in _USER_MENTION.split(text)))


def clip_mrkdwn(text: Mrkdwn, limit: int) -> Mrkdwn:
    """`text` in at most `limit` characters, cut before an entity or a `<…>` it would split."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    ampersand = text.rfind("&", max(0, cut - _LONGEST_ENTITY + 1), cut)
    if ampersand != -1 and ";" not in text[ampersand:cut]:
        cut = ampersand
    # In our markup a raw `<` only opens a mention, date or link we built; a person's `<` is `&lt;`.
    opened = text.rfind("<", 0, cut)
    if opened != -1 and ">" not in text[opened:cut]:
        cut = opened
    return Mrkdwn(str.__add__(text[:cut], "…"))
