"""A 1:1's takeaways: what the rep and manager agreed on or learned, and which agenda items they covered (issue 12).

Rules:
- The session's manager (or a workspace admin) records them, from
  `EARLY` before the session starts and any time after (days later too);
  never for a cancelled session. The rep reads them, and is told each time.
- Recording again replaces them, keeping who changed them and when; the
  versions replaced are kept, newest last, up to `KEPT_VERSIONS`.
- Covered items are items of the rep's pre-work agenda for that session;
  the next session's pre-work offers only the items not covered (all of
  them when no takeaways were recorded).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.coaching.sessions import CoachingSession
from domain.field_lengths import TAKEAWAYS_TEXT, text_problem
from domain.model import WorkspaceRef

EARLY = timedelta(minutes=15)  # a manager opening the 1:1 a little early can start writing
KEPT_VERSIONS = 5  # earlier versions kept; enough to see a change, small enough for one JSON column
# Field keys of the problems, shared with the modal's reader.
TEXT, COVERED = "takeaways", "covered"


@dataclass(frozen=True)
class TakeawaysVersion:
    """A replaced version: what it said, and who wrote it when."""

    text: str
    covered: tuple[str, ...]
    by: str
    at: datetime


@dataclass(frozen=True)
class Takeaways:
    workspace: WorkspaceRef
    session_id: int
    rep_id: str
    text: str
    covered: tuple[str, ...] = ()  # agenda items of the session's pre-work, in agenda order
    by: str = ""  # who recorded this version
    updated_at: datetime | None = None
    history: tuple[TakeawaysVersion, ...] = ()  # replaced versions, oldest first

    def replaced_by(self, text: str, covered: tuple[str, ...], by: str, now: datetime) -> Takeaways:
        """The new version; this one joins the history (the oldest dropped beyond `KEPT_VERSIONS`)."""
        kept = TakeawaysVersion(self.text, self.covered, self.by, self.updated_at or now)
        history = (*self.history, kept)[-KEPT_VERSIONS:]
        return replace(self, text=text, covered=covered, by=by, history=history, updated_at=None)

    def is_covered(self, item: str) -> bool:
        return item.casefold() in {c.casefold() for c in self.covered}


def recordable(session: CoachingSession, now: datetime) -> bool:
    """From `EARLY` before the start, any time after; never once cancelled."""
    return session.is_scheduled and now >= session.starts_at - EARLY


def covered_of(agenda: tuple[str, ...], ticked: list[int]) -> tuple[str, ...]:
    """The agenda items ticked (indices into `agenda`), in agenda order; unknown indices are ignored."""
    chosen = {n for n in ticked if 0 <= n < len(agenda)}
    return tuple(item for n, item in enumerate(agenda) if n in chosen)


def not_covered(agenda: tuple[str, ...], takeaways: Takeaways | None) -> tuple[str, ...]:
    """What still carries forward: all of the agenda without takeaways, else the items not covered."""
    if takeaways is None:
        return agenda
    return tuple(item for item in agenda if not takeaways.is_covered(item))


def takeaways_problems(text: str) -> dict[str, str]:
    """Inline problems by field key; empty when the takeaways can be stored."""
    if not text.strip():
        return {TEXT: "Write what you agreed on or learned, even in one line."}
    if problem := text_problem(text, TAKEAWAYS_TEXT):
        return {TEXT: problem}
    return {}
