"""The chart renderers: real PNGs of a fixed size, every name drawn where it belongs and readable."""

from __future__ import annotations

import itertools
import math
import sys

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.fake_slack.images import png_size, read_png
from handlers.blocks.limits import FILE_ALT_TEXT
from handlers.charts import (
    QUADRANT_LABELS,
    MatrixPoint,
    impact_difficulty_matrix,
    matrix_alt_text,
    radar_alt_text,
    skills_radar,
)
from handlers.charts.matrix import SPLIT, matrix_figure
from handlers.charts.radar import radar_figure

DIMENSIONS = ["Discovery quality", "Value connection", "Objection response", "Next-step clarity", "Executive presence"]
SKILLS = ["Discovery", "Closing", "Objection handling", "Pipeline management", "Value articulation",
          "Executive presence", "Prospecting", "Negotiation", "Demo skills", "Follow-up discipline"]


def _texts(figure: Figure) -> list[Text]:
    figure.canvas.draw()  # lays the texts out, so their extents are real
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _one_line(text: Text) -> str:
    return " ".join(text.get_text().split())


# ------------------------------------------------------------------ radar


def test_the_radar_is_a_complete_png_of_a_fixed_size() -> None:
    png = skills_radar(DIMENSIONS, [2.0, 3.4, 4.0, 4.5, 3.0], "Skills profile of Alex Rivera")
    info = read_png(png)
    assert (info.width, info.height) == (704, 704)
    assert len(png) < 300_000  # small enough to upload in a blink


def test_the_radar_names_every_dimension_and_shows_each_average() -> None:
    texts = [_one_line(t) for t in _texts(radar_figure(DIMENSIONS, [2.0, 3.4, 4.0, 4.5, 3.0], "Alex"))]
    assert set(DIMENSIONS) <= set(texts)
    assert {"2.0", "3.4", "4.0", "4.5", "3.0"} <= set(texts)
    assert "target 4" in texts and "Alex" in texts


@pytest.mark.parametrize("count", [0, 1, 2, 10])
def test_the_radar_draws_any_number_of_dimensions(count: int) -> None:
    labels = [f"Dimension {n}" for n in range(count)]
    assert png_size(skills_radar(labels, [1 + (n % 5) for n in range(count)], "Profile")) == (704, 704)


def test_an_empty_radar_says_there_is_nothing_scored() -> None:
    assert "No scored calls yet" in [_one_line(t) for t in _texts(radar_figure([], [], "Alex"))]


@pytest.mark.parametrize("values", [[0.9], [5.1], [math.nan], [True], [1.0, 2.0]])
def test_the_radar_refuses_scores_off_the_1_to_5_scale(values: list[float]) -> None:
    with pytest.raises(ValueError, match=r"outside the 1-5 scale|labels but"):
        skills_radar(["Discovery quality"], values, "Profile")


def test_drawing_never_loads_pyplot_or_its_global_state() -> None:
    skills_radar(DIMENSIONS, [3.0] * 5, "Alex")
    impact_difficulty_matrix([MatrixPoint("Discovery", 4, 2)], "Alex")
    assert "matplotlib.pyplot" not in sys.modules


def test_the_same_profile_draws_the_same_bytes() -> None:
    # Nothing random and no version stamp: a chart can be compared with the last one sent.
    first = skills_radar(DIMENSIONS, [2.0, 3.4, 4.0, 4.5, 3.0], "Alex")
    assert skills_radar(DIMENSIONS, [2.0, 3.4, 4.0, 4.5, 3.0], "Alex") == first


def test_the_radar_without_a_reference_ring_has_no_target_in_its_legend() -> None:
    texts = [_one_line(t) for t in _texts(radar_figure(DIMENSIONS, [3.0] * 5, "Alex", reference=None))]
    assert "target 4" not in texts and "average score" in texts


# ----------------------------------------------------------------- matrix


def test_the_matrix_is_a_complete_png_of_a_fixed_size() -> None:
    png = impact_difficulty_matrix([MatrixPoint("Discovery", 4, 2)], "Alex: where to focus")
    assert png_size(png) == (792, 704)


def test_each_quadrant_is_named_inside_its_own_region() -> None:
    by_name = {_one_line(t): t for t in _texts(matrix_figure([], "Alex"))}
    for quadrant, name in QUADRANT_LABELS.items():
        x, y = by_name[name].get_position()
        high_impact, hard = y > SPLIT, x > SPLIT
        assert (high_impact, hard) == {
            "Quick wins": (True, False), "Long-term priorities": (True, True),
            "Nice to have": (False, False), "Ignore for now": (False, True),
        }[name], quadrant


@pytest.mark.parametrize("count", [0, 1, 10])
def test_the_matrix_draws_zero_one_or_ten_skills(count: int) -> None:
    points = [MatrixPoint(SKILLS[n], 1 + n % 5, 1 + (n * 2) % 5) for n in range(count)]
    assert png_size(impact_difficulty_matrix(points, "Alex")) == (792, 704)


@pytest.mark.parametrize("count", [2, 3, 4])
def test_skills_on_the_same_spot_get_labels_that_do_not_overlap(count: int) -> None:
    figure = matrix_figure([MatrixPoint(name, 3, 2) for name in SKILLS[:count]], "Alex")
    labels = [t for t in _texts(figure) if _one_line(t) in SKILLS]
    assert sorted(_one_line(t) for t in labels) == sorted(SKILLS[:count])
    boxes = [t.get_window_extent() for t in labels]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]


def test_a_crowded_spot_numbers_its_markers_and_lists_every_name_beside_it() -> None:
    figure = matrix_figure([MatrixPoint(name, 3, 2) for name in SKILLS], "Alex")
    key = next(t for t in _texts(figure) if "Discovery" in t.get_text())
    assert key.get_text().splitlines() == [f"{n}  {name}" for n, name in enumerate(SKILLS, start=1)]
    numbers = {_one_line(t) for t in _texts(figure)}
    assert {str(n) for n in range(1, 11)} <= numbers


def test_every_text_stays_inside_the_picture_even_in_the_corners() -> None:
    corners = [MatrixPoint(f"{name} with a long name", i, d)
               for name, (i, d) in zip(SKILLS, itertools.product((1, 5), (1, 5)), strict=False)]
    corners += [MatrixPoint(name, 5, 5) for name in SKILLS[4:]]
    figure = matrix_figure(corners, "Alex Rivera: where to focus in the weeks ahead, from the week 1 diagnosis")
    width, height = figure.bbox.width, figure.bbox.height
    for text in _texts(figure):
        box = text.get_window_extent()
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, _one_line(text)


@pytest.mark.parametrize(("impact", "difficulty"), [(0, 3), (6, 3), (3, 0), (3, 6), (2.5, 3), (True, 3)])
def test_a_rating_off_the_1_to_5_scale_is_refused(impact: object, difficulty: object) -> None:
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        MatrixPoint("Discovery", impact, difficulty)  # type: ignore[arg-type]


# ------------------------------------------------------------- text versions


def test_the_radar_alt_text_lists_every_average_in_order() -> None:
    text = radar_alt_text("Skills profile of Alex", DIMENSIONS[:2], [2.0, 3.45], 4.0)
    assert "Discovery quality 2.0, Value connection 3.5" in text  # rounded as the chart shows it
    assert "target 4" in text


def test_the_matrix_alt_text_names_each_quadrant_and_what_is_in_it() -> None:
    text = matrix_alt_text("Alex", [MatrixPoint("Discovery", 4, 2), MatrixPoint("Closing", 2, 4)])
    assert "Quick wins (high impact, low difficulty): Discovery (impact 4, difficulty 2)." in text
    assert "Ignore for now (low impact, high difficulty): Closing (impact 2, difficulty 4)." in text
    assert "Long-term priorities (high impact, high difficulty): none." in text


def test_alt_texts_never_exceed_what_slack_accepts() -> None:
    many = [MatrixPoint(f"A skill with a rather long name number {n}", 3, 3) for n in range(60)]
    assert len(matrix_alt_text("Alex", many)) == FILE_ALT_TEXT
    labels = [f"Dimension with a long name {n}" for n in range(60)]
    assert len(radar_alt_text("Alex", labels, [3.0] * 60, 4.0)) == FILE_ALT_TEXT
