"""The skill catalog (DESIGN.md 2.1): competencies, scoring dimensions, lessons, questions.

A JSON file ships with the app (`default_catalog.json`); an admin can point
COACHFLOW_CATALOG at their own. Either is validated on load.
"""

from __future__ import annotations

from domain.catalog.loader import CatalogError, default_catalog_text, load_catalog, parse_catalog
from domain.catalog.model import (
    Better,
    Catalog,
    Competency,
    CompetencyQuestion,
    HomeworkTemplate,
    IndicatorType,
    LeadingIndicator,
    Level,
    MicroLesson,
    ScoringDimension,
    SelfAssessmentQuestion,
)

__all__ = [
    "Better",
    "Catalog",
    "CatalogError",
    "Competency",
    "CompetencyQuestion",
    "HomeworkTemplate",
    "IndicatorType",
    "LeadingIndicator",
    "Level",
    "MicroLesson",
    "ScoringDimension",
    "SelfAssessmentQuestion",
    "default_catalog_text",
    "load_catalog",
    "parse_catalog",
]
