"""Reading the demo's transcript: one scene, one box, a box's lines joined back."""

from __future__ import annotations

import re


def scene(demo: str, title_start: str) -> str:
    """The transcript of one numbered scene, up to the next one."""
    found = rf"\n\d+\. {re.escape(title_start)}.*?\n(.*?)(?=\n━+\n\d+\. |\n━+\nDemo finished)"
    match = re.search(found, demo, re.DOTALL)
    assert match, f"no scene starting {title_start!r}"
    return match.group(1)


def flat(text: str) -> str:
    """A box's lines joined back into one text, as wrapped for the terminal."""
    return re.sub(r"\n\s*│ ", " ", text)


def box_after(text: str, marker: str) -> str:
    """The first box after `marker` in `text`."""
    start = text.index(marker)
    match = re.search(r"┌─ [^\n]*\n(.*?)\n\s*└─", text[start:], re.DOTALL)
    assert match, f"no box after {marker!r}"
    return match.group(1)


def box(text: str, label: str) -> str:
    """The first box whose heading starts with `label` ("DM from Coachflow to Bea")."""
    match = re.search(rf"┌─ {re.escape(label)}[^\n]*\n(.*?)\n\s*└─", text, re.DOTALL)
    assert match, f"no box {label!r}"
    return match.group(1)
