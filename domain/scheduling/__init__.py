"""When things are due: notification kinds, local-time occurrences, the due plan.

Pure: every function takes `now`; nothing here reads the clock.
"""
