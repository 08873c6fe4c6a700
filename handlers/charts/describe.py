"""Charts in words: the alt text a screen reader reads out, which is also the text version.

Slack refuses alt text over 1000 characters (`alt_txt_too_large`), so each
description is clipped to that; the full text version is the message that
goes with the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.coaching.priorities import Quadrant
from handlers.blocks.limits import FILE_ALT_TEXT, clip
from handlers.charts.model import (
    QUADRANT_LABELS,
    QUADRANT_MEANINGS,
    SCORE_MAX,
    SCORE_MIN,
    MatrixPoint,
)


def radar_alt_text(title: str, labels: Sequence[str], values: Sequence[float], reference: float | None) -> str:
    if not labels:
        return clip(f"Radar chart: {title}. No scored calls yet.", FILE_ALT_TEXT)
    scores = ", ".join(f"{label} {value:.1f}" for label, value in zip(labels, values, strict=True))
    ring = f" Dashed ring: target {reference:g}." if reference is not None else ""
    return clip(
        f"Radar chart: {title}. Average call scores from {SCORE_MIN} to {SCORE_MAX}, one spoke each: {scores}.{ring}",
        FILE_ALT_TEXT,
    )


def matrix_alt_text(title: str, points: Sequence[MatrixPoint]) -> str:
    if not points:
        return clip(f"Impact and difficulty matrix: {title}. No skills rated yet.", FILE_ALT_TEXT)
    parts = []
    for quadrant in Quadrant:
        inside = [p for p in points if p.quadrant is quadrant]
        named = "; ".join(f"{p.label} (impact {p.impact}, difficulty {p.difficulty})" for p in inside) or "none"
        parts.append(f"{QUADRANT_LABELS[quadrant]} ({QUADRANT_MEANINGS[quadrant]}): {named}.")
    return clip(f"Impact and difficulty matrix: {title}. " + " ".join(parts), FILE_ALT_TEXT)
