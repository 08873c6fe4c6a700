"""The demo's weeks 3-6 of Alex's coaching cycle: lessons, debriefs, a shadowed call, a role-play, homework.

Scheduled notes come from dispatch ticks over the hours they are due (from
08:00 UTC, when yesterday's end-of-day prompts everywhere have gone stale);
Alex's and Maya's are shown in full, everyone else's in one line.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from bot.fake_slack import datepicker, static_select
from bot.modal_values import (
    debrief_values,
    feedback_values,
    hand_in_values,
    homework_values,
    practised_values,
    shadow_values,
)
from domain.coaching.homework import DUE_ON, HAND_IN_KIND
from handlers.blocks.homework_modals import text_block
from handlers.blocks.inputs import VALUE
from handlers.edge import ids

HOOLI = ("D-104", "Hooli expansion")
PROSPECTS = "top_prospects_value_propositions"


def _at(demo: Any, at: datetime, focus: tuple[Any, ...]) -> None:
    """Move the demo's clock on to `at`, ticking every half hour on the way (as the app's tick would)."""
    start = _half_hour(demo.clock.now) + timedelta(minutes=30)
    end = _half_hour(at)
    if start <= end:
        demo.ticks(start, end, focus)
    demo.clock.now = at


def _half_hour(at: datetime) -> datetime:
    return at - timedelta(seconds=at.timestamp() % 1800)


def script_weeks_three_to_six(demo: Any, maya: Any, alex: Any, week_three: datetime) -> None:
    _lessons_and_a_debrief(demo, maya, alex, week_three)
    _a_shadowed_call(demo, maya, alex, week_three + timedelta(days=2))
    _the_second_lesson(demo, alex, week_three + timedelta(days=3))
    _practice_on_the_pipeline(demo, maya, alex, week_three + timedelta(days=7))


def _lessons_and_a_debrief(demo: Any, maya: Any, alex: Any, week_three: datetime) -> None:
    focus = (alex, maya)
    tuesday = week_three + timedelta(days=1)
    demo.scene("Week 3, Tuesday 10:00 in Los Angeles: Alex's first micro-lesson")
    demo.ticks(tuesday + timedelta(hours=8), tuesday + timedelta(hours=18), focus)
    demo.clock.now = tuesday + timedelta(hours=18, minutes=20)
    demo.press(alex, demo.last_dm(alex, ids.LESSON_DONE), ids.LESSON_DONE, "Alex works through it and clicks Done")

    demo.scene("Tuesday 17:00 in Los Angeles: the end-of-day prompt; one click and one modal")
    demo.ticks(tuesday + timedelta(hours=18, minutes=30), tuesday + timedelta(hours=25), focus)
    demo.clock.now = tuesday + timedelta(hours=25, minutes=4)
    prompt = demo.last_dm(alex, ids.OPEN_DEBRIEF)
    modal = demo.press(alex, prompt, ids.OPEN_DEBRIEF, "Alex clicks Debrief a call")
    answers = ("Asked how they plan shifts today and who feels it when it goes wrong",
               "I pitched the dashboard before asking what a late truck costs them",
               "Ask for the cost of one bad week before showing anything")
    indicators = {"discovery_questions_asked": "6", "business_impact_quantified": "no",
                  "stakeholders_identified": "2", "outcome_talk_share": "40", "use_cases_referenced": "2",
                  "roi_calculation_given": "no"}
    demo.submit(alex, ids.DEBRIEF_VIEW, modal, debrief_values("Pied Piper", "2026-12-15", answers, "discovery",
                                                              indicators=indicators),
                label="Alex types the account (a new prospect, not in the CRM yet), answers and saves")

    demo.scene("Maya's digest waits for her morning (quiet hours end at 07:00); she replies with feedback")
    demo.ticks(tuesday + timedelta(hours=25, minutes=30), tuesday + timedelta(days=1, hours=12), focus)
    _at(demo, tuesday + timedelta(days=1, hours=13, minutes=40), focus)
    digest = demo.last_dm(maya, ids.DEBRIEF_FEEDBACK)
    modal = demo.press(maya, digest, ids.DEBRIEF_FEEDBACK, "Maya clicks Reply with feedback")
    demo.submit(maya, ids.DEBRIEF_FEEDBACK_VIEW, modal, feedback_values(
        "Good instinct on who feels it. Next time ask what one late truck costs before you share your screen."),
        label="Maya writes her feedback and sends it")

    demo.scene("Alex edits his debrief: he had counted his questions wrong")
    _at(demo, tuesday + timedelta(days=1, hours=15, minutes=10), focus)
    copy = demo.last_dm(alex, ids.EDIT_DEBRIEF)
    modal = demo.press(alex, copy, ids.EDIT_DEBRIEF, "Alex clicks Edit under his copy", show_modal=False)
    demo.submit(alex, ids.DEBRIEF_VIEW, modal, debrief_values(
        "Pied Piper", "2026-12-15", answers, "discovery", indicators=indicators | {"discovery_questions_asked": "8",
                                                                                  "stakeholders_identified": "3"}),
        label="Alex changes 6 questions to 8 and 2 stakeholders to 3, and saves", dms=0)


def _a_shadowed_call(demo: Any, maya: Any, alex: Any, wednesday: datetime) -> None:
    demo.scene("Wednesday: Maya joins Alex's Hooli call and shadows it")
    _at(demo, wednesday + timedelta(hours=19), (alex, maya))
    modal = demo.open_modal(maya, f"shadow {alex.mention} Hooli")
    answers = ("He let the CFO describe the approval process in her own words",
               "Stop demoing when the CFO asks about cost; answer with their numbers",
               "Build the ROI case from the numbers they gave you before Thursday")
    observed = {"discovery_questions_asked": "5", "business_impact_quantified": "yes",
                "stakeholders_identified": "3", "outcome_talk_share": "35", "use_cases_referenced": "0",
                "roi_calculation_given": "no"}
    demo.submit(maya, ids.SHADOW_VIEW, modal, shadow_values(
        on="2026-12-16", deal=HOOLI, call_type="demo", answers=answers, indicators=observed,
        scores={"discovery": 4, "value_articulation": 2},
        feedback="Your questions were sharp. When the CFO asked what it costs, you went back to features: "
                 "give her the payback in her numbers."), dms=2)
    shadowed = demo.last_dm(alex, ids.OPEN_DEBRIEF)
    modal = demo.press(alex, shadowed, ids.OPEN_DEBRIEF, "Alex clicks Add my debrief of this call")
    demo.submit(alex, ids.DEBRIEF_VIEW, modal, debrief_values(
        None, "2026-12-16", ("The CFO opened up about the approval process",
                             "I froze on the cost question and went back to the demo",
                             "Have a one-slide ROI ready for every Presenting deal"),
        "demo", deal=HOOLI, indicators={"discovery_questions_asked": "6", "business_impact_quantified": "yes",
                                        "stakeholders_identified": "3", "outcome_talk_share": "30",
                                        "use_cases_referenced": "0", "roi_calculation_given": "no"}),
        label="Alex answers from his side of the same call and saves")
    _at(demo, wednesday + timedelta(hours=19, minutes=30), (maya,))
    demo.command(maya, f"calls {alex.mention}")


def _the_second_lesson(demo: Any, alex: Any, thursday: datetime) -> None:
    demo.scene("Thursday 10:00 in Los Angeles: the other focus skill's lesson; Alex asks for it tomorrow")
    demo.ticks(thursday + timedelta(hours=8), thursday + timedelta(hours=18), (alex,))
    _at(demo, thursday + timedelta(hours=18, minutes=5), (alex,))
    demo.press(alex, demo.last_dm(alex, ids.LESSON_REMIND), ids.LESSON_REMIND, "Alex clicks Remind me tomorrow")
    friday = thursday + timedelta(days=1)
    demo.ticks(friday + timedelta(hours=8), friday + timedelta(hours=18), (alex,))
    demo.clock.now = friday + timedelta(hours=18, minutes=30)
    demo.press(alex, demo.last_dm(alex, ids.LESSON_DONE), ids.LESSON_DONE, "Alex works through it and clicks Done")


def _practice_on_the_pipeline(demo: Any, maya: Any, alex: Any, week_four: datetime) -> None:
    demo.scene("Week 4: Maya asks for role-plays from Alex's stalled deals")
    demo.clock.now = week_four + timedelta(hours=15)
    request = demo.command(maya, f"roleplay {alex.mention}")
    cards = demo.fake.responses_for(request.response_token or "")[-1]
    modal = demo.press(maya, cards, ids.MARK_ROLEPLAY, "They role-play the Hooli call; Maya clicks Mark practised")
    demo.submit(maya, ids.ROLEPLAY_PRACTISED_VIEW, modal, practised_values(
        "Alex played the Hooli CFO call twice; second time he led with the payback in their numbers."),
        label="Maya adds a note and saves", dms=0)

    demo.scene("Maya gives Alex homework from a template, prefilled with his largest open deals")
    demo.clock.now = week_four + timedelta(hours=15, minutes=30)
    modal = demo.open_modal(maya, f"homework {alex.mention}", show=False)
    due = (week_four + timedelta(days=3)).date()
    state = {DUE_ON: {VALUE: datepicker(due)}, HAND_IN_KIND: {VALUE: static_select("text")}}
    modal = demo.pick(maya, modal, ids.HOMEWORK_TEMPLATE, PROSPECTS, state,
                      "Maya picks “Write value propositions for your top 3 prospects”, due Thursday, a written answer")
    prefilled = next(b for b in modal["blocks"] if b.get("block_id") == text_block(PROSPECTS))
    shown_in = json.loads(modal["private_metadata"])["text"]
    demo.submit(maya, ids.HOMEWORK_VIEW, modal, homework_values(
        PROSPECTS, prefilled["element"].get("initial_value"), due, "text", shown_in), dms=2)

    demo.scene("Thursday 09:00 in Los Angeles: the due-date reminder; Alex hands in, Maya answers")
    demo.ticks(week_four + timedelta(days=3, hours=8), week_four + timedelta(days=3, hours=17),
               (alex, maya))
    _at(demo, week_four + timedelta(days=3, hours=17, minutes=20), (alex, maya))
    modal = demo.press(alex, demo.last_dm(alex, ids.OPEN_HAND_IN), ids.OPEN_HAND_IN, "Alex clicks Hand in")
    demo.submit(alex, ids.HAND_IN_VIEW, modal, hand_in_values(
        "Hooli: approvals in one day instead of five, payback in four months on their own numbers.\n"
        "Soylent: night-shift re-keying gone, 20 hours a week back.\n"
        "Vandelay: one dashboard for the buyers instead of three spreadsheets."), dms=2)
    _at(demo, week_four + timedelta(days=3, hours=17, minutes=50), (alex, maya))
    handed = demo.last_dm(maya, ids.OPEN_HOMEWORK_FEEDBACK)
    modal = demo.press(maya, handed, ids.OPEN_HOMEWORK_FEEDBACK, "Maya clicks Answer with feedback")
    demo.submit(maya, ids.HOMEWORK_FEEDBACK_VIEW, modal, feedback_values(
        "Hooli's is ready to send. Soylent: put the 20 hours in dollars, the CFO reads money."), dms=1)

    demo.scene("End of week 4: Alex and Maya open their Home tabs")
    demo.open_home(alex)
    demo.open_home(maya)
