"""The cycle's results chart to a person's DM, after the page that says the same in words; the notice's renderers.

Only with charts on (COACHFLOW_CHARTS) and something to draw; an upload
Slack refuses is logged by `upload_chart` and changes nothing else.
`shown_message` and `shown_chart` render `CycleResultsShown` (a cycle the
manager ended early) for the sender; handlers/edge/notices.py registers them.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from domain.catalog import Catalog
from domain.coaching.results import CycleResults
from domain.services.results import CycleResultsShown
from handlers.blocks.results import ended_results_message
from handlers.charts.results import results_alt_text, results_chart
from handlers.edge.chart_upload import chart_filename, upload_chart
from handlers.edge.services import Services


def send_results_chart(client: WebClient, charts_enabled: bool, to: str, result: CycleResults) -> bool:
    if not charts_enabled:
        return False
    png = results_chart(result)
    if png is None:
        return False
    name = " ".join(result.rep.name.split()) or result.rep.user_id
    title = f"Cycle results of {name}"
    return upload_chart(client, to, png, chart_filename(title), title, results_alt_text(result),
                        f"{title}: before and after as a picture; the figures are in the results above.")


def shown_message(notice: CycleResultsShown, to: str, catalog: Catalog) -> dict[str, Any]:
    return ended_results_message(notice.results, to)


def shown_chart(notice: CycleResultsShown, client: WebClient, svc: Services, to: str) -> bool:
    return send_results_chart(client, svc.charts_enabled, to, notice.results)
