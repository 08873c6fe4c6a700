"""Friday peer learning: each team's most improved rep is asked, privately, to share their approach.

A weekly kind for reps. Every rep on a team is a recipient, but the
gatherer gives a note only to the one rep of each team (a manager's reps)
that `most_improved` picks for the week, so everyone else's occasion is
skipped and nothing is said to them: no ranking reaches anyone. It also
says nothing unless the workspace has a coaching channel
(`/coach admin channel #sales-coaching`), since an accepted share has
nowhere to go without one, and nothing when the rep was already asked
that ISO week.

Reps who switched the kind off (`/coach notify off peer_learning`, or
"Don't ask me again" on an ask) are not asked and do not take part: the
team's most improved among those willing is asked. A rep without a manager
has no team and is never asked.

The week judged is the occasion's (the rep's own Monday to Sunday, judged
on their Friday afternoon); every rep of the team is judged on that same
week. The ask's row (`peer_shares`, status "asked", with the improvement
and the rep's own words as the prefill) is written once Slack has the DM
(`delivered`); the buttons then act on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from domain import field_lengths
from domain.catalog import Catalog, load_catalog
from domain.coaching.debriefs import Debrief, week_of
from domain.coaching.peer_learning import Improvement, PeerShare, ShareStatus, most_improved
from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.scheduling.slots import SCORECARD_DEFAULT, SCORECARD_SLOT
from domain.services.leading_indicators import weekly_indicators

KIND_NAME = "peer_learning"
# With the Friday scorecard, on the workspace's scorecard slot (`/coach admin scorecard`): the week's
# calls are in, and a day off moves it back to the work week's last day, like the scorecard.
ASK_DAY, ASK_TIME = SCORECARD_DEFAULT.weekday, SCORECARD_DEFAULT.at
MAX_OWN_WORDS = 3  # "what went well" answers offered as the prefill


@dataclass(frozen=True)
class PeerAskNote:
    """The ask to one rep: their improvement, in the catalog's words, and their own words to start from."""

    workspace: WorkspaceRef
    rep: Member
    improvement: Improvement
    skill: str  # the competency's name
    indicator: str  # the indicator's name
    channel_id: str  # the workspace's coaching channel when it was asked
    own_words: tuple[str, ...] = ()  # up to MAX_OWN_WORDS "what went well" answers of this week, newest first

    @property
    def prefill(self) -> str:
        """The share's starting text: their own words, one answer a paragraph, within the field's length."""
        return "\n\n".join(self.own_words)[: field_lengths.PEER_SHARE_TEXT].strip()


def own_words(debriefs: Sequence[Debrief], found: Improvement) -> tuple[str, ...]:
    """Up to `MAX_OWN_WORDS` "what went well" answers of the week's debriefs about that skill, newest call first."""
    monday, sunday = week_of(found.week)
    words: list[str] = []
    for debrief in debriefs:
        about = found.competency in debrief.skills or found.indicator in debrief.indicators
        said = debrief.answers.went_well.strip()
        if about and said and monday <= debrief.call_on <= sunday and said not in words:
            words.append(said)
    return tuple(words[:MAX_OWN_WORDS])


class PeerAsks:
    """The kind's gatherer and its `delivered` hook, over the deployment's catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> dict[Occasion, PeerAskNote]:
        """Ten queries for any number of reps and teams (fewer when there is nothing to ask).

        The workspace, the recipients, their teams, the teams' indicators
        (five), the asks already made, and the winners' debriefs of the week.
        """
        workspace = uow.workspaces.get(ws) if occasions else None
        channel = workspace.settings.coaching_channel if workspace is not None else None
        if channel is None:
            return {}
        recipients = uow.members.get_many(ws, list(dict.fromkeys(o.recipient_id for o in occasions)))
        teams = uow.members.reps_of_many(ws, {r.manager_id for r in recipients.values() if r.manager_id})
        # Each team is judged on one week: its recipients' (the latest, should a batch hold two).
        team_week: dict[str, date] = {}
        for occasion in occasions:
            rep = recipients.get(occasion.recipient_id)
            if rep is not None and rep.manager_id in teams:
                monday = week_of(occasion.on)[0]
                team_week[rep.manager_id] = max(team_week.get(rep.manager_id, monday), monday)
        week_by_rep = {member.user_id: week for manager_id, week in team_week.items()
                       for member in teams[manager_id] if KIND_NAME not in member.muted_kinds}
        indicators = weekly_indicators(uow, ws, week_by_rep, 1, self._catalog)
        winners: dict[str, Improvement] = {}
        for manager_id in team_week:
            team = {m.user_id: indicators[m.user_id] for m in teams[manager_id] if m.user_id in indicators}
            found = most_improved(team, week_by_rep)
            if found is not None:
                winners[manager_id] = found
        if not winners:
            return {}
        winner_ids = [w.rep_id for w in winners.values()]
        asked = uow.peer_shares.asked(ws, winner_ids, {w.label for w in winners.values()})
        first, last = min(w.week for w in winners.values()), max(week_of(w.week)[1] for w in winners.values())
        debriefs = uow.debriefs.for_reps_between(ws, winner_ids, first, last)
        notes: dict[Occasion, PeerAskNote] = {}
        for occasion in occasions:
            rep = recipients.get(occasion.recipient_id)
            found = winners.get(rep.manager_id or "") if rep is not None else None
            if (rep is None or found is None or found.rep_id != rep.user_id
                    or found.week != week_of(occasion.on)[0] or (rep.user_id, found.label) in asked):
                continue
            notes[occasion] = PeerAskNote(
                ws, rep, found, self._catalog.competency(found.competency).name,
                self._catalog.indicator(found.indicator).name, channel,
                own_words(debriefs.get(rep.user_id, []), found))
        return notes

    @staticmethod
    def delivered(uow: UnitOfWork, ws: WorkspaceRef, occasion: Occasion, note: PeerAskNote, now: datetime) -> None:
        """Slack has the ask: its row, "asked", with the numbers and the prefill the buttons act on."""
        found = note.improvement
        uow.peer_shares.add_if_absent(PeerShare(
            ws, note.rep.user_id, found.label, found.competency, found.indicator, found.before, found.after,
            found.calls, ShareStatus.ASKED, note.prefill, note.channel_id, asked_at=now))


def peer_learning_kind(catalog: Catalog) -> ScheduledKind[PeerAskNote]:
    """The kind over a catalog: the shipped one in the registry, the deployment's in `bot`."""
    asks = PeerAsks(catalog)
    return ScheduledKind(
        name=KIND_NAME,
        title="Friday ask to share your approach, when you improved most on your team (reps)",
        why="you improved most on your team this week",
        audience=Audience.REPS,
        cadence=Cadence.WEEKLY,
        weekday=ASK_DAY,
        local_time=ASK_TIME,
        stale=Staleness(days_after=2, at=time(0)),  # until the end of the next day
        slot=SCORECARD_SLOT,
        day_off_goes_back=True,
        gather=asks.gather,
        delivered=asks.delivered,
    )


PEER_LEARNING = peer_learning_kind(load_catalog())
