"""The cycle's results chart: a PNG when there is something to draw, and every figure in its alt text."""

from __future__ import annotations

from dataclasses import replace

from domain.catalog import load_catalog
from domain.coaching.results import CycleResults
from domain.services.results import ResultsService
from handlers.blocks.limits import FILE_ALT_TEXT
from handlers.charts.results import results_alt_text, results_chart, results_figure
from tests.fakes import FakeStore
from tests.results_world import NOW, WS, populate


def _result() -> CycleResults:
    store = FakeStore()
    with store.uow() as uow:
        populate(uow, 1)
        uow.commit()
    return ResultsService(store.uow, load_catalog(), lambda: NOW).rep_results(WS, "UR000", None)


def test_the_chart_is_a_png_with_a_panel_per_indicator_with_values_and_one_of_scores() -> None:
    result = _result()
    png = results_chart(result)
    assert png is not None and png.startswith(b"\x89PNG")
    figure = results_figure(result)
    assert figure is not None and len(figure.axes) == 3  # two indicators with values, and the scores
    titles = [axes.get_title(loc="left") for axes in figure.axes]
    assert titles[-1] == "Manager's call scores (1-5)"


def test_the_alt_text_says_every_figure_in_words_and_nothing_drawn_means_no_chart() -> None:
    result = _result()
    alt = results_alt_text(result)
    assert "Questions asked per discovery call: 3 questions in week 3, 7 questions in the last two weeks" in alt
    assert "Discovery quality score: 2.5 in week 1, 4.5 lately." in alt and len(alt) <= FILE_ALT_TEXT
    empty = replace(result, skills=(), scores=())
    assert results_chart(empty) is None and "No indicator or call score recorded yet." in results_alt_text(empty)
