"""The observer's modal of a shadowed call (`/coach shadow @rep [deal]`) and reading it back.

The call's fields are the debrief's (`handlers.blocks.call_fields`), with the
three questions from the observer's side; then a 1-5 score per focus skill,
its options and hint taken from the rubric anchors of the scoring dimensions
that inform the skill, and the feedback the rep will get. The metadata holds
the rep and the focus skills the form was built with: the use case checks
both again (a forged rep is refused, a focus that changed meanwhile too).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain import field_lengths
from domain.catalog import Catalog
from domain.catalog.model import SCORES, ScoringDimension
from domain.coaching.calls import observer_questions
from domain.services.shadowing import FEEDBACK, ShadowForm, ShadowInput, indicators_of, skill_of_score_key
from handlers.blocks import limits
from handlers.blocks.call_fields import DEAL, CallPrefill, DealChoice, call_blocks, call_field_errors, read_call_fields
from handlers.blocks.inputs import (
    as_int,
    input_block,
    metadata,
    metadata_user,
    option,
    select,
    selected,
    state_values,
    text_input,
)
from handlers.blocks.kit import Block, header, md, mention, plain, section
from handlers.edge import ids

# Where an error about the whole form goes (a refusal, a form that cannot be read): its first field.
FORM_ERROR_BLOCK = DEAL
FEEDBACK_BLOCK = FEEDBACK
# For a focus skill no scoring dimension informs (pipeline management in the shipped catalog).
PLAIN_SCALE = {
    1: "Not yet: the skill did not show in this call",
    2: "A start: tried, but it did not land",
    3: "Solid in parts, not all the way through",
    4: "Clearly and mostly well",
    5: "A model: I would show this call to the team",
}
_MENTION = re.compile(r"<@[UW][A-Z0-9]+>")


def score_block(skill: str) -> str:
    """The block id of a focus skill's score."""
    return f"score_{skill}"


@dataclass(frozen=True)
class ShadowSubmission:
    """What a submitted observer's modal holds; `rep_id` is None when its metadata is not ours."""

    rep_id: str | None
    skills: tuple[str, ...]
    input: ShadowInput


def _score_input(skill: str, catalog: Catalog) -> Block:
    competency = catalog.competency(skill)
    dimensions = catalog.dimensions_for(skill)
    anchors: Mapping[int, str] = dimensions[0].rubric if dimensions else PLAIN_SCALE
    options = [option(score, f"{score} · {anchors[score]}") for score in SCORES]
    return input_block(score_block(skill), f"{competency.name}: score 1-5",
                       select(options, placeholder="Pick 1-5"), hint=_rubric_hint(dimensions))


def _rubric_hint(dimensions: Sequence[ScoringDimension]) -> str:
    """The anchors of scores 1, 3 and 5 in full (the options show every score's, shortened)."""
    if not dimensions:
        return f"1: {PLAIN_SCALE[1]}.  5: {PLAIN_SCALE[5]}."
    named = len(dimensions) > 1
    lines = [(f"{d.name}: " if named else "") + f"1 = {d.anchor(1)}  3 = {d.anchor(3)}  5 = {d.anchor(5)}"
             for d in dimensions]
    return limits.clip("\n".join(lines), 2000)


def shadow_modal(form: ShadowForm, catalog: Catalog) -> dict[str, Any]:
    rep = form.rep
    names = [catalog.competency(skill).name for skill in form.skills]
    deal = DealChoice(form.deal.external_id, form.deal.name) if form.deal is not None else None
    focus = md(" Their focus: *{skills}*.", skills=", ".join(names)) if names else md("")
    blocks: list[Block] = [
        section(md("Your notes on a call of {rep} you joined.{focus} Fill in the indicators as you saw them. "
                   "{rep} gets your feedback with a summary; only the two of you ever see these notes.",
                   rep=mention(rep.user_id), focus=focus)),
        *call_blocks(questions=observer_questions(rep.name, names), indicators=form.indicators(catalog),
                     today=form.today, prefill=CallPrefill(deal=deal, account=form.account)),
    ]
    if form.skills:
        blocks.append(header("Your scores"))
        blocks.extend(_score_input(skill, catalog) for skill in form.skills)
    blocks.append(input_block(
        FEEDBACK_BLOCK, f"Feedback for {rep.name}",
        text_input(multiline=True, max_length=field_lengths.SHADOW_FEEDBACK,
                   placeholder="What to keep doing, and the one thing to change"),
        hint=f"Sent to {rep.name} as you write it, in a DM from Coachflow."))
    return {
        "type": "modal",
        "callback_id": ids.SHADOW_VIEW,
        "title": plain("Shadowed call", limits.VIEW_TITLE),
        "submit": plain("Send feedback", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"rep": rep.user_id, "skills": list(form.skills)}),
        "blocks": blocks[: limits.VIEW_BLOCKS],
    }


def _skills(opened: dict[str, Any]) -> tuple[str, ...] | None:
    found = opened.get("skills")
    if not isinstance(found, list) or len(found) > 10 or not all(isinstance(s, str) and len(s) <= 40 for s in found):
        return None
    return tuple(found)


def read_shadow_submission(view: dict[str, Any], catalog: Catalog) -> ShadowSubmission:
    """The observer's modal as `ShadowService.shadow_and_tell` takes it; never raises on a crafted payload."""
    opened = metadata(view)
    skills = _skills(opened)
    rep_id = metadata_user(opened, "rep") if skills is not None else None
    skills = skills or ()
    fields = read_call_fields(view, indicators_of(skills, catalog))
    values = state_values(view)
    return ShadowSubmission(rep_id, skills, ShadowInput(
        call=fields.call, call_type=fields.call_type, call_on=fields.call_on, answers=fields.answers,
        feedback=selected(values, FEEDBACK_BLOCK) or "", indicators=fields.indicators,
        scores={skill: as_int(selected(values, score_block(skill))) for skill in skills},
        recording_link=fields.recording_link, skills=skills,
    ))


def shadow_errors(problems: Mapping[str, str], skills: Sequence[str], catalog: Catalog) -> dict[str, str]:
    """The use case's problems as Slack's `errors`, each under its block (see `ShadowService`)."""
    errors: dict[str, str] = {}
    rest: dict[str, str] = {}
    for key, text in problems.items():
        skill = skill_of_score_key(key)
        if skill is not None and skill in skills:
            errors[score_block(skill)] = limits.clip(text, 2000)
        elif key == FEEDBACK:
            errors[FEEDBACK_BLOCK] = limits.clip(text, 2000)
        else:
            rest[key] = text
    for block, text in call_field_errors(rest, indicators_of(skills, catalog)).items():
        errors.setdefault(block, text)
    return errors


def refusal_errors(text: str) -> dict[str, str]:
    """A refusal as an inline error: plain text shows no mentions, so `<@U…>` reads "this rep"."""
    return {FORM_ERROR_BLOCK: limits.clip(_MENTION.sub("this rep", text), 2000)}
