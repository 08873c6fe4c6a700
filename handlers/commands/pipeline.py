"""The pipeline: `/coach pipeline [@rep] [page N]`, the velocity audit of `coachflow pipeline audit` in Slack.

Managers see their reps (or one of them), admins the workspace (or any rep);
a rep is told to ask their manager (`domain.pipeline.scope`). It only reads.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.errors import InvalidInput
from handlers.blocks.pipeline_audit import pipeline_audit_message
from handlers.commands.parsing import at_most_one_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand

PIPELINE = HelpSection("Pipeline", 50)
_PAGE = re.compile(r"\bpage\s+(\S+)\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"[0-9]{1,4}", re.ASCII)


class Pipeline(BaseModel):
    kind: Literal["pipeline"] = "pipeline"
    rep_id: str | None = None
    page: int = Field(default=1, ge=1)


def _parse_pipeline(rest: str) -> Pipeline:
    page = 1
    found = _PAGE.search(rest)
    if found:
        # ASCII digits, and few: int() reads `²` and other scripts' digits, or refuses 4,300 of them.
        if not _PAGE_NUMBER.fullmatch(found.group(1)) or int(found.group(1)) < 1:
            raise InvalidInput("Pages are numbered from 1: `/coach pipeline page 2`.")
        page, rest = int(found.group(1)), rest[: found.start()]
    return Pipeline(rep_id=at_most_one_person(rest, "/coach pipeline"), page=page)


def run_pipeline(parsed: Pipeline, call: Invocation) -> Reply:
    audit = call.svc.pipeline.audit_for(call.ws, call.caller_id, parsed.rep_id)
    return pipeline_audit_message(audit, call.caller_id, parsed.page)


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="pipeline", usage="pipeline @alex", section=PIPELINE,
        help=(("`/coach pipeline` your reps' pipeline velocity (admins: the workspace's); "
              "`/coach pipeline @alex` one rep in full"),),
        details=(("`/coach pipeline` audits the pipeline velocity of your reps (admins: of everyone with deals): "
                 "conversion and days per stage, win rate, median deal and where each loses most against the team."),
                 ("`/coach pipeline @alex` one rep in full, every stage beside their team's, deal sizes and loss "
                 "reasons. `/coach pipeline page 2` the next page of a long team."),
                 "Deals come from a CRM export (CSV) a manager or admin shares in Coachflow's DM."),
        parse=_parse_pipeline, run=run_pipeline, reads_only=True,
    ),
)
