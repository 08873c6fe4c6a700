"""The input blocks of a call, shared by the rep's debrief modal and the manager's shadow modal.

A call is the same fields from either side: the deal (an `external_select`
over the rep's open deals, answered by the `block_suggestion` listener of
`ids.DEBRIEF_DEAL_SELECT`, or a free-text account), the call type, the day,
the three questions (labels from `rep_questions` or `observer_questions`), one
input per leading indicator of the rep's focus skills, and an optional
recording link.

The API, for both modals:

- `call_blocks(questions=..., indicators=..., today=..., prefill=...)`: the
  input blocks, in order; put them in your modal after your own intro.
- `read_call_fields(view, indicators)`: a submitted view's state as typed
  values (`CallFields`), never raising whatever a crafted payload holds.
- `call_field_errors(problems, indicators)`: the problems of
  `domain.coaching.calls.validate_call` and
  `domain.coaching.indicators.parse_indicators` (keyed by field name and
  indicator id) as Slack's `response_action: errors` (keyed by block id).

Block ids are the problem keys themselves (`deal`, `call_type`, `call_on`,
`went_well`, `do_differently`, `practice_next`, `recording_link`), and
`ind_<indicator id>` for an indicator, so each error lands under its field.
Only the deal's element carries its own action id (`ids.DEBRIEF_DEAL_SELECT`,
which the options listener answers); every other element has `inputs.VALUE`.

The deal search (`handlers/options/deals.py`) lists the caller's own open
deals. A modal about someone else's call (the manager's shadow modal) puts
`"rep": <the rep's user id>` in its `private_metadata`: the search then lists
that rep's deals, and only when the caller is the rep's manager.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain import field_lengths
from domain.catalog.model import IndicatorType, LeadingIndicator
from domain.coaching.calls import ANSWER_FIELDS, CALL_TYPES, CallAnswers, CallRef
from domain.coaching.indicators import NO, YES, IndicatorValue
from handlers.blocks import limits
from handlers.blocks.inputs import input_block, option, select, selected, state_values, text_input
from handlers.blocks.kit import Block, plain
from handlers.edge import ids

DEAL, ACCOUNT, CALL_TYPE, CALL_ON, RECORDING_LINK = "deal", "account", "call_type", "call_on", "recording_link"
WENT_WELL, DO_DIFFERENTLY, PRACTICE_NEXT = ANSWER_FIELDS
INDICATOR_PREFIX = "ind_"
# What the options listener shows once the person has typed this much (0: the list opens at once).
DEAL_MIN_QUERY = 0


def indicator_block(indicator_id: str) -> str:
    """The block id of one indicator's input."""
    return INDICATOR_PREFIX + indicator_id


@dataclass(frozen=True)
class DealChoice:
    """A deal already picked: its CRM id (the option value) and what the option shows."""

    deal_id: str
    label: str


def deal_option(deal_id: str, label: str) -> dict[str, Any]:
    """One option of the deal select (the options listener answers with these): text <= 75 chars."""
    return option(deal_id, label or deal_id)


@dataclass(frozen=True)
class CallPrefill:
    """What the modal opens with; everything optional (the date defaults to `today`)."""

    deal: DealChoice | None = None
    account: str = ""
    call_type: str | None = None
    call_on: date | None = None
    answers: CallAnswers | None = None
    indicators: Mapping[str, IndicatorValue] = field(default_factory=dict)
    recording_link: str | None = None


@dataclass(frozen=True)
class CallFields:
    """A submitted call as typed: checked by `validate_call` and `parse_indicators`, not here.

    `indicators` holds the raw text per indicator id (None when left empty);
    `call_type` is the chosen value or None; `call_on` None when missing or unreadable.
    """

    call: CallRef
    call_type: str | None
    call_on: date | None
    answers: CallAnswers
    indicators: dict[str, str | None]
    recording_link: str | None


def _deal_block(prefill: CallPrefill) -> Block:
    element: dict[str, Any] = {
        "type": "external_select",
        "action_id": ids.DEBRIEF_DEAL_SELECT,
        "placeholder": plain("Search the open deals", 150),
        "min_query_length": DEAL_MIN_QUERY,
    }
    if prefill.deal is not None:
        element["initial_option"] = deal_option(prefill.deal.deal_id, prefill.deal.label)
    block = input_block(DEAL, "Deal", element, optional=True,
                        hint="Start typing the deal's name; not imported? Type the account below.")
    block["element"]["action_id"] = ids.DEBRIEF_DEAL_SELECT  # input_block sets VALUE; this one is answered by id
    return block


def _indicator_input(indicator: LeadingIndicator, value: IndicatorValue | None) -> Block:
    if indicator.type is IndicatorType.YES_NO:
        options = [option(YES, "Yes"), option(NO, "No")]
        element: dict[str, Any] = {"type": "radio_buttons", "options": options}
        if isinstance(value, bool):
            element["initial_option"] = options[0] if value else options[1]
        return input_block(indicator_block(indicator.id), indicator.name, element, optional=True)
    whole = indicator.type is IndicatorType.COUNT
    element = {"type": "number_input", "is_decimal_allowed": not whole,
               "placeholder": plain(indicator.unit, 150)}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        element["initial_value"] = str(value)
    hint = {
        IndicatorType.COUNT: f"A whole number of {indicator.unit}, 0 or more. Leave empty if it does not apply.",
        IndicatorType.PERCENTAGE: "A percentage from 0 to 100. Leave empty if it does not apply.",
        IndicatorType.DAYS: f"In {indicator.unit}, 0 or more. Leave empty if it does not apply.",
        IndicatorType.MINUTES: f"In {indicator.unit}, 0 or more. Leave empty if it does not apply.",
    }[indicator.type]
    return input_block(indicator_block(indicator.id), indicator.name, element, optional=True, hint=hint)


def call_blocks(*, questions: tuple[str, str, str], indicators: Sequence[LeadingIndicator], today: date,
                prefill: CallPrefill | None = None) -> list[Block]:
    """The call's input blocks: deal, account, type, day, three questions, indicators, link.

    `questions` come from `rep_questions` or `observer_questions`; `indicators`
    are the leading indicators of the rep's focus skills (none without a
    cycle); `today` is the person's local today, the date's default.
    """
    given = prefill or CallPrefill()
    answers = given.answers.as_dict() if given.answers else {}
    kinds = [option(kind.value, kind.label) for kind in CALL_TYPES]
    blocks: list[Block] = [
        _deal_block(given),
        input_block(ACCOUNT, "Account", text_input(given.account, max_length=field_lengths.CALL_ACCOUNT,
                                                   placeholder="e.g. Acme Corp"),
                    optional=True, hint="Only if the deal is not in the list."),
        input_block(CALL_TYPE, "Call type", select(kinds, given.call_type, "Pick the kind of call")),
        input_block(CALL_ON, "Date of the call",
                    {"type": "datepicker", "initial_date": (given.call_on or today).isoformat()}),
    ]
    for name, question in zip(ANSWER_FIELDS, questions, strict=True):
        blocks.append(input_block(name, question, text_input(answers.get(name), multiline=True,
                                                             max_length=field_lengths.DEBRIEF_ANSWER)))
    blocks.extend(_indicator_input(indicator, given.indicators.get(indicator.id)) for indicator in indicators)
    link: dict[str, Any] = {"type": "url_text_input", "placeholder": plain("https://...", 150)}
    if given.recording_link:
        link["initial_value"] = given.recording_link[: field_lengths.RECORDING_LINK]
    blocks.append(input_block(RECORDING_LINK, "Recording link", link, optional=True))
    return blocks


def _deal_id(values: dict[str, Any]) -> str | None:
    block = values.get(DEAL) if isinstance(values, dict) else None
    element = block.get(ids.DEBRIEF_DEAL_SELECT) if isinstance(block, dict) else None
    chosen = element.get("selected_option") if isinstance(element, dict) else None
    found = chosen.get("value") if isinstance(chosen, dict) else None
    return found if isinstance(found, str) and found else None


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def read_call_fields(view: dict[str, Any], indicators: Sequence[LeadingIndicator]) -> CallFields:
    """The call part of a submitted view; only the given indicators are read (others are ignored)."""
    values = state_values(view)
    return CallFields(
        call=CallRef(account=(selected(values, ACCOUNT) or "").strip(), deal_id=_deal_id(values)),
        call_type=selected(values, CALL_TYPE),
        call_on=_day(selected(values, CALL_ON)),
        answers=CallAnswers(**{name: selected(values, name) or "" for name in ANSWER_FIELDS}),
        indicators={i.id: selected(values, indicator_block(i.id)) for i in indicators},
        recording_link=(selected(values, RECORDING_LINK) or "").strip() or None,
    )


def call_field_errors(problems: Mapping[str, str], indicators: Sequence[LeadingIndicator]) -> dict[str, str]:
    """Problems by field name or indicator id, as `errors` by block id (unknown keys go under the deal)."""
    fields = {DEAL, CALL_TYPE, CALL_ON, RECORDING_LINK, *ANSWER_FIELDS}
    indicator_ids = {i.id for i in indicators}
    errors: dict[str, str] = {}
    for key, text in problems.items():
        block = key if key in fields else indicator_block(key) if key in indicator_ids else DEAL
        errors.setdefault(block, limits.clip(text, 2000))
    return errors

