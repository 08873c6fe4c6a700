"""The load benchmark's baseline: a plain Bolt app answering the same requests, no database.

Run as its own process (`python -m tests.bench.load_bare_bolt --port ... --payloads file.json`),
served the way Coachflow is (waitress, 8 threads, the same GIL switch interval)
through Bolt's own WSGI adapter, with a `/healthz` to wait on. Each listener
makes the Web API calls Coachflow makes for the same request, with the very
payloads Coachflow sent in its warm-up (the modal, the scorecard, the App
Homes, the DM copy, the updated nudge), so only the work in between differs:
- `/scorecard`: ack, then the scorecard at the response_url;
- `/debrief`: ack, then views.open;
- the debrief submission: ack, then the DM copy (chat.postMessage) and the
  rep's and the manager's App Homes (views.publish);
- the challenge nudge's "Did it": ack, then chat.update of the nudge and both App Homes;
- `app_home_opened`: users.info (the time zone), then views.publish.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve

from bot.http import GIL_SWITCH_INTERVAL
from handlers.edge import ids
from tests.bench.load_seed import manager_of

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment


def bare_app(token: str, signing_secret: str, api_url: str, payloads: dict[str, Any], managers: int) -> App:
    client = WebClient(token=token, base_url=api_url)
    app = App(signing_secret=signing_secret, client=client)

    def home_for(user_id: str) -> dict[str, Any]:
        return dict(payloads["manager_home" if user_id.startswith("UM") else "rep_home"])

    @app.command(ids.SCORECARD_COMMAND)
    def scorecard(ack: Ack, respond: Respond) -> None:
        ack()
        respond(**payloads["scorecard"])

    @app.command(ids.DEBRIEF_COMMAND)
    def debrief(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=payloads["debrief_modal"])

    @app.view(ids.DEBRIEF_VIEW)
    def debrief_saved(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        rep = body["user"]["id"]
        client.chat_postMessage(channel=rep, **payloads["debrief_copy"])
        for user in (rep, manager_of(rep, managers)):
            client.views_publish(user_id=user, view=home_for(user))

    @app.action(ids.CHALLENGE_DONE)
    def challenge_done(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        rep, container = body["user"]["id"], body["container"]
        client.chat_update(channel=container["channel_id"], ts=container["message_ts"], **payloads["nudge_update"])
        for user in (rep, manager_of(rep, managers)):
            client.views_publish(user_id=user, view=home_for(user))

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient) -> None:
        user = event["user"]
        client.users_info(user=user)
        client.views_publish(user_id=user, view=home_for(user))

    return app


class _WithHealth:
    def __init__(self, bolt: SlackRequestHandler) -> None:
        self._bolt = bolt

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b'{"ok": true}']
        return self._bolt(environ, start_response)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("--port", "--api-url", "--token", "--signing-secret", "--payloads", "--managers"):
        parser.add_argument(name, required=True)
    args = parser.parse_args(argv)
    payloads = json.loads(Path(args.payloads).read_text())
    app = bare_app(args.token, args.signing_secret, args.api_url, payloads, int(args.managers))
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    serve(_WithHealth(SlackRequestHandler(app)), host="127.0.0.1", port=int(args.port), threads=8, ident="bare-bolt",
          _quiet=True)


if __name__ == "__main__":
    main()
