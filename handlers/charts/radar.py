"""The skills profile as a radar chart: one spoke per call-scoring dimension, 1-5."""

from __future__ import annotations

import math
from typing import cast

from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

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
from handlers.charts.model import SCORE_MAX, SCORE_MIN

SCALE = (SCORE_MIN, SCORE_MAX)
# The rubric's 4 is "does it well" (e.g. discovery: problem, impact and stakeholders
# uncovered); a dashed ring there shows at a glance which spokes fall short.
REFERENCE_SCORE = 4.0
FILL = "#0072B2"  # Okabe-Ito blue: tells apart for the common colour-vision deficiencies
REFERENCE = "#E69F00"
LABEL_WRAP = 16
RING_STEPS = 72


def _check(labels: list[str], values: list[float]) -> None:
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels but {len(values)} values")
    low, high = SCALE
    for label, value in zip(labels, values, strict=True):
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not (numeric and low <= value <= high):  # NaN fails the comparison too
            raise ValueError(f"{label}: {value!r} is outside the {low}-{high} scale")


def skills_radar(
    labels: list[str], values: list[float], title: str, *, reference: float | None = REFERENCE_SCORE
) -> bytes:
    """A PNG radar of `values` (1-5) on one spoke per label, with a dashed reference ring."""
    return png_bytes(radar_figure(labels, values, title, reference=reference))


def radar_figure(
    labels: list[str], values: list[float], title: str, *, reference: float | None = REFERENCE_SCORE
) -> Figure:
    """The radar before it becomes PNG bytes (tests read its texts back).

    Spokes run clockwise from the top in the order given (the profile lists
    the weakest first, so the weakest sits at twelve o'clock). No labels draws
    the empty scale with a note rather than failing: the picture then says
    the same as the text version.
    """
    _check(labels, values)
    figure = new_figure(6.4, 6.4)
    figure.subplots_adjust(left=0.16, right=0.84, top=0.80, bottom=0.12)
    axes = cast(PolarAxes, figure.add_subplot(projection="polar"))
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    low, high = SCALE
    axes.set_ylim(0, high)
    axes.set_yticks(range(low, high + 1))
    axes.set_yticklabels([str(n) for n in range(low, high + 1)], fontsize=LABEL_SIZE - 1, color=MUTED)
    axes.set_rlabel_position(180 / max(len(labels), 1))  # scale numbers between the first two spokes
    axes.grid(color="#d1d5db", linewidth=0.8)
    axes.spines["polar"].set_color("#d1d5db")

    if reference is not None:
        ring = [2 * math.pi * step / RING_STEPS for step in range(RING_STEPS + 1)]
        axes.plot(ring, [reference] * len(ring), linestyle="--", linewidth=1.4, color=REFERENCE,
                  label=f"target {reference:g}")

    if labels:
        angles = [2 * math.pi * k / len(labels) for k in range(len(labels))]
        closed_angles, closed_values = [*angles, angles[0]], [*values, values[0]]
        axes.plot(closed_angles, closed_values, color=FILL, linewidth=2.2, label="average score")
        axes.fill(closed_angles, closed_values, color=FILL, alpha=0.22)
        axes.scatter(angles, values, color=FILL, s=28, zorder=3)
        for angle, value in zip(angles, values, strict=True):
            # The number sits just outside its point, so it never hides under the line.
            axes.annotate(f"{value:.1f}", (angle, value), xytext=(angle, min(value + 0.55, high - 0.1)),
                          fontsize=LABEL_SIZE, color=INK, ha="center", va="center", fontweight="bold")
        axes.set_xticks(angles)
        axes.set_xticklabels([wrap(label, LABEL_WRAP) for label in labels], fontsize=LABEL_SIZE, color=INK)
        axes.tick_params(axis="x", pad=14)
    else:
        axes.set_xticks([])
        axes.text(0, 0, "No scored calls yet", ha="center", va="center", fontsize=LABEL_SIZE + 2, color=MUTED)

    axes.legend(loc="upper right", bbox_to_anchor=(1.22, 1.16), fontsize=LABEL_SIZE, frameon=False)
    figure.suptitle(title_text(title), fontsize=TITLE_SIZE, color=INK, fontweight="bold", y=0.97)
    return figure
