"""How long a chart takes to draw: the skills radar, the impact/difficulty matrix and the scorecard's trend chart.

Prints what importing the renderers adds to start-up (a fresh interpreter),
milliseconds per chart (the first one in a process separately: it reads
matplotlib's font cache, which the very first run on a machine builds), the
PNG size, and the same charts drawn on four threads at once, as Bolt's
workers would, checking that every thread got exactly the bytes a lone
render gives (no shared state between figures).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from domain.coaching.scorecard import Scorecard
from handlers.charts import MatrixPoint, impact_difficulty_matrix, skills_radar, trend_chart
from tests.unit.handlers.scorecard_samples import eight_week_card

ROUNDS = 40
THREADS = 4
DIMENSIONS = ["Discovery quality", "Value connection", "Objection response", "Next-step clarity", "Executive presence"]
SKILLS = ["Discovery", "Closing", "Objection handling", "Pipeline management", "Value articulation",
          "Executive presence", "Prospecting", "Negotiation", "Demo skills", "Follow-up discipline"]

TREND_CARD = eight_week_card()


def _trend(card: Scorecard) -> bytes:
    png = trend_chart(card)
    assert png is not None, "eight weeks of values always draw a trend"
    return png


CHARTS: list[tuple[str, Callable[[], bytes]]] = [
    ("radar, 5 dimensions",
     lambda: skills_radar(DIMENSIONS, [2.0, 3.4, 4.0, 4.5, 3.0], "Skills profile of Alex Rivera")),
    ("matrix, 5 skills", lambda: impact_difficulty_matrix(
        [MatrixPoint(name, 1 + n % 5, 1 + (n * 2) % 5) for n, name in enumerate(SKILLS[:5])], "Alex: where to focus")),
    ("matrix, 10 skills on one spot", lambda: impact_difficulty_matrix(
        [MatrixPoint(name, 3, 2) for name in SKILLS], "Alex: where to focus")),
    ("trend, 8 weeks, 2 skills, 5 ind.", lambda: _trend(TREND_CARD)),
]


def _timed(draw: Callable[[], bytes]) -> tuple[float, bytes]:
    started = time.perf_counter()
    png = draw()
    return (time.perf_counter() - started) * 1000, png


def _import_ms() -> float:
    probe = "import time; t = time.perf_counter(); import handlers.charts; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return float(out) * 1000


def run() -> list[str]:
    lines = [f"Charts (matplotlib Agg, {ROUNDS} renders each after the first):"]
    lines.append(f"  importing the renderers (matplotlib) in a fresh process: {_import_ms():6.1f} ms")
    first_ms, _ = _timed(CHARTS[0][1])
    lines.append(f"  first chart in a process (loads fonts): {first_ms:6.1f} ms")
    for name, draw in CHARTS:
        timings, png = zip(*(_timed(draw) for _ in range(ROUNDS)), strict=True)
        ordered = sorted(timings)
        lines.append(
            f"  {name:<33} p50 {statistics.median(timings):5.1f} ms, p95 {ordered[int(0.95 * len(ordered))]:5.1f} ms, "
            f"PNG {len(png[0]) / 1024:4.0f} KiB"
        )
    alone = {name: draw() for name, draw in CHARTS}
    jobs = [(name, draw) for name, draw in CHARTS for _ in range(ROUNDS // 2)]
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda job: (job[0], job[1]()), jobs))
    elapsed = time.perf_counter() - started
    assert all(png == alone[name] for name, png in results), "a chart drawn on a thread differs from a lone render"
    lines.append(f"  {len(jobs)} charts on {THREADS} threads: {elapsed * 1000 / len(jobs):5.1f} ms per chart "
                 "(wall clock), every one byte-identical to a lone render")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
