"""Use cases: the one place both Slack listeners and scheduled jobs call."""
