"""`coachflow catalog check PATH`: validate an admin's skill catalog before it goes live.

Reads no settings on purpose: an admin can check a file on a laptop without
Slack tokens or a database.
"""

from __future__ import annotations

import sys
from pathlib import Path

from domain.catalog import Catalog, CatalogError, load_catalog


def catalog_check(path: str | Path) -> int:
    """Print a summary of the catalog at `path` (exit 0) or every problem in it (exit 1)."""
    try:
        catalog = load_catalog(path)
    except CatalogError as error:
        print(str(error), file=sys.stderr)
        count = len(error.problems)
        print(f"catalog NOT valid: {count} problem{'' if count == 1 else 's'}", file=sys.stderr)
        return 1
    print(summary(catalog))
    for line in details(catalog):
        print(f"  {line}")
    return 0


def summary(catalog: Catalog) -> str:
    """One line of counts, so an admin sees at a glance that nothing went missing."""
    competencies = catalog.competencies
    indicators = sum(len(comp.leading_indicators) for comp in competencies)
    lessons = sum(len(comp.micro_lessons) for comp in competencies)
    return (
        f"catalog OK: {len(competencies)} competencies, {len(catalog.scoring_dimensions)} scoring dimensions, "
        f"{indicators} leading indicators, {lessons} micro-lessons, "
        f"{len(catalog.questions())} self-assessment questions"
    )


def details(catalog: Catalog) -> list[str]:
    """Which skill is which level and what each dimension informs: the choices an admin makes."""
    lines = [f"version: {catalog.version}"]
    lines.append("foundational: " + ", ".join(comp.id for comp in catalog.foundational()))
    lines.append("advanced: " + ", ".join(comp.id for comp in catalog.advanced()))
    lines += [f"dimension {dim.id} -> {dim.competency}" for dim in catalog.scoring_dimensions]
    return lines
