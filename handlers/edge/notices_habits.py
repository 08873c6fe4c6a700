"""Issue 13's notices: success stories, maintenance check-ins, the cycle's results and the 21-day challenge.

Each registers its renderer on `handlers.edge.notices.render` (and a chart on `draw`), as the notices of the
earlier stages do there; `handlers.edge.notices` imports this module once, at its end.
"""

from __future__ import annotations

from domain.catalog import Catalog
from domain.services.challenge_notices import (
    ChallengeCompleted,
    ChallengeFinishedForManager,
    ChallengeStarted,
    Encouraged,
)
from domain.services.maintenance_notices import CheckinForManager, CheckinSaved, CycleRestarted
from domain.services.results import CycleResultsShown
from domain.services.win_notices import WinForManager
from handlers.blocks import challenge as challenge_blocks
from handlers.blocks import maintenance as maintenance_blocks
from handlers.blocks import win_messages as win_blocks
from handlers.blocks.challenge_summary import encouraged_message
from handlers.edge import results_upload
from handlers.edge.notices import Rendered, draw, render

# -- success stories (issue 13) ------------------------------------------------------

@render.register(WinForManager)
def _win_for_manager(notice: WinForManager, to: str, catalog: Catalog) -> Rendered:
    return win_blocks.win_for_manager_message(notice)


# -- monthly maintenance check-ins (issue 13) ----------------------------------------

@render.register(CheckinSaved)
def _checkin_saved(notice: CheckinSaved, to: str, catalog: Catalog) -> Rendered:
    return maintenance_blocks.checkin_saved_message(notice, catalog)


@render.register(CheckinForManager)
def _checkin_for_manager(notice: CheckinForManager, to: str, catalog: Catalog) -> Rendered:
    return maintenance_blocks.checkin_for_manager_message(notice, catalog)


@render.register(CycleRestarted)
def _cycle_restarted(notice: CycleRestarted, to: str, catalog: Catalog) -> Rendered:
    return maintenance_blocks.cycle_restarted_message(notice, catalog, to)


# -- the cycle's results (issue 13): `handlers/edge/results_upload.py` ------------------
render.register(CycleResultsShown, results_upload.shown_message)
draw.register(CycleResultsShown, results_upload.shown_chart)


# -- the 21-day challenge (issue 13) --------------------------------------------------

@render.register(ChallengeStarted)
def _challenge_started(notice: ChallengeStarted, to: str, catalog: Catalog) -> Rendered:
    return challenge_blocks.started_message(notice, to)


@render.register(ChallengeCompleted)
def _challenge_completed(notice: ChallengeCompleted, to: str, catalog: Catalog) -> Rendered:
    return challenge_blocks.completed_message(notice)


@render.register(ChallengeFinishedForManager)
def _challenge_finished(notice: ChallengeFinishedForManager, to: str, catalog: Catalog) -> Rendered:
    return challenge_blocks.finished_for_manager_message(notice)


@render.register(Encouraged)
def _encouraged(notice: Encouraged, to: str, catalog: Catalog) -> Rendered:
    return encouraged_message(notice)
