"""App Home in weeks 3-6: the rep's week and each of the manager's reps' (calls, lessons, homework, cards)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot.fake_slack.block_kit import check_view
from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation, week_of
from domain.coaching.homework import HandIn, HandInKind, Homework
from domain.coaching.lessons import LessonAnswer, LessonProgress
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.pipeline.model import Stage as DealStage
from handlers.edge import ids
from tests.handlers.conftest import TEAM, Slack, home_text

WS = WorkspaceRef(TEAM)
ANSWERS = CallAnswers("a", "b", "c")


def test_the_week_of_calls_shows_against_the_shadowing_target(slack: Slack, uow_factory) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
    monday = week_of(today)[0]
    with uow_factory() as uow:
        for rep in ("UA", "UB"):
            uow.cycles.add(CoachingCycle(WS, rep, "UMGR", monday - timedelta(weeks=3)))  # week 4: develop
        for _ in range(2):
            uow.debriefs.add(Debrief(WS, "UA", CallRef("Acme"), CallType.DEMO, today, ANSWERS))
        uow.shadow_observations.add(ShadowObservation(WS, "UA", "UMGR", CallRef("Acme"), CallType.DEMO, today,
                                                      ANSWERS, feedback="Good"))
        uow.debriefs.add(Debrief(WS, "UA", CallRef("Old"), CallType.DEMO, monday - timedelta(days=1), ANSWERS))
        uow.commit()

    rep_home = home_text(slack.open_home("UA"))
    manager_home = home_text(slack.open_home("UMGR"))

    assert "2 debriefs \\u00b7 :eyes: 1 of 2-3 shadowed this week" in rep_home
    assert "2 debriefs \\u00b7 :eyes: 1 of 2-3 shadowed" in manager_home  # Alex's row
    assert "0 debriefs \\u00b7 :eyes: 0 of 2-3 shadowed" in manager_home  # Bea's row: said, not hidden


# --- week 5 in full: lessons, homework, role-play cards, and "This week" ------------------------------

HOSTILE_TEXT = "<!channel> *Write* value props <@UB> & more"


def _week_five(uow_factory) -> date:
    """Alex (UA) in week 5 with calls, two lessons done, homework open, late and handed in, and a stalled deal."""
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
    monday = week_of(today)[0]
    catalog = load_catalog()
    with uow_factory() as uow:
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", monday - timedelta(weeks=4)))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        for n, lesson in enumerate(catalog.competency("discovery").micro_lessons[:2]):
            row = uow.lessons.locked(WS, LessonProgress(WS, "UA", cycle.id, "discovery", lesson.id,
                                                        sent_at=datetime.now(UTC) - timedelta(days=n + 1)))
            uow.lessons.save(row.answered(LessonAnswer.DONE, datetime.now(UTC)))
        uow.debriefs.add(Debrief(WS, "UA", CallRef("Acme"), CallType.DEMO, today, ANSWERS))
        uow.shadow_observations.add(ShadowObservation(WS, "UA", "UMGR", CallRef("Acme"), CallType.DEMO, today,
                                                      ANSWERS, feedback="Good pause after the price"))
        uow.homework.add(Homework(WS, "UA", "UMGR", HOSTILE_TEXT, today + timedelta(days=3), HandInKind.TEXT))
        uow.homework.add(Homework(WS, "UA", "UMGR", "List your first five questions", today - timedelta(days=2),
                                  HandInKind.TEXT))
        handed = uow.homework.add(Homework(WS, "UA", "UMGR", "Record your opening", today, HandInKind.TEXT))
        uow.homework.update(handed.handed_in_with(HandIn("Here it is"), datetime.now(UTC)))
        deals = [Opportunity(WS, f"H{h}", owner, "History", Decimal(1000), DealStage.PRESENTING, DealStatus.WON,
                             stage_entered={DealStage.QUALIFYING: today - timedelta(days=100),
                                            DealStage.PRESENTING: today - timedelta(days=90)})
                 for h, owner in enumerate(["UA", "UA", "UB", "UB"])]
        deals += [Opportunity(WS, "STALLED", "UA", "Globex renewal", Decimal(50000), DealStage.QUALIFYING,
                              stage_entered={DealStage.QUALIFYING: today - timedelta(days=60)}),
                  Opportunity(WS, "FRESH", "UB", "Initech", Decimal(1000), DealStage.QUALIFYING,
                              stage_entered={DealStage.QUALIFYING: today - timedelta(days=2)})]
        uow.pipeline.upsert(WS, deals)
        uow.commit()
    return today


def _block_with(view: dict[str, Any], action_id: str, value: str | None = None) -> dict[str, Any]:
    for block in view["blocks"]:
        elements = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        for element in elements:
            if element.get("action_id") == action_id and (value is None or element.get("value") == value):
                return element
    raise AssertionError(f"no {action_id} button in {home_text(view)[:400]}")


def test_week_five_on_the_reps_and_the_managers_home(slack: Slack, uow_factory) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    _week_five(uow_factory)

    rep = slack.open_home("UA")
    manager = slack.open_home("UMGR")

    rep_text = home_text(rep)
    assert "1 debrief \\u00b7 :eyes: 1 of 2-3 shadowed this week" in rep_text
    assert "*Lessons* done 2 of 4." in rep_text and "Next: *" in rep_text
    assert "1 open, 1 late :warning:, 1 to answer" in rep_text
    assert "&lt;!channel&gt; *Write* value props &lt;@UB&gt; &amp; more" in rep_text  # escaped, never a ping
    assert _block_with(rep, ids.OPEN_HAND_IN)["text"]["text"] == "Hand in"
    assert "Debrief a call" in rep_text and "role-play" not in rep_text  # the cards are for the manager
    assert check_view(rep) == []

    manager_text = home_text(manager)
    assert ":books: lessons 2/4 \\u00b7 :memo: homework 1 open, 1 late :warning:, 1 to answer" in manager_text
    assert "1 role-play card" in manager_text
    assert _block_with(manager, ids.OPEN_REP_WEEK, "UA") and _block_with(manager, ids.OPEN_REP_WEEK, "UB")
    assert check_view(manager) == []


def test_this_week_opens_the_reps_week_and_its_buttons_open_over_it(slack: Slack, fake, uow_factory) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    _week_five(uow_factory)
    home = slack.open_home("UMGR")

    click = slack.requests.block_actions("UMGR", ids.OPEN_REP_WEEK, value="UA", view=home)
    assert slack.dispatch(click).status == 200
    fake.wait_for(lambda: fake.view_opened_by(click.payload["trigger_id"]) is not None)
    modal = fake.view_opened_by(click.payload["trigger_id"])
    assert modal is not None and modal["callback_id"] == ids.REP_WEEK_VIEW
    text = home_text(modal)
    assert "Shadowed by <@UMGR>" in text and "Good pause after the price" in text  # the call side by side
    assert "Done 2 of 4." in text and "Record your opening" in text and "*late* :warning:" in text
    assert "Globex renewal" in text
    assert check_view(modal) == []

    # "Answer with feedback" inside the modal opens its own modal on top (views.push).
    answer = _block_with(modal, ids.OPEN_HOMEWORK_FEEDBACK)
    pushed = slack.requests.block_actions("UMGR", ids.OPEN_HOMEWORK_FEEDBACK, value=answer["value"], view=modal)
    assert slack.dispatch(pushed).status == 200
    fake.wait_for(lambda: fake.view_opened_by(pushed.payload["trigger_id"]) is not None)
    assert [c.method for c in fake.calls_to("views.push")] == ["views.push"]
    practise = _block_with(modal, ids.MARK_ROLEPLAY)
    marked = slack.requests.block_actions("UMGR", ids.MARK_ROLEPLAY, value=practise["value"], view=modal)
    assert slack.dispatch(marked).status == 200
    fake.wait_for(lambda: fake.view_opened_by(marked.payload["trigger_id"]) is not None)
    assert len(fake.calls_to("views.push")) == 2


def test_a_crafted_this_week_click_for_another_managers_rep_is_refused(slack: Slack, fake, uow_factory) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    slack.coach("UMGR2", "team")  # a manager with no reps of their own
    _week_five(uow_factory)
    home = slack.open_home("UMGR2")

    click = slack.requests.block_actions("UMGR2", ids.OPEN_REP_WEEK, value="UA", view=home)
    assert slack.dispatch(click).status == 200
    fake.wait_for(lambda: any("Only <@UA>'s own manager" in m["text"] for m in fake.messages_to("UMGR2")))

    slack.finish_listeners()
    assert fake.view_opened_by(click.payload["trigger_id"]) is None
    assert not any("Record your opening" in home_text(v) for v in fake.opened_views)
