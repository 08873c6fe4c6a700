"""Maintenance check-ins: a self-rating drop of a point or an indicator worse two months running is flagged."""

from __future__ import annotations

from domain.catalog import load_catalog
from domain.coaching.maintenance import Backslide, MonthlySnapshot, backslides

CATALOG = load_catalog()
DISCOVERY = {"discovery": CATALOG.indicators_for("discovery")}
QUESTIONS = CATALOG.indicators_for("discovery")[0]  # more is better


def _month(rating: int | None, questions: float | None) -> MonthlySnapshot:
    return MonthlySnapshot({} if rating is None else {"discovery": rating},
                           {} if questions is None else {QUESTIONS.id: questions})


def test_a_one_point_drop_in_the_self_rating_is_flagged_with_its_reason() -> None:
    [flag] = backslides([_month(4, 7.0), _month(3, 7.5)], DISCOVERY)
    assert flag == Backslide("discovery", rating_drop=1) and flag.reason == "self-rating down 1 point"
    assert backslides([_month(4, 7.0), _month(4, 6.0)], DISCOVERY) == ()  # one worse month is not a slide
    assert backslides([_month(4, 7.0)], DISCOVERY) == ()  # the first check-in has nothing to compare


def test_an_indicator_worse_two_months_running_is_flagged_and_a_month_without_calls_says_nothing() -> None:
    [flag] = backslides([_month(4, 8.0), _month(4, 7.0), _month(4, 6.0)], DISCOVERY)
    assert flag.indicator_ids == (QUESTIONS.id,) and flag.rating_drop is None
    assert "worse two months running" in flag.reason
    assert backslides([_month(4, 8.0), _month(4, 7.0), _month(4, 7.5)], DISCOVERY) == ()
    assert backslides([_month(4, 8.0), _month(4, None), _month(4, 6.0)], DISCOVERY) == ()
    both = backslides([_month(5, 8.0), _month(5, 7.0), _month(3, 6.0)], DISCOVERY)
    assert both == (Backslide("discovery", 2, (QUESTIONS.id,)),) and "2 points" in both[0].reason
