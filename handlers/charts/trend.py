"""The scorecard's trend chart: each focus skill's indicators over the cycle's weeks, and the same in words.

Small multiples, one panel per indicator with its own y axis in its own unit
(questions, days, % of calls): indicators differ in scale and in which way
is better, so one shared "% of target" axis would hide that fewer days is
good. Each panel has the weekly values as labelled points, the contract's
target as a dashed line, and says which way is better. A week with fewer
than `MIN_CALLS` calls is a hollow point: a value, not yet a trend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from domain.catalog.model import Aggregate, Better, IndicatorType, LeadingIndicator
from domain.coaching.leading import MIN_CALLS, IndicatorWeeks
from domain.coaching.scorecard import Scorecard
from handlers.blocks.limits import FILE_ALT_TEXT, clip
from handlers.blocks.scorecard_text import short_week, value_text
from handlers.charts.canvas import INK, LABEL_SIZE, MUTED, TITLE_SIZE, new_figure, png_bytes, title_text, wrap

LINE = "#0072B2"  # Okabe-Ito blue, as the radar
TARGET = "#E69F00"
COLUMNS = 2
PANEL_HEIGHT = 2.1  # inches per row of panels
TOP_IN, BOTTOM_IN = 0.75, 0.75  # the title above; the last row's notes and the footnote below
MAX_PANELS = 8  # two skills of three indicators fit; an admin's bigger catalog is described in the alt text
PANEL_TITLE_WRAP = 34


@dataclass(frozen=True)
class _Panel:
    skill: str
    item: IndicatorWeeks


def _panels(card: Scorecard) -> list[_Panel]:
    """Every indicator of every focus skill that has a value in some week."""
    return [_Panel(card.skill_names.get(skill.competency, skill.competency), item)
            for skill in card.indicators.skills for item in skill.indicators
            if any(w.value is not None for w in item.weeks)]


def _weeks_with_values(card: Scorecard) -> int:
    return len({w.week for p in _panels(card) for w in p.item.weeks if w.value is not None})


def _unit(indicator: LeadingIndicator) -> str:
    if indicator.aggregation is Aggregate.RATE:
        return "% of calls"
    if indicator.type is IndicatorType.PERCENTAGE:
        return "%"
    return indicator.unit


def _better(indicator: LeadingIndicator) -> str:
    return "higher is better" if indicator.better is Better.HIGHER else "lower is better"


def _draw(axes: Axes, panel: _Panel, labels: list[str]) -> None:
    item = panel.item
    xs = list(range(len(item.weeks)))
    values = [w.value if w.value is not None else math.nan for w in item.weeks]
    axes.plot(xs, values, color=LINE, linewidth=2, zorder=3)
    for x, week in zip(xs, item.weeks, strict=True):
        if week.value is None:
            continue
        solid = week.calls >= MIN_CALLS
        axes.scatter([x], [week.value], s=30, zorder=4, color=LINE if solid else "white", edgecolors=LINE,
                     linewidths=1.5)
        axes.annotate(f"{round(week.value, 1):g}", (x, week.value), xytext=(0, 6), textcoords="offset points",
                      ha="center", va="bottom", fontsize=LABEL_SIZE - 1, color=INK, zorder=5,
                      bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    shown = [v for v in values if not math.isnan(v)]
    notes = [_better(item.indicator)]
    if item.target is not None and item.target.value is not None:
        # Named under the axis, not beside the line: a label there would sit on the points near the target.
        axes.axhline(item.target.value, color=TARGET, linestyle="--", linewidth=1.3, zorder=2)
        notes.insert(0, f"dashed: target {item.target.value:g}")
        shown.append(item.target.value)
    low, high = min(shown), max(shown)
    pad = max((high - low) * 0.25, abs(high) * 0.1, 1.0)
    axes.set_ylim(max(low - pad, 0) if low >= 0 else low - pad, high + pad)
    axes.set_xlim(-0.4, len(xs) - 0.6)
    axes.set_xticks(xs)
    axes.set_xticklabels(labels, fontsize=LABEL_SIZE - 1, color=MUTED)
    axes.tick_params(axis="y", labelsize=LABEL_SIZE - 1, colors=MUTED)
    axes.set_ylabel(wrap(_unit(item.indicator), 14), fontsize=LABEL_SIZE - 1, color=MUTED)
    axes.set_title(wrap(f"{panel.skill}: {item.indicator.name}", PANEL_TITLE_WRAP), fontsize=LABEL_SIZE,
                   color=INK, loc="left")
    axes.set_xlabel(" · ".join(notes), fontsize=LABEL_SIZE - 1, color=MUTED)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#e5e7eb", linewidth=0.8, zorder=0)


def trend_chart(card: Scorecard) -> bytes | None:
    """A PNG of the card's indicators week by week; None when fewer than two weeks have a value (no trend yet)."""
    figure = trend_figure(card)
    return None if figure is None else png_bytes(figure)


def trend_figure(card: Scorecard) -> Figure | None:
    """The chart before it becomes PNG bytes (tests read its texts back)."""
    if _weeks_with_values(card) < 2:
        return None
    panels = _panels(card)[:MAX_PANELS]
    columns = 1 if len(panels) == 1 else COLUMNS
    rows = math.ceil(len(panels) / columns)
    height = TOP_IN + PANEL_HEIGHT * rows + BOTTOM_IN
    figure = new_figure(6.4 if columns > 1 else 4.8, height)
    figure.subplots_adjust(left=0.1, right=0.97, top=1 - TOP_IN / height, bottom=BOTTOM_IN / height,
                           hspace=0.95, wspace=0.38)
    labels = [short_week(w) for w in card.indicators.weeks]
    for n, panel in enumerate(panels):
        axes = figure.add_subplot(rows, columns, n + 1)
        _draw(axes, panel, [short_week(w.week) for w in panel.item.weeks] or labels)
    name = " ".join(card.rep.name.split()) or card.rep.user_id
    figure.suptitle(title_text(f"{name}: focus skills week by week"), fontsize=TITLE_SIZE, color=INK,
                    fontweight="bold")
    if any(w.value is not None and w.calls < MIN_CALLS for p in panels for w in p.item.weeks):
        figure.text(0.02, 0.012, f"Hollow points: weeks with fewer than {MIN_CALLS} calls, a value but not yet a "
                    "trend.", fontsize=LABEL_SIZE - 1, color=MUTED, ha="left", va="bottom")
    return figure


def _describe(panel: _Panel, *, short: bool) -> str:
    item = panel.item
    indicator = item.indicator
    if short:
        weeks = ", ".join(f"{short_week(w.week)} {'-' if w.value is None else f'{round(w.value, 1):g}'}"
                          for w in item.weeks)
        line = f"{indicator.name} ({_unit(indicator)}): {weeks}"
    else:
        weeks = ", ".join(f"{'no calls' if w.value is None else value_text(indicator, w.value)} in "
                          f"{short_week(w.week)}" for w in item.weeks)
        line = f"{panel.skill}, {indicator.name}: {weeks}"
    target = f"target {' '.join(item.target.text.split())[:40]}; " if item.target is not None else ""
    return f"{line} ({target}{_better(indicator)})."


def trend_alt_text(card: Scorecard) -> str:
    """The chart in words, within Slack's alt text limit: every indicator, every week, the targets."""
    name = " ".join(card.rep.name.split()) or card.rep.user_id
    panels = _panels(card)
    if not panels:
        return clip(f"Trend chart: {name}'s focus skills. No indicator recorded yet.", FILE_ALT_TEXT)
    weeks = card.indicators.weeks
    intro = f"Trend chart: {name}'s focus skills, {short_week(weeks[0])} to {short_week(weeks[-1])}. "
    text = intro + " ".join(_describe(p, short=False) for p in panels)
    if len(text) > FILE_ALT_TEXT:
        text = intro + " ".join(_describe(p, short=True) for p in panels)
    return clip(text, FILE_ALT_TEXT)
