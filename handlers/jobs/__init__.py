"""Clock-triggered jobs: they call the same services and builders as the listeners."""
