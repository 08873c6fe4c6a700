"""What a shadowed call looks like in Slack: the rep's feedback DM, the manager's confirmation, and a call
shown side by side (the rep's debrief next to the manager's observation).

Everything a manager or rep wrote is their text for someone else: it goes in
as a plain `str`, which the kit escapes; people appear as mentions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.catalog import Catalog
from domain.coaching.calls import CallAnswers
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.coaching.indicators import IndicatorValue, shown
from domain.coaching.shadow_week import ShadowWeek
from domain.errors import NotFound
from domain.services.shadowing import ShadowSaved
from handlers.blocks import limits
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    actions,
    button,
    context,
    fields,
    joined,
    md,
    mention,
    message,
    section,
)
from handlers.edge import ids

DEBRIEF_BUTTON = "Add my debrief of this call"
PAIR_ANSWER = 600  # characters of each answer side by side; the DMs carry the rest
_QUESTIONS = (("went_well", "Went well"), ("do_differently", "Differently next time"),
              ("practice_next", "Practise next"))


def debrief_value(observation: ShadowObservation) -> str:
    """The "Add my debrief" button's value: the debrief opener links the new debrief to this observation."""
    return f"shadow:{observation.id}"


def _call_title(side: Debrief | ShadowObservation) -> Mrkdwn:
    return md("*{day:%a %-d %b} · {kind} · {account}*", day=side.call_on, kind=side.call_type.label,
              account=side.call.label)


def _name(catalog: Catalog, competency_id: str) -> str:
    try:
        return catalog.competency(competency_id).name
    except NotFound:  # a skill an admin's later catalog dropped: its id still says what it was
        return competency_id


def scores_text(observation: ShadowObservation, catalog: Catalog) -> str:
    """`Discovery 4/5 · Closing 2/5`, or "" without focus skills."""
    return " · ".join(f"{_name(catalog, skill)} {score}/5" for skill, score in observation.skill_scores.items())


def _indicators(values: Mapping[str, IndicatorValue], catalog: Catalog) -> list[str]:
    lines = []
    for indicator_id, value in values.items():
        try:
            indicator = catalog.indicator(indicator_id)
        except NotFound:
            lines.append(f"{indicator_id}: {value}")
            continue
        lines.append(f"{indicator.name}: {shown(indicator, value)}")
    return lines


def target_text(week: ShadowWeek) -> str:
    """`2 shadowed calls this week (target 2-3): target met`, with where the rep stands against it."""
    low, high = week.target
    count = f"{week.count} shadowed call{'' if week.count == 1 else 's'} this week (target {low}-{high})"
    if not week.targeted:
        return f"{count}; the target applies in weeks 3-6 of a coaching cycle"
    if week.met:
        return f"{count}: target met"
    status = "behind" if week.behind else "on track"
    return f"{count}: {status}, {week.still_needed} more by {week.last:%a %-d %b}"


def shadow_feedback_notice(observation: ShadowObservation, catalog: Catalog) -> dict[str, Any]:
    """To the rep: the manager's feedback, what they saw, and a button to add the rep's own debrief."""
    observer = mention(observation.observer_id)
    intro = md("{observer} shadowed your {kind} call with *{account}* on {day:%a %-d %b} and left you feedback:",
               observer=observer, kind=observation.call_type.value, account=observation.call.label,
               day=observation.call_on)
    blocks: list[Block] = [section(intro), section(observation.feedback)]
    if observation.skill_scores:
        blocks.append(section(md("*Scores* {scores}", scores=scores_text(observation, catalog))))
    blocks.append(section(joined("\n", [md("*What {observer} saw*", observer=observer),
                                        *_answer_lines(observation.answers, limits.SECTION_TEXT // 4)])))
    if observation.indicators:
        blocks.append(context(md("Observed: {values}", values="; ".join(_indicators(observation.indicators,
                                                                                    catalog)))))
    blocks += [
        actions(button(DEBRIEF_BUTTON, ids.OPEN_DEBRIEF, value=debrief_value(observation), style="primary")),
        context(md("Your debrief of the same call is shown next to these notes. "
                   "Only you and {observer} see them.", observer=observer)),
    ]
    return message(md("{observer} shadowed your call with {account} and left you feedback",
                      observer=observer, account=observation.call.label), blocks)


def _answer_lines(answers: CallAnswers, limit: int) -> list[Mrkdwn]:
    return [md("_{label}:_ {text}", label=label, text=_short(getattr(answers, name), limit))
            for name, label in _QUESTIONS]


def shadow_recorded_message(saved: ShadowSaved) -> dict[str, Any]:
    """To the manager: saved, the rep has the feedback, and this week's count against the 2-3 target."""
    observation, week, rep = saved.observation, saved.week, mention(saved.rep.user_id)
    outside = "" if week.first <= observation.call_on <= week.last else " (before this week)"
    text = md("Saved your notes on {rep}'s call with {account} on {day:%a %-d %b}{outside}; {rep} has your "
              "feedback. {target}.", rep=rep, account=observation.call.label, day=observation.call_on,
              outside=outside, target=target_text(week))
    return message(text, [section(text)])


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _side(answers: CallAnswers | None, name: str, label: str) -> Mrkdwn:
    if answers is None:
        return md("_{label}_\n-", label=label)
    return md("_{label}_\n{text}", label=label, text=_short(getattr(answers, name), PAIR_ANSWER))


def call_pair(debrief: Debrief | None, observation: ShadowObservation | None, catalog: Catalog) -> list[Block]:
    """A call with the rep's debrief (left) next to the manager's observation (right); either may be missing.

    For `/coach calls` and App Home: the three answers from both sides, the
    indicators the rep recorded against those the observer saw, then the
    manager's scores and feedback. A call with neither side shows nothing.
    """
    side = debrief or observation
    if side is None:
        return []
    rep_id = side.rep_id
    left = md("*{rep}'s debrief*", rep=mention(rep_id)) if debrief is not None else md("*No debrief from {rep} yet*",
                                                                                        rep=mention(rep_id))
    right = (md("*Shadowed by {observer}*", observer=mention(observation.observer_id)) if observation is not None
             else md("*Not shadowed*"))
    columns: list[str] = [left, right]
    rep_answers = debrief.answers if debrief is not None else None
    seen_answers = observation.answers if observation is not None else None
    for name, label in _QUESTIONS:
        columns += [_side(rep_answers, name, label), _side(seen_answers, name, label)]
    rep_values = _indicators(debrief.indicators, catalog) if debrief is not None else []
    seen_values = _indicators(observation.indicators, catalog) if observation is not None else []
    if rep_values or seen_values:
        columns += [md("_Indicators_\n{lines}", lines="\n".join(rep_values) or "-"),
                    md("_Indicators observed_\n{lines}", lines="\n".join(seen_values) or "-")]
    blocks: list[Block] = [section(_call_title(side)), fields(*columns)]
    if observation is not None:
        lines = [md("*Feedback from {observer}:* {text}", observer=mention(observation.observer_id),
                    text=observation.feedback)]
        if observation.skill_scores:
            lines.insert(0, md("*Scores:* {scores}", scores=scores_text(observation, catalog)))
        blocks.append(section(joined("\n", lines)))
    return blocks
