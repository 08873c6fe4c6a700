""""Add a comment for my manager" under a rep's scorecard: opens the comment modal for the rep who clicked.

The button's value is only the week; whose scorecard it is comes from who
clicked, so nobody can comment as someone else. A rep without a manager,
or a value we never wrote, is answered where they clicked.
"""

from __future__ import annotations

from handlers.blocks.scorecard_comments import read_week_value
from handlers.edge.clicks import opens_a_modal
from handlers.views.open import open_scorecard_comment

UNREADABLE = "That button could not be read. Open your scorecard again with `/scorecard` and use its button."

handle_add_scorecard_comment = opens_a_modal(read_week_value, open_scorecard_comment, UNREADABLE)
