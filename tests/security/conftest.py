"""Fixtures of the security suite: the handlers' signed-dispatch app and a real HTTP server (http_edge.py)."""

from tests.handlers.conftest import app, fake, fake_server, slack, slack_requests  # noqa: F401 - shared fixtures
from tests.security.http_edge import http_edge  # noqa: F401 - fixture
