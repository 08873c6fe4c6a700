"""Library log records that would carry people's words or capabilities, cut before any handler sees them.

At DEBUG, slack_sdk logs every Web API request and response body (what a rep
wrote in a debrief travels in `chat.postMessage` and `views.open`) and every
response_url (a capability to post in someone's conversation for 30 minutes);
SQLAlchemy logs every row it reads. Our own code never logs a person's text
(docs/security.md). A filter on each of these loggers rewrites the record to
what an operator needs (the method, the status) before it reaches any handler,
whatever level the logging configuration sets. SQL parameters are hidden by the
engine itself (`hide_parameters=True` in storage.uow.make_engine).
"""

from __future__ import annotations

import logging
import re

# slack_sdk: "Sending a request - url: https://slack.com/api/chat.postMessage, query_params: ..., body_params: ..."
# and "Received the following response - status: 200, headers: {...}, body: {...}" (web and webhook clients).
SLACK_SDK_LOGGERS = ("slack_sdk.web.base_client", "slack_sdk.webhook.client", "slack_sdk.web.legacy_base_client")
SQLALCHEMY_ENGINE_LOGGER = "sqlalchemy.engine.Engine"
_API_METHOD = re.compile(r"/api/([A-Za-z0-9_.]+)")
_STATUS = re.compile(r"status: (\d{3})")


class _WithoutBodies(logging.Filter):
    """Keeps slack_sdk's request/response lines, without bodies, headers or response_urls."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Sending a request"):
            method = _API_METHOD.search(message)
            target = f"Web API {method.group(1)}" if method else "a response_url"
            _rewrite(record, f"Sending a request to {target} (body not logged)")
        elif message.startswith("Received the following response"):
            status = _STATUS.search(message)
            _rewrite(record, f"Received a response, status {status.group(1) if status else '?'} (body not logged)")
        return True


class _WithoutRows(logging.Filter):
    """Drops SQLAlchemy's "Row (...)" records (echo="debug"): a row holds what someone wrote."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith("Row "))


def _rewrite(record: logging.LogRecord, message: str) -> None:
    record.msg, record.args = message, ()


def keep_words_out_of_library_logs() -> None:
    """Install the filters once per process (idempotent); called when the app is created."""
    for name, filter_type in ((n, _WithoutBodies) for n in SLACK_SDK_LOGGERS):
        _install(name, filter_type)
    _install(SQLALCHEMY_ENGINE_LOGGER, _WithoutRows)


def _install(name: str, filter_type: type[logging.Filter]) -> None:
    logger = logging.getLogger(name)
    if not any(isinstance(existing, filter_type) for existing in logger.filters):
        logger.addFilter(filter_type())
