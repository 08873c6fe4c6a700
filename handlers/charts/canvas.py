"""A figure of its own on the Agg canvas, and its PNG bytes.

Everything a chart looks like is set on its own artists (font sizes,
colours), never through `rcParams` or `rc_context`: those are process-wide,
and two listeners may be drawing at the same moment.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 110  # 6.4 in -> 704 px: sharp in Slack's preview, still a small file
BACKGROUND = "#ffffff"
INK = "#1f2933"
MUTED = "#6b7280"
TITLE_SIZE = 13
LABEL_SIZE = 9
TITLE_WRAP = 60  # characters a title line holds at TITLE_SIZE on these widths


def new_figure(width_in: float, height_in: float) -> Figure:
    figure = Figure(figsize=(width_in, height_in), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(figure)  # attaches itself as figure.canvas
    return figure


def png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" entry: the matplotlib version would make equal charts differ byte for byte.
    figure.savefig(buffer, format="png", dpi=DPI, facecolor=BACKGROUND, metadata={"Software": None})
    return buffer.getvalue()


def wrap(text: str, width: int, lines: int = 2) -> str:
    """At most `lines` lines of `width` characters; the rest is cut with an ellipsis."""
    return textwrap.fill(" ".join(text.split()), width=width, max_lines=lines, placeholder="…")


def title_text(title: str) -> str:
    return wrap(title, TITLE_WRAP)
