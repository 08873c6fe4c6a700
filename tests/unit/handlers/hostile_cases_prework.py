"""Issue 12's pre-work builders called with hostile agenda items, questions and background; merged into
`hostile_cases.CASES`.

What a rep types is read by their manager, and the manager's questions by the rep: it must never ping,
link or format.
"""

from __future__ import annotations

from datetime import timedelta

from domain.coaching.preread import PrereadAnswer
from domain.coaching.prework import Prework
from domain.coaching.sessions import CoachingSession
from domain.notifications.session_prework import PreworkNote
from domain.services.prework_notices import ManagerAsked, PreworkArrived, PreworkForm, PreworkSaved, QuestionForm
from handlers.blocks import preread, prework
from tests.unit.handlers.hostile_common import HOSTILE, MANAGER, NOW, REP, WS, Call

SESSION = CoachingSession(WS, "UREP", "UMGR", NOW + timedelta(days=1), id=1)
WRITTEN = Prework(WS, 1, "UREP", (HOSTILE, f"{HOSTILE} 2", f"{HOSTILE} 3"), HOSTILE, HOSTILE, (HOSTILE,))
# The enablement pre-read: an admin's hostile questions, a rep's hostile answers.
PREREAD = (HOSTILE, f"{HOSTILE} 2")
ANSWERED = Prework(WS, 1, "UREP", WRITTEN.agenda, HOSTILE, HOSTILE, (HOSTILE,),
                   preread=tuple(PrereadAnswer(q, HOSTILE) for q in PREREAD))
ASKED_TWICE = Prework(WS, 1, "UREP", WRITTEN.agenda, HOSTILE, HOSTILE, (HOSTILE, HOSTILE))

PREWORK_CASES: dict[str, list[Call]] = {
    "prework.prework_message": [Call(lambda note=note: prework.prework_message(note, NOW))
                                for note in (PreworkNote(WS, REP, "UMGR", SESSION, WRITTEN),
                                             PreworkNote(WS, REP, "UMGR", SESSION, WRITTEN, reminder=True))],
    "prework.prework_modal": [Call(lambda: prework.prework_modal(PreworkForm(SESSION, REP, WRITTEN, (HOSTILE,)))),
                              Call(lambda: prework.prework_modal(PreworkForm(SESSION, REP, ANSWERED, (), PREREAD)))],
    "prework.prework_question_modal": [Call(lambda: prework.prework_question_modal(QuestionForm(SESSION, WRITTEN, 1)))],
    "prework.prework_saved_message": [Call(lambda: prework.prework_saved_message(
        PreworkSaved(SESSION, REP, WRITTEN, edited=True)))],
    "prework.prework_arrived_message": [Call(lambda written=written: prework.prework_arrived_message(
        PreworkArrived(SESSION, REP, MANAGER, written, edited=False))) for written in (WRITTEN, ASKED_TWICE, ANSWERED)],
    "prework.manager_asked_message": [Call(lambda: prework.manager_asked_message(
        ManagerAsked(SESSION, REP, "UMGR", (HOSTILE, HOSTILE))))],
    "preread.preread_inputs": [Call(lambda: preread.preread_inputs(PreworkForm(SESSION, REP, ANSWERED, (), PREREAD)))],
    "preread.preread_section": [Call(lambda: preread.preread_section(ANSWERED))],
    "preread.preread_message": [Call(lambda: preread.preread_message(PREREAD, "Question added.")),
                                Call(lambda: preread.preread_message((), "Pre-read cleared."),
                                     shows_person_text=False)],
}

PREWORK_NO_PERSON_TEXT: dict[str, str] = {
    **dict.fromkeys(["prework.read_prework", "prework.read_questions", "preread.read_answers"],
                    "reads a submission, builds nothing"),
}
