"""Issue 12's 1:1 session builders called with hostile names; merged into `hostile_cases.CASES`.

A rep's or a manager's Slack name is shown in the DMs, the replies and the
booking form's hint: it must never ping, link or format.
"""

from __future__ import annotations

from datetime import timedelta

from domain.coaching.sessions import CoachingSession, Repeat
from domain.services.session_notices import News, SessionForm, SessionNews, UpcomingSessions
from handlers.blocks import kit, sessions
from tests.unit.handlers.hostile_common import MANAGER, NOW, REP, TODAY, WS, Call

SESSION = CoachingSession(WS, "UREP", "UMGR", NOW + timedelta(days=1), 45, Repeat.WEEKLY, series_id=1, id=1)
SERIES = tuple(CoachingSession(WS, "UREP", "UMGR", NOW + timedelta(days=1 + 7 * n), id=1 + n) for n in range(3))
NEWS = [SessionNews(News.BOOKED, SERIES, REP, MANAGER, "UMGR", note="02:30 does not exist"),
        SessionNews(News.MOVED, (SESSION,), REP, MANAGER, "UADMIN", previous=NOW),
        SessionNews(News.CANCELLED, SERIES, REP, MANAGER, "UMGR")]

SESSION_CASES: dict[str, list[Call]] = {
    "sessions.session_news_message": [Call(lambda news=news, to=to: sessions.session_news_message(news, to))
                                      for news in NEWS for to in ("UREP", "UMGR", "UADMIN")],
    "sessions.upcoming_message": [Call(lambda viewer=viewer: sessions.upcoming_message(UpcomingSessions(
        viewer, (SESSION, *SERIES), {"UREP": REP, "UMGR": MANAGER}, "UREP"))) for viewer in (REP, MANAGER)],
    "sessions.session_modal": [Call(lambda moving=moving: sessions.session_modal(SessionForm(
        REP, "America/New_York", TODAY, moving))) for moving in (None, SESSION)],
    "sessions.both_times": [Call(lambda to=to: kit.message("", [kit.section(sessions.both_times(
        SESSION.starts_at, to, REP, MANAGER))])) for to in ("UREP", "UMGR", "UADMIN")],
    "sessions.next_session_line": [Call(lambda: kit.message("", [kit.section(
        sessions.next_session_line(SESSION, REP) or "")]), False)],
}

SESSION_NO_PERSON_TEXT: dict[str, str] = {
    "sessions.read_session": "reads a submission, builds nothing",
    "sessions.place": "a time zone's city, from Slack's tz id",
    "sessions.local": "a datetime, no text",
    "sessions.rep_row_session": "a time and a fixed hint, no person text (appended to the escaped rep row)",
}
