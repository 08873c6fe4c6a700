"""Charts as PNG bytes: the skills radar, the impact/difficulty matrix and the scorecard's trend chart.

Rendered headless with matplotlib's Agg canvas on a `Figure` of their own,
never through pyplot: pyplot keeps global state (the current figure, a
backend) that listeners running on Bolt's worker threads would share. The
renderers take plain data and return PNG bytes; what they show in words (the
alt text and the text version) comes from `handlers.charts.describe`.

This is the only package that may import matplotlib (tests/test_architecture.py).
"""

from __future__ import annotations

from handlers.charts.describe import matrix_alt_text, radar_alt_text
from handlers.charts.matrix import impact_difficulty_matrix
from handlers.charts.model import QUADRANT_LABELS, MatrixPoint
from handlers.charts.radar import REFERENCE_SCORE, skills_radar
from handlers.charts.trend import trend_alt_text, trend_chart

__all__ = [
    "QUADRANT_LABELS",
    "REFERENCE_SCORE",
    "MatrixPoint",
    "impact_difficulty_matrix",
    "matrix_alt_text",
    "radar_alt_text",
    "skills_radar",
    "trend_alt_text",
    "trend_chart",
]
