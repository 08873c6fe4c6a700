"""1:1 takeaways through Slack: Maya (New York) records what she and Lena (London) took from their 1:1,
marks the agenda items they covered, and both read them later; only the rest carries forward."""

from __future__ import annotations

import json
from datetime import timedelta

from domain.coaching.takeaways import COVERED, TEXT
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import dm_with, errors_of
from tests.handlers.prework_steps import book, open_prework, refusal_text, team
from tests.handlers.receipt_steps import replay, texts_to
from tests.handlers.takeaways_steps import (
    accessory_values,
    elsewhere,
    open_takeaways,
    recorded,
    starts_in,
    submit_takeaways,
    takeaways_values,
    write_prework,
)

HOSTILE = "<!channel> *Agreed* to lead <https://evil.example|Hooli> & more"


def test_maya_records_takeaways_from_the_list_and_lena_gets_them_escaped(slack: Slack,
                                                                          uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    write_prework(slack, session_id)
    starts_in(uow_factory, session_id, -timedelta(minutes=50))

    listed = slack.coach("UMGR", "sessions")
    assert accessory_values(listed, ids.OPEN_TAKEAWAYS) == [str(session_id)]
    assert "Record takeaways" in listed.last_text and "No takeaways recorded yet" in listed.last_text
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None and modal["callback_id"] == ids.TAKEAWAYS_VIEW
    covered = next(b for b in modal["blocks"] if b.get("block_id") == COVERED)
    assert [o["text"]["text"] for o in covered["element"]["options"]] == ["Hooli pricing", "My Q1 goals",
                                                                          "Hiring plan"]

    empty = errors_of(submit_takeaways(slack, modal, takeaways_values("   ", ticked=(0,))))
    assert "Write what you agreed on" in empty[TEXT] and recorded(uow_factory, session_id) is None
    too_long = errors_of(submit_takeaways(slack, modal, takeaways_values("x" * 3001)))
    assert "3000 characters" in too_long[TEXT]

    assert errors_of(submit_takeaways(slack, modal, takeaways_values(HOSTILE, ticked=(0, 2, 7)))) == {}
    kept = recorded(uow_factory, session_id)
    assert kept is not None and kept.text == HOSTILE and kept.by == "UMGR"
    assert kept.covered == ("Hooli pricing", "Hiring plan")  # a crafted eighth option is ignored
    told = dm_with(slack, "UL", "recorded the takeaways")
    shown = json.dumps(told["blocks"], ensure_ascii=False)
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown and "<https://evil" not in shown
    assert "Covered: Hooli pricing · Hiring plan" in shown and "Carries forward: My Q1 goals" in shown
    confirmed = dm_with(slack, "UMGR", "Takeaways recorded")
    assert "Edit takeaways" in json.dumps(confirmed["blocks"])

    # Both read them later; Lena gets no button.
    lena = slack.coach("UL", "sessions")
    assert "&lt;!channel&gt; *Agreed*" in lena.last_text and accessory_values(lena, ids.OPEN_TAKEAWAYS) == []
    maya = slack.coach("UMGR", "sessions <@UL|lena>")
    assert "Edit takeaways" in maya.last_text and "Covered: Hooli pricing" in maya.last_text


def test_takeaways_are_edited_prefilled_and_days_later_too(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    write_prework(slack, session_id)
    starts_in(uow_factory, session_id, -timedelta(days=3))
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None
    assert errors_of(submit_takeaways(slack, modal, takeaways_values("Lead the Hooli call", ticked=(1,)))) == {}

    again, _ = open_takeaways(slack, session_id)
    assert again is not None
    text = next(b for b in again["blocks"] if b.get("block_id") == TEXT)
    assert text["element"]["initial_value"] == "Lead the Hooli call"
    covered = next(b for b in again["blocks"] if b.get("block_id") == COVERED)
    assert [o["value"] for o in covered["element"]["initial_options"]] == ["1"]
    assert errors_of(submit_takeaways(slack, again, takeaways_values("Lead the Hooli call; hire by March",
                                                                    ticked=(0, 1, 2)), user_id="UADMIN")) == {}
    kept = recorded(uow_factory, session_id)
    assert kept is not None and kept.text == "Lead the Hooli call; hire by March" and kept.by == "UADMIN"
    assert [(v.text, v.covered, v.by) for v in kept.history] == [("Lead the Hooli call", ("My Q1 goals",), "UMGR")]
    assert "updated the takeaways" in dm_with(slack, "UL", "updated the takeaways")["text"]
    assert "Takeaways updated" in dm_with(slack, "UADMIN", "Takeaways updated")["text"]


def test_without_pre_work_there_is_nothing_to_tick(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    starts_in(uow_factory, session_id, -timedelta(minutes=5))
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None and not any(b.get("block_id") == COVERED for b in modal["blocks"])
    assert "No pre-work" in json.dumps(modal)
    assert errors_of(submit_takeaways(slack, modal, takeaways_values("Talked pipeline", ticked=(0,)))) == {}
    kept = recorded(uow_factory, session_id)
    assert kept is not None and kept.covered == ()


def test_takeaways_open_a_quarter_hour_before_the_start_and_never_for_a_cancelled_session(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    opened, request = open_takeaways(slack, session_id)
    assert opened is None and "has not started yet" in refusal_text(slack, request, "UMGR")
    starts_in(uow_factory, session_id, timedelta(minutes=10))
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None

    slack.coach("UMGR", "session cancel <@UL|lena>")
    late = errors_of(submit_takeaways(slack, modal, takeaways_values("Too late")))
    assert "cancelled" in late[TEXT] and recorded(uow_factory, session_id) is None
    opened, request = open_takeaways(slack, session_id)
    assert opened is None and "cancelled" in refusal_text(slack, request, "UMGR")


def test_ticks_on_an_agenda_the_rep_changed_since_the_form_opened_are_not_stored(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    write_prework(slack, session_id, "Hooli pricing", "My Q1 goals", "Hiring plan")
    starts_in(uow_factory, session_id, timedelta(minutes=10))
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None
    write_prework(slack, session_id, "Hiring plan", "Hooli pricing", "My Q1 goals")  # Lena reorders it meanwhile

    stale = errors_of(submit_takeaways(slack, modal, takeaways_values("Talked pricing", ticked=(0,))))
    assert "changed their agenda after you opened this form" in stale[COVERED]
    assert recorded(uow_factory, session_id) is None  # "Hiring plan" was never marked covered by mistake
    fresh, _ = open_takeaways(slack, session_id)
    assert fresh is not None
    assert errors_of(submit_takeaways(slack, fresh, takeaways_values("Talked pricing", ticked=(1,)))) == {}
    kept = recorded(uow_factory, session_id)
    assert kept is not None and kept.covered == ("Hooli pricing",)


def test_only_items_not_covered_carry_forward_to_the_next_pre_work(slack: Slack,
                                                                    uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    first, second = book(slack, uow_factory, 1), book(slack, uow_factory, 8)
    write_prework(slack, first)
    starts_in(uow_factory, first, -timedelta(hours=1))
    modal, _ = open_takeaways(slack, first)
    assert modal is not None
    assert errors_of(submit_takeaways(slack, modal, takeaways_values("Pricing settled", ticked=(0, 2)))) == {}

    prework, _ = open_prework(slack, second)
    assert prework is not None
    offered = next(b for b in prework["blocks"] if b.get("block_id") == "carry")
    assert [o["text"]["text"] for o in offered["element"]["options"]] == ["My Q1 goals"]


def nobody_else_records_or_reads_lenas_takeaways(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    """The button and form, crafted by Lena herself, Chen (another rep), Omar (another manager), another workspace."""
    team(slack)
    session_id = book(slack, uow_factory)
    write_prework(slack, session_id)
    starts_in(uow_factory, session_id, -timedelta(minutes=30))
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None
    assert errors_of(submit_takeaways(slack, modal, takeaways_values("Secret plan for Hooli"))) == {}

    for person in ("UL", "UC", "UMGR2"):
        opened, request = open_takeaways(slack, session_id, user_id=person)
        assert opened is None and "not one of yours" in refusal_text(slack, request, person)
        crafted = errors_of(submit_takeaways(slack, modal, takeaways_values("Overwritten"), user_id=person))
        assert "not one of yours" in crafted[TEXT]
    for crafted_id in ("999999", "-1", "1 OR 1=1", ""):
        opened, _ = open_takeaways(slack, crafted_id)
        assert opened is None
    outsider = elsewhere(slack)  # this deployment serves one workspace: another's requests are turned away
    request = outsider.block_actions("UMGR", ids.OPEN_TAKEAWAYS, value=str(session_id), channel_id="DUMGR")
    slack.dispatch(request)
    submitted = outsider.view_submission("UMGR", ids.TAKEAWAYS_VIEW, takeaways_values("Overwritten"),
                                         private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    slack.dispatch(submitted)
    slack.listeners.wait_idle()
    assert slack.fake.view_opened_by(request.payload["trigger_id"]) is None

    kept = recorded(uow_factory, session_id)
    assert kept is not None and kept.text == "Secret plan for Hooli" and kept.history == ()
    assert "Secret plan" not in slack.coach("UC", "sessions").last_text
    assert "Secret plan" not in slack.coach("UMGR2", "sessions").last_text
    assert "not on your team" in slack.coach("UMGR2", "sessions <@UL|lena>").last_text
    assert texts_to(slack, "UC", "Secret plan") == 0 and texts_to(slack, "UMGR2", "Secret plan") == 0


def test_nobody_else_records_or_reads_lenas_takeaways(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    nobody_else_records_or_reads_lenas_takeaways(slack, uow_factory)


def test_takeaways_sent_twice_are_stored_once_and_told_once(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    starts_in(uow_factory, session_id, -timedelta(minutes=30))
    modal, _ = open_takeaways(slack, session_id)
    assert modal is not None
    request = slack.requests.view_submission("UMGR", ids.TAKEAWAYS_VIEW, takeaways_values("Once only"),
                                             private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    assert all(r.status == 200 and r.body == "" for r in replay(slack, request, request, request))
    kept = recorded(uow_factory, session_id)
    assert kept is not None and kept.history == ()
    assert texts_to(slack, "UL", "Once only") == 1 and texts_to(slack, "UMGR", "Once only") == 1
