"""Scheduled kinds, one module each: who gets it, when, and the content it gathers.

A kind module declares a `ScheduledKind` (its audience, cadence, local time,
staleness and a batched content gatherer) next to the typed note it
gathers; `registry.KINDS` lists them. Its Block Kit renderer is bound to it
at the Slack edge, in `handlers/blocks/notifications.py`.
"""
