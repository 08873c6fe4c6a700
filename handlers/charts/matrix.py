"""The impact/difficulty matrix (cycle week 2) as a scatter plot on four labelled quadrants.

Difficulty runs along x and impact up y, both 1-5. Which quadrant a rating
falls in is the domain's rule (`quadrant_of`, 3 and above is high); this
module only draws it. Ratings are whole numbers, so several skills often
share a spot: they are spread on a small circle around it and labelled
outwards; past `CROWDED` the circle's markers are numbered instead and the
names listed beside it, so every name stays readable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from domain.coaching.priorities import HIGH, Quadrant, quadrant_of
from handlers.charts.canvas import (
    INK,
    LABEL_SIZE,
    MUTED,
    TITLE_SIZE,
    new_figure,
    png_bytes,
    title_text,
    wrap,
)
from handlers.charts.model import QUADRANT_LABELS, SCORE_MAX, SCORE_MIN, MatrixPoint

# Okabe-Ito colours plus a marker shape each, so quadrants differ without colour too.
STYLE = {
    Quadrant.QUICK_WIN: ("#009E73", "o"),
    Quadrant.LONG_TERM: ("#0072B2", "s"),
    Quadrant.NICE_TO_HAVE: ("#E69F00", "D"),
    Quadrant.IGNORE_FOR_NOW: ("#7f7f7f", "X"),
}
LOW, TOP = SCORE_MIN, SCORE_MAX
SPLIT = HIGH - 0.5  # ratings are whole numbers: the boundary lies between 2 and 3
X_RANGE = (LOW - 0.5, TOP + 0.5)
Y_RANGE = (LOW - 1.1, TOP + 1.1)  # a band above and below the grid for the quadrant names
LABEL_WRAP = 14
MAX_SPREAD = 0.34  # keeps a crowded spot's points inside its own cell
CROWDED = 4  # up to four labels fit around one spot (top, right, bottom, left)


@dataclass(frozen=True)
class _Placed:
    point: MatrixPoint
    x: float
    y: float
    angle: float | None  # direction of the label; None: to the side
    number: int | None = None  # on a crowded spot: the marker's number in the key beside it


def _spread(points: list[MatrixPoint]) -> list[_Placed]:
    """Every point at its rating; points sharing a rating evenly around it, in the order given."""
    spots: dict[tuple[int, int], list[MatrixPoint]] = {}
    for point in points:
        spots.setdefault((point.difficulty, point.impact), []).append(point)
    placed = []
    numbered = 0
    for (x, y), members in spots.items():
        if len(members) == 1:
            placed.append(_Placed(members[0], x, y, None))
            continue
        radius = min(MAX_SPREAD, 0.16 + 0.02 * len(members))
        for k, point in enumerate(members):
            angle = math.pi / 2 - 2 * math.pi * k / len(members)  # from twelve o'clock, clockwise
            number = None
            if len(members) > CROWDED:
                numbered += 1
                number = numbered
            placed.append(_Placed(point, x + radius * math.cos(angle), y + radius * math.sin(angle), angle, number))
    return placed


def _regions(axes: Axes) -> None:
    """Tinted quadrants, their names in the bands above and below, and the dividing lines."""
    for high_impact in (True, False):
        for hard in (False, True):
            quadrant = quadrant_of(HIGH if high_impact else HIGH - 1, HIGH if hard else HIGH - 1)
            colour, _ = STYLE[quadrant]
            x0, x1 = (SPLIT, X_RANGE[1]) if hard else (X_RANGE[0], SPLIT)
            y0, y1 = (SPLIT, Y_RANGE[1]) if high_impact else (Y_RANGE[0], SPLIT)
            axes.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=colour, alpha=0.09, linewidth=0, zorder=0))
            name_y = Y_RANGE[1] - 0.3 if high_impact else Y_RANGE[0] + 0.3
            axes.text((x0 + x1) / 2, name_y, QUADRANT_LABELS[quadrant], ha="center", va="center",
                      fontsize=LABEL_SIZE + 2, fontweight="bold", color=colour, zorder=1)
    axes.axvline(SPLIT, color=MUTED, linestyle="--", linewidth=1, zorder=1)
    axes.axhline(SPLIT, color=MUTED, linestyle="--", linewidth=1, zorder=1)


def _label(axes: Axes, spot: _Placed) -> None:
    dx: float  # label offset in points
    dy: float
    if spot.angle is None:
        # A lone point is named to its right, or to its left at the right-hand edge.
        dx, dy, ha, va = (10, 0, "left", "center") if spot.point.difficulty < TOP else (-10, 0, "right", "center")
    else:
        cos, sin = math.cos(spot.angle), math.sin(spot.angle)
        dx, dy = 11 * cos, 11 * sin
        ha = "left" if cos > 0.3 else "right" if cos < -0.3 else "center"
        va = "bottom" if sin > 0.3 else "top" if sin < -0.3 else "center"
    axes.annotate(wrap(spot.point.label, LABEL_WRAP), (spot.x, spot.y), xytext=(dx, dy), textcoords="offset points",
                  ha=ha, va=va, fontsize=LABEL_SIZE, color=INK, zorder=4)


def _key(axes: Axes, crowd: list[_Placed]) -> None:
    """The names of a crowded spot's numbered markers, in a box beside it."""
    first = crowd[0].point
    right = first.difficulty <= HIGH
    lines = "\n".join(f"{spot.number}  {wrap(spot.point.label, LABEL_WRAP * 2, lines=1)}" for spot in crowd)
    axes.annotate(lines, (first.difficulty + (MAX_SPREAD if right else -MAX_SPREAD), first.impact),
                  xytext=(8 if right else -8, 0), textcoords="offset points", ha="left" if right else "right",
                  va="center", fontsize=LABEL_SIZE - 1, color=INK, zorder=5,
                  bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": MUTED, "alpha": 0.92})


def impact_difficulty_matrix(points: list[MatrixPoint], title: str) -> bytes:
    """A PNG of `points` on the 2x2 impact/difficulty matrix; no points draws the empty matrix."""
    return png_bytes(matrix_figure(points, title))


def matrix_figure(points: list[MatrixPoint], title: str) -> Figure:
    """The matrix before it becomes PNG bytes (tests read its texts back)."""
    figure = new_figure(7.2, 6.4)
    figure.subplots_adjust(left=0.11, right=0.97, top=0.86, bottom=0.11)
    axes = figure.add_subplot()
    axes.set_xlim(*X_RANGE)
    axes.set_ylim(*Y_RANGE)
    ticks = list(range(LOW, TOP + 1))
    axes.set_xticks(ticks)
    axes.set_yticks(ticks)
    axes.tick_params(labelsize=LABEL_SIZE, colors=MUTED)
    axes.set_xlabel("Difficulty: how hard it is to change (1-5)", fontsize=LABEL_SIZE + 1, color=INK)
    axes.set_ylabel("Impact: how much it would move results (1-5)", fontsize=LABEL_SIZE + 1, color=INK)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    _regions(axes)

    crowds: dict[tuple[int, int], list[_Placed]] = {}
    for spot in _spread(points):
        colour, marker = STYLE[spot.point.quadrant]
        size = 70 if spot.number is None else 150
        axes.scatter([spot.x], [spot.y], s=size, color=colour, marker=marker, edgecolors="white", linewidths=0.8,
                     zorder=3)
        if spot.number is None:
            _label(axes, spot)
        else:
            axes.text(spot.x, spot.y, str(spot.number), ha="center", va="center", fontsize=LABEL_SIZE - 2,
                      color="white", fontweight="bold", zorder=4)
            crowds.setdefault((spot.point.difficulty, spot.point.impact), []).append(spot)
    for crowd in crowds.values():
        _key(axes, crowd)
    if not points:
        axes.text(sum(X_RANGE) / 2, sum(Y_RANGE) / 2, "No skills rated yet", ha="center", va="center",
                  fontsize=LABEL_SIZE + 2, color=MUTED)

    figure.suptitle(title_text(title), fontsize=TITLE_SIZE, color=INK, fontweight="bold", y=0.97)
    return figure
