"""A browser for OAuth installs: keeps cookies (Bolt's state cookie) and follows redirects."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPMessage
from typing import IO


@dataclass(frozen=True)
class Page:
    status: int
    url: str  # where the redirects ended
    body: str
    visited: list[str] = field(default_factory=list)  # every URL asked for, in order


class _Recorder(urllib.request.HTTPRedirectHandler):
    def __init__(self, visited: list[str]) -> None:
        self.visited = visited

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        self.visited.append(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _LoopbackIsSecure(http.cookiejar.DefaultCookiePolicy):
    """As browsers do, http://127.0.0.1 and localhost count as secure: Bolt's state cookie is `Secure`."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        host = urllib.parse.urlsplit(request.get_full_url()).hostname
        return host in {"127.0.0.1", "localhost"} or super().return_ok_secure(cookie, request)


class Browser:
    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar(policy=_LoopbackIsSecure())

    def get(self, url: str, timeout: float = 10.0) -> Page:
        visited = [url]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _Recorder(visited))
        try:
            with opener.open(url, timeout=timeout) as answer:
                return Page(answer.status, answer.url, answer.read().decode("utf-8"), visited)
        except urllib.error.HTTPError as error:
            return Page(error.code, error.url or url, error.read().decode("utf-8", "replace"), visited)
