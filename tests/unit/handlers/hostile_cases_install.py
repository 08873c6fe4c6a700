"""Hostile-text cases of the installer's DM after an OAuth install (issue 14), merged into `hostile_cases.CASES`.

The workspace's name is whatever its admins typed in Slack: the question
shows it as typed, never as a broadcast or a link.
"""

from __future__ import annotations

from handlers.blocks import install
from tests.unit.handlers.hostile_common import HOSTILE, Call

INSTALL_CASES: dict[str, list[Call]] = {
    "install.install_question": [Call(lambda: install.install_question(HOSTILE))],
}
INSTALL_NO_PERSON_TEXT: dict[str, str] = {
    "install.install_choosing": "fixed text",
    "install.install_not_now": "fixed text",
}
