"""Reading CRM exports: vendor headers, encodings, delimiters, bad rows by line."""

from __future__ import annotations

import codecs
from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InvalidInput
from domain.pipeline.csv_import import parse_opportunities
from domain.pipeline.model import DealStatus, LossCategory, RowProblem, Stage

SIMPLE_HEADER = (
    "id,name,owner,amount,stage,created,closed,status,loss_reason,"
    "entered_prospecting,entered_qualifying,entered_presenting,entered_closing"
)


def parse(text: str, encoding: str = "utf-8"):
    return parse_opportunities(text.encode(encoding), source_name="deals.csv")


# -- vendor headers -------------------------------------------------------------


def test_a_salesforce_report_export() -> None:
    parsed = parse(
        "Opportunity Owner,Owner Email,Opportunity Name,Opportunity ID,Amount,Stage,Created Date,"
        "Close Date,Closed,Won,Loss Reason,Date Entered Prospecting,Date Entered Qualification,"
        "Value Proposition Date,Perception Analysis Date,Date Entered Negotiation/Review\n"
        'Jane Doe,Jane.Doe@Acme.com,Acme - 200 seats,0065g00000AbCdE,"$12,500.00",Closed Lost,'
        "1/5/2025,2/20/2025,true,false,Lost to Competitor,1/5/2025,1/20/2025,2/3/2025,1/30/2025,\n"
        "Jane Doe,jane.doe@acme.com,Beta,0065g00000XyZ12,8000,Closed Won,1/6/2025,3/1/2025,"
        "true,true,,1/6/2025,,,,2/15/2025\n"
        "Jane Doe,jane.doe@acme.com,Gamma,0065g00000QqQq1,950.5,Needs Analysis,1/7/2025,6/30/2025,"
        "false,false,,1/7/2025,1/9/2025,,,\n"
    )

    assert parsed.problems == []
    lost, won, open_ = parsed.rows
    assert lost.external_id == "0065g00000AbCdE" and lost.name == "Acme - 200 seats"
    assert lost.owner == "jane.doe@acme.com"  # the email column, lower-cased, not the name
    assert lost.amount == Decimal("12500.00")
    assert lost.status is DealStatus.LOST
    assert lost.loss_category is LossCategory.COMPETITOR
    # Two vendor stages map to presenting: the earlier date is when it entered.
    assert lost.stage_entered == {
        Stage.PROSPECTING: date(2025, 1, 5),
        Stage.QUALIFYING: date(2025, 1, 20),
        Stage.PRESENTING: date(2025, 1, 30),
    }
    assert lost.stage is Stage.PRESENTING  # "Closed Lost": the last stage it entered
    assert (lost.created_on, lost.closed_on) == (date(2025, 1, 5), date(2025, 2, 20))
    assert won.status is DealStatus.WON and won.stage is Stage.CLOSING
    assert won.stage_entered[Stage.CLOSING] == date(2025, 2, 15)
    assert open_.status is DealStatus.OPEN and open_.stage is Stage.QUALIFYING
    assert open_.amount == Decimal("950.50")


def test_a_hubspot_deal_export() -> None:
    parsed = parse(
        "Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Closed Lost Reason,"
        "\"Date entered 'Appointment Scheduled (Sales Pipeline)'\","
        "\"Date entered 'Qualified To Buy (Sales Pipeline)'\","
        "\"Date entered 'Presentation Scheduled (Sales Pipeline)'\","
        "\"Date entered 'Contract Sent (Sales Pipeline)'\","
        "\"Date entered 'Closed Lost (Sales Pipeline)'\","
        "\"Date entered 'Custom Review (Sales Pipeline)'\"\n"
        "1234567,Acme,Closed lost,2025-03-01 10:00,Jane Doe <jane@acme.com>,5000,2025-01-02 09:30,"
        "Budget was cut,2025-01-02 09:30,2025-01-10 11:00,,,2025-03-01 10:00,2025-02-01\n"
        "1234568,Beta,Contract sent,2025-04-01,W0123ABCD,,2025-01-03,,2025-01-03,,2025-01-20,2025-02-10,,\n"
    )

    assert parsed.problems == []
    lost, open_ = parsed.rows
    assert lost.owner == "jane@acme.com"
    assert lost.status is DealStatus.LOST and lost.stage is Stage.QUALIFYING
    assert lost.loss_category is LossCategory.NO_BUDGET
    assert lost.stage_entered == {Stage.PROSPECTING: date(2025, 1, 2), Stage.QUALIFYING: date(2025, 1, 10)}
    assert open_.owner == "W0123ABCD" and open_.amount is None
    assert open_.stage is Stage.CLOSING and open_.status is DealStatus.OPEN
    # A stage-entry column for a stage the mapping does not know is named, not silently used.
    assert parsed.unknown_stage_columns == ["Date entered 'Custom Review (Sales Pipeline)'"]


def test_coachflow_simple_headers() -> None:
    parsed = parse(
        SIMPLE_HEADER + "\n"
        "D1,Acme,U0123ABCD,1200,presenting,2025-01-01,2025-02-01,lost,went dark,"
        "2025-01-01,2025-01-05,2025-01-12,\n"
        "D2,Beta,ann@acme.com,300,prospecting,2025-01-02,,open,,2025-01-02,,,\n"
    )

    assert parsed.problems == []
    lost, open_ = parsed.rows
    assert lost.stage is Stage.PRESENTING and lost.status is DealStatus.LOST
    assert lost.loss_reason == "went dark" and lost.loss_category is LossCategory.TIMING
    assert lost.closed_on == date(2025, 2, 1)  # "closed" is the close date here
    assert len(lost.stage_entered) == 3
    assert open_.status is DealStatus.OPEN and open_.closed_on is None


def test_headers_are_matched_whatever_their_case_spacing_or_underscores() -> None:
    parsed = parse(" OPPORTUNITY_ID ;Opportunity  Owner Email; stage \nX1;U1;Qualification\n")
    assert [(r.external_id, r.owner, r.stage) for r in parsed.rows] == [("X1", "U1", Stage.QUALIFYING)]


# -- encodings and delimiters -----------------------------------------------------


CP1252_FILE = "id;name;owner;amount;stage\nD1;Société Générale;U1;12.500,00 €;Qualifying\n"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(CP1252_FILE.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + CP1252_FILE.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(CP1252_FILE.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(CP1252_FILE.encode("utf-16-be"), id="utf-16 without BOM"),
        pytest.param(CP1252_FILE.encode("cp1252"), id="windows-1252"),
        pytest.param(CP1252_FILE.replace("€", "EUR").encode("latin-1"), id="latin-1"),
    ],
)
def test_every_common_encoding_reads_the_same(raw: bytes) -> None:
    parsed = parse_opportunities(raw, source_name="deals.csv")

    assert parsed.problems == []
    [row] = parsed.rows
    assert row.external_id == "D1"  # the BOM did not stick to the first header
    assert row.name == "Société Générale"
    assert row.amount == Decimal("12500.00")
    assert parsed.delimiter == ";"


def test_cp1252_is_detected_as_such() -> None:
    parsed = parse_opportunities(CP1252_FILE.encode("cp1252"), source_name="deals.csv")
    assert parsed.encoding == "cp1252"


def test_semicolons_with_decimal_commas_do_not_fool_the_delimiter_choice() -> None:
    parsed = parse("id;owner;amount;stage\nD1;U1;1,5;prospecting\nD2;U1;2.000,75;prospecting\n")
    assert parsed.delimiter == ";"
    assert [r.amount for r in parsed.rows] == [Decimal("1.50"), Decimal("2000.75")]


def test_excels_sep_line_is_honoured_and_line_numbers_still_match_the_file() -> None:
    parsed = parse("sep=;\nid;owner;stage\nD1;U1;prospecting\nD2;U1;nonsense\n")
    assert [r.external_id for r in parsed.rows] == ["D1"]
    assert parsed.problems == [RowProblem(4, "unknown stage 'nonsense'")]


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00binary", "Excel workbook"),
        (bytes(range(256)) * 8, "could not read the file as text"),
    ],
)
def test_a_file_that_is_not_text_is_one_clear_error(raw: bytes, said: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_opportunities(raw, source_name="deals.xlsx")
    assert said.lower() in str(raised.value).lower()
    assert str(raised.value).startswith("deals.xlsx: ")


# -- the file's columns ------------------------------------------------------------


def test_missing_columns_are_listed_with_the_headers_found() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse("Opportunity Name,Amount,Close Date\nAcme,100,2025-01-01\n")

    message = str(raised.value)
    assert "missing required columns" in message
    assert "opportunity id" in message and "owner" in message and "stage" in message
    assert "Headers found: 'Opportunity Name', 'Amount', 'Close Date'" in message


def test_only_the_missing_column_is_named() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse("id,stage\nD1,prospecting\n")
    assert "an owner" in str(raised.value)
    assert "opportunity id" not in str(raised.value)


def test_a_header_only_file_has_no_rows_and_no_problems() -> None:
    parsed = parse(SIMPLE_HEADER + "\n")
    assert parsed.rows == [] and parsed.problems == []


# -- bad rows ---------------------------------------------------------------------


def test_bad_rows_are_reported_by_line_and_good_rows_still_parse() -> None:
    parsed = parse(
        "id,owner,amount,stage,created,status\n"  # line 1
        "D1,U1,100,prospecting,2025-01-01,open\n"  # 2: good
        "D2,U1,lots,prospecting,2025-01-01,open\n"  # 3: amount
        "D3,U1,100,prospecting,2025-02-30,open\n"  # 4: date
        "D4,U1,100,Blue Sky,2025-01-01,open\n"  # 5: stage
        "D5,Jane Doe,100,prospecting,2025-01-01,open\n"  # 6: owner
        "\n"  # 7: blank, not a row
        ",U1,100,prospecting,2025-01-01,open\n"  # 8: no id
        "D6,U1,-5,closing,2025-01-01,pending\n"  # 9: negative amount and status
        "D7,U1,\"1,250\",qualifying,3/14/2025,won\n"  # 10: good
    )

    assert [r.external_id for r in parsed.rows] == ["D1", "D7"]
    assert parsed.rows[1].amount == Decimal("1250.00")
    assert parsed.problems == [
        RowProblem(3, "amount 'lots' is not a number"),
        RowProblem(4, "created date '2025-02-30' is not a real date (read as YYYY-MM-DD)"),
        RowProblem(5, "unknown stage 'Blue Sky'"),
        RowProblem(6, "owner 'Jane Doe' is neither a Slack user id nor an email"),
        RowProblem(8, "no opportunity id"),
        RowProblem(9, "amount '-5' is negative; status 'pending' is not open, won or lost"),
    ]


def test_a_quoted_cell_spanning_lines_keeps_later_line_numbers_right() -> None:
    parsed = parse('id,name,owner,stage\nD1,"two\nlines",U1,prospecting\nD2,x,U1,bogus\n')
    assert parsed.rows[0].name == "two\nlines"
    assert parsed.problems == [RowProblem(4, "unknown stage 'bogus'")]


def test_a_duplicate_id_reports_the_later_row() -> None:
    parsed = parse(
        "id,owner,stage\nD1,U1,prospecting\nD2,U1,prospecting\nD1,U2,closing\n"
    )
    assert [r.external_id for r in parsed.rows] == ["D1", "D2"]
    assert parsed.rows[0].owner == "U1"
    assert parsed.problems == [RowProblem(4, "duplicate of line 2")]


def test_closed_is_a_flag_when_the_file_also_has_a_close_date() -> None:
    parsed = parse(
        "Opportunity ID,Owner Email,Stage,Close Date,Closed,Won\n"
        "A,a@x.io,Negotiation/Review,2025-01-31,true,false\n"
        "B,a@x.io,Negotiation/Review,2025-01-31,maybe,false\n"
    )
    assert parsed.rows[0].status is DealStatus.LOST
    assert parsed.rows[0].closed_on == date(2025, 1, 31)
    assert parsed.problems == [RowProblem(3, "closed 'maybe' is not yes/no (true/false)")]


def test_an_id_too_long_for_the_database_is_a_row_problem() -> None:
    parsed = parse("id,owner,stage\n" + "x" * 200 + ",U1,prospecting\n")
    assert parsed.rows == []
    assert "longer than 128" in parsed.problems[0].reason


def test_a_very_wide_file_lists_only_the_first_headers() -> None:
    headers = ",".join(f"Property {n}" for n in range(100))
    with pytest.raises(InvalidInput) as raised:
        parse(headers + "\n" + "," * 99 + "\n")
    assert "'Property 39', and 60 more." in str(raised.value)
    assert "Property 40'" not in str(raised.value)
