"""App Home's coaching parts: a rep's week (calls, lessons, homework), profile, contract; a manager's rep rows."""

from __future__ import annotations

from datetime import date

from domain.catalog import Catalog
from domain.coaching.cycle import Stage
from domain.coaching.progress import CycleProgress
from domain.services.develop import DevelopWeek
from domain.services.diagnosis import ProfileView
from domain.services.homework_overview import RepHomework
from handlers.blocks.contract import contract_blocks
from handlers.blocks.kit import Block, actions, button, context, counted, header, local_time, md, section
from handlers.edge import ids

WEAKEST_SHOWN = 3
HOMEWORK_SHOWN = 3  # homework items with a Hand in button on the rep's Home; the DMs have every one
HOMEWORK_TEXT = 140  # characters of an assignment's start on Home; the DM has it whole


def rep_week_blocks(progress: CycleProgress | None, today: date, week: DevelopWeek | None = None) -> list[Block]:
    """What this week asks of the rep, with buttons to do it."""
    if progress is None:
        return []
    stage = progress.cycle.stage_on(today)
    buttons = []
    if stage in (Stage.DIAGNOSE, Stage.PRIORITIZE) and not progress.self_assessed:
        buttons.append(button("Take the self-assessment", ids.OPEN_SELF_ASSESSMENT, style="primary"))
    if stage is Stage.DIAGNOSE:
        buttons.append(button("Score one of my calls", ids.OPEN_SCORE_CALL))
    missing = progress.missing_for_rep(today)
    blocks: list[Block] = []
    if stage is not None and stage not in (Stage.DIAGNOSE, Stage.PRIORITIZE) and week is not None:
        blocks += rep_develop_blocks(week)
    if missing:
        blocks.append(section(":clipboard: *This week*: " + "; ".join(missing)))
    if buttons:
        blocks.append(actions(*buttons))
    return blocks


def rep_profile_blocks(profile: ProfileView | None) -> list[Block]:
    if profile is None or not profile.profile.dimensions:
        return []
    weakest = ", ".join(
        f"{profile.dimension_names.get(d.dimension, d.dimension)} {d.average:.1f}"
        for d in profile.profile.dimensions[:WEAKEST_SHOWN]
    )
    scored = counted(profile.profile.calls_scored, "call")
    lines = [f"*Skills profile* ({scored} scored by your manager): weakest first, {weakest}"]
    flagged = [g for g in profile.perception if g.flag]
    lines.extend(
        f":triangular_flag_on_post: {profile.competency_names.get(gap.competency, gap.competency)}: "
        f"self {gap.self_rating:g} vs observed {gap.observed:g} ({gap.flag})"
        for gap in flagged
    )
    return [section("\n".join(lines)), context("`/coach profile` shows every dimension and each call.")]


def rep_contract_blocks(progress: CycleProgress | None, catalog: Catalog | None, rep_id: str) -> list[Block]:
    if progress is None or progress.contract is None or catalog is None:
        return []
    contract = progress.contract
    blocks: list[Block] = [header(f"Coaching contract (version {contract.version}, {contract.status.value})"),
                           *contract_blocks(contract, catalog)]
    if contract.rep_id == rep_id and contract.rep_signed_at is None:
        blocks.append(actions(button(f"Sign version {contract.version}", ids.SIGN_CONTRACT,
                                     value=f"{rep_id}:{contract.version}", style="primary")))
    return blocks


def rep_row_status(progress: CycleProgress | None, today: date, skill_names: dict[str, str]) -> str:
    """The manager's one line on what a rep's cycle still needs this week ("" when nothing)."""
    if progress is None:
        return ""
    missing = progress.missing(today)
    if missing:
        return "\n:hourglass: " + "; ".join(missing)
    if progress.focus:
        return "\n:dart: Focus: " + ", ".join(skill_names.get(s, s) for s in progress.focus)
    return ""


def develop_line(week: DevelopWeek | None, *, for_manager: bool) -> str:
    """The week's calls in one line: debriefs, and shadowed calls against the 2-3 target ("" with none due).

    "Behind" is the shadow target's rule (`domain.coaching.shadow_week`), for the manager only.
    """
    if week is None:
        return ""
    low, high = week.shadow.target
    shadowed = f"{week.shadow.count} of {low}-{high} shadowed"
    if for_manager and week.shadow.behind:
        shadowed += " :warning: behind"
    return f":speech_balloon: {counted(len(week.debriefs), 'debrief')} · :eyes: {shadowed} this week"


def rep_row_develop(week: DevelopWeek | None) -> str:
    """A manager's second line on a rep in stage 3: lessons, homework, role-play cards ("" when nothing read)."""
    if week is None:
        return ""
    parts = []
    if week.lessons is not None:
        parts.append(f":books: lessons {week.lessons.done}/{week.lessons.total}")
    if week.homework is not None and week.homework.count:
        parts.append(":memo: homework " + homework_counts(week.homework))
    if week.roleplays is not None and week.roleplays.cards:
        parts.append(f":performing_arts: {counted(len(week.roleplays.cards), 'role-play card')}")
    return " · ".join(parts)


def homework_counts(homework: RepHomework) -> str:
    """`1 open, 1 late, 1 to answer`: the rep's unfinished homework by where it stands."""
    parts = [f"{len(homework.open)} open"] if homework.open else []
    if homework.late:
        parts.append(f"{len(homework.late)} late :warning:")
    if homework.awaiting_feedback:
        parts.append(f"{len(homework.awaiting_feedback)} to answer")
    return ", ".join(parts) or "none open"


def rep_develop_blocks(week: DevelopWeek | None) -> list[Block]:
    """The rep's own week in stage 3: debriefs and shadowed calls, then the next lesson."""
    if week is None:
        return []
    blocks: list[Block] = [section(develop_line(week, for_manager=False))]
    lessons = week.lessons
    if lessons is not None and lessons.total:
        done = f":books: *Lessons* done {lessons.done} of {lessons.total}."
        if lessons.next is None:
            blocks.append(section(f"{done} No more lessons are planned for this cycle."))
        else:
            blocks.append(section(md("{done} Next: *{title}* ({skill}), {at}.", done=done, title=lessons.next.title,
                                     skill=lessons.next.skill, at=local_time(lessons.next.at))))
    return blocks


def rep_homework_blocks(week: DevelopWeek | None) -> list[Block]:
    """The rep's unfinished homework: late first, each with its Hand in button (up to a few), then what waits."""
    homework = week.homework if week is not None else None
    if homework is None or not homework.count:
        return []
    to_hand_in = [*homework.late, *homework.open]
    blocks: list[Block] = [section(md(":memo: *Homework* ({counts})", counts=homework_counts(homework)))]
    for item in to_hand_in[:HOMEWORK_SHOWN]:
        late = " · *late* :warning:" if item in homework.late else ""
        blocks.append(section(md("{text}\n_due {due:%a %-d %b}_{late}", text=_start(item.text), due=item.due_on,
                                 late=late),
                              accessory=button("Hand in", ids.OPEN_HAND_IN, value=str(item.id), style="primary")))
    more = len(to_hand_in) - HOMEWORK_SHOWN
    notes = [f"…and {counted(more, 'more')} in your DMs, each with its Hand in button."] if more > 0 else []
    if homework.awaiting_feedback:
        notes.append(f"{counted(len(homework.awaiting_feedback), 'piece')} handed in, waiting for your manager's "
                     "feedback.")
    if notes:
        blocks.append(context(" ".join(notes)))
    return blocks


def _start(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= HOMEWORK_TEXT else flat[: HOMEWORK_TEXT - 1] + "…"


def rep_debrief_blocks() -> list[Block]:
    """The rep's one-click way to debrief a call (issue 10)."""
    return [actions(button("Debrief a call", ids.OPEN_DEBRIEF, value=""))]
