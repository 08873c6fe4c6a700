"""Leading-indicator values recorded after a call, checked against what the catalog declares.

A debrief or a shadow observation carries a value per indicator of the
rep's focus skills. Each is optional (not every call has a proposal in it),
but a value that is given must make sense for its type: a count is a whole
number from 0, a percentage 0-100, days and minutes are not negative.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from domain.catalog.model import IndicatorType, LeadingIndicator

IndicatorValue = int | float | bool
# Upper bounds nobody reaches honestly; they keep a typo (or a crafted
# 10**30) out of the averages a scorecard shows.
_MAX = {
    IndicatorType.COUNT: 1000,
    IndicatorType.PERCENTAGE: 100,
    IndicatorType.DAYS: 3650,
    IndicatorType.MINUTES: 1440,
}
_RAW_MAX = 20  # characters: longer is not a number a person typed
YES, NO = "yes", "no"
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?", re.ASCII)


def parse_indicator(indicator: LeadingIndicator, raw: str | None) -> tuple[IndicatorValue | None, str | None]:
    """(value, None), (None, None) when left empty, or (None, problem) for the field's inline error."""
    text = (raw or "").strip()
    if not text:
        return None, None
    if indicator.type is IndicatorType.YES_NO:
        if text in (YES, NO):
            return text == YES, None
        return None, "Pick yes or no."
    if len(text) > _RAW_MAX:
        return None, f"Type a number for {indicator.unit}."
    if text.startswith("-") and _NUMBER.fullmatch(text[1:]):
        return None, "This cannot be negative."
    if not _NUMBER.fullmatch(text):
        # ASCII digits only (docs/slack-edge.md): Decimal would read "١٢" or "1e2" too.
        return None, f"Type a number for {indicator.unit}, e.g. 3."
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None, f"Type a number for {indicator.unit}, e.g. 3."
    if not number.is_finite():
        return None, f"Type a number for {indicator.unit}, e.g. 3."
    top = _MAX[indicator.type]
    if number < 0:
        return None, "This cannot be negative."
    if number > top:
        if indicator.type is IndicatorType.PERCENTAGE:
            return None, "A percentage goes from 0 to 100."
        return None, f"That is more than {top} {indicator.unit}; check the number."
    if indicator.type is IndicatorType.COUNT:
        if number != number.to_integral_value():
            return None, "Type a whole number."
        return int(number), None
    if number == number.to_integral_value():
        return int(number), None
    return float(round(number, 1)), None


def parse_indicators(indicators: Sequence[LeadingIndicator], raw: Mapping[str, str | None]
                     ) -> tuple[dict[str, IndicatorValue], dict[str, str]]:
    """Values and problems, both keyed by indicator id; ids not declared are ignored (a crafted payload)."""
    values: dict[str, IndicatorValue] = {}
    problems: dict[str, str] = {}
    for indicator in indicators:
        value, problem = parse_indicator(indicator, raw.get(indicator.id))
        if problem:
            problems[indicator.id] = problem
        elif value is not None:
            values[indicator.id] = value
    return values, problems


def shown(indicator: LeadingIndicator, value: IndicatorValue) -> str:
    """How a recorded value reads in a message: "yes", "4 questions", "35%"."""
    if isinstance(value, bool):
        return YES if value else NO
    if indicator.type is IndicatorType.PERCENTAGE:
        return f"{value}%"
    unit = indicator.unit
    # Catalog units are plural nouns ("use cases", "days"); one of them reads singular.
    if value == 1 and unit.endswith("s") and not unit.endswith("ss"):
        unit = unit[:-1]
    return f"{value} {unit}"
