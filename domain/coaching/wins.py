"""Success stories ("wins", issue 13): what a rep did, the skill behind it, the words that worked, the outcome.

A story is the rep's own: private to them and the manager they had when
they wrote it, unless they ticked "Share with my team" (`consent`), the
only way it reaches the team channel or other people's `/coach wins`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from domain.model import WorkspaceRef

SOURCE_LENGTH = 16  # success_stories.source: "home", "challenge", "command"


class WinSource(str, enum.Enum):
    """Where the rep opened the form: their App Home, the 21-day challenge's completion, or `/coach win`."""

    HOME = "home"
    CHALLENGE = "challenge"
    COMMAND = "command"

    @classmethod
    def read(cls, raw: object) -> WinSource | None:
        """The source a form's metadata names, or None for anything we never wrote."""
        return next((s for s in cls if s.value == raw), None)


@dataclass(frozen=True)
class WinDraft:
    """What the rep typed in the form, not checked yet."""

    what_happened: str
    skill: str
    approach: str
    outcome: str
    consent: bool


@dataclass(frozen=True)
class SuccessStory:
    """One win, as stored. `manager_id`: the rep's manager when they wrote it (the one told)."""

    workspace: WorkspaceRef
    rep_id: str
    manager_id: str | None
    skill: str  # a competency id of the catalog
    what_happened: str
    approach: str  # the specific language or approach that worked
    outcome: str  # "average deal size +35%"
    consent: bool  # "Share with my team": the only way it reaches the channel or other people
    source: WinSource
    posted_channel: str | None = None  # the team channel it was posted to, once posted
    posted_ts: str | None = None
    created_at: datetime | None = None
    id: int | None = None

    def visible_to(self, viewer_id: str, managed: frozenset[str]) -> bool:
        """The privacy rule: shared with consent, or the viewer's own, or one of the viewer's reps'."""
        return self.consent or self.rep_id == viewer_id or self.rep_id in managed
