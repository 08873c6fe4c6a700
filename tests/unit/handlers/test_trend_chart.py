"""The scorecard's trend chart: a PNG of every indicator over the cycle's weeks, and the same in words."""

from __future__ import annotations

import sys

from matplotlib.text import Text

from bot.fake_slack.images import read_png
from handlers.blocks.limits import FILE_ALT_TEXT
from handlers.charts import trend_alt_text, trend_chart
from handlers.charts.trend import trend_figure
from tests.unit.handlers.scorecard_samples import (
    EIGHT_WEEKS,
    card,
    discovery_and_closing,
    eight_week_card,
    indicator_weeks,
)


def _texts(card_: object) -> list[str]:
    figure = trend_figure(card_)  # type: ignore[arg-type]
    assert figure is not None
    figure.canvas.draw()
    return [" ".join(t.get_text().split()) for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_a_cycle_of_weeks_draws_a_png_with_every_indicator_and_week() -> None:
    png = trend_chart(eight_week_card())
    assert png is not None
    info = read_png(png)
    assert info.width == 704 and len(png) < 300_000
    texts = _texts(eight_week_card())
    assert {"W41", "W44", "W48"} <= set(texts)
    joined = " ".join(texts)
    for name in ("Questions asked per discovery call", "Stakeholders identified", "Days from proposal to decision"):
        assert name in joined
    assert "dashed: target 14 · lower is better" in texts and "dashed: target 8 · higher is better" in texts


def test_weeks_with_too_few_calls_are_explained_in_a_footnote() -> None:
    few = card({"discovery": [indicator_weeks("discovery_questions_asked", [(4, 3), (5, 1), (5, 3), (6, 4)])]})
    assert any(t.startswith("Hollow points: weeks with fewer than 3 calls") for t in _texts(few))
    assert not any(t.startswith("Hollow points") for t in _texts(discovery_and_closing()))


def test_fewer_than_two_weeks_with_values_draws_nothing() -> None:
    one = card({"discovery": [indicator_weeks("discovery_questions_asked", [(None, 0), (None, 0), (None, 0), (6, 4)])]})
    assert trend_chart(one) is None
    assert trend_chart(card({"discovery": [indicator_weeks("discovery_questions_asked", [(None, 0)] * 4)]})) is None
    assert trend_chart(card({})) is None
    two = card({"discovery": [indicator_weeks("discovery_questions_asked", [(None, 0), (None, 0), (5, 3), (6, 4)])]})
    assert trend_chart(two) is not None


def test_drawing_never_loads_pyplot() -> None:
    trend_chart(discovery_and_closing())
    assert "matplotlib.pyplot" not in sys.modules


def test_the_alt_text_says_each_indicator_and_week_with_its_target() -> None:
    alt = trend_alt_text(discovery_and_closing())
    assert alt.startswith("Trend chart: Alex Rivera's focus skills, W45 to W48.")
    assert ("Discovery, Questions asked per discovery call: 4 questions in W45, 5 questions in W46, 5 questions in "
            "W47, 6.5 questions in W48 (target 8 per discovery call; higher is better).") in alt
    assert "Days from proposal to decision: 30 days in W45" in alt and "(target 14 days; lower is better)" in alt
    assert len(alt) <= FILE_ALT_TEXT


def test_a_whole_cycle_is_described_compactly_within_slacks_limit() -> None:
    alt = trend_alt_text(eight_week_card())
    assert len(alt) <= FILE_ALT_TEXT and not alt.endswith("…")
    for week in (f"W{monday.isocalendar()[1]:02d}" for monday in EIGHT_WEEKS):
        assert alt.count(week) >= 5, week  # every indicator names every week
    for name in ("Questions asked per discovery call", "Business impact quantified", "Stakeholders identified",
                 "Next step defined with a date", "Days from proposal to decision"):
        assert name in alt


def test_a_week_without_calls_is_said_not_skipped() -> None:
    gap = card({"discovery": [indicator_weeks("discovery_questions_asked", [(4, 3), (None, 0), (5, 3), (6, 4)])]})
    assert "no calls in W46" in trend_alt_text(gap)
    assert trend_alt_text(card({})).endswith("No indicator recorded yet.")
