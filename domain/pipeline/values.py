"""Reading one cell of a CRM export: dates, amounts, yes/no, owners, loss reasons.

Each parser returns the value or raises `CellError` with a reason meant for
the person who will fix the file; the row parser turns that into a problem
on the row's line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.pipeline.columns import FALSE_WORDS, LOSS_KEYWORDS, TRUE_WORDS
from domain.pipeline.model import CENT, MAX_AMOUNT, LossCategory


class CellError(ValueError):
    """A cell that cannot be read; `str()` says why."""


DATE_FORMATS_HINT = "YYYY-MM-DD, M/D/YYYY or DD.MM.YYYY"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:[ ,].*)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?: .*)?$")
# Slack user ids: U or W, then capitals and digits (U024BE7LH); short ones are test ids.
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{1,31}$")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# An ISO currency code before or after an amount ("USD 1,000", "1.000 EUR").
_CURRENCY_CODE = re.compile(r"^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$")
_PLAIN_NUMBER = re.compile(r"\d{1,15}(?:\.\d{1,2})?")
_GROUPING = frozenset(" \u00a0\u202f'\u2019")


def parse_date(text: str, what: str) -> date | None:
    """ISO (with or without a time), US month/day/year, or day.month.year; blank is None."""
    value = text.strip()
    if not value:
        return None
    day, problem = _read_date(value)
    if problem is not None:
        raise CellError(f"{what} {value!r} {problem}")
    return day


# An export repeats the same few hundred dates tens of thousands of times.
@functools.lru_cache(maxsize=8192)
def _read_date(value: str) -> tuple[date | None, str | None]:
    for pattern, order in ((_ISO, "ymd"), (_US, "mdy"), (_DOTTED, "dmy")):
        found = pattern.match(value)
        if found is None:
            continue
        parts = dict(zip(order, (int(g) for g in found.groups()), strict=True))
        year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]  # CRMs export "3/14/25"
        try:
            return date(year, parts["m"], parts["d"]), None
        except ValueError:
            read_as = {"ymd": "YYYY-MM-DD", "mdy": "M/D/YYYY", "dmy": "DD.MM.YYYY"}[order]
            return None, f"is not a real date (read as {read_as})"
    try:  # ISO with an offset or other ISO 8601 forms Python knows
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date(), None
    except ValueError:
        return None, f"is not a date ({DATE_FORMATS_HINT})"


def parse_amount(text: str) -> Decimal | None:
    """"$12,500.00", "12.500,00 €", "12 500", "USD 1,200.5" -> Decimal to the cent; blank is None.

    With both "." and "," the last one is the decimal mark. With only one of
    them: repeated, or followed by exactly three digits, it groups thousands
    ("1,250" is 1250); otherwise it is the decimal mark ("99,5").
    """
    raw = text.strip()
    if not raw:
        return None
    if _PLAIN_NUMBER.fullmatch(raw):  # the common case, without the detective work
        return _checked(Decimal(raw).quantize(CENT, rounding=ROUND_HALF_UP), raw)
    value = _CURRENCY_CODE.sub("", raw)
    # Currency signs ($ € £ ¥ ...) anywhere; space, no-break space and
    # apostrophe (Swiss "1'000") group thousands.
    value = "".join(c for c in value if unicodedata.category(c) != "Sc" and c not in _GROUPING)
    negative = value.startswith("-") or (value.startswith("(") and value.endswith(")"))
    digits = value.strip("()").lstrip("-")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", digits):
        raise CellError(f"amount {raw!r} is not a number")
    number = _decimal_text(digits, raw)
    try:
        amount = Decimal(number).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise CellError(f"amount {raw!r} is not a number") from None
    if negative and amount != 0:
        raise CellError(f"amount {raw!r} is negative")
    return _checked(amount, raw)


def _checked(amount: Decimal, raw: str) -> Decimal:
    if amount > MAX_AMOUNT:
        raise CellError(f"amount {raw!r} is too large")
    return amount


def _decimal_text(digits: str, raw: str) -> str:
    if "." in digits and "," in digits:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        grouping = "," if decimal_mark == "." else "."
        whole, _, fraction = digits.rpartition(decimal_mark)
        if decimal_mark in whole:
            raise CellError(f"amount {raw!r} is not a number")
        return whole.replace(grouping, "") + "." + fraction
    for mark in (",", "."):
        if mark in digits:
            groups = digits.split(mark)
            # "0.125" is a fraction: no grouped number starts with a zero group.
            if len(groups) > 2 or (len(groups[-1]) == 3 and groups[0].lstrip("0")):
                if any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
                    raise CellError(f"amount {raw!r} is not a number")
                return "".join(groups)
            return groups[0] + "." + groups[1]
    return digits


def parse_flag(text: str, what: str) -> bool:
    value = " ".join(text.strip().lower().split())
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellError(f"{what} {text.strip()!r} is not yes/no (true/false)")


@functools.lru_cache(maxsize=8192)
def parse_owner(text: str) -> str | None:
    """A Slack user id as is, or an email lower-cased ("Jane <Jane@X.com>" too); else None."""
    value = text.strip().strip("<>@")
    if _SLACK_ID.fullmatch(value):
        return value
    found = _EMAIL.search(text)
    return found.group(0).lower() if found else None


@functools.lru_cache(maxsize=4096)
def loss_category(reason: str | None) -> LossCategory | None:
    """The category of a free-text loss reason by keyword; None when there is no reason."""
    if reason is None or not reason.strip():
        return None
    text = " " + " ".join(re.sub(r"[^\w'/-]+", " ", reason.lower()).split())
    for category, keywords in LOSS_KEYWORDS:
        if any((" " + keyword) in text for keyword in keywords):
            return category
    return LossCategory.OTHER
