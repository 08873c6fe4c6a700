"""Role-play cards from the rep's real pipeline: the stall rule, its fallbacks, the order, time zones, focus.

Alex (UA) and Bea (UB) are coached by Maya (UM). Alex took 10, 12 and 14 days
through Qualifying (average 12) and has one deal through Presenting; Bea
has three through Presenting (6, 8 and 10 days), so Alex's presenting deals
are measured against the team (average 8 over the four).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.catalog import load_catalog
from domain.coaching.roleplay import (
    MIN_HISTORY,
    Baseline,
    RoleplayCard,
    RoleplayPractice,
    baseline_for,
    days_in_current_stage,
    recently_practised,
    roleplay_access,
    roleplays_of,
    suggested_focus,
)
from domain.errors import NotAllowed
from domain.model import Member, Role, WorkspaceRef
from domain.pipeline.audit import audit_reps
from domain.pipeline.model import DealStatus, Opportunity, RepAudit, Stage
from domain.scheduling.calendar import zone

WS = WorkspaceRef("T1")
P, Q, PR, C = Stage.PROSPECTING, Stage.QUALIFYING, Stage.PRESENTING, Stage.CLOSING
CATALOG = load_catalog()
NOW = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # Tuesday 10 March, 13:00 in Los Angeles
TODAY = date(2026, 3, 10)
TEAMS = {"UA": "UM", "UB": "UM"}


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def deal(owner: str, ext: str, stage: Stage | None, entered: dict[Stage, date], amount: int | None = None,
         status: DealStatus = DealStatus.OPEN, name: str | None = None) -> Opportunity:
    return Opportunity(WS, ext, owner, name if name is not None else f"Account {ext}",
                       None if amount is None else Decimal(amount), stage, status, stage_entered=entered)


def history() -> list[Opportunity]:
    """Decided deals: Alex through Qualifying three times, through Presenting once; Bea through Presenting."""
    won = DealStatus.WON
    return [
        deal("UA", "H1", PR, {Q: ago(200), PR: ago(190)}, 1000, won),
        deal("UA", "H2", PR, {Q: ago(150), PR: ago(138)}, 1000, won),
        deal("UA", "H3", PR, {Q: ago(100), PR: ago(86), C: ago(80)}, 1000, won),  # presenting 6 days
        deal("UB", "B1", C, {PR: ago(90), C: ago(84)}, 1000, won),
        deal("UB", "B2", C, {PR: ago(70), C: ago(62)}, 1000, won),
        deal("UB", "B3", C, {PR: ago(50), C: ago(40)}, 1000, won),
    ]


def audit_of(deals: list[Opportunity], rep: str = "UA", teams: dict[str, str] | None = None) -> RepAudit:
    [audit] = audit_reps(deals, [rep], TEAMS if teams is None else teams)
    return audit


def cards(deals: list[Opportunity], now: datetime = NOW, tz: str = "America/Los_Angeles",
          **kwargs: object) -> list[RoleplayCard]:
    everything = history() + deals
    return list(roleplays_of(audit_of(everything), everything, now, tz, **kwargs).cards)  # type: ignore[arg-type]


# -- the stall rule ---------------------------------------------------------------


def test_a_deal_longer_in_its_stage_than_the_reps_own_average_becomes_a_card() -> None:
    [card] = cards([deal("UA", "O1", Q, {P: ago(60), Q: ago(34)}, 12000, name="Acme")])

    assert (card.account, card.stage, card.days_in_stage, card.average_days) == ("Acme", Q, 34, 12.0)
    assert card.baseline is Baseline.REP and card.overdue == 22
    assert card.stall() == "in Qualifying for 34 days (your average: 12)"
    assert card.stall(to_the_rep=False) == "in Qualifying for 34 days (their average: 12)"
    assert card.baseline_note() is None


def test_deals_within_their_average_and_closed_deals_are_no_cards() -> None:
    assert cards([
        deal("UA", "O1", Q, {Q: ago(12)}, 5000),  # exactly the average: not past it
        deal("UA", "O2", Q, {Q: ago(3)}, 5000),
        deal("UA", "W1", Q, {Q: ago(90)}, 5000, DealStatus.WON),
        deal("UA", "L1", Q, {Q: ago(90)}, 5000, DealStatus.LOST),
    ]) == []


def test_with_too_little_history_of_their_own_the_team_average_is_used_and_said() -> None:
    [card] = cards([deal("UA", "O1", PR, {PR: ago(30)}, 8000)])

    assert audit_of(history()).stage(PR).timed < MIN_HISTORY
    assert card.baseline is Baseline.TEAM and card.average_days == 7.5  # (6 + 6 + 8 + 10) / 4
    assert card.stall() == "in Presenting for 30 days (team average: 8)"
    assert card.baseline_note() == (
        "Compared with the team's average: you have fewer than 3 deals through Presenting yet.")


def test_without_a_team_the_whole_workspace_is_the_fallback() -> None:
    everything = [*history(), deal("UA", "O1", PR, {PR: ago(30)}, 8000)]
    roleplays = roleplays_of(audit_of(everything, teams={}), everything, NOW, "UTC")

    [card] = roleplays.cards
    assert card.baseline is Baseline.WORKSPACE and "workspace average" in card.stall()
    assert "the whole workspace's average" in (card.baseline_note(to_the_rep=False) or "")


def test_deals_nobody_can_judge_are_counted_not_carded() -> None:
    everything = [*history(),
                  deal("UA", "O1", Q, {}, 1000),  # no date for entering its stage
                  deal("UA", "O2", C, {C: ago(40)}, 1000),  # nobody has finished closing with dates
                  deal("UA", "O3", Q, {Q: ago(-2)}, 1000)]  # a date in the future
    roleplays = roleplays_of(audit_of(everything), everything, NOW, "UTC")

    assert roleplays.cards == () and roleplays.open_deals == 3 and roleplays.not_judged == 3
    assert roleplays.deals == 6 and not roleplays.nothing_imported


def test_a_rep_without_deals_has_nothing_imported() -> None:
    roleplays = roleplays_of(audit_of(history(), rep="UC"), history(), NOW, "UTC")
    assert roleplays.nothing_imported and roleplays.cards == ()


def test_the_average_is_shown_with_a_decimal_when_rounding_would_hide_the_stall() -> None:
    card = RoleplayCard("UA", "O1", "Acme", Q, None, 12, 11.6, Baseline.REP)
    assert card.stall() == "in Qualifying for 12 days (your average: 11.6)"
    assert RoleplayCard("UA", "O1", "Acme", Q, None, 1, 0.5, Baseline.REP).stall() == \
        "in Qualifying for 1 day (your average: 0.5)"


# -- order ------------------------------------------------------------------------


def test_value_first_then_most_overdue_then_deals_without_an_amount() -> None:
    found = cards([
        deal("UA", "small", Q, {Q: ago(40)}, 5000),
        deal("UA", "big", Q, {Q: ago(14)}, 50000),
        deal("UA", "none", Q, {Q: ago(90)}),
        deal("UA", "mid-old", Q, {Q: ago(60)}, 20000),
        deal("UA", "mid-new", Q, {Q: ago(20)}, 20000),
    ])
    assert [c.external_id for c in found] == ["big", "mid-old", "mid-new", "small", "none"]


def test_only_the_reps_own_deals_become_their_cards() -> None:
    found = cards([deal("UB", "theirs", Q, {Q: ago(90)}, 90000), deal("UA", "mine", Q, {Q: ago(30)}, 1)])
    assert [c.external_id for c in found] == ["mine"]


# -- time zones -------------------------------------------------------------------


@pytest.mark.parametrize(("tz", "days", "stalled"), [
    ("America/Los_Angeles", 12, False),  # 13:00 on 10 March: 12 days, the average itself
    ("Pacific/Auckland", 13, True),  # 09:00 on 11 March already: 13 days
    ("Pacific/Pago_Pago", 12, False),  # UTC-11: still the 10th
    ("Not/A_Zone", 12, False),  # an odd zone from Slack counts as UTC
])
def test_days_count_to_the_reps_own_today(tz: str, days: int, stalled: bool) -> None:
    entered = date(2026, 2, 26)
    local_today = NOW.astimezone(zone(tz)).date()
    assert days_in_current_stage(deal("UA", "O1", Q, {Q: entered}), local_today) == days
    found = cards([deal("UA", "O1", Q, {Q: entered}, 1000)], tz=tz)
    assert bool(found) is stalled


def test_a_dst_change_does_not_shift_the_count() -> None:
    # Clocks in Los Angeles went forward on 8 March 2026: still whole calendar days.
    before, after = datetime(2026, 3, 7, 20, 0, tzinfo=UTC), datetime(2026, 3, 9, 20, 0, tzinfo=UTC)
    late = deal("UA", "O1", Q, {Q: date(2026, 2, 20)}, 1000)
    [then] = cards([late], now=before)
    [now] = cards([late], now=after)
    assert (then.days_in_stage, now.days_in_stage) == (15, 17)


# -- the suggested focus ----------------------------------------------------------


def test_the_focus_skill_that_fits_the_stage_is_suggested_in_the_catalogs_words() -> None:
    qualifying = suggested_focus(["closing", "discovery"], CATALOG, Q)
    closing = suggested_focus(["closing", "discovery"], CATALOG, C)
    presenting = suggested_focus(["closing", "discovery"], CATALOG, PR)  # neither fits: the first chosen

    assert qualifying is not None and qualifying.prompt == "practise uncovering the cost of inaction"
    assert closing is not None and closing.skill == "Closing"
    assert presenting is not None and presenting.competency_id == "closing"


def test_no_focus_no_catalog_or_unknown_skills_suggest_nothing() -> None:
    assert suggested_focus([], CATALOG, Q) is None
    assert suggested_focus(["discovery"], None, Q) is None
    assert suggested_focus(["not_in_the_catalog"], CATALOG, Q) is None


def test_a_catalog_without_roleplay_focus_still_suggests_the_skill() -> None:
    discovery = CATALOG.competency("discovery").model_copy(update={"roleplay_focus": None})
    catalog = CATALOG.model_copy(update={"competencies": (discovery, *CATALOG.competencies[1:])})
    found = suggested_focus(["discovery"], catalog, Q)
    assert found is not None and found.prompt == "practise discovery on this deal"


def test_cards_carry_the_suggestion_only_with_focus_skills() -> None:
    stalled = deal("UA", "O1", Q, {Q: ago(30)}, 1000)
    [with_focus] = cards([stalled], focus=["discovery"], catalog=CATALOG)
    [without] = cards([stalled], catalog=CATALOG)
    assert with_focus.focus is not None and with_focus.focus.skill == "Discovery"
    assert without.focus is None


# -- practised --------------------------------------------------------------------


def test_a_practice_within_seven_days_marks_its_card() -> None:
    def practice(ext: str, days_ago: float) -> RoleplayPractice:
        return RoleplayPractice(WS, "UA", ext, "Acme", "UM", "", NOW - timedelta(days=days_ago))

    practised = recently_practised([practice("O1", 8), practice("O1", 2), practice("O1", 3), practice("O2", 7.5),
                                    practice("O3", -1)], NOW)
    assert practised == {"O1": NOW - timedelta(days=2)}

    found = cards([deal("UA", "O1", Q, {Q: ago(30)}, 1000), deal("UA", "O2", Q, {Q: ago(30)}, 1000)],
                  practised=practised)
    assert [(c.external_id, c.practised_at) for c in found] == [("O1", NOW - timedelta(days=2)), ("O2", None)]


def test_baseline_prefers_the_reps_own_history() -> None:
    audit = audit_of(history())
    assert baseline_for(audit, Q) == (12.0, Baseline.REP)
    assert baseline_for(audit, PR) == (7.5, Baseline.TEAM)
    assert baseline_for(audit, C) is None


# -- who may see and mark ----------------------------------------------------------

MAYA = Member(WS, "UM", "Maya", "UTC", role=Role.MANAGER)
OMAR = Member(WS, "UO", "Omar", "UTC", role=Role.MANAGER)
ADA = Member(WS, "UADMIN", "Ada", "UTC", is_admin=True)
ALEX = Member(WS, "UA", "Alex", "UTC", manager_id="UM")
BEA = Member(WS, "UB", "Bea", "UTC", manager_id="UM")


def test_the_rep_their_manager_and_an_admin_may_see_a_reps_deals() -> None:
    assert roleplay_access(ALEX, ALEX, "UA") == ALEX
    assert roleplay_access(MAYA, ALEX, "UA") == ALEX
    assert roleplay_access(ADA, ALEX, "UA") == ALEX


@pytest.mark.parametrize(("viewer", "rep", "rep_id"), [
    (OMAR, ALEX, "UA"),  # another manager
    (BEA, ALEX, "UA"),  # a teammate
    (OMAR, None, "UZ"),  # nobody: the same answer
])
def test_anyone_else_is_refused_the_same_way(viewer: Member, rep: Member | None, rep_id: str) -> None:
    with pytest.raises(NotAllowed, match=f"<@{rep_id}> is not on your team"):
        roleplay_access(viewer, rep, rep_id)


def test_a_stranger_is_told_to_start() -> None:
    with pytest.raises(NotAllowed, match="does not know you yet"):
        roleplay_access(None, ALEX, "UA")
