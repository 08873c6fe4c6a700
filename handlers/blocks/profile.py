"""The skills profile (`/coach profile`) and the notes that follow a scored call or a self-assessment."""

from __future__ import annotations

from typing import Any

from domain.coaching.scoring import PerceptionGap
from domain.services.diagnosis import ProfileView, ScoredCall
from handlers.blocks import limits
from handlers.blocks.kit import Block, context, counted, header, md, mention, message, section

MAX_CALL_GAPS = 5  # the newest calls both scored; older ones add little


def score_bar(average: float, width: int = 5) -> str:
    filled = max(0, min(width, round(average)))
    return "█" * filled + "░" * (width - filled)


def _signed(value: float) -> str:
    return f"{value:+g}"


def _perception_line(gap: PerceptionGap, names: dict[str, str]) -> str:
    flag = f" :triangular_flag_on_post: _{gap.flag}_" if gap.flag else ""
    return (f"{names.get(gap.competency, gap.competency)}: self {gap.self_rating:g}, "
            f"observed {gap.observed:g} ({_signed(gap.gap)}){flag}")


def profile_message(view: ProfileView) -> dict[str, Any]:
    rep, profile = view.rep, view.profile
    title = f"Skills profile of {rep.name}"
    blocks: list[Block] = [header(title)]
    if profile.dimensions:
        lines = [f"`{score_bar(d.average)}` {d.average:.1f}  {view.dimension_names.get(d.dimension, d.dimension)}"
                 for d in profile.dimensions]
        blocks.append(section(f"*Call scores* ({_scored_calls(profile.calls_scored, view.window)}; weakest first)\n"
                              + "\n".join(lines)))
    else:
        # Read by the rep and by their manager alike: no "their", no name.
        blocks.append(section("*Call scores*\nNo call scored by a manager yet."))
    if view.perception:
        blocks.append(section("*Perception gaps* (self-assessment minus observed)\n"
                              + "\n".join(_perception_line(g, view.competency_names) for g in view.perception)))
    if view.call_gaps:
        lines = []
        for gap in view.call_gaps[:MAX_CALL_GAPS]:
            diffs = ", ".join(f"{view.dimension_names.get(d, d)} {_signed(v)}" for d, v in gap.gaps.items() if v)
            lines.append(f"{gap.call_title} ({gap.call_on:%-d %b}): {diffs or 'self and manager agree'}")
        blocks.append(section("*Self vs manager* on the same call (self minus manager)\n" + "\n".join(lines)))
    if view.missing:
        blocks.append(context("Still missing for week 1: " + "; ".join(view.missing) + "."))
    return message(limits.clip(title, limits.SECTION_TEXT), blocks)


def _scored_calls(scored: int, window: int) -> str:
    """What the averages are over: `the last 10 calls a manager scored`, or how many so far of the 10."""
    if scored >= window:
        return f"the last {counted(window, 'call')} a manager scored"
    return f"{counted(scored, 'call')} scored by a manager so far; the profile averages up to {window}"


def score_saved_message(scored: ScoredCall) -> dict[str, Any]:
    score = scored.score
    whose = md("your own call") if not scored.by_manager else md("the call of {rep}", rep=mention(score.rep_id))
    text = md("Saved your scores for {whose} “{title}” on {day:%a %-d %b}.", whose=whose, title=score.label,
              day=score.call_on)
    follow = md("`/coach profile {rep}`", rep=mention(score.rep_id)) if scored.by_manager else md("`/coach profile`")
    return message(text, [section(md(":white_check_mark: {text} See the profile with {follow}.", text=text,
                                     follow=follow))])


def rep_scored_notice(scored: ScoredCall) -> dict[str, Any]:
    score = scored.score
    text = md("{scorer} scored your call “{title}” on {day:%a %-d %b}. "
              "Score it yourself too (`/coach score`) to compare how you each saw it.",
              scorer=mention(score.scored_by), title=score.label, day=score.call_on)
    return message(text, [section(":memo: " + text)])


def assessment_saved_message(view: ProfileView) -> dict[str, Any]:
    text = "Thanks, your self-assessment is saved."
    blocks: list[Block] = [section(f":white_check_mark: {text}")]
    flagged = [g for g in view.perception if g.flag]
    if flagged:
        blocks.append(section("*Worth a conversation with your manager*\n"
                              + "\n".join(_perception_line(g, view.competency_names) for g in flagged)))
    elif not view.perception:
        blocks.append(context("Once your manager scores some of your calls, you will see how your view compares."))
    return message(text, blocks)
