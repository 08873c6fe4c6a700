"""App Home in weeks 3-6: the rep's and each of the manager's reps' week of debriefs and shadowed calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation, week_of
from domain.model import WorkspaceRef
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
