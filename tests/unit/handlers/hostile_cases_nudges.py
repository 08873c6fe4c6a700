"""Issue 13's nudge footer called with hostile content around it; merged into `hostile_cases.CASES`.

The footer itself is our own words (a kind's title, why and timing); what a person wrote reaches it only as
the message it is added to, which must keep its escaping.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.delivery import DeliveryKey
from domain.notifications.registry import KINDS
from handlers.blocks import kit, notifications, nudge_footer
from tests.unit.handlers.hostile_common import HOSTILE, REP, Call

KIND = KINDS["debrief_prompt"]
VALUE = nudge_footer.FooterValue(0, KIND.name, "UREP")
BUILT = kit.message(HOSTILE, [kit.section(HOSTILE)])
AWAY = replace(REP, paused_until=date(2026, 12, 8))

NUDGE_CASES: dict[str, list[Call]] = {
    "nudge_footer.with_footer": [Call(lambda: nudge_footer.with_footer(BUILT, KIND, "UREP"))],
    "nudge_footer.replaced_footer": [Call(lambda: nudge_footer.replaced_footer(
        BUILT, nudge_footer.stopped_footer(KIND, VALUE)))],
    "notifications.footer": [Call(lambda: notifications.footer(DeliveryKey("T1", "UREP", KIND.name, "2026-12-01"),
                                                               BUILT))],
    "nudge_footer.footer_blocks": [Call(lambda: nudge_footer.footer_blocks(KIND, VALUE), False)],
    "nudge_footer.paused_footer": [Call(lambda: nudge_footer.paused_footer(KIND, VALUE, AWAY, None), False),
                                   Call(lambda: nudge_footer.paused_footer(
                                       KIND, VALUE, AWAY, date(2026, 12, 8) - timedelta(days=1)), False)],
    "nudge_footer.stopped_footer": [Call(lambda: nudge_footer.stopped_footer(KIND, VALUE), False)],
    "nudge_footer.undone_footer": [Call(lambda: nudge_footer.undone_footer(KIND, VALUE, "they come again"), False)],
}

NUDGE_NO_PERSON_TEXT: dict[str, str] = {
    "nudge_footer.read_footer_value": "reads a button value, builds nothing",
    "nudge_footer.fit_content": "only trims blocks",
    "nudge_footer.without_footer": "only drops the footer's blocks",
}
