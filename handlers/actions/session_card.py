"""The session card's "Record action plan" button (the session's manager or an admin); value: the session id.

It opens the action-plan modal with the session id in its metadata, so the
plan is stored as that 1:1's. Who may record it is checked by the use case,
when the modal opens and again when it is saved, so a crafted session id
naming another pair's 1:1 opens and stores nothing.
"""

from __future__ import annotations

from handlers.actions.session_buttons import session_id_of
from handlers.edge.clicks import opens_a_form_on_time
from handlers.views.open_commitments import open_session_plan

UNREADABLE = "That button could not be read; nothing was opened. `/coach session card @rep` shows the card again."

handle_record_plan = opens_a_form_on_time(session_id_of, open_session_plan, UNREADABLE)
