"""A short fingerprint of a list of texts, so a form opened before they changed is noticed on submit.

The enablement pre-read's questions and a 1:1's agenda (the takeaways' tick
boxes) ride in a modal's metadata as this, not in full: their text could
outgrow the metadata's 3,000 characters.
"""

from __future__ import annotations

import hashlib


def version_of(texts: tuple[str, ...]) -> str:
    """16 hex characters for any non-empty list of texts, "" for none."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16] if texts else ""
