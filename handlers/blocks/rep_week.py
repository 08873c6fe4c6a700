"""The manager's "This week" modal of one rep (App Home): calls side by side, lessons, homework, role-play cards.

Read-only, but with the buttons that act on what it shows: "Answer with
feedback" on handed-in homework and "Mark practised" on a role-play card
(both open their own modal on top of this one). What a rep or manager
wrote goes in as plain text, which the kit escapes.
"""

from __future__ import annotations

from typing import Any

from domain.catalog import Catalog
from domain.coaching.homework import Homework
from domain.services.develop import RepWeek
from handlers.blocks import limits
from handlers.blocks.home_coaching import develop_line, homework_counts
from handlers.blocks.kit import Block, button, context, divider, fit, header, local_time, md, mention, section
from handlers.blocks.roleplay import card_block
from handlers.blocks.shadow import call_pair, target_text
from handlers.edge import ids

CALLS_SHOWN = 8  # calls of the week in the modal (each up to 3 blocks); `/coach calls @rep` lists every one
HOMEWORK_SHOWN = 8
CARDS_SHOWN = 5
HOMEWORK_TEXT = 300


def rep_week_modal(shown: RepWeek, catalog: Catalog) -> dict[str, Any]:
    week, rep = shown.week, mention(shown.rep.user_id)
    blocks: list[Block] = [
        section(md("*{rep}*, week of {first:%a %-d %b} to {last:%a %-d %b}", rep=rep, first=week.first,
                   last=week.last)),
        section(develop_line(week, for_manager=True)),
        context(md("{target}.", target=target_text(week.shadow))),
        divider(), header("Calls"),
    ]
    for entry in shown.calls[:CALLS_SHOWN]:
        blocks += call_pair(entry.debrief, entry.shadow, catalog)
    if not shown.calls:
        blocks.append(section(md("No calls debriefed or shadowed this week yet. Shadow one with "
                                 "`/coach shadow {rep}`.", rep=rep)))
    elif len(shown.calls) > CALLS_SHOWN:
        blocks.append(context(md("…and {more} more. `/coach calls {rep}` lists every call.",
                                 more=len(shown.calls) - CALLS_SHOWN, rep=rep)))
    blocks += [divider(), header("Lessons"), section(_lessons(shown))]
    blocks += [divider(), header("Homework"), *_homework(shown)]
    blocks += [divider(), header("Role-plays"), *_roleplays(shown)]
    return {
        "type": "modal",
        "callback_id": ids.REP_WEEK_VIEW,
        "title": {"type": "plain_text", "text": "This week"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": fit(blocks, limits.VIEW_BLOCKS, "…and more. `/coach calls @rep` lists every call."),
    }


def _lessons(shown: RepWeek) -> str:
    lessons = shown.week.lessons
    if lessons is None or not lessons.total:
        return "No micro-lessons: they come with the focus skills of an active cycle, in weeks 3-6."
    done = md("Done {done} of {total}.", done=lessons.done, total=lessons.total)
    if lessons.to_discuss:
        done = md("{done} {count} to discuss in your next session.", done=done, count=lessons.to_discuss)
    if lessons.next is None:
        return md("{done} No more lessons are planned for this cycle.", done=done)
    return md("{done} Next: *{title}* ({skill}), {at}.", done=done, title=lessons.next.title,
              skill=lessons.next.skill, at=local_time(lessons.next.at))


def _homework(shown: RepWeek) -> list[Block]:
    homework = shown.week.homework
    if homework is None or not homework.count:
        return [section(md("No homework open. `/coach homework {rep}` sets some.", rep=mention(shown.rep.user_id)))]
    items = [*homework.awaiting_feedback, *homework.late, *homework.open]
    blocks: list[Block] = [context(homework_counts(homework))]
    blocks += [_homework_item(item, late=item in homework.late) for item in items[:HOMEWORK_SHOWN]]
    if len(items) > HOMEWORK_SHOWN:
        blocks.append(context(f"…and {len(items) - HOMEWORK_SHOWN} more in your DMs."))
    return blocks


def _homework_item(item: Homework, *, late: bool) -> Block:
    text = " ".join(item.text.split())
    text = text if len(text) <= HOMEWORK_TEXT else text[: HOMEWORK_TEXT - 1] + "…"
    if item.handed_in_at is not None:
        line = md("{text}\n_handed in {at}, due {due:%a %-d %b}_", text=text, at=local_time(item.handed_in_at),
                  due=item.due_on)
        answer = button("Answer with feedback", ids.OPEN_HOMEWORK_FEEDBACK, value=str(item.id), style="primary")
        return section(line, accessory=answer)
    status = "*late* :warning:" if late else "open"
    return section(md("{text}\n_due {due:%a %-d %b}, {status}_", text=text, due=item.due_on, status=status))


def _roleplays(shown: RepWeek) -> list[Block]:
    roleplays = shown.week.roleplays
    if roleplays is None or not roleplays.cards:
        why = ("no deals imported for them yet" if roleplays is None or roleplays.nothing_imported
               else "none of their open deals is stalled against their own pace")
        return [section(f"No role-play cards: {why}.")]
    blocks = [card_block(card, to_the_rep=False) for card in roleplays.cards[:CARDS_SHOWN]]
    if len(roleplays.cards) > CARDS_SHOWN:
        blocks.append(context(md("…and {more} more. `/coach roleplay {rep}` shows every card.",
                                 more=len(roleplays.cards) - CARDS_SHOWN, rep=mention(shown.rep.user_id))))
    return blocks
