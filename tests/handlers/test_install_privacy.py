"""The installer's two buttons (issue 14) name no record: whoever clicks them, with whatever value, sees and changes
nothing of anyone else. "Yes, choose my reps" opens the empty add-reps form that `/coach team add` opens for anyone;
"Not now" only answers in place."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.privacy_steps import attempt

SECRET = "alex-private-words-77"


def test_the_installers_buttons_crafted_by_another_person_show_and_change_nothing(slack: Slack,
                                                                                   engine: Engine) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", f"team add <@UA|{SECRET}>")

    for crafted in ("UA", "UMGR", '{"rep": "UA"}', ""):
        before = attempt(slack, engine, "UB", slack.requests.block_actions("UB", ids.INSTALL_NOT_NOW, crafted))
        welcome = attempt(slack, engine, "UB", slack.requests.block_actions("UB", ids.INSTALL_WELCOME_TEAM, crafted))

        assert welcome.counts == before.counts, "a click on the installer's buttons stores nothing"
        assert welcome.modal is not None and welcome.modal["callback_id"] == ids.ADD_REPS_VIEW
        assert SECRET not in welcome.seen and SECRET not in before.seen
        assert "UA" not in json.dumps(welcome.modal.get("private_metadata", "")), "the form names nobody"
        assert welcome.dms_to_alex == before.dms_to_alex, "nobody else hears of it"
