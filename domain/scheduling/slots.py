"""Weekly slots: a weekday and local time a workspace chooses for several kinds at once.

The Friday scorecard, the manager's team digest and the peer-learning ask
share the slot "scorecard": an admin who moves it (`/coach admin scorecard
thu 16:00`) moves them all, and each still comes at that local time in each
person's own zone. The kinds declare `slot=SCORECARD_SLOT` and
`day_off_goes_back=True`, so a Sun-Thu team gets its Friday scorecard on
Thursday; the calendar applies both (`calendar.on_workspace_schedule`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from domain.model import WeeklyTime, WorkspaceSettings
from domain.scheduling.calendar import on_workspace_schedule
from domain.scheduling.kinds import Cadence, NotificationKind

SCORECARD_SLOT = "scorecard"
SCORECARD_DEFAULT = WeeklyTime(SCORECARD_SLOT, 4, time(15, 0))  # Fridays 15:00, each person's local time
# Scorecards look back over the week just worked: a day off sends them on the working day before.
SCORECARD_GOES_BACK = True

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_WORDS = {
    **{name.lower(): number for number, name in enumerate(DAY_NAMES)},
    **{f"{name.lower()}s": number for number, name in enumerate(DAY_NAMES)},  # "fridays"
    **{name[:3].lower(): number for number, name in enumerate(DAY_NAMES)},
    "tues": 1, "thur": 3, "thurs": 3,
}


def weekday_named(word: str) -> int | None:
    """`thu`, `Thursday`, `thurs` -> 3 (`date.weekday()`); None for anything else."""
    return _DAY_WORDS.get(word.strip().lower())


def delivered_weekday(weekday: int, working_days: Iterable[int], *, goes_back: bool) -> int | None:
    """The weekday a weekly kind set for `weekday` actually comes on in a week without holidays.

    On a working day, that day. Otherwise a kind that goes back takes the
    last working day before it in its Mon-Sun week (then the first after
    it); any other weekly kind the next working day within seven days.
    None when the work week is empty.
    """
    days = frozenset(working_days)
    if weekday in days:
        return weekday
    if goes_back:
        order = [*range(weekday - 1, -1, -1), *range(weekday + 1, 7)]
    else:
        order = [(weekday + ahead) % 7 for ahead in range(1, 7)]
    return next((day for day in order if day in days), None)


def timing_for(kind: NotificationKind, settings: WorkspaceSettings) -> str:
    """When `kind` comes in this workspace, in words: "Thursdays 16:00 your time" for a weekly
    kind (its slot's time and the work week applied), "Second Wednesday of the month, 09:00 your time"
    for a monthly one on its slot, else the kind's own `timing`."""
    if kind.when is None and kind.cadence is Cadence.MONTHLY:  # the workspace's n-th weekday, if it chose one
        return on_workspace_schedule(kind, settings).timing
    if kind.when is not None or kind.cadence is not Cadence.WEEKLY or kind.weekday is None:
        return kind.timing
    effective = on_workspace_schedule(kind, settings)
    weekday = effective.weekday if effective.weekday is not None else kind.weekday
    if effective.respects_working_days:
        found = delivered_weekday(weekday, settings.working_days, goes_back=effective.day_off_goes_back)
        weekday = found if found is not None else weekday
    return f"{DAY_NAMES[weekday]}s {effective.wall_time:%H:%M} your time"
