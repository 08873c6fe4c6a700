"""Slack edge: Bolt listeners, Block Kit builders and the ids they share with manifest.yml.

Imports `domain` and slack only (DESIGN.md section 3, rule 3).
"""

from __future__ import annotations

from slack_bolt import App


def register_all(app: App) -> None:
    from handlers import actions, commands, events, options, shortcuts, views
    from handlers.edge import errors, outbox

    # Before any listener runs: `respond` retries and logs like every other reply.
    app.use(outbox.reliable_respond)
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
    options.register(app)
    shortcuts.register(app)
    errors.register(app)
