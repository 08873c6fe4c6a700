"""The catalog that ships with the app: what a manager and a rep will see out of the box."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from domain.catalog import Better, Catalog, IndicatorType, Level, load_catalog
from domain.catalog.model import LINE_MAX, NAME_MAX
from domain.errors import NotFound

COMPETENCIES = ["discovery", "objection_handling", "value_articulation", "closing", "pipeline_management"]
DIMENSIONS = ["discovery_quality", "value_connection", "objection_response", "next_step_clarity", "executive_presence"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_the_five_competencies_in_order(catalog: Catalog) -> None:
    assert [comp.id for comp in catalog.competencies] == COMPETENCIES
    assert catalog.version


def test_levels_support_the_two_skill_rule(catalog: Catalog) -> None:
    assert [comp.id for comp in catalog.foundational()] == ["discovery", "objection_handling", "pipeline_management"]
    assert [comp.id for comp in catalog.advanced()] == ["value_articulation", "closing"]
    assert catalog.competency("closing").level is Level.ADVANCED


def test_the_five_scoring_dimensions_and_what_they_inform(catalog: Catalog) -> None:
    informs = {dim.id: dim.competency for dim in catalog.scoring_dimensions}
    assert informs == {
        "discovery_quality": "discovery",
        "value_connection": "value_articulation",
        "objection_response": "objection_handling",
        "next_step_clarity": "closing",
        "executive_presence": "value_articulation",
    }
    assert list(informs) == DIMENSIONS


def test_every_rubric_has_one_sentence_per_score(catalog: Catalog) -> None:
    for dim in catalog.scoring_dimensions:
        assert sorted(dim.rubric) == [1, 2, 3, 4, 5]
        assert all(len(anchor) <= LINE_MAX for anchor in dim.rubric.values())
    assert catalog.dimension("discovery_quality").anchor(1) == "No discovery questions; pitched features straight away."


def test_anchor_outside_one_to_five_is_refused(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        catalog.dimension("discovery_quality").anchor(6)


def test_each_competency_has_lessons_homework_questions_and_a_challenge(catalog: Catalog) -> None:
    for comp in catalog.competencies:
        assert 2 <= len(comp.leading_indicators) <= 3
        assert len(comp.micro_lessons) == 4
        assert 1 <= len(comp.homework_templates) <= 3
        assert len(comp.self_assessment_questions) == 4
        assert comp.challenge_behavior
    assert sum(len(comp.leading_indicators) for comp in catalog.competencies) == 13


def test_discovery_content_matches_the_coaching_framework(catalog: Catalog) -> None:
    discovery = catalog.competency("discovery")
    assert [lesson.title for lesson in discovery.micro_lessons] == [
        "The PAIN framework",
        "Transitional questions",
        "Quantifying business impact",
        "Emotional vs logical pain",
    ]
    assert discovery.challenge_behavior == "Ask at least 5 probing questions in every discovery call"
    kinds = {item.id: (item.type, item.better) for item in catalog.indicators_for("discovery")}
    assert kinds["business_impact_quantified"] == (IndicatorType.YES_NO, Better.HIGHER)


def test_closing_indicators_know_which_direction_is_better(catalog: Catalog) -> None:
    kinds = {item.id: (item.type, item.better) for item in catalog.indicators_for("closing")}
    assert kinds == {
        "next_step_defined": (IndicatorType.YES_NO, Better.HIGHER),
        "proposal_to_decision_days": (IndicatorType.DAYS, Better.LOWER),
        "trial_closes_attempted": (IndicatorType.COUNT, Better.HIGHER),
    }


def test_twenty_questions_in_order_with_their_competency(catalog: Catalog) -> None:
    questions = catalog.questions()
    assert len(questions) == 20
    assert [q.competency.id for q in questions] == [c for c in COMPETENCIES for _ in range(4)]
    assert len({q.question.id for q in questions}) == 20
    assert questions[0].question is catalog.competency("discovery").self_assessment_questions[0]


def test_everything_shown_as_option_text_fits_slack(catalog: Catalog) -> None:
    names = [comp.name for comp in catalog.competencies] + [dim.name for dim in catalog.scoring_dimensions]
    for comp in catalog.competencies:
        names += [item.name for item in comp.leading_indicators]
        names += [lesson.title for lesson in comp.micro_lessons]
        names += [homework.title for homework in comp.homework_templates]
    assert max(len(name) for name in names) <= NAME_MAX


def test_lookups_by_id(catalog: Catalog) -> None:
    assert catalog.indicator("pipeline_coverage").type is IndicatorType.PERCENTAGE
    informing = catalog.dimensions_for("value_articulation")
    assert [dim.id for dim in informing] == ["value_connection", "executive_presence"]
    # Pipeline management is observed in the pipeline audit, not on calls.
    assert catalog.dimensions_for("pipeline_management") == ()


@pytest.mark.parametrize(
    "lookup",
    [
        lambda c: c.competency("negotiation"),
        lambda c: c.dimension("rapport"),
        lambda c: c.indicator("calls_made"),
        lambda c: c.indicators_for("negotiation"),
        lambda c: c.dimensions_for("negotiation"),
    ],
)
def test_unknown_ids_are_a_clear_not_found(catalog: Catalog, lookup: Callable[[Catalog], object]) -> None:
    with pytest.raises(NotFound, match="skill catalog"):
        lookup(catalog)


def test_the_default_is_loaded_once_and_cannot_be_changed(catalog: Catalog) -> None:
    assert load_catalog() is catalog
    with pytest.raises(ValidationError, match="frozen"):
        catalog.competencies[0].name = "Changed"  # type: ignore[misc]


def test_every_shipped_lesson_has_a_concrete_example_within_slacks_limits(catalog: Catalog) -> None:
    lessons = [lesson for comp in catalog.competencies for lesson in comp.micro_lessons]
    assert len(lessons) == 20
    for lesson in lessons:
        assert lesson.example is not None and 150 <= len(lesson.example) <= 1000, lesson.id
        assert lesson.example not in (lesson.summary, lesson.exercise)
    assert len({lesson.example for lesson in lessons}) == 20
