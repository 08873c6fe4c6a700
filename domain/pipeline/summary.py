"""What an import did and what the audit found, in the words both the CLI and Slack use."""

from __future__ import annotations

from decimal import Decimal

from domain.pipeline.model import DealSizes, ImportReport, RepAudit, StageStats


def headline(report: ImportReport) -> str:
    """`Imported 3 opportunities from deals.csv: 2 new, 1 updated, 0 unchanged`."""
    return (
        f"Imported {report.imported:,} opportunit{'y' if report.imported == 1 else 'ies'} "
        f"from {report.source_name}: {report.inserted:,} new, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged"
    )


def skipped(report: ImportReport) -> str:
    """`4 rows skipped`: bad rows, counted once each however many problems they had."""
    count = report.skipped
    return f"{count:,} row{'' if count == 1 else 's'} skipped"


def ignored_columns(report: ImportReport) -> str | None:
    """The stage-date columns whose dates were lost, or None."""
    if not report.unknown_stage_columns:
        return None
    return "Stage-date columns ignored (their stage is not in the mapping): " + ", ".join(report.unknown_stage_columns)


# -- the audit ------------------------------------------------------------------

AUDIT_LEGEND = "Each stage: conversion to the next stage (open deals left out) and average days in it."


def weakest(audit: RepAudit, long: bool = False) -> str:
    """Where the rep loses most against their team: `qualifying (-15 pts)`, or in a sentence."""
    if audit.weakest_stage is None or audit.weakest_shortfall is None:
        return "-" if not long else "nowhere below the team (or too few decided deals to say)"
    stage = audit.weakest_stage
    points = f"-{audit.weakest_shortfall * 100:.0f} pts"
    if not long:
        return f"{stage.value} ({points})"
    mine, theirs = audit.stage(stage).conversion, audit.team_stage(stage).conversion
    return f"{stage.value}: {percent(mine)} converted vs {percent(theirs)} for the team ({points})"


def stage_cell(stats: StageStats) -> str:
    """`75% 4.5d`: conversion and average days; `-` for a stage no deal reached."""
    if not stats.reached:
        return "-"
    average = stats.average_days
    return percent(stats.conversion) + ("" if average is None else f" {average:.1f}d")


def deal_sizes(sizes: DealSizes) -> str:
    return (f"median {money(sizes.median)}, quartiles {money(sizes.q1)} to {money(sizes.q3)} "
            f"(min {money(sizes.minimum)}, max {money(sizes.maximum)}; {count(sizes.count, 'deal')} with an amount)")


def loss_reasons(audit: RepAudit) -> str:
    reasons = [f"{category.value} {number}" for category, number in audit.loss_categories.items()]
    if audit.losses_without_reason:
        reasons.append(f"no reason given {audit.losses_without_reason}")
    return ", ".join(reasons) if reasons else "no lost deals"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def days(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def money(value: Decimal) -> str:
    # Whole units read better in a table; cents only when there are any.
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
