"""Cells of a CRM export: dates, amounts, owners and loss reasons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.pipeline.columns import STAGE_NAMES, normalise_stage_name, stage_of_header
from domain.pipeline.model import DealStatus, LossCategory, Stage
from domain.pipeline.values import CellError, loss_category, parse_amount, parse_date, parse_owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-14", date(2025, 3, 14)),
        ("2025-03-14T10:15:00Z", date(2025, 3, 14)),
        ("2025-03-14 10:15", date(2025, 3, 14)),
        ("3/14/2025", date(2025, 3, 14)),
        ("03/04/2025", date(2025, 3, 4)),  # US: month first
        ("3/14/25", date(2025, 3, 14)),
        ("3/14/2025 10:15 AM", date(2025, 3, 14)),
        ("14.03.2025", date(2025, 3, 14)),
        ("  ", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text, "close date") == expected


@pytest.mark.parametrize("text", ["14/03/2025", "2025-13-01", "31.02.2025", "soon", "2025/03/14x"])
def test_bad_dates_say_which_field_and_value(text: str) -> None:
    with pytest.raises(CellError) as raised:
        parse_date(text, "close date")
    assert str(raised.value).startswith(f"close date {text!r} is not")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$12,500.00", "12500.00"),
        ("12.500,00 €", "12500.00"),
        ("€12.500", "12500.00"),
        ("12 500,50", "12500.50"),
        ("12\u00a0500", "12500.00"),
        ("USD 1,200.5", "1200.50"),
        ("1.000 EUR", "1000.00"),
        ("CHF 1'250.00", "1250.00"),
        ("£99,5", "99.50"),
        ("1,234,567", "1234567.00"),
        ("0.125", "0.13"),  # to the cent, half up
        ("7", "7.00"),
        ("12345,67", "12345.67"),
    ],
)
def test_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "12 apples", "1.2.3,4,5", "1,23,4", "$", "-100", "(250.00)",
                                  "9999999999999", "12345,678"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(CellError):
        parse_amount(text)


def test_blank_amount_is_none() -> None:
    assert parse_amount("  ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U0123ABCD", "U0123ABCD"),
        ("W0123ABCD", "W0123ABCD"),
        ("<@U0123ABCD>", "U0123ABCD"),
        ("Jane.Doe@Acme.COM", "jane.doe@acme.com"),
        ("Jane Doe <jane@acme.com>", "jane@acme.com"),
        ("Jane Doe (jane@acme.com)", "jane@acme.com"),
        ("Jane Doe", None),
        ("Umbrella", None),
    ],
)
def test_owners(text: str, expected: str | None) -> None:
    assert parse_owner(text) == expected


@pytest.mark.parametrize(
    ("reason", "category"),
    [
        ("Price", LossCategory.PRICE),
        ("Too expensive for them", LossCategory.PRICE),
        ("Lost to Competitor", LossCategory.COMPETITOR),
        ("Went with Gong", LossCategory.COMPETITOR),
        ("Lost to competitor on price", LossCategory.COMPETITOR),
        ("No Budget / Lost Funding", LossCategory.NO_BUDGET),
        ("No budget for this price", LossCategory.NO_BUDGET),
        ("No Decision / Non-Responsive", LossCategory.TIMING),
        ("Timing - revisit next quarter", LossCategory.TIMING),
        ("Went dark", LossCategory.TIMING),
        ("Missing SSO integration", LossCategory.PRODUCT_FIT),
        ("Not a fit for their use case", LossCategory.PRODUCT_FIT),
        ("Other", LossCategory.OTHER),
        ("Champion left the company", LossCategory.OTHER),
        ("", None),
        (None, None),
    ],
)
def test_loss_reasons_fall_into_categories(reason: str | None, category: LossCategory | None) -> None:
    assert loss_category(reason) is category


def test_benefit_is_not_a_fit_problem() -> None:
    # Keywords match at word starts only.
    assert loss_category("saw no benefit") is LossCategory.OTHER


def test_every_stage_name_maps_to_a_stage_or_an_outcome() -> None:
    for name, target in STAGE_NAMES.items():
        assert name == normalise_stage_name(name), name
        assert isinstance(target, (Stage, DealStatus))
    assert STAGE_NAMES["qualified to buy"] is Stage.QUALIFYING
    assert STAGE_NAMES["proposal/price quote"] is Stage.CLOSING
    assert STAGE_NAMES["closed lost"] is DealStatus.LOST


@pytest.mark.parametrize(
    ("header", "stage"),
    [
        ("date entered 'qualified to buy (sales pipeline)'", Stage.QUALIFYING),
        ("entered prospecting", Stage.PROSPECTING),
        ("date entered negotiation/review", Stage.CLOSING),
        ("value proposition date", Stage.PRESENTING),
        ("close date", None),
        ("created date", None),
        ("last activity date", None),
    ],
)
def test_stage_date_headers(header: str, stage: Stage | None) -> None:
    assert stage_of_header(header) == stage
