"""A rep's comment on their own scorecard, for their manager ("Add a comment for my manager").

A scorecard's week travels as its ISO week label ("2026-W50") in the
button's value and the modal's metadata, where anyone holding a signed
request could put anything; `IsoWeek.parse` reads only a real ISO week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.coaching.debriefs import week_label
from domain.model import WorkspaceRef

WEEK_LABEL_LENGTH = 8  # "2026-W50": scorecard_comments.week
_LABEL = re.compile(r"([0-9]{4})-W([0-9]{2})", re.ASCII)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO week (Monday to Sunday): the week of one scorecard."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def parse(cls, label: object) -> IsoWeek | None:
        """The week a label names, or None for anything that is not one ("2026-W54", "2025-W53", "W50")."""
        found = _LABEL.fullmatch(label) if isinstance(label, str) else None
        if found is None:
            return None
        year, number = int(found.group(1)), int(found.group(2))
        try:
            date.fromisocalendar(year, number, 1)  # refuses week 53 of a 52-week year, week 0, year 0
        except ValueError:
            return None
        return cls(year, number)

    @property
    def label(self) -> str:
        return week_label(self.monday)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


@dataclass(frozen=True)
class ScorecardComment:
    """What a rep wrote about their week's scorecard, sent to the manager they had when they wrote it."""

    workspace: WorkspaceRef
    rep_id: str
    manager_id: str
    week: str  # the ISO week label, "2026-W50"
    text: str
    created_at: datetime | None = None
    id: int | None = None
