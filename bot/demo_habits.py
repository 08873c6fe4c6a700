"""The demo's habit weeks: Alex's 21-day challenge, the cycle's results and the months of maintenance.

Alex starts his challenge from the invitation in his App Home (week 8) and
answers the 08:30 nudges: done, missed (Maya's summary, her encouragement),
repaired, a no-calls day, a late answer within the grace, a week off that
moves the end, a second miss. The results page after week 8; the last day
celebrated and a win shared; three monthly check-ins, the third flagged and a
new cycle started from it. Every figure the app shows is checked here.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from bot.demo_checks import expect, quiet
from bot.demo_coaching import CRM_EXPORT
from bot.fake_slack import button_value, render_shared_file, render_view
from bot.fake_slack.state import GENERAL_CHANNEL_ID
from bot.fake_slack.state_values import plain_text, static_select
from bot.modal_values import call_values, debrief_values
from domain.coaching.maintenance_checkins import SLIPPING, rating_field
from domain.services.wins import APPROACH_FIELD, CONSENT_FIELD, OUTCOME_FIELD, SKILL_FIELD, WHAT_FIELD
from handlers.blocks.inputs import VALUE
from handlers.edge import ids

EDITED = "Ask at least 5 probing questions in every discovery call, the cost of delay first"
# Streak, longest streak, compliance, days done, relevant days, days left: as the app must show them.
Figures = tuple[int, int, str, int, int, int]
_FIGURES = re.compile(r"Streak \*(\d+)\* · longest \*(\d+)\* · compliance \*([^*]+)\* \((\d+)/(\d+) relevant "
                      r"days\) · \*(\d+)\* days? left")
_LABELS = {ids.CHALLENGE_DONE: "Did it", ids.CHALLENGE_MISSED: "Missed", ids.CHALLENGE_NO_CALLS: "No relevant calls"}


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=UTC)


def _box(demo: Any, label: str, body: str) -> None:
    demo.out(f"\n  ┌─ {label}\n" + "\n".join(f"  │ {line}" for line in body.rstrip().splitlines()) + "\n  └─")


def _text(message: dict[str, Any]) -> str:
    return str(message.get("text", "")) + json.dumps(message.get("blocks", []), ensure_ascii=False)


def _now_reads(demo: Any, person: Any, message: dict[str, Any]) -> dict[str, Any]:
    """`message` as it reads now in `person`'s DM (the app updates its messages in place)."""
    found = [m for m in demo.fake.messages_to(person.user_id) if m.get("ts") == message.get("ts")]
    expect(bool(found), "the message still in the DM")
    return found[-1]


def _figures(demo: Any, person: Any, message: dict[str, Any], expected: Figures, when: str) -> str:
    """Check the figures `message` shows now against the story's; the one line that says them."""
    match = _FIGURES.search(_text(_now_reads(demo, person, message)))
    expect(match is not None, f"the challenge's figures {when}")
    assert match is not None
    streak, longest, rate, done, relevant, left = match.groups()
    shown = (int(streak), int(longest), rate, int(done), int(relevant), int(left))
    expect(shown == expected, f"streak, longest, compliance, days left {expected} {when} (the app showed {shown})")
    return (f"streak {streak} · longest {longest} · compliance {rate} ({done}/{relevant} relevant days) · "
            f"{left} {'day' if left == '1' else 'days'} left")


def _tick(demo: Any, at: datetime, focus: tuple[Any, ...]) -> None:
    """One dispatch tick at `at`; the charts sent after its messages shown for the people in `focus` (the
    others' messages get one line, and so do their pictures: none)."""
    demo.ticks(at, at, focus)
    for person in demo.people:
        for shared in demo.fake.files_shared_with(person.user_id):
            if shared.id in demo.pictures_shown:
                continue
            demo.pictures_shown.add(shared.id)
            if person in focus:
                what, (size, body) = render_shared_file(shared)
                _box(demo, f"{what} in {person.first}'s DM: {shared.filename} {size}", body)


def _nudge(demo: Any, person: Any, day: date) -> dict[str, Any]:
    """`day`'s nudge (08:30 in Los Angeles, 16:30 UTC): the newest message with a Did it button."""
    nudge = demo.last_dm(person, ids.CHALLENGE_DONE)
    expect("of your challenge: did you do it today?" in _text(nudge), f"the nudge of {day:%a %-d %b}")
    return nudge


def _answer(demo: Any, alex: Any, nudge: dict[str, Any], action: str, label: str, expected: Figures,
            when: str) -> None:
    demo.press(alex, nudge, action, label)
    demo.out(f"  The app's figures now, checked by the demo: {_figures(demo, alex, nudge, expected, when)}")


def _quick_day(demo: Any, alex: Any, day: date, action: str, expected: Figures) -> None:
    """One challenge day in two lines: the morning tick (one line per DM) and Alex's click with the figures."""
    _tick(demo, _at(day.month, day.day, 16, 30), ())
    demo.clock.now = _at(day.month, day.day, 17, 15)
    nudge = _nudge(demo, alex, day)
    with quiet(demo):
        demo.press(alex, nudge, action, "")
    line = _figures(demo, alex, nudge, expected, f"on {day:%a %-d %b}")
    demo.out(f"  {day:%a %-d %b}, 09:15 for Alex: he clicks {_LABELS[action]} → {line}")


# Alex's calls after the coaching: (day, account, questions, impact quantified, stakeholders, % of time on
# outcomes, use cases, ROI given), against week 3's 6.5 questions, 50%, 3, 37.5%, 1 and 0%.
Call = tuple[str, str, int, str, int, int, int, str]
WEEKS_7_8: tuple[Call, ...] = (("2027-01-13", "Initrode", 8, "yes", 4, 55, 2, "no"),
                               ("2027-01-15", "Umbrella", 9, "yes", 3, 60, 2, "yes"),
                               ("2027-01-18", "Massive Dynamic", 8, "yes", 4, 65, 3, "yes"),
                               ("2027-01-19", "Vandelay", 9, "yes", 5, 60, 2, "yes"))
FEBRUARY: tuple[Call, ...] = (("2027-02-16", "Cyberdyne", 9, "yes", 4, 65, 2, "yes"),
                              ("2027-02-17", "Tyrell", 8, "yes", 4, 65, 2, "yes"),
                              ("2027-02-18", "Oscorp", 8, "yes", 3, 60, 3, "yes"))
MARCH: tuple[Call, ...] = (("2027-03-09", "Wonka", 7, "yes", 3, 50, 2, "yes"),
                           ("2027-03-16", "Gringotts", 7, "no", 3, 55, 1, "yes"),
                           ("2027-03-23", "Monarch", 6, "no", 2, 45, 1, "no"))
# The CRM export again in week 8: Hooli won (Maya joined the CFO call), Soylent moved on to presenting.
JANUARY_EXPORT = "\n".join(
    line.replace("61000,Presenting,2026-10-01,,open,", "61000,Closed Won,2026-10-01,2027-01-21,won,")
    .replace("2026-10-09,2026-11-02,", "2026-10-09,2026-11-02,2027-01-12")
    .replace("24000,Qualifying,2026-11-16,,open,,2026-11-16,2026-11-27,,",
             "24000,Presenting,2026-11-16,,open,,2026-11-16,2026-11-27,2027-01-14,")
    for line in CRM_EXPORT.splitlines()) + "\n"


def _debriefs(demo: Any, alex: Any, calls: tuple[Call, ...], at: datetime) -> None:
    """Alex debriefs each call with `/debrief` and saves; one line each in the transcript."""
    demo.clock.now = at
    for day, account, questions, impact, people, outcomes, cases, roi in calls:
        with quiet(demo):
            modal = demo.open_modal(alex, account, show=False, command="/debrief")
            demo.submit(alex, ids.DEBRIEF_VIEW, modal, debrief_values(
                account, day, ("Asked what waiting costs them before the demo", "Summarise sooner",
                               "Bring their numbers to the next call"), "discovery", indicators={
                    "discovery_questions_asked": str(questions), "business_impact_quantified": impact,
                    "stakeholders_identified": str(people), "outcome_talk_share": str(outcomes),
                    "use_cases_referenced": str(cases), "roi_calculation_given": roi}))
        demo.out(f"Alex debriefs {account} ({day}): {questions} discovery questions, impact quantified: {impact}, "
                 f"{people} stakeholders, {outcomes}% on outcomes, ROI given: {roi}")


def _week_eight_evidence(demo: Any, maya: Any, alex: Any) -> None:
    demo.scene("Weeks 7 and 8: Alex debriefs his discovery calls; Maya scores two of them")
    _debriefs(demo, alex, WEEKS_7_8, _at(1, 19, 22))
    catalog = demo.runtime.catalog
    dims = [d.id for d in catalog.scoring_dimensions]
    for title, day, scores in (("Umbrella discovery", "2027-01-15", dict.fromkeys(dims, 4)),
                               ("Massive Dynamic discovery", "2027-01-19",
                                dict.fromkeys(dims, 4) | {"discovery_quality": 5})):
        with quiet(demo):
            modal = demo.open_modal(maya, f"score {alex.mention}", show=False)
            demo.submit(maya, ids.SCORE_CALL_VIEW, modal, call_values(catalog, title, day, scores), dms=0)
        demo.out(f"Maya scores Alex's {title} call ({day}): discovery quality {scores['discovery_quality']}, "
                 "every other dimension 4")


def script_habits(demo: Any, people: dict[str, Any]) -> None:
    maya, alex = people["maya"], people["alex"]
    _week_eight_evidence(demo, maya, alex)
    _start(demo, alex)
    _first_week(demo, maya, alex)
    _results_and_repair(demo, maya, alex)
    _middle(demo, alex)
    _completion(demo, maya, alex, people)
    _maintenance(demo, maya, alex, people)


def _start(demo: Any, alex: Any) -> None:
    demo.scene("Wednesday 20 January, 08:00 in Los Angeles: week 8, Alex starts his 21-day challenge from Home")
    demo.clock.now = _at(1, 20, 16)
    with quiet(demo):
        demo.open_home(alex)
    home = demo.fake.home_of(alex.user_id) or {}
    lines = render_view(home, demo.names).splitlines()
    first = [n for n, line in enumerate(lines) if "21-day challenge* · not started" in line]
    end = [n for n, line in enumerate(lines) if "[ Start my 21-day challenge ]" in line]
    expect(bool(first and end), "the invitation to the challenge in Alex's Home (weeks 7-8, none started)")
    _box(demo, "Alex's Home tab, the challenge's part", "\n".join(lines[first[0]:end[0] + 1]))
    demo.out("\nAlex clicks Start my 21-day challenge")
    request = demo.requests.block_actions(alex.user_id, ids.CHALLENGE_INVITE_START,
                                          value=button_value(home, ids.CHALLENGE_INVITE_START), view=home)
    demo.app.dispatch(request.bolt())
    demo.listeners.wait_idle()
    modal = demo.fake.view_opened_by(request.payload["trigger_id"])
    expect(modal is not None, "the start form opened from Home")
    assert modal is not None
    _box(demo, "Modal open for Alex", render_view(modal, demo.names))
    values: dict[str, Any] = {}
    for block in modal.get("blocks", []):
        if block.get("type") == "input":
            typed = block["element"].get("initial_value", "")
            values[block["block_id"]] = {VALUE: plain_text(EDITED if block["block_id"].endswith(":discovery")
                                                           else typed)}
    expect(":discovery" in json.dumps(list(values)), "a discovery behaviour in the form")
    demo.submit(alex, ids.CHALLENGE_VIEW, modal, values,
                label="Alex adds “the cost of delay first” to the discovery behaviour, keeps the other, and saves",
                dms=2)
    started = [m for m in demo.fake.messages_to(alex.user_id) if "started your 21-day challenge" in _text(m)]
    expect(bool(started) and "the last on Wed 17 Feb" in _text(started[-1]), "21 working days, the last on 17 Feb")


def _first_week(demo: Any, maya: Any, alex: Any) -> None:
    demo.scene("The first three mornings, 08:30 in Los Angeles: one click answers the nudge")
    _tick(demo, _at(1, 20, 16, 30), (alex,))
    demo.clock.now = _at(1, 20, 23)
    _answer(demo, alex, _nudge(demo, alex, date(2027, 1, 20)), ids.CHALLENGE_DONE,
            "Wednesday 15:00: Alex clicks Did it", (1, 1, "100%", 1, 1, 20), "on day 1")
    _tick(demo, _at(1, 21, 16, 30), (alex,))
    demo.clock.now = _at(1, 21, 22)
    _answer(demo, alex, _nudge(demo, alex, date(2027, 1, 21)), ids.CHALLENGE_DONE,
            "Thursday 14:00: Did it again", (2, 2, "100%", 2, 2, 19), "on day 2")
    _tick(demo, _at(1, 22, 16, 30), (alex,))
    demo.clock.now = _at(1, 22, 21)
    _answer(demo, alex, _nudge(demo, alex, date(2027, 1, 22)), ids.CHALLENGE_MISSED,
            "Friday 13:00: three calls, no discovery questions asked: Alex clicks Missed",
            (0, 2, "67%", 2, 3, 18), "after the miss")

    demo.scene("Friday 22 January: Maya shares this week's CRM export; at 17:00 her weekly challenge summary")
    demo.clock.now = _at(1, 22, 21, 30)
    ids_of = {p.first.lower(): p.user_id for p in demo.people}
    demo.share_file(maya, "northwind-deals-week-8.csv", JANUARY_EXPORT.format(
        alex=ids_of["alex"], bea=ids_of["bea"], sam=ids_of["sam"]).encode())
    _tick(demo, _at(1, 22, 22), (maya,))
    demo.clock.now = _at(1, 22, 22, 5)
    summary = demo.last_dm(maya, ids.CHALLENGE_ENCOURAGE)
    expect("67%" in _text(summary), "Alex's 67% in Maya's summary")
    demo.press(maya, summary, ids.CHALLENGE_ENCOURAGE, "Maya clicks Send encouragement", dms=1)


def _results_and_repair(demo: Any, maya: Any, alex: Any) -> None:
    demo.scene("Monday 25 January, 09:00 in New York: week 8 is over, the cycle's results reach Maya")
    _tick(demo, _at(1, 25, 14), (maya,))

    demo.scene("Monday 25 January, 08:30 in Los Angeles: Alex repairs Friday; today has no discovery call")
    _tick(demo, _at(1, 25, 16, 30), (alex,))
    demo.clock.now = _at(1, 25, 16, 45)
    monday = _nudge(demo, alex, date(2027, 1, 25))
    expect(ids.CHALLENGE_REPAIR in json.dumps(monday.get("blocks")), "the repair offered on Monday")
    _answer(demo, alex, monday, ids.CHALLENGE_REPAIR, "Alex clicks Repair yesterday",
            (3, 3, "100%", 3, 3, 18), "after the repair")
    demo.clock.now = _at(1, 26, 0, 30)
    modal = demo.press(alex, _now_reads(demo, alex, monday), ids.CHALLENGE_ADD_NOTE,
                       "Monday 16:30: only renewal calls today; Alex clicks Add a note")
    expect(modal is not None, "the note form")
    assert modal is not None
    demo.submit(alex, ids.CHALLENGE_NOTE_VIEW, modal, {
        "answer": {VALUE: static_select("no_calls")},
        "note": {VALUE: plain_text("Two renewals, no new logos: nothing to discover today.")}},
        label="He picks “No relevant calls”, writes why, and saves", dms=0)
    demo.out("  The app's figures now, checked by the demo: "
             + _figures(demo, alex, monday, (3, 3, "100%", 3, 3, 17), "after the no-calls day"))
    _tick(demo, _at(1, 25, 17), (alex,))

    demo.scene("Tuesday 26 January: Alex answers after midnight, inside the 3-hour grace")
    _tick(demo, _at(1, 26, 16, 30), (alex,))
    demo.clock.now = _at(1, 27, 8, 40)
    _answer(demo, alex, _nudge(demo, alex, date(2027, 1, 26)), ids.CHALLENGE_DONE,
            "Wednesday 00:40 in Los Angeles: Alex clicks Did it for Tuesday, on his way home from a dinner",
            (4, 4, "100%", 4, 4, 16), "after the late answer")


def _middle(demo: Any, alex: Any) -> None:
    demo.scene("Wednesday 27 January to Tuesday 2 February: the mornings in one line each, the streak at 9")
    for day, expected in ((date(2027, 1, 27), (5, 5, "100%", 5, 5, 15)),
                          (date(2027, 1, 28), (6, 6, "100%", 6, 6, 14)),
                          (date(2027, 1, 29), (7, 7, "100%", 7, 7, 13)),
                          (date(2027, 2, 1), (8, 8, "100%", 8, 8, 12)),
                          (date(2027, 2, 2), (9, 9, "100%", 9, 9, 11))):
        _quick_day(demo, alex, day, ids.CHALLENGE_DONE, expected)

    demo.scene("Tuesday 2 February, 10:00 in Los Angeles: the first monthly check-in (the challenge runs on)")
    _checkin(demo, alex, date(2027, 2, 2), "4", "4")

    demo.scene("Wednesday 3 to Friday 5 February: a second miss resets the streak, not the longest")
    _quick_day(demo, alex, date(2027, 2, 3), ids.CHALLENGE_DONE, (10, 10, "100%", 10, 10, 10))
    _quick_day(demo, alex, date(2027, 2, 4), ids.CHALLENGE_MISSED, (0, 10, "91%", 10, 11, 9))
    _quick_day(demo, alex, date(2027, 2, 5), ids.CHALLENGE_DONE, (1, 10, "92%", 11, 12, 8))

    demo.scene("Friday 5 February: Alex takes next week off; the challenge pauses and its end moves out a week")
    demo.clock.now = _at(2, 5, 23)
    demo.command(alex, "pause until 2027-02-15")
    demo.open_home(alex)
    home = json.dumps(demo.fake.home_of(alex.user_id) or {}, ensure_ascii=False)
    expect("ends Wed 24 Feb" in home, "the challenge's end moved from Wed 17 Feb to Wed 24 Feb")
    demo.out("\nThe challenge now ends Wed 24 Feb, a week after the Wed 17 Feb it started with: the five days "
             "away are not challenge days.")
    demo.out("\nMonday 8 to Friday 12 February: Alex is away, no nudge comes.")
    before = len(demo.fake.messages_to(alex.user_id))
    _tick(demo, _at(2, 8, 16, 30), ())
    expect(len(demo.fake.messages_to(alex.user_id)) == before, "nothing sent to Alex while he is away")

    demo.scene("Monday 15 February, 08:30 in Los Angeles: back from the week off, the challenge picks up")
    _tick(demo, _at(2, 15, 16, 30), (alex,))
    demo.clock.now = _at(2, 15, 17, 15)
    _answer(demo, alex, _nudge(demo, alex, date(2027, 2, 15)), ids.CHALLENGE_DONE, "Alex clicks Did it",
            (2, 10, "92%", 12, 13, 7), "after the week off")
    for day, expected in ((date(2027, 2, 16), (3, 10, "93%", 13, 14, 6)),
                          (date(2027, 2, 17), (4, 10, "93%", 14, 15, 5)),
                          (date(2027, 2, 18), (5, 10, "94%", 15, 16, 4)),
                          (date(2027, 2, 19), (6, 10, "94%", 16, 17, 3)),
                          (date(2027, 2, 22), (7, 10, "94%", 17, 18, 2)),
                          (date(2027, 2, 23), (8, 10, "95%", 18, 19, 1))):
        _quick_day(demo, alex, day, ids.CHALLENGE_DONE, expected)
    demo.out("")
    _debriefs(demo, alex, FEBRUARY, _at(2, 23, 23))


def _completion(demo: Any, maya: Any, alex: Any, people: dict[str, Any]) -> None:
    demo.scene("Wednesday 24 February: the last day of the challenge, celebrated; Alex shares a win")
    _tick(demo, _at(2, 24, 16, 30), (alex,))
    demo.clock.now = _at(2, 24, 23)
    _answer(demo, alex, _nudge(demo, alex, date(2027, 2, 24)), ids.CHALLENGE_DONE,
            "Alex clicks Did it on day 21", (9, 10, "95%", 19, 20, 0), "on the last day")
    party = demo.last_dm(alex, ids.SHARE_WIN)
    expect("You finished your 21-day challenge" in _text(party) and "*95%*" in _text(party),
            "the completion at 95%")
    expect(bool([m for m in demo.fake.messages_to(maya.user_id) if "finished their 21-day" in _text(m)]),
            "Maya told of the completion")
    demo.clock.now = _at(2, 24, 23, 10)
    modal = demo.press(alex, party, ids.SHARE_WIN, "Alex clicks Share a win")
    expect(modal is not None, "the win form")
    assert modal is not None
    before = len(demo.fake.messages_to(GENERAL_CHANNEL_ID))
    demo.submit(alex, ids.WIN_VIEW, modal, {
        WHAT_FIELD: {VALUE: plain_text("Vandelay agreed to a three-year deal instead of the pilot they asked for")},
        SKILL_FIELD: {VALUE: static_select("discovery")},
        APPROACH_FIELD: {VALUE: plain_text("Asked “what does one more quarter of re-keyed orders cost you?” "
                                           "before any demo; their COO did the maths out loud")},
        OUTCOME_FIELD: {VALUE: plain_text("Deal size $12.5k → $48k")},
        CONSENT_FIELD: {VALUE: {"type": "checkboxes", "selected_options": [
            {"text": {"type": "plain_text", "text": "Share with my team"}, "value": "1"}]}}},
        label="Alex writes what happened, the words that worked and the outcome, ticks Share with my team, "
              "and saves", dms=1)
    demo.show_channel(GENERAL_CHANNEL_ID, "#sales-coaching", before)
    demo.command(people["bea"], "wins discovery")

    demo.scene("Thursday 25 February: Maya asks for Alex's results again, the challenge's figures final")
    demo.clock.now = _at(2, 25, 15)
    demo.command(maya, f"results {alex.mention}")


def _checkin(demo: Any, alex: Any, day: date, discovery: str, value: str, slipping: str = "") -> None:
    """The first Tuesday's check-in, 10:00 in Los Angeles, and Alex's answers (Maya and Alex are told)."""
    hour = 18 if day.month < 3 or (day.month == 3 and day.day < 14) else 17  # PST, then PDT
    _tick(demo, _at(day.month, day.day, hour), (alex,))
    demo.clock.now = _at(day.month, day.day, hour, 20)
    dm = demo.last_dm(alex, ids.OPEN_MAINTENANCE_CHECKIN)
    modal = demo.press(alex, dm, ids.OPEN_MAINTENANCE_CHECKIN, "Alex clicks Open check-in")
    expect(modal is not None, "the check-in form")
    assert modal is not None
    demo.submit(alex, ids.MAINTENANCE_CHECKIN_VIEW, modal, {
        rating_field("discovery"): {VALUE: static_select(discovery)},
        rating_field("value_articulation"): {VALUE: static_select(value)},
        SLIPPING: {VALUE: plain_text(slipping or None)}},
        label=f"Alex rates discovery {discovery} and value articulation {value}"
              + (", writes what is slipping, and sends" if slipping else ", and sends"), dms=2)


def _maintenance(demo: Any, maya: Any, alex: Any, people: dict[str, Any]) -> None:
    demo.scene("Tuesday 2 March, 10:00 in Los Angeles: the second monthly check-in")
    _checkin(demo, alex, date(2027, 3, 2), "4", "4")

    demo.scene("March: busy weeks, fewer questions")
    _debriefs(demo, alex, MARCH, _at(3, 24, 22))

    demo.scene("Tuesday 6 April: the third check-in flags a backslide; Maya starts a new cycle from the flag")
    _checkin(demo, alex, date(2027, 4, 6), "3", "4",
             "Back to pitching early on busy weeks: fewer questions before the demo")
    flagged = demo.last_dm(maya, ids.RESTART_FROM_CHECKIN)
    expect("self-rating down 1 point" in _text(flagged) and "Start a new cycle on Value" not in _text(flagged),
            "discovery's backslide, and only it, flagged in Maya's DM")
    demo.clock.now = _at(4, 6, 18)
    demo.press(maya, flagged, ids.RESTART_FROM_CHECKIN, "Maya clicks Start a new cycle on Discovery", dms=1)
    demo.command(maya, f"cycle {alex.mention}")

    demo.scene("Ada reads every team's results")
    demo.clock.now = _at(4, 7, 9)
    demo.command(people["ada"], "admin results")
