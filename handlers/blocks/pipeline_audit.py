"""`/coach pipeline [@rep]`: the pipeline velocity audit that `coachflow pipeline audit` prints, in Slack.

A team or the workspace is one section per rep, a page of `PAGE_SIZE` reps
at a time (a message holds 50 blocks); one rep is every stage beside their
team's, deal sizes and loss reasons. The numbers are worded as the CLI's
(`domain.pipeline.summary`). People appear as mentions only, so no name
anyone typed reaches the message.
"""

from __future__ import annotations

from typing import Any

from domain.pipeline import summary
from domain.pipeline.model import RepAudit
from domain.services.pipeline import PipelineAudit
from handlers.blocks.kit import Block, Mrkdwn, context, header, joined, md, mention, message, section

PAGE_SIZE = 20
_NOTHING_IMPORTED = ("A Coachflow admin or manager imports a CRM export by sharing it as a CSV file "
                     "in Coachflow's DM.")


def pipeline_audit_message(audit: PipelineAudit, viewer_id: str, page: int = 1) -> dict[str, Any]:
    scope, audits = audit.scope, audit.audits
    if scope.of == "team" and not scope.rep_ids:
        text = ("You do not coach anyone yet, so there is no team pipeline to audit. "
                "Add reps with `/coach team add @alex`.")
        return message(text, [section(text)])
    if scope.of == "rep":
        return _one_rep(audits[0], viewer_id)
    if not any(a.deals for a in audits):
        where = "your team" if scope.of == "team" else "this workspace"
        text = f"No opportunities for {where} in Coachflow yet."
        return message(text, [section(text), context(_NOTHING_IMPORTED)])
    return _reps_page(audit, page)


def _reps_page(audit: PipelineAudit, page: int) -> dict[str, Any]:
    audits = audit.audits
    pages = max(1, -(-len(audits) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = audits[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    title = "Pipeline audit: your team" if audit.scope.of == "team" else "Pipeline audit: this workspace"
    deals = sum(a.deals for a in audits)
    headline = f"{summary.count(len(audits), 'rep')}, {summary.count(deals, 'deal')}."
    blocks: list[Block] = [header(title), section(headline), context(summary.AUDIT_LEGEND)]
    blocks += [section(_rep_summary(a)) for a in shown]
    pointer = "`/coach pipeline @rep` shows one rep in full, every stage beside their team's."
    if pages > 1:
        first = (page - 1) * PAGE_SIZE + 1
        more = f" Next: `/coach pipeline page {page + 1}`." if page < pages else ""
        pointer = f"Reps {first}-{first + len(shown) - 1} of {len(audits)} (page {page} of {pages}).{more} {pointer}"
    blocks.append(context(pointer))
    return message(f"{title}: {headline}", blocks)


def _rep_summary(audit: RepAudit) -> Mrkdwn:
    if not audit.deals:
        return md("*{rep}* · no deals in Coachflow yet", rep=mention(audit.rep_id))
    stages = " · ".join(f"{s.stage.label} {summary.stage_cell(s)}" for s in audit.stages)
    sizes = audit.deal_sizes
    return md(
        "*{rep}* · {totals}\n{stages}\nMedian deal {median} · loses most vs {compared}: {weakest}",
        rep=mention(audit.rep_id), totals=_totals(audit), stages=stages,
        median=summary.money(sizes.median) if sizes else "-", compared=audit.compared_with,
        weakest=summary.weakest(audit),
    )


def _one_rep(audit: RepAudit, viewer_id: str) -> dict[str, Any]:
    yours = audit.rep_id == viewer_id
    who = md("You") if yours else mention(audit.rep_id)
    if not audit.deals:
        text = md("{who} {have} no opportunities in Coachflow yet.", who=who, have="have" if yours else "has")
        return message(text, [section(text), context(_NOTHING_IMPORTED)])
    group = audit.compared_with
    against = ("your team" if yours else "their team") if group == "team" else "the whole workspace"
    head = md("*{who}*, compared with {against}: {totals}", who=who, against=against, totals=_totals(audit))
    stage_lines = [
        md("*{stage}*: reached {reached}, advanced {advanced}, lost {lost}, open {open} · conversion {mine} "
           "({group} {theirs}){days}",
           stage=s.stage.label, reached=s.reached, advanced=s.advanced, lost=s.lost, open=s.open,
           mine=summary.percent(s.conversion), theirs=summary.percent(t.conversion), group=group,
           days=_days(s.average_days, t.average_days, group))
        for s, t in zip(audit.stages, audit.team_stages, strict=True)
    ]
    sizes = audit.deal_sizes
    facts = [
        f"*Deal size*: {summary.deal_sizes(sizes)}" if sizes else "*Deal size*: no deal has an amount",
        f"*Loss reasons*: {summary.loss_reasons(audit)}",
        f"*Loses most compared with the {group}*: {summary.weakest(audit, long=True)}",
    ]
    blocks: list[Block] = [header("Pipeline audit"), section(head), section(joined("\n", stage_lines)),
                           section("\n".join(facts)), context(summary.AUDIT_LEGEND)]
    return message(head, blocks)


def _days(mine: float | None, theirs: float | None, group: str) -> str:
    # Left out when no deal's dates tell (a stage nobody has left yet).
    if mine is None and theirs is None:
        return ""
    return f" · {summary.days(mine)} days ({group} {summary.days(theirs)})"


def _totals(audit: RepAudit) -> str:
    return (f"{summary.count(audit.deals, 'deal')}: {audit.won} won, {audit.lost} lost, {audit.open} open · "
            f"win rate {summary.percent(audit.win_rate)}")

