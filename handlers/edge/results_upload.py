"""The cycle's results chart to a person's DM, after the page that says the same in words.

Only with charts on (COACHFLOW_CHARTS) and something to draw; an upload
Slack refuses is logged by `upload_chart` and changes nothing else.
"""

from __future__ import annotations

from slack_sdk import WebClient

from domain.coaching.results import CycleResults
from handlers.charts.results import results_alt_text, results_chart
from handlers.edge.chart_upload import chart_filename, upload_chart


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
