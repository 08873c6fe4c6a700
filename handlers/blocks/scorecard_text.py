"""The words of a scorecard, shared by the rep's card, the manager's digest and the trend chart's alt text.

A number always comes with its unit, a change with an arrow for which way
the number went and a word for whether that is good: the arrow follows the
sign, the word follows the indicator's declared direction (fewer days to a
decision is ↓ and better). Text a person typed (a contract's target) is
returned as plain `str` for the kit to escape; the rest is `Mrkdwn` or
plain words.
"""

from __future__ import annotations

from datetime import date, timedelta

from domain.catalog.model import Aggregate, IndicatorType, LeadingIndicator
from domain.coaching.challenge import ChallengeProgress
from domain.coaching.cycle import CYCLE_WEEKS, STAGE_STARTS, Stage
from domain.coaching.leading import MIN_CALLS, TOO_FEW, Direction, WeekValue
from domain.coaching.scorecard import SHADOW_TARGET, Change, Scorecard
from handlers.blocks.kit import counted

ARROWS = {"up": "↑", "down": "↓", "same": "→"}
TARGET_SHOWN = 60  # characters of a typed target ("8 per discovery call"): a line, not a paragraph


def _week_span(monday: date) -> str:
    """`23-29 Nov`, `30 Nov-6 Dec`: the rep's Monday to Sunday."""
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}-{sunday:%-d %b}"
    return f"{monday:%-d %b}-{sunday:%-d %b}"


def week_title(monday: date) -> str:
    """`Week 48 · 23-29 Nov`."""
    return f"Week {monday.isocalendar()[1]} · {_week_span(monday)}"


def short_week(monday: date) -> str:
    """`W48`: the chart's axis and its alt text."""
    return f"W{monday.isocalendar()[1]:02d}"


def cycle_text(card: Scorecard) -> str | None:
    return None if card.cycle_week is None else f"cycle week {card.cycle_week} of {CYCLE_WEEKS}"


def _shadow_target_applies(card: Scorecard) -> bool:
    """The 2-3 shadowed calls a week are asked for in the Develop weeks (3-6) only."""
    develop = range(STAGE_STARTS[Stage.DEVELOP], STAGE_STARTS[Stage.HABIT])
    return card.cycle_week is not None and card.cycle_week in develop


def calls_text(card: Scorecard) -> str:
    """`3 debriefed · 1 shadowed (target 2-3)`, and `· 3 of 4 commitments kept on time` once any fell due."""
    low, high = SHADOW_TARGET
    target = f" (target {low}-{high})" if _shadow_target_applies(card) else ""
    kept = card.commitments
    promised = f" · {kept.kept} of {kept.due} commitments kept on time" if kept is not None else ""
    return f"{card.debriefed} debriefed · {card.shadowed} shadowed{target}{promised}{challenge_text(card.challenge)}"


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def value_text(indicator: LeadingIndicator, value: float) -> str:
    """A weekly value with its unit: `6.5 questions`, `55%`, `60% of calls` (a yes/no's rate of yes)."""
    how = indicator.aggregation
    if how is Aggregate.RATE:
        return f"{_number(value)}% of calls"
    if indicator.type is IndicatorType.PERCENTAGE:
        return f"{_number(value)}%"
    if indicator.type is IndicatorType.YES_NO:  # a total of yes
        return counted(round(value, 1), "call with yes", "calls with yes")
    unit = indicator.unit
    if value == 1 and unit.endswith("s") and not unit.endswith("ss"):
        unit = unit[:-1]
    return f"{_number(value)} {unit}"


def _amount_text(indicator: LeadingIndicator, amount: float) -> str:
    """A change or a distance: `1.5 questions`, `4 points` (of a percentage or a rate)."""
    if indicator.aggregation is Aggregate.RATE or indicator.type is IndicatorType.PERCENTAGE:
        return counted(round(abs(amount), 1), "point")
    return value_text(indicator, abs(amount))


def _arrow(change: float) -> str:
    return ARROWS["up" if change > 0 else "down" if change < 0 else "same"]


def _change_text(indicator: LeadingIndicator, value: WeekValue) -> str | None:
    """`↑ 1.5 questions, better`, `↓ 3 days, better`, `→ same as last week`; None without a change to show."""
    if value.change is None or value.direction is None:
        return None
    if value.direction is Direction.SAME:
        return f"{_arrow(0)} same as last week"
    return f"{_arrow(value.change)} {_amount_text(indicator, value.change)}, {value.direction.value}"


def _too_few_text(value: WeekValue) -> str:
    """`too few calls (2)` this week, or last week's lack when this week had enough."""
    if value.calls < MIN_CALLS:
        return f"{TOO_FEW} ({value.calls})"
    return f"{TOO_FEW} last week to compare"


def _target_text(indicator: LeadingIndicator, value: WeekValue) -> str | None:
    """`target 8 per discovery call · 1.5 questions to go` or `target 8 · reached`; None without a target.

    The target's text is the contract's, as someone typed it: a plain `str` the kit escapes.
    """
    target = value.target
    if target is None:
        return None
    typed = " ".join(target.text.split())
    typed = typed if len(typed) <= TARGET_SHOWN else typed[: TARGET_SHOWN - 1] + "…"
    if value.reached:
        return f"target {typed} · reached"
    if value.gap is not None:
        return f"target {typed} · {_amount_text(indicator, value.gap)} to go"
    return f"target {typed}"


def agreement_text(indicator: LeadingIndicator, value: WeekValue, rep_name: str, *, viewer: str) -> str | None:
    """When the rep's count of a shadowed call differed from the observer's; None when they agreed."""
    agreement = value.agreement
    if agreement is None or agreement.difference == 0:
        return None
    calls = counted(agreement.calls, "shadowed call")
    rep_said, counted_as = value_text(indicator, agreement.rep), value_text(indicator, agreement.observer)
    if viewer == "rep":
        return f"On {calls}: you said {rep_said}, your manager counted {counted_as} (the manager's count is used)"
    return f"On {calls}: {rep_name} said {rep_said}, the manager counted {counted_as} (the manager's count is used)"


def indicator_words(indicator: LeadingIndicator, value: WeekValue) -> str:
    """One indicator's week in plain words, without its name: value, change or why none, target."""
    if value.value is None:
        parts = ["not recorded this week"]
    else:
        parts = [f"{value_text(indicator, value.value)} ({counted(value.calls, 'call')})"]
    change = _change_text(indicator, value)
    if change is not None:
        parts.append(change)
    elif value.too_few and value.value is not None:  # "not recorded" already says there is nothing to compare
        parts.append(_too_few_text(value))
    target = _target_text(indicator, value)
    if target is not None:
        parts.append(target)
    return " · ".join(parts)


def headline_text(change: Change) -> str:
    """`Questions asked per discovery call 5 → 6.5 questions (↑ better)`: the digest's line for one rep."""
    indicator, value = change.indicator.indicator, change.value
    assert value.value is not None and value.change is not None and value.direction is not None
    before = value.value - value.change
    word = value.direction.value
    return (f"{indicator.name}: {_number(before)} → {value_text(indicator, value.value)} "
            f"({_arrow(value.change)} {word})")


def challenge_text(figures: ChallengeProgress | None) -> str:
    """` · challenge: streak 4 (longest 6), compliance 90%, 12 days left` while a 21-day challenge counts (issue 13)."""
    if figures is None:
        return ""
    rate = "-" if figures.compliance is None else f"{round(figures.compliance * 100)}%"
    if figures.complete:
        return f" · challenge finished: compliance {rate}, longest streak {figures.longest_streak}"
    return (f" · challenge: streak {figures.streak} (longest {figures.longest_streak}), compliance {rate}, "
            f"{figures.days_left} days left")
