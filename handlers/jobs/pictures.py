"""Charts after scheduled messages: the Friday scorecard's trend, in the rep's DM right after the card.

The card says everything in words; the picture only adds the weeks' shape.
So it goes after Slack accepted the card, only with charts on
(COACHFLOW_CHARTS), and an upload that fails is logged by `upload_chart`
and changes nothing about the delivery. Drawing one takes about 0.3 s
(`make bench`), which is why a workspace that sends thousands of
scorecards may want charts off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from slack_sdk import WebClient

from domain.coaching.scorecard import Scorecard
from domain.delivery import Delivery
from domain.notifications.cycle_results import KIND_NAME as RESULTS_KIND
from domain.notifications.cycle_results import CycleResultsNote
from domain.notifications.scorecards import REP_KIND
from handlers.blocks.scorecard_text import week_title
from handlers.charts import trend_alt_text, trend_chart
from handlers.edge.chart_upload import chart_filename, upload_chart
from handlers.edge.results_upload import send_results_chart

# What follows a delivered row of a kind: (client, delivery, its content).
AfterSent = Callable[[WebClient, Delivery, object], None]


def scorecard_trend(client: WebClient, delivery: Delivery, content: object) -> None:
    """The trend of the rep's indicators over the cycle's weeks, when two weeks or more have values."""
    if not isinstance(content, Scorecard):
        return
    png = trend_chart(content)
    if png is None:
        return
    title = f"Your indicators up to {week_title(content.week)}"
    upload_chart(client, delivery.key.recipient_id, png, chart_filename(title), title, trend_alt_text(content),
                 f"{title}: the weeks of your cycle as a picture; the figures are in the scorecard above.")


def cycle_results_chart(client: WebClient, delivery: Delivery, content: object) -> None:
    """The cycle's results as a picture, after the end-of-cycle DM (the `cycle_results` kind)."""
    if isinstance(content, CycleResultsNote):
        send_results_chart(client, True, delivery.key.recipient_id, content.results)


PICTURES: Mapping[str, AfterSent] = {REP_KIND: scorecard_trend, RESULTS_KIND: cycle_results_chart}


def pictures_after(client: WebClient) -> Callable[[Delivery, object], None]:
    """The sender's hook: the picture of a delivered row, for the kinds that have one."""

    def after(delivery: Delivery, content: object) -> None:
        picture = PICTURES.get(delivery.key.kind)
        if picture is not None:
            picture(client, delivery, content)

    return after
