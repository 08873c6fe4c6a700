""""Share a win" (App Home, the 21-day challenge's completion, any message carrying `share_win_button()`).

The button's value is only where it was clicked; the win is always the
clicker's own. Someone without a manager, or a value we never wrote, is
answered where they clicked.
"""

from __future__ import annotations

from handlers.blocks.wins import read_source
from handlers.edge.clicks import opens_a_modal
from handlers.views.open_wins import open_win

UNREADABLE = "That button could not be read. Share a win with `/coach win` instead."

handle_share_win = opens_a_modal(read_source, open_win, UNREADABLE)
