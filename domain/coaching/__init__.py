"""The coaching program itself: cycles, diagnosis and prioritization."""
