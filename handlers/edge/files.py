"""`SharedFiles` over Slack: files.info, then the file's private URL with the bot token.

Slack serves `url_private_download` only with `Authorization: Bearer <token>`
and the files:read scope. Without them it does not answer 401: it redirects
to the workspace's sign-in page, a 200 HTML page. So redirects are not
followed (a redirect would also carry the token to wherever it points), an
HTML answer counts as refused, and the token goes only to Slack's own hosts:
an external file's URL (Google Drive, Dropbox) never gets it.
"""

from __future__ import annotations

import logging
import urllib.request
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.pipeline.upload import FileUnavailable, SharedFile

log = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT_SECONDS = 30
_GONE_ERRORS = frozenset({"file_not_found", "file_deleted"})
_GONE = "Slack says the file is gone (deleted, or its upload never finished). Share it again."
_SIGNED_OUT = (
    "Slack sent its sign-in page instead of the file, so Coachflow may not read files here. "
    "An admin of the Slack app needs to reinstall it with the files:read scope."
)
_UNREACHABLE = "Coachflow could not reach Slack to fetch it. Share it again in a minute."
_NO_ACCESS_ERRORS = frozenset({"missing_scope", "not_allowed_token_type", "no_permission", "access_denied"})
_NO_ACCESS = (
    "Slack does not let Coachflow read files here. An admin of the Slack app needs to reinstall it "
    "with the files:read scope."
)


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib raises HTTPError with the 3xx instead of following it


class SlackSharedFiles:
    """One event's files: `info` remembers each file's URL for `download`."""

    def __init__(self, client: WebClient) -> None:
        self._client = client
        self._urls: dict[str, str] = {}

    def info(self, file_id: str) -> SharedFile:
        try:
            response = self._client.files_info(file=file_id)
        except SlackApiError as error:
            code = error.response.get("error")
            log.warning("files.info for %s: %s", file_id, code)
            if code in _GONE_ERRORS:
                raise FileUnavailable(_GONE) from None
            if code in _NO_ACCESS_ERRORS:
                raise FileUnavailable(_NO_ACCESS) from None
            raise FileUnavailable(_UNREACHABLE) from None  # rate limited, Slack's trouble
        except (URLError, TimeoutError, ConnectionError) as error:
            log.warning("files.info for %s: %s", file_id, error)
            raise FileUnavailable(_UNREACHABLE) from None
        file: dict[str, Any] = response["file"]
        url = file.get("url_private_download") or file.get("url_private") or ""
        downloadable = bool(url) and not file.get("is_external") and on_slack(url, self._client.base_url)
        if downloadable:
            self._urls[file_id] = url
        return SharedFile(
            file_id=file_id,
            name=str(file.get("name") or file.get("title") or file_id),
            size=file.get("size") if isinstance(file.get("size"), int) else None,
            filetype=str(file.get("filetype") or ""),
            mimetype=str(file.get("mimetype") or ""),
            downloadable=downloadable,
        )

    def download(self, file: SharedFile, max_bytes: int) -> bytes:
        url = self._urls.get(file.file_id)
        if url is None:
            raise FileUnavailable("it is not stored in Slack.")
        # The URL is the file's url_private_download from Slack's files.info, not a person's text.
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self._client.token}"})  # noqa: S310
        try:
            with self._opener().open(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as answer:
                if answer.headers.get_content_type() == "text/html":
                    raise FileUnavailable(_SIGNED_OUT)
                data: bytes = answer.read(max_bytes + 1)
                return data
        except HTTPError as error:
            error.close()
            log.warning("downloading file %s: HTTP %s", file.file_id, error.code)
            if 300 <= error.code < 400:
                raise FileUnavailable(_SIGNED_OUT) from None
            if error.code in (403, 404, 410):
                raise FileUnavailable(_GONE) from None
            raise FileUnavailable(_UNREACHABLE) from None
        except (URLError, TimeoutError, ConnectionError) as error:
            log.warning("downloading file %s: %s", file.file_id, error)
            raise FileUnavailable(_UNREACHABLE) from None

    def _opener(self) -> urllib.request.OpenerDirector:
        # The Web API client's own proxy and TLS settings apply to files too.
        handlers: list[urllib.request.BaseHandler] = [_RefuseRedirects()]
        if self._client.proxy:
            handlers.append(urllib.request.ProxyHandler({"http": self._client.proxy, "https": self._client.proxy}))
        if self._client.ssl is not None:
            handlers.append(urllib.request.HTTPSHandler(context=self._client.ssl))
        return urllib.request.build_opener(*handlers)


def on_slack(url: str, api_base_url: str) -> bool:
    """Whether `url` is on the Web API's site (files.slack.com for slack.com, the fake's own host).

    The bot token goes nowhere else; the scheme may not be weaker than the API's.
    """
    file_url, api = urlsplit(url), urlsplit(api_base_url)
    host, api_host = (file_url.hostname or "").lower(), (api.hostname or "").lower()
    if not host or not api_host or file_url.scheme not in ("https", api.scheme):
        return False
    return host == api_host or host.endswith("." + api_host)
