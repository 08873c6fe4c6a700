"""Each way an admin's catalog can be wrong gives one line naming the file and the entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from domain.catalog import CatalogError, load_catalog
from domain.errors import CoachflowError

from .helpers import Mutation, write_catalog


def problems(tmp_path: Path, change: Mutation) -> list[str]:
    path = write_catalog(tmp_path, change)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    prefix = f"{path}: "
    lines = str(caught.value).splitlines()
    assert all(line.startswith(prefix) for line in lines), lines  # every line names the file
    assert [line.removeprefix(prefix) for line in lines] == list(caught.value.problems)
    return list(caught.value.problems)


def competency(data: dict[str, Any], index: int) -> dict[str, Any]:
    found: dict[str, Any] = data["competencies"][index]
    return found


def test_a_valid_copy_of_the_default_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write_catalog(tmp_path))
    assert len(catalog.competencies) == 5


def test_the_error_is_a_coachflow_error_so_the_cli_exits_1(tmp_path: Path) -> None:
    with pytest.raises(CoachflowError):
        load_catalog(tmp_path / "missing.json")


def test_wrong_number_of_micro_lessons(tmp_path: Path) -> None:
    def drop_one(data: dict[str, Any]) -> None:
        competency(data, 3)["micro_lessons"].pop()

    assert problems(tmp_path, drop_one) == [
        "competencies[3] (closing): micro_lessons must have exactly 4 entries, found 3"
    ]


def test_wrong_number_of_self_assessment_questions(tmp_path: Path) -> None:
    def add_one(data: dict[str, Any]) -> None:
        competency(data, 0)["self_assessment_questions"].append({"id": "discovery_extra", "text": "One more."})

    assert problems(tmp_path, add_one) == [
        "competencies[0] (discovery): self_assessment_questions must have exactly 4 entries, found 5"
    ]


@pytest.mark.parametrize(("keep", "found"), [(1, 1), (4, 4)])
def test_two_or_three_leading_indicators(tmp_path: Path, keep: int, found: int) -> None:
    def resize(data: dict[str, Any]) -> None:
        indicators = competency(data, 0)["leading_indicators"]
        extra = {"id": "discovery_calls_booked", "name": "Discovery calls booked", "type": "count",
                 "better": "higher", "unit": "calls"}
        competency(data, 0)["leading_indicators"] = [*indicators, extra][:keep]

    assert problems(tmp_path, resize) == [
        f"competencies[0] (discovery): leading_indicators must have 2 to 3 entries, found {found}"
    ]


def test_no_homework_template(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: competency(data, 4).update(homework_templates=[])) == [
        "competencies[4] (pipeline_management): homework_templates must have at least 1 entry, found 0"
    ]


@pytest.mark.parametrize("prospects", [6, -1, "three"])
def test_a_homework_template_names_at_most_five_prospects(tmp_path: Path, prospects: object) -> None:
    found = problems(tmp_path, lambda data: competency(data, 2)["homework_templates"][0].update(prospects=prospects))
    assert len(found) == 1 and found[0].startswith("competencies[2] (value_articulation).homework_templates[0]")
    assert "prospects" in found[0]


def test_missing_challenge_behavior(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: competency(data, 2).pop("challenge_behavior")) == [
        "competencies[2] (value_articulation): challenge_behavior is missing"
    ]


def test_misspelt_field_is_refused_not_ignored(tmp_path: Path) -> None:
    def misspell(data: dict[str, Any]) -> None:
        competency(data, 2)["challenge_behaviour"] = competency(data, 2).pop("challenge_behavior")

    assert problems(tmp_path, misspell) == [
        "competencies[2] (value_articulation): challenge_behavior is missing",
        "competencies[2] (value_articulation): challenge_behaviour is not a catalog field (misspelt?)",
    ]


def test_unknown_indicator_type_and_direction(tmp_path: Path) -> None:
    def break_indicator(data: dict[str, Any]) -> None:
        competency(data, 1)["leading_indicators"][0].update(type="ratio", better="more")

    where = "competencies[1] (objection_handling).leading_indicators[0] (objections_resolved)"
    assert problems(tmp_path, break_indicator) == [
        f"{where}: type must be 'count', 'yes_no', 'percentage', 'days' or 'minutes', not 'ratio'",
        f"{where}: better must be 'higher' or 'lower', not 'more'",
    ]


def test_unknown_level(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: competency(data, 3).update(level="expert")) == [
        "competencies[3] (closing): level must be 'foundational' or 'advanced', not 'expert'"
    ]


def test_dimension_names_a_competency_that_does_not_exist(tmp_path: Path) -> None:
    def retarget(data: dict[str, Any]) -> None:
        data["scoring_dimensions"][4]["competency"] = "presence"

    [problem] = problems(tmp_path, retarget)
    assert problem.startswith(
        "scoring_dimensions[4] (executive_presence): competency 'presence' is not in competencies (known: discovery,"
    )


def test_rubric_needs_exactly_five_anchors(tmp_path: Path) -> None:
    def drop_four(data: dict[str, Any]) -> None:
        data["scoring_dimensions"][0]["rubric"].pop("4")

    assert problems(tmp_path, drop_four) == [
        ("scoring_dimensions[0] (discovery_quality): rubric must have exactly 5 anchors, "
         "one for each score 1 to 5 (missing 4)")
    ]


def test_rubric_with_a_wrong_score_key(tmp_path: Path) -> None:
    def rename(data: dict[str, Any]) -> None:
        rubric = data["scoring_dimensions"][1]["rubric"]
        rubric["six"] = rubric.pop("5")

    [problem] = problems(tmp_path, rename)
    assert problem.startswith("scoring_dimensions[1] (value_connection): rubric must have exactly 5 anchors")
    assert "missing 5; unexpected 'six'" in problem


def test_rubric_as_a_list_says_how_to_write_it(tmp_path: Path) -> None:
    def as_list(data: dict[str, Any]) -> None:
        rubric = data["scoring_dimensions"][0]["rubric"]
        data["scoring_dimensions"][0]["rubric"] = list(rubric.values())

    [problem] = problems(tmp_path, as_list)
    assert problem.startswith("scoring_dimensions[0] (discovery_quality): rubric must be an object")
    assert '"1":' in problem


def test_long_rubric_anchor_names_its_score(tmp_path: Path) -> None:
    def lengthen(data: dict[str, Any]) -> None:
        data["scoring_dimensions"][0]["rubric"]["3"] = "x" * 151

    assert problems(tmp_path, lengthen) == [
        "scoring_dimensions[0] (discovery_quality): rubric score 3 is 151 characters; at most 150 fit in Slack"
    ]


def test_name_too_long_for_slack_option_text(tmp_path: Path) -> None:
    def lengthen(data: dict[str, Any]) -> None:
        competency(data, 0)["micro_lessons"][1]["title"] = "T" * 76

    assert problems(tmp_path, lengthen) == [
        ("competencies[0] (discovery).micro_lessons[1] (transitional_questions): "
         "title is 76 characters; at most 75 fit in Slack")
    ]


def test_question_too_long(tmp_path: Path) -> None:
    def lengthen(data: dict[str, Any]) -> None:
        competency(data, 4)["self_assessment_questions"][0]["text"] = "Q" * 151

    assert problems(tmp_path, lengthen) == [
        ("competencies[4] (pipeline_management).self_assessment_questions[0] (pipeline_crm_accurate): "
         "text is 151 characters; at most 150 fit in Slack")
    ]


def test_names_must_be_one_line_and_not_empty(tmp_path: Path) -> None:
    def spoil(data: dict[str, Any]) -> None:
        competency(data, 4).update(name="Pipeline\nmanagement", description="   ")

    assert problems(tmp_path, spoil) == [
        "competencies[4] (pipeline_management): name must be on one line",
        "competencies[4] (pipeline_management): description is empty",
    ]


def test_ids_are_snake_case(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: competency(data, 4).update(id="Pipeline Management")) == [
        ("competencies[4] (Pipeline Management): id 'Pipeline Management' must start with a lowercase letter "
         "and use only a-z, 0-9 and _")
    ]


def test_duplicate_competency_id(tmp_path: Path) -> None:
    # The second problem follows from the first: the dimension's competency is gone.
    found = problems(tmp_path, lambda data: competency(data, 1).update(id="discovery"))
    assert found[0] == "competencies[1]: id 'discovery' is already used by competencies[0]"
    assert found[1].startswith("scoring_dimensions[2] (objection_response): competency 'objection_handling'")


def test_ids_are_unique_across_competencies(tmp_path: Path) -> None:
    # Stored answers refer to a lesson, question or indicator by its id alone.
    def reuse(data: dict[str, Any]) -> None:
        competency(data, 4)["micro_lessons"][0]["id"] = "pain_framework"
        competency(data, 4)["self_assessment_questions"][3]["id"] = "discovery_stakeholders"

    assert problems(tmp_path, reuse) == [
        ("competencies[4] (pipeline_management).micro_lessons[0]: id 'pain_framework' "
         "is already used by competencies[0] (discovery).micro_lessons[0]"),
        ("competencies[4] (pipeline_management).self_assessment_questions[3]: id 'discovery_stakeholders' "
         "is already used by competencies[0] (discovery).self_assessment_questions[2]"),
    ]


def test_duplicate_dimension_id(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: data["scoring_dimensions"][4].update(id="value_connection")) == [
        "scoring_dimensions[4]: id 'value_connection' is already used by scoring_dimensions[1]"
    ]


@pytest.mark.parametrize("level", ["foundational", "advanced"])
def test_two_skill_rule_needs_both_levels(tmp_path: Path, level: str) -> None:
    def one_level(data: dict[str, Any]) -> None:
        for comp in data["competencies"]:
            comp["level"] = level

    missing = "advanced" if level == "foundational" else "foundational"
    assert problems(tmp_path, one_level) == [
        f"competencies: no {missing} competency; the 2-skill rule needs at least one foundational and one advanced"
    ]


def test_an_admin_may_have_other_competencies(tmp_path: Path) -> None:
    # A smaller catalog with a new skill is fine as long as the rules hold.
    def two_skills(data: dict[str, Any]) -> None:
        negotiation = dict(competency(data, 3), id="negotiation", name="Negotiation")
        for field in ("leading_indicators", "micro_lessons", "homework_templates", "self_assessment_questions"):
            negotiation[field] = [dict(item, id=f"negotiation_{item['id']}") for item in negotiation[field]]
        data["competencies"] = [competency(data, 0), negotiation]
        data["scoring_dimensions"] = [data["scoring_dimensions"][0]]

    catalog = load_catalog(write_catalog(tmp_path, two_skills))
    assert [comp.id for comp in catalog.advanced()] == ["negotiation"]
    assert len(catalog.questions()) == 8


def test_missing_top_level_sections(tmp_path: Path) -> None:
    def strip(data: dict[str, Any]) -> None:
        del data["version"]
        data["competencies"] = {}

    assert problems(tmp_path, strip) == ["version is missing", "competencies must be a list [...]"]


def test_an_entry_that_is_not_an_object(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: data["competencies"].__setitem__(1, "objection handling")) == [
        "competencies[1]: must be an object {...}"
    ]


def test_empty_catalog_lists(tmp_path: Path) -> None:
    assert problems(tmp_path, lambda data: data.update(scoring_dimensions=[])) == [
        "scoring_dimensions must have 1 to 10 entries, found 0"
    ]


def test_a_catalog_without_lesson_examples_is_still_valid(tmp_path: Path) -> None:
    def drop_examples(data: dict[str, Any]) -> None:
        for comp in data["competencies"]:
            for lesson in comp["micro_lessons"]:
                del lesson["example"]

    catalog = load_catalog(write_catalog(tmp_path, drop_examples))
    assert all(lesson.example is None for comp in catalog.competencies for lesson in comp.micro_lessons)


def test_a_lesson_example_too_long_names_its_lesson(tmp_path: Path) -> None:
    def lengthen(data: dict[str, Any]) -> None:
        competency(data, 0)["micro_lessons"][0]["example"] = "E" * 1001

    assert problems(tmp_path, lengthen) == [
        ("competencies[0] (discovery).micro_lessons[0] (pain_framework): "
         "example is 1001 characters; at most 1000 fit in Slack")
    ]
