"""An HTTP server that records every request: where a response_url must never lead."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Trap:
    def __init__(self) -> None:
        self.hits: list[str] = []
        trap = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                trap.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/anything/"


@contextmanager
def running_trap() -> Iterator[Trap]:
    trap = Trap()
    thread = threading.Thread(target=trap.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield trap
    finally:
        trap.server.shutdown()
        trap.server.server_close()
