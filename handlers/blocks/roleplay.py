"""Role-plays on real deals: the `/coach roleplay [@rep]` list, the "Mark practised" form and its DMs.

A card is one section: the account and how long the deal has been in its
stage against the rep's average, its amount and the suggested focus, with a
"Mark practised" button, or when it was practised in the last 7 days. Account
names come from a CRM export, so they are someone's text and are escaped like
any other. At most `SHOWN` cards, with how many more there are.
"""

from __future__ import annotations

import json
import re
from typing import Any

from domain import field_lengths
from domain.coaching.roleplay import RoleplayCard, RoleplayPractice
from domain.pipeline import summary
from domain.pipeline.model import MAX_EXTERNAL_ID
from domain.services.roleplays import NOTE, PracticeForm, RoleplayList
from handlers.blocks import limits
from handlers.blocks.inputs import input_block, metadata, metadata_user, selected, state_values, text_input
from handlers.blocks.kit import (
    Block,
    Mrkdwn,
    button,
    context,
    header,
    joined,
    local_time,
    md,
    mention,
    message,
    plain,
    section,
)
from handlers.edge import ids

SHOWN = 10  # cards in one reply: a header, an intro, ten cards and two notes stay far inside 50 blocks
NOTHING_IMPORTED = ("Deals come from a CRM export: a Coachflow admin or manager shares it as a CSV file in "
                    "Coachflow's DM (`/coach help pipeline` says which columns it reads).")
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}", re.ASCII)


def mark_value(rep_id: str, external_id: str) -> str:
    """The "Mark practised" button's value: whose deal, and which (a CRM id may hold `:`; a user id never does)."""
    return f"{rep_id}:{external_id}"


def read_mark_value(value: str | None) -> tuple[str, str] | None:
    """(rep id, deal id) from a button we wrote; None for anything else."""
    rep_id, colon, external_id = (value or "").partition(":")
    if not colon or not _USER_ID.fullmatch(rep_id) or not 0 < len(external_id) <= MAX_EXTERNAL_ID:
        return None
    return rep_id, external_id


def card_block(card: RoleplayCard, to_the_rep: bool) -> Block:
    """One role-play card: a section, with the button or when it was practised (App Home can use it too)."""
    lines = [md("*Role-play the next conversation with {account}*: {stall}", account=card.account,
                stall=card.stall(to_the_rep))]
    facts = [md("Amount: {amount}", amount=summary.money(card.amount)) if card.amount is not None
             else md("No amount in the CRM")]
    if card.focus is not None:
        facts.append(md("Focus ({skill}): {prompt}", skill=card.focus.skill, prompt=card.focus.prompt))
    lines.append(joined(" · ", facts))
    note = card.baseline_note(to_the_rep)
    if note is not None:
        lines.append(md("_{note}_", note=note))
    if card.practised_at is not None:
        lines.append(md(":white_check_mark: practised {when}", when=local_time(card.practised_at)))
        return section(joined("\n", lines))
    return section(joined("\n", lines), accessory=button("Mark practised", ids.MARK_ROLEPLAY,
                                                          value=mark_value(card.rep_id, card.external_id)))


def roleplay_list_message(shown: RoleplayList) -> dict[str, Any]:
    """The ephemeral answer to `/coach roleplay [@rep]`."""
    roleplays, own = shown.roleplays, shown.own
    who = md("You") if own else mention(shown.rep.user_id)
    whose = md("your") if own else md("{rep}'s", rep=mention(shown.rep.user_id))
    have = "have" if own else "has"
    for_a_rep = [context("For one of your reps: `/coach roleplay @alex`.")] if own and shown.viewer_coaches else []
    if roleplays.nothing_imported:
        text = md("{who} {have} no deals in Coachflow yet, so there is nothing to role-play.", who=who, have=have)
        return message(text, [section(text), context(NOTHING_IMPORTED), *for_a_rep])
    if not roleplays.open_deals:
        text = md("{who} {have} no open deals in Coachflow, so there is nothing to role-play.", who=who, have=have)
        return message(text, [section(text), *for_a_rep])
    cards = roleplays.cards
    blocks: list[Block] = [header("Role-plays on real deals")]
    if not cards:
        text = md("None of {whose} {deals} is past its usual time in its stage: nothing to role-play right now.",
                  whose=whose, deals=summary.count(roleplays.open_deals, "open deal"))
        return message(text, [section(text), *_notes(shown), *for_a_rep])
    intro = md("{stalled} of {whose} {deals} {are} past the usual time in {their} stage, largest first. "
               "Role-play the next conversation of each before it happens.",
               stalled=len(cards), whose=whose, deals=summary.count(roleplays.open_deals, "open deal"),
               are="is" if len(cards) == 1 else "are", their="its" if len(cards) == 1 else "their")
    blocks.append(section(intro))
    blocks += [card_block(card, own) for card in cards[:SHOWN]]
    if len(cards) > SHOWN:
        rest = len(cards) - SHOWN
        blocks.append(context(md("…and {rest} more stalled {deals}, smaller or without an amount: start with "
                                 "the ones above.", rest=rest, deals="deal" if rest == 1 else "deals")))
    blocks += [*_notes(shown), *for_a_rep]
    return message(intro, blocks)


def _notes(shown: RoleplayList) -> list[Block]:
    notes: list[Mrkdwn] = []
    skipped = shown.roleplays.not_judged
    if skipped:
        notes.append(md("{deals} could not be judged: no date for entering {its} stage, or fewer than 3 deals "
                        "through it yet to compare with.", deals=summary.count(skipped, "open deal"),
                        its="its" if skipped == 1 else "their"))
    if shown.roleplays.cards and not shown.focus:
        notes.append(md("No focus skills yet: once a coaching cycle has them (`/coach focus`), each card suggests "
                        "what to practise.") if shown.in_cycle else
                     md("No coaching cycle yet: with one and its focus skills, each card suggests what to practise."))
    return [context(note) for note in notes]


def practice_modal(form: PracticeForm) -> dict[str, Any]:
    """The "Mark practised" form: the deal, and an optional note."""
    stage = f", in {form.stage.label}" if form.stage is not None else ""
    intro = md("Role-play of the next conversation with *{account}* ({rep}'s deal{stage}).",
               account=form.account, rep=mention(form.rep_id), stage=stage)
    return {
        "type": "modal",
        "callback_id": ids.ROLEPLAY_PRACTISED_VIEW,
        "title": plain("Role-play practised", limits.VIEW_TITLE),
        "submit": plain("Record", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({"rep": form.rep_id, "deal": form.external_id}),
        "blocks": [
            section(intro),
            input_block(NOTE, "Note", text_input(max_length=field_lengths.ROLEPLAY_NOTE, multiline=True,
                                                 placeholder="What you practised, what to try on the real call"),
                        optional=True),
        ],
    }


def read_practice_submission(view: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """(rep id, deal id, note) from the submitted form; None for what a tampered form no longer says."""
    opened = metadata(view)
    deal = opened.get("deal")
    deal_id = deal if isinstance(deal, str) and 0 < len(deal) <= MAX_EXTERNAL_ID else None
    return metadata_user(opened, "rep"), deal_id, selected(state_values(view), NOTE) or ""


def practice_errors(problems: dict[str, str]) -> dict[str, str]:
    """Problems as Slack's `errors`: the form has one field, so every problem goes under it."""
    return {NOTE: " ".join(problems.values())}


def roleplay_recorded_notice(practice: RoleplayPractice, to_role: str) -> dict[str, Any]:
    """The DM that says a role-play was recorded: to whoever recorded it, to the rep, or to their manager."""
    rep, by = mention(practice.rep_id), mention(practice.practised_by)
    if to_role == "practiser":
        text = (md("Recorded: your role-play of the next conversation with *{account}*.", account=practice.account)
                if practice.practised_by == practice.rep_id else
                md("Recorded: a role-play with {rep} of the next conversation with *{account}*. {rep} is told.",
                   rep=rep, account=practice.account))
    elif to_role == "rep":
        text = md("{by} recorded a role-play with you of the next conversation with *{account}*.", by=by,
                  account=practice.account)
    else:
        text = md("{rep} practised a role-play of the next conversation with *{account}*.", rep=rep,
                  account=practice.account)
    blocks = [section(text)]
    if practice.note:
        blocks.append(section(md("*Note*: {note}", note=practice.note)))
    return message(text, blocks)
