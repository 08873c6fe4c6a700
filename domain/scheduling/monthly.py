"""The "n-th weekday of the month" option of the MONTHLY cadence ("the first Tuesday, 10:00").

A monthly kind names either a `day_of_month` (the 1st, the 31st clamped to
the month's end) or a `weekday` with a `week_of_month` (1-4: the first to
the fourth such weekday, which every month has). Either way the date found
is the month's *period*, the ledger key's: a first Tuesday that is a holiday
still sends that month's occurrence on the next working day of the month
(the calendar's MONTHLY rule), under the same key. The local time resolves in
each person's own zone like every other cadence (`calendar.resolve_local`),
so a clock change between two months moves nothing on the wall. Pure.
"""

from __future__ import annotations

from datetime import date, timedelta

ORDINALS = ("first", "second", "third", "fourth")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nth_weekday(year: int, month: int, weekday: int, week_of_month: int) -> date:
    """The `week_of_month`-th (1-4) day of `month` with `date.weekday() == weekday`."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week_of_month - 1))


def nth_weekday_words(week_of_month: int, weekday: int) -> str:
    """1, 1 -> "First Tuesday"."""
    return f"{ORDINALS[week_of_month - 1].capitalize()} {_DAY_NAMES[weekday]}"


def monthly_problems(monthly: bool, day_of_month: int | None, week_of_month: int | None,
                     weekday: int | None) -> list[tuple[bool, str]]:
    """`NotificationKind`'s checks of the monthly fields, as (broken, problem) pairs."""
    by_weekday = week_of_month is not None
    return [
        (by_weekday and not monthly, "only a monthly kind falls on an n-th weekday of the month"),
        (by_weekday and bool(day_of_month), "a monthly kind takes a day_of_month or a week_of_month, not both"),
        (by_weekday and not 1 <= (week_of_month or 0) <= len(ORDINALS),
         "week_of_month is 1-4 (every month has four of each weekday)"),
        (by_weekday and (weekday is None or not 0 <= weekday <= 6),
         "an n-th weekday of the month needs a weekday (0-6)"),
    ]
