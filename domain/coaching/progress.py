"""What a rep's cycle still needs this week: the manager's App Home list and the week 1-2 reminders.

Week 1 asks for scored calls and the self-assessment; week 2 for rated gaps,
at most two focus skills and a contract both have signed. Calls scored in the
four weeks before the cycle starts count: "score your last calls" means
recent ones, not only calls made after the start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.coaching.contract import CoachingContract, ContractStatus
from domain.coaching.cycle import CoachingCycle, Stage
from domain.coaching.scoring import PROFILE_WINDOW

LOOKBACK = timedelta(weeks=4)


@dataclass(frozen=True)
class CycleProgress:
    cycle: CoachingCycle
    calls_scored: int = 0
    self_assessed: bool = False
    rated: bool = False
    focus: list[str] = field(default_factory=list)
    contract: CoachingContract | None = None

    def missing(self, today: date) -> list[str]:
        """Short phrases a manager reads at a glance, e.g. "3 of 10 calls scored"."""
        stage = self.cycle.stage_on(today)
        found: list[str] = []
        if stage in (Stage.DIAGNOSE, Stage.PRIORITIZE) and not self.self_assessed:
            found.append("self-assessment not done")
        if stage is Stage.DIAGNOSE and self.calls_scored < PROFILE_WINDOW:
            found.insert(0, f"{self.calls_scored} of {PROFILE_WINDOW} calls scored")
        if stage is Stage.PRIORITIZE:
            if not self.rated:
                found.append("gaps not rated")
            if self.contract is None:
                found.append("focus skills not chosen" if not self.focus else "contract not written")
            elif self.contract.status is not ContractStatus.SIGNED:
                found.append(f"contract unsigned ({self.contract.status.value})")
        return found

    def missing_for_rep(self, today: date) -> list[str]:
        """What only the rep can do: the self-assessment and their signature."""
        stage = self.cycle.stage_on(today)
        found = []
        if stage in (Stage.DIAGNOSE, Stage.PRIORITIZE) and not self.self_assessed:
            found.append("self-assessment not done")
        if stage is Stage.PRIORITIZE and self.rep_must_sign:
            found.append("the coaching contract waits for your signature")
        return found

    @property
    def rep_must_sign(self) -> bool:
        return self.contract is not None and self.contract.rep_signed_at is None


def counts_from(cycle: CoachingCycle, call_dates: list[date], assessed_at: datetime | None) -> tuple[int, bool]:
    """Calls scored and whether the self-assessment is done, for this cycle (LOOKBACK included)."""
    since = cycle.starts_on - LOOKBACK
    calls = min(sum(1 for d in call_dates if d >= since), PROFILE_WINDOW)
    return calls, assessed_at is not None and assessed_at.date() >= since
