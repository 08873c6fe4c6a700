"""The demo's weeks 1 and 2 of Alex's coaching cycle: diagnosis, then priorities and the contract.

Modals are filled in the way Slack would submit them (`view.state.values`),
through the same signed requests as everything else in the demo.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.modal_values import assessment_values, call_values, contract_values, rating_values
from domain.catalog import Catalog
from handlers.edge import ids

CRM_EXPORT = """id,name,owner,amount,stage,created,closed,status,loss_reason,\
entered_prospecting,entered_qualifying,entered_presenting,entered_closing
D-101,Globex platform,{alex},42000,Closed Won,2026-08-03,2026-10-30,won,,2026-08-03,2026-08-12,2026-09-01,2026-10-05
D-102,Initech renewal,{alex},18500,Closed Lost,2026-08-10,2026-10-02,lost,Price,2026-08-10,2026-08-20,2026-09-15,
D-103,Umbrella pilot,{alex},9000,Closed Lost,2026-09-01,2026-10-20,lost,No decision,2026-09-01,2026-09-10,,
D-104,Hooli expansion,{alex},61000,Presenting,2026-10-01,,open,,2026-10-01,2026-10-09,2026-11-02,
D-105,Stark upgrade,{bea},27000,Closed Won,2026-07-14,2026-09-25,won,,2026-07-14,2026-07-22,2026-08-10,2026-09-02
D-106,Wayne analytics,{sam},33000,Qualifying,2026-10-12,,open,,2026-10-12,2026-10-20,,
D-107,Acme (no owner),,15000,Prospecting,2026-11-02,,open,,2026-11-02,,,
D-108,Soylent onboarding,{alex},24000,Qualifying,2026-11-16,,open,,2026-11-16,2026-11-27,,
D-109,Vandelay imports,{alex},12500,Qualifying,2026-11-24,,open,,2026-11-24,2026-11-30,,
D-110,Wonka renewal,{alex},15000,Closed Won,2026-08-24,2026-10-16,won,,2026-08-24,2026-09-02,2026-09-21,2026-10-09
"""


def script_week_one(demo: Any, maya: Any, alex: Any, week_one: datetime) -> None:
    catalog: Catalog = demo.runtime.catalog
    dims = [d.id for d in catalog.scoring_dimensions]
    demo.scene("Week 1: Maya shares her team's CRM export in the DM for the pipeline review")
    demo.clock.now = week_one + timedelta(hours=14)
    people = {p.first.lower(): p.user_id for p in demo.people}
    export = CRM_EXPORT.format(alex=people["alex"], bea=people["bea"], sam=people["sam"])
    demo.share_file(maya, "northwind-deals.csv", export.encode())

    demo.scene("Week 1, Monday 09:00 in Los Angeles: Alex is asked for the self-assessment")
    demo.ticks(week_one + timedelta(hours=16), week_one + timedelta(hours=17, minutes=30))

    demo.scene("Week 1, Tuesday: Maya scores two of Alex's recent calls from the modal")
    demo.clock.now = week_one + timedelta(days=1, hours=15)
    modal = demo.open_modal(maya, f"score {alex.mention}")
    demo.submit(maya, ids.SCORE_CALL_VIEW, modal, call_values(catalog, None, "2026-12-09", {dims[0]: 3}),
                label="Maya saves with a future date, no title and scores missing")
    weak_discovery = dict.fromkeys(dims, 4) | {"discovery_quality": 2, "next_step_clarity": 3}
    demo.submit(maya, ids.SCORE_CALL_VIEW, modal, call_values(
        catalog, "Globex discovery", "2026-11-27", weak_discovery, notes="Jumped to the demo after two questions."))
    modal = demo.open_modal(maya, f"score {alex.mention}", show=False)
    demo.submit(maya, ids.SCORE_CALL_VIEW, modal, call_values(
        catalog, "Initech renewal", "2026-11-30", dict.fromkeys(dims, 3) | {"objection_response": 5}))

    demo.scene("Alex scores the Globex call himself, and takes the 20-question self-assessment")
    modal = demo.open_modal(alex, "score", show=False)
    demo.submit(alex, ids.SCORE_CALL_VIEW, modal,
                call_values(catalog, "Globex discovery", "2026-11-27", dict.fromkeys(dims, 4)))
    demo.open_modal(alex, "assess", show=False)
    competence = {c.id: 3 for c in catalog.competencies} | {"discovery": 5, "objection_handling": 2}
    demo.submit(alex, ids.SELF_ASSESSMENT_VIEW, {"private_metadata": ""},
                assessment_values(catalog, 4, competence), label="Alex answers all 20 questions")
    demo.command(alex, "profile")

    demo.scene("Week 1, Wednesday 09:00 in New York: Maya's note on what is still missing")
    demo.ticks(week_one + timedelta(days=2, hours=13), week_one + timedelta(days=2, hours=14, minutes=30))
    demo.open_home(maya)


def script_week_two(demo: Any, maya: Any, alex: Any, week_two: datetime) -> None:
    demo.scene("Week 2: Maya rates each gap's impact and difficulty; the app proposes two focus skills")
    demo.clock.now = week_two + timedelta(days=1, hours=15)
    modal = demo.open_modal(maya, f"prioritize {alex.mention}")
    ratings = {"discovery": (5, 2), "objection_handling": (3, 4), "value_articulation": (4, 3),
               "closing": (4, 4), "pipeline_management": (2, 4)}
    demo.submit(maya, ids.PRIORITIZE_VIEW, modal, rating_values(ratings))
    demo.click(maya, ids.ACCEPT_FOCUS, alex.user_id, label="Maya clicks Accept proposal", dms=0)

    demo.scene("The 2-skill rule: a third focus skill is refused, with the reason")
    demo.command(maya, f"focus {alex.mention} add pipeline_management")

    demo.scene("Maya writes the coaching contract; both are asked to sign")
    modal = demo.open_modal(maya, f"contract {alex.mention}", show=False)
    rows = [("discovery", "discovery_questions_asked", "8 per discovery call"),
            ("value_articulation", "roi_calculation_given", "yes, on every proposal")]
    demo.submit(maya, ids.CONTRACT_VIEW, modal, contract_values(
        rows, "2", "Score one call a week myself; one role-play every Thursday",
        "Shadow one call a week and give feedback within 24 hours"), dms=2)
    demo.click(alex, ids.SIGN_CONTRACT, f"{alex.user_id}:1", label="Alex clicks Sign version 1")
    demo.click(maya, ids.SIGN_CONTRACT, f"{alex.user_id}:1", label="Maya clicks Sign version 1", dms=2)
    demo.open_home(alex)
    demo.open_home(maya)
