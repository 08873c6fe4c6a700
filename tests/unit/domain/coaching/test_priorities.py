"""The impact/difficulty matrix and the 2-skill rule."""

from __future__ import annotations

import pytest

from domain.coaching.priorities import (
    GapRating,
    Quadrant,
    choose_focus,
    propose_focus,
    quadrant_of,
    validate_rating,
)
from domain.errors import InvalidInput

LEVELS = {
    "discovery": "foundational",
    "pipeline_management": "foundational",
    "objection_handling": "foundational",
    "value_articulation": "advanced",
    "closing": "advanced",
}


@pytest.mark.parametrize(
    ("impact", "difficulty", "quadrant"),
    [(5, 1, Quadrant.QUICK_WIN), (3, 2, Quadrant.QUICK_WIN), (4, 4, Quadrant.LONG_TERM),
     (2, 1, Quadrant.NICE_TO_HAVE), (1, 5, Quadrant.IGNORE_FOR_NOW)],
)
def test_each_gap_lands_in_its_quadrant(impact, difficulty, quadrant) -> None:
    assert GapRating("discovery", "foundational", impact, difficulty).quadrant is quadrant
    assert quadrant_of(impact, difficulty) is quadrant  # the chart draws with the same rule


def test_the_proposal_is_one_foundational_and_one_advanced_highest_impact_first() -> None:
    ratings = [
        GapRating("discovery", "foundational", 4, 2),
        GapRating("pipeline_management", "foundational", 5, 4),
        GapRating("objection_handling", "foundational", 2, 5),  # ignore for now
        GapRating("closing", "advanced", 3, 1),
        GapRating("value_articulation", "advanced", 3, 3, gap=1.5),
    ]
    assert [r.competency for r in propose_focus(ratings)] == ["pipeline_management", "closing"]


def test_with_nothing_worth_doing_at_one_level_only_one_skill_is_proposed() -> None:
    ratings = [GapRating("discovery", "foundational", 4, 2), GapRating("closing", "advanced", 1, 5)]
    assert [r.competency for r in propose_focus(ratings)] == ["discovery"]


def test_a_third_skill_is_refused_with_the_reason() -> None:
    focus = choose_focus([], "discovery", LEVELS)
    focus = choose_focus(focus, "closing", LEVELS)
    with pytest.raises(InvalidInput, match="at most 2 skills"):
        choose_focus(focus, "value_articulation", LEVELS)
    assert choose_focus(focus, "closing", LEVELS) == ["discovery", "closing"]


def test_two_skills_of_the_same_level_are_refused() -> None:
    with pytest.raises(InvalidInput, match="pair it with an advanced skill"):
        choose_focus(["discovery"], "pipeline_management", LEVELS)
    with pytest.raises(InvalidInput, match="not a competency"):
        choose_focus([], "juggling", LEVELS)


def test_ratings_are_1_to_5() -> None:
    assert validate_rating(0, 6) == {"impact": "Rate impact from 1 to 5.", "difficulty": "Rate difficulty from 1 to 5."}
    assert validate_rating(3, 3) == {}
