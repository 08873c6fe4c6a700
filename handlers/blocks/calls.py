"""`/coach calls`: a week's calls, each with the rep's debrief and the manager's shadow notes.

Everything a rep or manager typed is escaped (`md`); people appear as
mentions. A call is one section (two when shadowed: the rep's words, then
the observer's), so a long team is trimmed to the message's 50 blocks with
a pointer to one rep at a time.
"""

from __future__ import annotations

from typing import Any

from domain.catalog import Catalog
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.coaching.indicators import shown
from domain.errors import NotFound
from domain.services.calls import CallEntry, CallList, RepCalls
from handlers.blocks import limits
from handlers.blocks.kit import Block, Mrkdwn, context, divider, fit, header, joined, md, mention, message, section

ANSWER_SHOWN = 280  # characters of each answer: the list is an overview, the DM copy has the rest


def calls_message(calls: CallList, catalog: Catalog) -> dict[str, Any]:
    week = "This week" if calls.which == "this" else "Last week"
    span = f"{calls.first:%a %-d %b} to {calls.last:%a %-d %b}"
    total = sum(len(r.calls) for r in calls.reps)
    blocks: list[Block] = [header(f"Calls: {week.lower()} ({span})")]
    if calls.is_team:
        blocks.append(context(f"{len(calls.reps)} reps, {total} calls. `/coach calls @alex` shows one rep; "
                              "`/coach calls last week` the week before."))
    for rep_calls in calls.reps:
        blocks += _rep(rep_calls, catalog, calls.is_team)
    if total == 0:
        blocks.append(section("No calls debriefed or shadowed in this week yet. A rep debriefs with `/debrief`; "
                              "a manager shadows with `/coach shadow @rep`."))
    text = f"{week}: {total} calls"
    return message(text, fit(blocks, limits.MESSAGE_BLOCKS, "…and more. `/coach calls @rep` shows one rep in full."))


def _rep(rep_calls: RepCalls, catalog: Catalog, is_team: bool) -> list[Block]:
    blocks: list[Block] = []
    if is_team:
        summary = f"{len(rep_calls.calls)} calls" if rep_calls.calls else "nothing this week"
        blocks += [divider(), section(md("*{rep}* · {summary}", rep=mention(rep_calls.rep.user_id),
                                         summary=summary))]
    for entry in rep_calls.calls:
        blocks += _call(entry, catalog)
    return blocks


def _call(entry: CallEntry, catalog: Catalog) -> list[Block]:
    side = entry.debrief or entry.shadow
    assert side is not None
    title = md("*{day:%a %-d %b} · {kind} · {account}*", day=side.call_on, kind=side.call_type.label,
               account=side.call.label)
    blocks: list[Block] = []
    if entry.debrief is not None:
        blocks.append(section(joined("\n", [title, _debrief(entry.debrief, catalog)])))
    if entry.shadow is not None:
        lead = [] if entry.debrief is not None else [title]
        blocks.append(section(joined("\n", [*lead, _shadow(entry.shadow, catalog)])))
    return blocks


def _answers(went_well: str, differently: str, practise: str) -> list[Mrkdwn]:
    return [md("> _Went well:_ {text}", text=_short(went_well)),
            md("> _Differently:_ {text}", text=_short(differently)),
            md("> _Practise:_ {text}", text=_short(practise))]


def _debrief(debrief: Debrief, catalog: Catalog) -> Mrkdwn:
    lines = [md(":speech_balloon: {rep}'s debrief{edited}", rep=mention(debrief.rep_id),
                edited=f" (edited, version {debrief.version})" if debrief.version > 1 else "")]
    lines += _answers(debrief.answers.went_well, debrief.answers.do_differently, debrief.answers.practice_next)
    if debrief.indicators:
        lines.append(md("> _Indicators:_ {values}", values=_indicators(debrief.indicators, catalog)))
    return joined("\n", lines)


def _shadow(shadow: ShadowObservation, catalog: Catalog) -> Mrkdwn:
    lines = [md(":eyes: Shadowed by {observer}", observer=mention(shadow.observer_id))]
    lines += _answers(shadow.answers.went_well, shadow.answers.do_differently, shadow.answers.practice_next)
    if shadow.skill_scores:
        scores = ", ".join(f"{_competency(catalog, c)} {s}/5" for c, s in shadow.skill_scores.items())
        lines.append(md("> _Scores:_ {scores}", scores=scores))
    if shadow.indicators:
        lines.append(md("> _Observed:_ {values}", values=_indicators(shadow.indicators, catalog)))
    lines.append(md("> _Feedback:_ {text}", text=_short(shadow.feedback)))
    return joined("\n", lines)


def _indicators(values: Any, catalog: Catalog) -> str:
    parts = []
    for indicator_id, value in values.items():
        try:
            indicator = catalog.indicator(indicator_id)
        except NotFound:  # an indicator an admin's later catalog dropped: its id still says what it was
            parts.append(f"{indicator_id}: {value}")
            continue
        parts.append(f"{indicator.name}: {shown(indicator, value)}")
    return "; ".join(parts)


def _competency(catalog: Catalog, competency_id: str) -> str:
    try:
        return catalog.competency(competency_id).name
    except NotFound:
        return competency_id


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= ANSWER_SHOWN else flat[: ANSWER_SHOWN - 1] + "…"
