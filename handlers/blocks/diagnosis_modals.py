"""The call-scoring and self-assessment modals, and reading their submissions.

Block ids double as the keys of inline errors (see `handlers.blocks.inputs`).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from domain import field_lengths
from domain.catalog import Catalog
from handlers.blocks import limits
from handlers.blocks.inputs import (
    as_int,
    input_block,
    metadata,
    metadata_user,
    option,
    selected,
    state_values,
)
from handlers.blocks.kit import Block, header, md, mention, plain, section
from handlers.edge import ids

CALL_TITLE, CALL_LINK, CALL_ON, NOTES = "call_title", "call_link", "call_on", "notes"


def dimension_block(dimension_id: str) -> str:
    return f"dim_{dimension_id}"


def question_block(question_id: str, rating: str) -> str:
    return f"q_{question_id}_{rating}"


def score_call_modal(catalog: Catalog, rep_id: str, scorer_id: str, today: date) -> dict[str, Any]:
    own = rep_id == scorer_id
    intro = md("Score one of your own calls.") if own else md("Score a call of {rep}.", rep=mention(rep_id))
    blocks: list[Block] = [
        section(intro + " Each dimension is 1-5; the hint under it says what each score means."),
        input_block(CALL_TITLE, "Call", {"type": "plain_text_input", "max_length": field_lengths.CALL_TITLE,
                                    "placeholder": plain("e.g. Acme discovery call", 150)}, optional=True),
        input_block(CALL_LINK, "Recording link", {"type": "plain_text_input", "max_length": field_lengths.CALL_LINK,
                                              "placeholder": plain("https://...", 150)}, optional=True,
               hint="A call title or a recording link is enough."),
        input_block(CALL_ON, "Date of the call", {"type": "datepicker", "initial_date": today.isoformat()}),
    ]
    for dimension in catalog.scoring_dimensions:
        options = [option(score, f"{score} · {dimension.rubric[score]}") for score in range(1, 6)]
        blocks.append(input_block(dimension_block(dimension.id), dimension.name,
                             {"type": "static_select", "options": options,
                              "placeholder": plain("Pick 1-5", 150)},
                             hint=f"1: {dimension.rubric[1]}  5: {dimension.rubric[5]}"))
    blocks.append(input_block(NOTES, "Notes", {"type": "plain_text_input", "multiline": True,
                                          "max_length": field_lengths.CALL_NOTES}, optional=True))
    return {
        "type": "modal",
        "callback_id": ids.SCORE_CALL_VIEW,
        "title": plain("Score a call", limits.VIEW_TITLE),
        "submit": plain("Save scores", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"rep": rep_id}),
        "blocks": blocks,
    }


def self_assessment_modal(catalog: Catalog) -> dict[str, Any]:
    scale = [option(n, f"{n} · {label}") for n, label in
             enumerate(["not at all", "a little", "somewhat", "mostly", "completely"], start=1)]
    blocks: list[Block] = [section(
        "Twenty questions, four per skill. For each, how *confident* you feel and how *competent* you "
        "think you are, 1-5. Be candid: this is the start of your coaching, not a review."
    )]
    for competency in catalog.competencies:
        blocks.append(header(competency.name))
        for question in competency.self_assessment_questions:
            for rating in ("confidence", "competence"):
                label = f"{question.text} ({rating})"
                blocks.append(input_block(question_block(question.id, rating), label,
                                     {"type": "static_select", "options": scale,
                                      "placeholder": plain("Pick 1-5", 150)}))
    return {
        "type": "modal",
        "callback_id": ids.SELF_ASSESSMENT_VIEW,
        "title": plain("Self-assessment", limits.VIEW_TITLE),
        "submit": plain("Submit", limits.VIEW_TITLE),
        "close": plain("Later", limits.VIEW_TITLE),
        "blocks": blocks,
    }


def _day(raw: Any) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def read_score_submission(view: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The score-call modal's values as `DiagnosisService.score_call` keywords.

    rep_id comes from the metadata, None when it is missing or not a user id (a tampered form).
    """
    values = state_values(view)
    rep_id = metadata_user(metadata(view), "rep")
    return {
        "rep_id": rep_id,
        "title": selected(values, CALL_TITLE) or "",
        "link": selected(values, CALL_LINK),
        "call_on": _day(selected(values, CALL_ON)),
        "scores": {d.id: as_int(selected(values, dimension_block(d.id))) for d in catalog.scoring_dimensions},
        "notes": selected(values, NOTES) or "",
    }


def score_errors(problems: dict[str, str], catalog: Catalog) -> dict[str, str]:
    """Problems keyed by field or dimension id, as Slack's `errors` keyed by block id."""
    dimensions = {d.id for d in catalog.scoring_dimensions}
    return {
        (dimension_block(key) if key in dimensions else key): text
        for key, text in problems.items()
    }


def read_self_assessment(view: dict[str, Any], catalog: Catalog) -> dict[str, dict[str, object]]:
    """Question id -> {"confidence": n, "competence": n} from the submitted modal."""
    values = state_values(view)
    return {
        q.question.id: {
            rating: as_int(selected(values, question_block(q.question.id, rating)))
            for rating in ("confidence", "competence")
        }
        for q in catalog.questions()
    }


def self_assessment_errors(problems: dict[str, str], raw: dict[str, dict[str, object]]) -> dict[str, str]:
    """Each problem goes under the first rating of its question that is missing or wrong."""
    errors = {}
    for question, text in problems.items():
        given = raw.get(question, {})
        rating = next((r for r in ("confidence", "competence") if given.get(r) not in range(1, 6)), "confidence")
        errors[question_block(question, rating)] = text
    return errors
