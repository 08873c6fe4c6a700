"""The documented column mapping of an opportunity import, as data.

Headers are compared after `normalise_header`: lower case, `_` and runs of
spaces become one space, curly quotes become straight ones. So
"Opportunity Owner", "opportunity_owner" and " OPPORTUNITY  OWNER" are one.

Recognised files:
- Salesforce report export: Opportunity ID, Opportunity Name, Opportunity
  Owner / Owner Email, Amount, Stage, Created Date, Close Date, Closed, Won,
  Loss Reason (or Closed Lost Reason), and per-stage dates such as
  "Date Entered Qualification" or "Qualification Date" (custom fields).
- HubSpot deal export: Record ID, Deal Name, Deal owner, Amount, Deal Stage,
  Create Date, Close Date, Closed Lost Reason, Is Closed Won, and
  "Date entered 'Qualified To Buy (Sales Pipeline)'" stage-entry columns.
- Coachflow's own: id, name, owner, amount, stage, created, closed, status,
  loss_reason, entered_prospecting, entered_qualifying, entered_presenting,
  entered_closing.

Required: an id, an owner and a stage column. The owner must be a Slack user
id (U..., W...) or the email the person has in Slack; an owner column holding
names ("Jane Doe") cannot be matched, so when a file has several owner
columns each row uses the first that holds an id or an email.

One header means two things: "Closed" is Coachflow's close date, unless the
file also has a close-date column ("Close Date"), in which case it is
Salesforce's closed yes/no flag.
"""

from __future__ import annotations

import functools
import re

from domain.pipeline.model import DealStatus, LossCategory, Stage

# Field -> accepted headers, best first: when a file has two headers for one
# field (HubSpot's "Amount" and "Amount in company currency"), the earlier wins.
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "opportunity id", "record id", "deal id", "opportunity id 18", "opportunity 18 id",
           "hs object id"),
    "name": ("name", "opportunity name", "deal name"),
    "owner": ("owner", "owner email", "opportunity owner email", "deal owner email", "owner slack id",
              "slack user id", "slack id", "opportunity owner", "deal owner", "owner name"),
    "amount": ("amount", "opportunity amount", "deal amount", "amount in company currency",
               "amount (converted)", "total contract value"),
    "stage": ("stage", "opportunity stage", "stage name", "deal stage", "dealstage", "pipeline stage"),
    "created": ("created", "created date", "create date", "created on", "createdate",
                "opportunity created date", "date created"),
    "close_date": ("close date", "closed date", "closed on", "closedate", "date closed"),
    "status": ("status", "close status", "outcome", "deal status", "result"),
    "is_closed": ("is closed", "is deal closed?", "is deal closed", "closed?"),
    "is_won": ("won", "is won", "is closed won", "won?"),
    "loss_reason": ("loss reason", "closed lost reason", "lost reason", "reason lost",
                    "loss reason detail", "reason for loss"),
}
REQUIRED_FIELDS: tuple[str, ...] = ("id", "owner", "stage")
# The header "closed" is a date or a flag depending on the file (see above).
AMBIGUOUS_CLOSED = "closed"

# Per-stage entry dates: the stage named inside the header, if it is a known
# stage name (so "Close Date" or "Last Activity Date" never match). The
# HubSpot form names the pipeline in brackets; it is ignored.
STAGE_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^date entered (?:stage )?(?P<stage>.+)$"),
    re.compile(r"^entered (?:stage )?(?P<stage>.+?)(?: date| on)?$"),
    re.compile(r"^(?P<stage>.+?) (?:stage )?(?:entered|entry date|entered date|start date|date)$"),
)

# Vendor stage name (normalised like headers) -> canonical stage, or the
# deal's outcome for stages that mean "closed". Salesforce's standard sales
# process and HubSpot's default pipeline are here, with common variants.
WON = DealStatus.WON
LOST = DealStatus.LOST
STAGE_NAMES: dict[str, Stage | DealStatus] = {
    # prospecting: first contact until a real conversation is booked
    "prospecting": Stage.PROSPECTING, "prospect": Stage.PROSPECTING, "lead": Stage.PROSPECTING,
    "new": Stage.PROSPECTING, "new lead": Stage.PROSPECTING, "outreach": Stage.PROSPECTING,
    "appointment scheduled": Stage.PROSPECTING, "meeting booked": Stage.PROSPECTING,
    "pipeline": Stage.PROSPECTING, "stage 0": Stage.PROSPECTING, "stage 1": Stage.PROSPECTING,
    # qualifying: need, budget, authority and timing being established
    "qualifying": Stage.QUALIFYING, "qualification": Stage.QUALIFYING, "qualified": Stage.QUALIFYING,
    "qualified to buy": Stage.QUALIFYING, "needs analysis": Stage.QUALIFYING,
    "discovery": Stage.QUALIFYING, "sales qualified": Stage.QUALIFYING, "stage 2": Stage.QUALIFYING,
    # presenting: the solution shown and the buying group convinced
    "presenting": Stage.PRESENTING, "presentation": Stage.PRESENTING,
    "presentation scheduled": Stage.PRESENTING, "demo": Stage.PRESENTING,
    "demo scheduled": Stage.PRESENTING, "value proposition": Stage.PRESENTING,
    "id. decision makers": Stage.PRESENTING, "id decision makers": Stage.PRESENTING,
    "perception analysis": Stage.PRESENTING, "decision maker bought-in": Stage.PRESENTING,
    "decision maker bought in": Stage.PRESENTING, "solution": Stage.PRESENTING,
    "evaluation": Stage.PRESENTING, "stage 3": Stage.PRESENTING,
    # closing: proposal, negotiation and signature
    "closing": Stage.CLOSING, "proposal": Stage.CLOSING, "proposal/price quote": Stage.CLOSING,
    "proposal / price quote": Stage.CLOSING, "price quote": Stage.CLOSING,
    "negotiation": Stage.CLOSING, "negotiation/review": Stage.CLOSING,
    "negotiation / review": Stage.CLOSING, "contract sent": Stage.CLOSING,
    "commit": Stage.CLOSING, "verbal": Stage.CLOSING, "stage 4": Stage.CLOSING,
    # outcomes
    "closed won": WON, "closedwon": WON, "won": WON, "closed/won": WON, "closed - won": WON,
    "closed lost": LOST, "closedlost": LOST, "lost": LOST, "closed/lost": LOST, "closed - lost": LOST,
}

# Values of a status column.
STATUS_WORDS: dict[str, DealStatus] = {
    "open": DealStatus.OPEN, "active": DealStatus.OPEN, "in progress": DealStatus.OPEN,
    "won": DealStatus.WON, "closed won": DealStatus.WON, "win": DealStatus.WON,
    "lost": DealStatus.LOST, "closed lost": DealStatus.LOST, "loss": DealStatus.LOST,
}

# Values of yes/no columns (Salesforce's Closed and Won, HubSpot's Is Closed Won).
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "x", "won", "closed"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "", "open"})

# Loss reason -> category by keyword, checked in this order so the more
# specific category wins ("no budget for this price" is a budget problem;
# "lost to competitor on price" is a competitor loss). Matched on word starts.
LOSS_KEYWORDS: tuple[tuple[LossCategory, tuple[str, ...]], ...] = (
    (LossCategory.COMPETITOR, ("competitor", "competition", "competing", "lost to", "went with",
                               "chose another", "chose a different", "incumbent", "other vendor",
                               "another vendor", "alternative")),
    (LossCategory.NO_BUDGET, ("budget", "funding", "funds", "no money", "afford", "cash")),
    (LossCategory.PRICE, ("price", "pricing", "priced", "expensive", "cost", "cheaper", "discount",
                          "too high")),
    (LossCategory.PRODUCT_FIT, ("feature", "functionality", "product fit", "not a fit", "poor fit",
                                "fit", "integration", "missing", "requirement", "capabilit",
                                "technical", "security", "compliance", "product")),
    (LossCategory.TIMING, ("timing", "no decision", "not now", "delay", "postpone", "stall",
                           "went dark", "no response", "non-responsive", "unresponsive", "ghost",
                           "next year", "next quarter", "later", "status quo", "do nothing",
                           "priorit", "on hold", "paused", "reorg", "not ready")),
)


def normalise_header(header: str) -> str:
    text = header.replace("\ufeff", "").strip().strip('"').strip()
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    text = text.replace("_", " ").lower()
    return " ".join(text.split())


@functools.lru_cache(maxsize=1024)
def normalise_stage_name(name: str) -> str:
    text = normalise_header(name).strip("'\"").strip()
    # HubSpot names the pipeline: "qualified to buy (sales pipeline)".
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)
    return text.strip("'\"").strip()


def stage_of_header(header: str) -> Stage | DealStatus | None:
    """The stage a per-stage date column is about (None: not such a column)."""
    for pattern in STAGE_DATE_PATTERNS:
        found = pattern.match(header)
        if found:
            named = STAGE_NAMES.get(normalise_stage_name(found.group("stage")))
            if named is not None:
                return named
    return None


def looks_like_stage_date(header: str) -> bool:
    """A header shaped like a stage-entry column, whatever stage it names."""
    return bool(STAGE_DATE_PATTERNS[0].match(header))
