"""The seed's target of 2-3 shadowed calls per rep per week, and who is behind it.

"This week" is a calendar week, Monday to Sunday (`week_of`), in the time
zone of whoever is looking: the manager's own week on their App Home and in
their confirmation. Every observation of the rep counts, whoever made it (a
rep who moved teams mid-week keeps the calls shadowed before the move).

Behind: the target is at least two shadowed calls by the end of the week,
and a manager cannot shadow five calls on a Friday, so the count is held
against the part of the week that has passed:
- Monday and Tuesday: nobody is behind yet;
- Wednesday: behind with no shadowed call (one is expected by mid-week);
- Thursday to Sunday: behind with fewer than two (two working days are left
  for the calls the target asks for; at the weekend the week missed it).
The target applies while the rep's cycle is in its Develop stage (weeks
3-6, DESIGN.md 2.1); before and after, the count is shown but nobody is
behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.coaching.debriefs import SHADOW_TARGET, ShadowObservation, week_of

WEDNESDAY, THURSDAY = 2, 3


def expected_by(day: date) -> int:
    """How many shadowed calls the target expects by `day` of its week (see the module's docstring)."""
    low, _high = SHADOW_TARGET
    if day.weekday() >= THURSDAY:
        return low
    if day.weekday() == WEDNESDAY:
        return 1
    return 0


@dataclass(frozen=True)
class ShadowWeek:
    """One rep's shadowed calls in the week of `today` (the looker's today), newest call first."""

    rep_id: str
    today: date
    calls: tuple[ShadowObservation, ...] = ()
    targeted: bool = True  # the rep's cycle is in its Develop stage: the 2-3 target applies

    @property
    def first(self) -> date:
        return week_of(self.today)[0]

    @property
    def last(self) -> date:
        return week_of(self.today)[1]

    @property
    def count(self) -> int:
        return len(self.calls)

    @property
    def target(self) -> tuple[int, int]:
        return SHADOW_TARGET

    @property
    def met(self) -> bool:
        return self.count >= SHADOW_TARGET[0]

    @property
    def behind(self) -> bool:
        return self.targeted and self.count < expected_by(self.today)

    @property
    def still_needed(self) -> int:
        """Shadowed calls still needed this week for the target's low end (0 once met)."""
        return max(SHADOW_TARGET[0] - self.count, 0)


def week_for(rep_id: str, today: date, observations: list[ShadowObservation], targeted: bool = True) -> ShadowWeek:
    """The rep's `ShadowWeek` from any of their observations (those outside the week are left out)."""
    first, last = week_of(today)
    calls = sorted((o for o in observations if first <= o.call_on <= last),
                   key=lambda o: (o.call_on, o.id or 0), reverse=True)
    return ShadowWeek(rep_id, today, tuple(calls), targeted)
