"""The cycle's results as a picture: before and after, side by side, and the same in words (the alt text).

Small multiples, one panel per focus-skill indicator with a value in week 3
or the last weeks, each on its own axis and unit (fewer days is better:
each panel says which way is better), plus one panel of the manager's call
scores at the diagnosis and in the last weeks on the 1-5 scale. Grey bars
are "before", blue "after", each labelled with its value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from domain.catalog.model import Better
from domain.coaching.results import CycleResults
from handlers.blocks.limits import FILE_ALT_TEXT, clip
from handlers.blocks.scorecard_text import value_text
from handlers.charts.canvas import INK, LABEL_SIZE, MUTED, TITLE_SIZE, new_figure, png_bytes, title_text, wrap

BEFORE, AFTER = "#9ca3af", "#0072B2"  # grey, Okabe-Ito blue
COLUMNS = 2
PANEL_HEIGHT = 2.2
TOP_IN, BOTTOM_IN = 0.8, 0.75
MAX_PANELS = 7  # six indicators and the scores; a bigger catalog is described in the alt text


@dataclass(frozen=True)
class _Panel:
    title: str
    labels: tuple[str, ...]
    before: tuple[float | None, ...]
    after: tuple[float | None, ...]
    note: str


def _panels(result: CycleResults) -> list[_Panel]:
    panels = []
    for skill in result.skills:
        name = result.skill_names.get(skill.competency, skill.competency)
        for item in skill.indicators:
            if item.week3 is None and item.recent is None:
                continue
            better = "higher is better" if item.indicator.better is Better.HIGHER else "lower is better"
            panels.append(_Panel(f"{name}: {item.indicator.name}", ("week 3", "last 2 weeks"),
                                 (item.week3, None), (None, item.recent), better))
    if result.scores:
        labels = tuple(result.dimension_names.get(s.dimension, s.dimension) for s in result.scores)
        panels.append(_Panel("Manager's call scores (1-5)", labels, tuple(s.before for s in result.scores),
                             tuple(s.after for s in result.scores), "grey: week 1, blue: last weeks"))
    return panels


def _bars(axes: Axes, xs: list[float], values: tuple[float | None, ...], color: str) -> None:
    shown = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
    if not shown:
        return
    axes.bar([x for x, _ in shown], [v for _, v in shown], width=0.38, color=color, zorder=3)
    for x, value in shown:
        axes.annotate(f"{round(value, 1):g}", (x, value), xytext=(0, 3), textcoords="offset points", ha="center",
                      va="bottom", fontsize=LABEL_SIZE - 1, color=INK, zorder=4)


def _draw(axes: Axes, panel: _Panel) -> None:
    single = len(panel.labels) == 2 and panel.before[1] is None and panel.after[0] is None
    if single:  # an indicator: two bars, before and after
        positions = [0.0, 1.0]
        _bars(axes, positions, panel.before, BEFORE)
        _bars(axes, positions, panel.after, AFTER)
        axes.set_xticks(positions)
        axes.set_xticklabels(panel.labels, fontsize=LABEL_SIZE - 1, color=MUTED)
    else:  # scores: a pair of bars per dimension
        centers = list(range(len(panel.labels)))
        _bars(axes, [c - 0.2 for c in centers], panel.before, BEFORE)
        _bars(axes, [c + 0.2 for c in centers], panel.after, AFTER)
        axes.set_xticks(centers)
        axes.set_xticklabels([wrap(label, 12) for label in panel.labels], fontsize=LABEL_SIZE - 2, color=MUTED)
        axes.set_ylim(0, 5.6)
    values = [v for v in (*panel.before, *panel.after) if v is not None]
    if single:
        axes.set_ylim(0, max(max(values, default=1.0) * 1.3, 1.0))
    axes.set_title(wrap(panel.title, 36), fontsize=LABEL_SIZE, color=INK, loc="left")
    axes.set_xlabel(panel.note, fontsize=LABEL_SIZE - 1, color=MUTED)
    axes.tick_params(axis="y", labelsize=LABEL_SIZE - 1, colors=MUTED)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#e5e7eb", linewidth=0.8, zorder=0)


def has_chart(result: CycleResults) -> bool:
    """Whether there is anything to draw: an indicator with a value, or a call score."""
    return bool(_panels(result))


def results_figure(result: CycleResults) -> Figure | None:
    """The chart before it becomes PNG bytes; None when nothing has a value to draw."""
    panels = _panels(result)
    if len(panels) > MAX_PANELS:  # the scores' panel is the last: keep it
        panels = [*panels[: MAX_PANELS - 1], panels[-1]]
    if not panels:
        return None
    columns = 1 if len(panels) == 1 else COLUMNS
    rows = math.ceil(len(panels) / columns)
    height = TOP_IN + PANEL_HEIGHT * rows + BOTTOM_IN
    figure = new_figure(6.4 if columns > 1 else 4.8, height)
    figure.subplots_adjust(left=0.1, right=0.97, top=1 - TOP_IN / height, bottom=BOTTOM_IN / height,
                           hspace=1.0, wspace=0.35)
    for n, panel in enumerate(panels):
        _draw(figure.add_subplot(rows, columns, n + 1), panel)
    name = " ".join(result.rep.name.split()) or result.rep.user_id
    figure.suptitle(title_text(f"{name}: the cycle's results, before and after"), fontsize=TITLE_SIZE, color=INK,
                    fontweight="bold")
    return figure


def results_chart(result: CycleResults) -> bytes | None:
    figure = results_figure(result)
    return None if figure is None else png_bytes(figure)


def _number(value: float | None) -> str:
    return "no value" if value is None else f"{round(value, 2):g}"


def results_alt_text(result: CycleResults) -> str:
    """The chart in words: every indicator's before and after, every score, within Slack's alt text limit."""
    name = " ".join(result.rep.name.split()) or result.rep.user_id
    parts = [f"Bar chart: {name}'s cycle results, before and after."]
    for skill in result.skills:
        skill_name = result.skill_names.get(skill.competency, skill.competency)
        for item in skill.indicators:
            better = "higher is better" if item.indicator.better is Better.HIGHER else "lower is better"
            start = "not recorded" if item.week3 is None else value_text(item.indicator, item.week3)
            recent = "not recorded" if item.recent is None else value_text(item.indicator, item.recent)
            parts.append(f"{skill_name}, {item.indicator.name}: {start} in week 3, {recent} in the last two weeks "
                         f"({better}).")
    for score in result.scores:
        dimension = result.dimension_names.get(score.dimension, score.dimension)
        parts.append(f"{dimension} score: {_number(score.before)} in week 1, {_number(score.after)} lately.")
    if len(parts) == 1:
        parts.append("No indicator or call score recorded yet.")
    return clip(" ".join(parts), FILE_ALT_TEXT)
