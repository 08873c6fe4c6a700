"""App Home: opening it, and refreshing people's Homes on their own.

The Homes a change touches are built by that change's use case, in its own
unit of work (`domain.services.use_case.finish`); these are the use cases
whose only job is a Home.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.catalog import Catalog
from domain.effects import Effects
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory, UserDirectory
from domain.services.develop import RepWeek, rep_week
from domain.services.homes import HomeModel, homes_for
from domain.services.members import MemberAccounts

__all__ = ["HomeModel", "HomeService"]


class HomeService:
    """`accounts` keeps names and time zones in step with Slack when someone opens their Home."""

    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog | None = None,
                 accounts: MemberAccounts | None = None, clock: Callable[[], datetime] | None = None) -> None:
        self._uow_factory = uow_factory
        self._clock = clock  # without one, Homes show no week of calls
        self._catalog = catalog  # without it, Homes show no skills profile
        self._accounts = accounts

    def home_for(self, ws: WorkspaceRef, user_id: str) -> HomeModel:
        return self.refresh(ws, [user_id]).homes[0]

    def refresh(self, ws: WorkspaceRef, user_ids: list[str]) -> Effects:
        """These people's Homes as they are, in one read-only unit (for changes made elsewhere)."""
        wanted = tuple(dict.fromkeys(user_ids))
        with self._uow_factory(read_only=True) as uow:
            return Effects(refresh=wanted, homes=homes_for(uow, ws, wanted, self._catalog, self._now()))

    def open_home(self, ws: WorkspaceRef, user_id: str, directory: UserDirectory) -> Effects:
        """Someone opened their Home tab: publish it, with their Slack name and time zone brought up to date.

        Opening Home is when Slack is asked for a known person's current time
        zone, so someone who travelled gets their prompts at the new local
        time. The common case, nothing changed, is one read-only unit and no
        write; a changed profile is written, rescheduled and the Home rebuilt
        in one writing unit.
        """
        home = self.home_for(ws, user_id)
        viewer = home.viewer
        if viewer is None or self._accounts is None:
            return Effects(refresh=(user_id,), homes=(home,))
        profile = directory.lookup(user_id)
        # The time zone we keep when Slack has none is the member's own, so it is no change.
        if profile is None or profile.is_bot or viewer.with_profile(profile, viewer.time_zone) == viewer:
            return Effects(refresh=(user_id,), homes=(home,))
        with self._uow_factory() as uow:
            self._accounts.apply_profiles(uow, ws, [profile])
            homes = homes_for(uow, ws, [user_id], self._catalog, self._now())
            uow.commit()
        return Effects(refresh=(user_id,), homes=homes)

    def rep_week(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> RepWeek:
        """One rep's week in full ("This week" on the manager's Home), for their own manager only; one read."""
        now = self._now()
        if now is None:  # domain never reads the clock itself (DESIGN.md 3, rule 1)
            raise RuntimeError("HomeService needs a clock to show a week; build it with clock=")
        with self._uow_factory(read_only=True) as uow:
            return rep_week(uow, ws, viewer_id, rep_id, now, self._catalog)

    def _now(self) -> datetime | None:
        return self._clock() if self._clock is not None else None
