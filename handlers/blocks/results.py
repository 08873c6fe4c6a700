"""The cycle's results as Block Kit: one rep's page (`/coach results`, the end-of-cycle DM) and a team's lines.

One page: a header, the cycle's dates, each focus skill's indicators (week 3
-> the last two weeks, with which way is better), the manager's call scores
(diagnosis -> last weeks), the pipeline (the week-1 audit -> now) or why
there is none, then commitments, 1:1s and hours against the contract, and
the 21-day challenge. Names people typed are escaped by `md`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.coaching.leading import Direction
from domain.coaching.results import CycleResults, IndicatorResult, PipelineFigures, PipelineResult, ScoreChange
from domain.notifications.cycle_results import CycleResultsNote
from domain.pipeline.model import STAGES
from domain.pipeline.summary import money
from domain.services.results import TeamResults
from handlers.blocks import limits
from handlers.blocks.kit import Block, context, counted, divider, fields, header, message, section, with_intro
from handlers.blocks.mrkdwn import Mrkdwn, joined, md
from handlers.blocks.scorecard_text import value_text

_DAY = "{day:%a %-d %b %Y}"
LINES_PER_SECTION = 8
MAX_TEAM_LINES = 40  # rep lines in one message; the rest are counted (the CLI lists everyone)
NO_CHALLENGE = "No 21-day challenge in this cycle."


def _who(result: CycleResults) -> str:
    return " ".join(result.rep.name.split()) or result.rep.user_id


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def _heading(result: CycleResults) -> list[Block]:
    span = result.span
    state = "finished" if span.finished else "so far (the cycle is still running)"
    return [
        header(md("Cycle results: {who}", who=_who(result))),
        context(md("Cycle from " + _DAY + " to {last:%a %-d %b %Y}, {state} · coached by <@{manager}>",
                   day=span.first_day, last=span.last_day, state=state, manager=result.manager_id)),
    ]


def _indicator_line(item: IndicatorResult) -> Mrkdwn:
    indicator = item.indicator
    start = "not recorded" if item.week3 is None else value_text(indicator, item.week3)
    recent = "not recorded" if item.recent is None else value_text(indicator, item.recent)
    change = item.change or 0.0
    arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
    moved = "" if item.direction is None else (  # `↓ 8, better` for fewer days: the indicator says which way is good
        md(" ({arrow} {amount:g}, {word})", arrow=arrow, amount=abs(change), word=item.direction.value)
        if item.direction is not Direction.SAME else md(" (→ the same)"))
    target = "" if item.target is None else md(" · target {target}", target=item.target.text[:60])
    return md("• {name}: {start} in week 3 → {recent} in the last two weeks{moved}{target}",
              name=indicator.name, start=start, recent=recent, moved=moved, target=target)


def _skills(result: CycleResults) -> list[Block]:
    if not result.skills:
        return [section("*Leading indicators*\nNo focus skill was chosen in this cycle, so no indicator to compare.")]
    if not result.span.recent:
        return [section("*Leading indicators*\nToo early: week 3 is the starting point, compared with the "
                        "last two weeks once week 4 has begun.")]
    blocks = []
    for skill in result.skills:
        lines = [_indicator_line(i) for i in skill.indicators]
        name = result.skill_names.get(skill.competency, skill.competency)
        blocks.append(section(md("*{name}*\n", name=name) + joined("\n", lines)))
    return blocks


def _score_line(change: ScoreChange, name: str) -> Mrkdwn:
    before = "-" if change.before is None else f"{change.before:.1f}"
    after = "-" if change.after is None else f"{change.after:.1f}"
    moved = "" if change.change is None else f" ({change.change:+.1f})"
    return md("• {name}: {before} → {after}{moved} · {n} and {m} calls", name=name, before=before, after=after,
              moved=moved, n=change.before_calls, m=change.after_calls)


def _scores(result: CycleResults) -> list[Block]:
    if not result.scores:
        return [section("*Call scores*\nNo call was scored by the manager in week 1 or in the last weeks.")]
    lines = [_score_line(c, result.dimension_names.get(c.dimension, c.dimension)) for c in result.scores]
    return [section(md("*Call scores* (the manager's, 1-5: the diagnosis → the last weeks)\n") + joined("\n", lines))]


def _figures(figures: PipelineFigures) -> str:
    median = "-" if figures.median_deal is None else money(figures.median_deal)
    return f"win rate {_percent(figures.win_rate)}, median deal {median}"


def _pipeline_lines(pipeline: PipelineResult) -> list[str]:
    before, now = pipeline.before, pipeline.now
    lines = [f"• {_figures(before)} → {_figures(now)} ({before.deals} → {now.deals} deals)"]
    for n, stage in enumerate(STAGES):
        days = [f.days_in_stage[n] for f in (before, now)]
        rates = [f.conversion[n] for f in (before, now)]
        if all(d is None for d in days) and all(r is None for r in rates):
            continue
        shown = ["-" if d is None else f"{d:.1f} d" for d in days]
        lines.append(f"• {stage.label}: {shown[0]} → {shown[1]} in the stage, "
                     f"converted {_percent(rates[0])} → {_percent(rates[1])}")
    return lines


def _pipeline(result: CycleResults) -> list[Block]:
    if result.pipeline is None:
        return [section("*Pipeline*\nNo pipeline data: no deal of this rep was imported. Deals come from a CRM "
                        "export shared in Coachflow's DM; `/coach pipeline` shows the audit.")]
    return [section("*Pipeline* (the week-1 audit → now)\n" + "\n".join(_pipeline_lines(result.pipeline)))]


def _coaching_text(result: CycleResults) -> str:
    hours = result.coaching
    held = f"{hours.sessions_held} 1:1{'' if hours.sessions_held == 1 else 's'} held, {hours.hours_held:g} h"
    if hours.promised is None:
        return f"{held} (no signed contract to measure against)"
    return f"{held} of the {hours.promised:g} h the contract promised ({_percent(hours.share)})"


def _challenge_text(result: CycleResults) -> str:
    found = result.challenge
    if found is None:
        return NO_CHALLENGE
    so_far = f" (so far: {counted(found.days_left, 'day')} to go)" if found.days_left else ""
    return (f"compliance {_percent(found.compliance)}, {found.days_done} of {found.days_relevant} relevant days "
            f"done, longest streak {found.longest_streak}{so_far}")


def _kept_text(result: CycleResults) -> str:
    kept = result.commitments
    if not kept.due:
        return "none fell due"
    return f"{kept.kept} of {kept.due} kept on time ({_percent(kept.rate)})"


def _together(result: CycleResults) -> list[Block]:
    return [fields(md("*Commitments*\n{text}", text=_kept_text(result)),
                   md("*1:1 sessions*\n{text}", text=_coaching_text(result)),
                   md("*21-day challenge*\n{text}", text=_challenge_text(result)))]


def results_blocks(result: CycleResults) -> list[Block]:
    return [*_heading(result), *_skills(result), *_scores(result), *_pipeline(result), *_together(result)]


def results_message(result: CycleResults, chart_follows: bool = False) -> dict[str, Any]:
    blocks = results_blocks(result)
    if chart_follows:
        blocks.append(context("A chart of these figures follows in your DM with Coachflow."))
    return message(md("Cycle results for {who}", who=_who(result)), blocks)


def _with_why(result: CycleResults, to: str, why_own: str, why_manager: Mrkdwn) -> dict[str, Any]:
    return with_intro(why_own if to == result.rep.user_id else why_manager, results_message(result))


def results_note_message(note: CycleResultsNote, _now: datetime) -> dict[str, Any]:
    """The end-of-cycle DM (the `cycle_results` kind): why it came, then the page."""
    rep = note.results.rep.user_id
    return _with_why(note.results, note.recipient_id,
                     "Your coaching cycle has passed week 8: here is what moved. Monthly maintenance begins.",
                     md("<@{rep}>'s coaching cycle has passed week 8: here is what moved.", rep=rep))


def ended_results_message(result: CycleResults, to: str) -> dict[str, Any]:
    """The DM when the manager ended the cycle before week 8 was over."""
    return _with_why(result, to, md("<@{manager}> ended your coaching cycle: here is what moved.",
                                    manager=result.manager_id),
                     md("You ended <@{rep}>'s coaching cycle: here is what moved.", rep=result.rep.user_id))


def _team_line(result: CycleResults) -> Mrkdwn:
    better, worse = result.moved(Direction.BETTER), result.moved(Direction.WORSE)
    return md("• <@{rep}>: indicators {better} better, {worse} worse · commitments {kept} · {hours} · challenge "
              "{challenge}", rep=result.rep.user_id, better=better, worse=worse, kept=_kept_text(result),
              hours=_coaching_text(result), challenge=_percent(result.challenge.compliance)
              if result.challenge is not None else "none")


def team_results_message(team: TeamResults) -> dict[str, Any]:
    """`/coach admin results`: a line per rep, grouped by manager, and the totals."""
    who = md("<@{manager}>'s team", manager=team.manager_id) if team.manager_id else "every team"
    intro = md("Cycle results, {who}: cycles ended since " + _DAY + " or still running.", who=who, day=team.since)
    if not team.results:
        return message(intro, [section(intro), context("No coaching cycle ended in that range or runs now.")])
    totals = team.totals
    blocks: list[Block] = [section(intro)]
    shown: Sequence[CycleResults] = team.results[:MAX_TEAM_LINES]
    managers = list(dict.fromkeys(r.manager_id for r in shown))
    for manager in managers:
        lines = [_team_line(r) for r in shown if r.manager_id == manager]
        for start in range(0, len(lines), LINES_PER_SECTION):  # a section holds 3,000 characters
            title = md("*<@{manager}>*\n", manager=manager) if start == 0 else md("")
            blocks.append(section(title + joined("\n", lines[start:start + LINES_PER_SECTION])))
    if len(team.results) > len(shown):
        blocks.append(context(f"…and {len(team.results) - len(shown)} more reps: `coachflow results` lists them all."))
    promised = "" if totals.promised is None else f" of {totals.promised:g} h promised"
    score = "" if totals.score_change is None else f" · call scores {totals.score_change:+.2f} on average"
    blocks += [divider(), section(
        f"*Totals* ({totals.reps} reps): indicators {totals.better} better, {totals.worse} worse, "
        f"{totals.same} unchanged · commitments {totals.kept.kept} of {totals.kept.due} kept on time · "
        f"{totals.sessions} 1:1s, {totals.hours:g} h{promised}{score}")]
    return message(intro, blocks[: limits.MESSAGE_BLOCKS])
