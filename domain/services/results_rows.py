"""A team's cycle results as rows: one per rep and a totals row, for `coachflow results` (text or CSV).

The same figures as `/coach admin results`, in columns a spreadsheet reads:
shares as 0-100 numbers, hours as decimals, blank cells for no value. Names
people typed are made spreadsheet-safe (`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from domain.coaching.leading import Direction
from domain.coaching.results import CycleResults, TeamTotals
from domain.services.results import TeamResults
from domain.services.scorecard_csv import spreadsheet_safe

Row = dict[str, object]
COLUMNS = ("manager_id", "rep_id", "rep_name", "cycle_start", "last_day", "finished", "indicators_better",
           "indicators_worse", "indicators_same", "score_change", "win_rate_before", "win_rate_now",
           "commitments_kept", "commitments_due", "sessions_held", "hours_held", "hours_promised",
           "challenge_compliance")


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _score_change(result: CycleResults) -> float | None:
    changes = [c.change for c in result.scores if c.change is not None]
    return round(sum(changes) / len(changes), 2) if changes else None


def rep_row(result: CycleResults) -> Row:
    pipeline = result.pipeline
    return {
        "manager_id": result.manager_id, "rep_id": result.rep.user_id, "rep_name": result.rep.name,
        "cycle_start": result.span.first_day.isoformat(), "last_day": result.span.last_day.isoformat(),
        "finished": "yes" if result.span.finished else "no",
        "indicators_better": result.moved(Direction.BETTER), "indicators_worse": result.moved(Direction.WORSE),
        "indicators_same": result.moved(Direction.SAME), "score_change": _score_change(result),
        "win_rate_before": _percent(pipeline.before.win_rate) if pipeline else None,
        "win_rate_now": _percent(pipeline.now.win_rate) if pipeline else None,
        "commitments_kept": result.commitments.kept, "commitments_due": result.commitments.due,
        "sessions_held": result.coaching.sessions_held, "hours_held": result.coaching.hours_held,
        "hours_promised": result.coaching.promised,
        "challenge_compliance": _percent(result.challenge.compliance) if result.challenge else None,
    }


def totals_row(totals: TeamTotals) -> Row:
    return {
        "manager_id": "", "rep_id": "", "rep_name": f"total ({totals.reps} reps)", "cycle_start": None,
        "last_day": None, "finished": None, "indicators_better": totals.better, "indicators_worse": totals.worse,
        "indicators_same": totals.same, "score_change": totals.score_change, "win_rate_before": None,
        "win_rate_now": None, "commitments_kept": totals.kept.kept, "commitments_due": totals.kept.due,
        "sessions_held": totals.sessions, "hours_held": totals.hours, "hours_promised": totals.promised,
        "challenge_compliance": None,
    }


def team_rows(team: TeamResults) -> list[Row]:
    return [*(rep_row(r) for r in team.results), totals_row(team.totals)]


def to_csv(rows: Sequence[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _value(value: object, suffix: str = "") -> str:
    return "-" if value is None else f"{value:g}{suffix}" if isinstance(value, float) else f"{value}{suffix}"


def rep_line(row: Row) -> str:
    """`Rep 001 (UR001, 2026-10-05 to 2026-11-29): indicators 4 better, 0 worse; ...`, one line."""
    kept = f"{row['commitments_kept']}/{row['commitments_due']}"
    promised = "" if row["hours_promised"] is None else f" of {_value(row['hours_promised'])} h promised"
    span = "" if row["cycle_start"] is None else f" ({row['rep_id']}, {row['cycle_start']} to {row['last_day']})"
    return (f"{row['rep_name']}{span}: indicators {row['indicators_better']} better, {row['indicators_worse']} worse, "
            f"{row['indicators_same']} same; call scores {_value(row['score_change'])}; "
            f"win rate {_value(row['win_rate_before'], '%')} -> {_value(row['win_rate_now'], '%')}; "
            f"commitments kept {kept}; 1:1s {row['sessions_held']} ({_value(row['hours_held'])} h{promised}); "
            f"challenge {_value(row['challenge_compliance'], '%')}")


def to_text(team: TeamResults) -> str:
    who = f"the team of {team.manager_id}" if team.manager_id else "every team"
    lines = [f"Cycle results, {who}, cycles ended since {team.since.isoformat()} or still running:"]
    if not team.results:
        lines.append("No coaching cycle ended in that range or runs now.")
    lines += [rep_line(row) for row in team_rows(team)]
    return "\n".join(lines) + "\n"
