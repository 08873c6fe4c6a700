"""Random and malformed payloads to every registered listener: never an unhandled exception, always an answer.

Listeners are enumerated from the registration code (tests/robustness/
listeners.py), so a new command, action, view, event, option list or
shortcut is fuzzed here as soon as it is registered. Each gets signed
requests through `app.dispatch` with random text (any Unicode, Slack markup,
4,301-digit numbers, 20,000-character strings), values of every JSON type
where Slack sends a string, form fields missing or of the wrong shape,
fields Slack never sends, and broken `private_metadata`.

Nothing may reach Bolt's error handler or Bolt's error log, every answer is
HTTP 200, and the person hears back the way Slack allows:
- a command: an ephemeral reply at its response_url, or the modal it opens;
- a form: it closes, or answers `response_action: errors` with a message per field;
- an option list: a list of options (perhaps empty);
- a click, a shortcut, an event: acknowledged; any answer is never the apology
  Bolt's error handler sends.

Example counts are small per listener and derandomized in CI (the `ci`
hypothesis profile in tests/robustness/conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.fake_slack import SignedRequest
from bot.fake_slack.requests import FORM, JSON
from tests.conftest import TestDatabase, _postgres_base_url
from tests.robustness.listeners import registered, shortcut_types, subcommand_names
from tests.robustness.payloads import examples, json_values, metadata_for, state_values, texts, users
from tests.robustness.world import World, seeded_world

LISTENERS = registered()


@pytest.fixture(scope="module")
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    """PostgreSQL when configured (always in CI): it refuses what SQLite stores (NUL bytes, too-long
    values), so it finds more; SQLite otherwise. One backend keeps the suite within a couple of minutes."""
    backend = "postgres" if _postgres_base_url() else "sqlite"
    database: TestDatabase = request.getfixturevalue(f"_{backend}_database")
    with seeded_world(database) as seeded:
        yield seeded


def _resigned(world: World, like: SignedRequest, payload: dict[str, Any]) -> SignedRequest:
    signed = world.slack.requests.sign(urlencode({"payload": json.dumps(payload)}), FORM)
    return replace(signed, payload=payload, response_token=like.response_token)


def _with_extra_fields(draw: Callable[..., Any], payload: dict[str, Any]) -> dict[str, Any]:
    # Not the envelope fields Bolt itself parses before any listener (team, user, response_url(s),
    # authorizations): only Slack can sign a request, and Slack sends those as documented.
    extra = draw(st.dictionaries(st.sampled_from(["foo", "value", "state", "actions", "view", "private_metadata",
                                                  "callback_id", "x" * 300]), json_values, max_size=2))
    return {**payload, **{k: v for k, v in extra.items() if k not in payload}}


# -- slash commands ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", LISTENERS["command"])
@settings(max_examples=examples(20))
@given(data=st.data())
def test_a_command_with_any_text_answers_in_words(world: World, command: str, data: st.DataObject) -> None:
    words = data.draw(st.sampled_from(subcommand_names()[command]), label="subcommand")
    text = data.draw(st.one_of(st.just(words), st.builds(lambda t: f"{words} {t}", texts), texts), label="text")
    request = world.slack.requests.slash_command(data.draw(users, label="user"), command, text)

    reply = world.send(request)

    world.assert_no_unhandled_error(reply)
    assert world.answers_at(request) or world.modal_opened_by(request), f"no answer to {command} {text[:80]!r}"


# -- form submissions -------------------------------------------------------------------------


@pytest.mark.parametrize("callback_id", LISTENERS["view"])
@settings(max_examples=examples(10))
@given(data=st.data())
def test_a_form_with_any_values_closes_or_says_what_to_fix(world: World, callback_id: str,
                                                          data: st.DataObject) -> None:
    values = data.draw(state_values(callback_id), label="state.values")
    request = world.slack.requests.view_submission(data.draw(users, label="user"), callback_id, values,
                                                   private_metadata=data.draw(metadata_for(callback_id)))
    payload = request.payload
    if data.draw(st.booleans(), label="tamper with the view"):
        payload = {**payload, "view": _with_extra_fields(data.draw, payload["view"])}
        if data.draw(st.booleans(), label="state not an object"):
            payload["view"]["state"] = {"values": data.draw(json_values)}
        request = _resigned(world, request, payload)

    reply = world.send(request)

    world.assert_no_unhandled_error(reply)
    if reply.body:
        answer = reply.json
        assert answer.get("response_action") in ("errors", "update", "push", "clear"), answer
        for message in (answer.get("errors") or {}).values():
            assert isinstance(message, str) and message.strip(), answer


# -- clicks -----------------------------------------------------------------------------------


@st.composite
def clicks(draw: st.DrawFn, world: World, action_id: str) -> SignedRequest:
    user = draw(users, label="user")
    value = draw(st.one_of(texts, st.just(None)), label="value")
    if draw(st.booleans(), label="in a modal or App Home"):
        callback_id = draw(st.sampled_from(["", *LISTENERS["view"]]))
        view = {"callback_id": callback_id, "private_metadata": draw(metadata_for(callback_id)),
                "state": {"values": draw(state_values(callback_id))}}
        request = world.slack.requests.block_actions(user, action_id, value=value, view=view)
    else:
        request = world.slack.requests.block_actions(user, action_id, value=value)
    payload = json.loads(json.dumps(request.payload))
    action = payload["actions"][0]
    if draw(st.booleans(), label="a value of another type"):
        action["value"] = draw(json_values)
    if draw(st.booleans(), label="a picked option"):
        action["selected_option"] = draw(st.one_of(json_values, texts.map(lambda v: {"value": v})))
    return _resigned(world, request, _with_extra_fields(draw, payload))


@pytest.mark.parametrize("action_id", LISTENERS["action"])
@settings(max_examples=examples(6))
@given(data=st.data())
def test_a_click_with_any_value_is_acknowledged_and_never_raises(world: World, action_id: str,
                                                                 data: st.DataObject) -> None:
    request = data.draw(clicks(world, action_id))

    reply = world.send(request)

    world.assert_no_unhandled_error(reply)
    world.answers_at(request)  # whatever was said, it was not the apology


# -- option lists, shortcuts, events ----------------------------------------------------------


@pytest.mark.parametrize("action_id", LISTENERS["options"])
@settings(max_examples=examples(25))
@given(data=st.data())
def test_an_option_list_answers_options_whatever_is_typed(world: World, action_id: str, data: st.DataObject) -> None:
    callback_id = data.draw(st.sampled_from(["", *LISTENERS["view"]]))
    view = {"callback_id": callback_id, "private_metadata": data.draw(metadata_for(callback_id))}
    request = world.slack.requests.block_suggestion(data.draw(users), action_id, data.draw(texts), view=view)
    if data.draw(st.booleans(), label="value of another type"):
        request = _resigned(world, request, {**request.payload, "value": data.draw(json_values)})

    reply = world.send(request)

    world.assert_no_unhandled_error(reply)
    answer = reply.json
    assert isinstance(answer.get("options", answer.get("option_groups")), list), answer


@pytest.mark.parametrize("callback_id", LISTENERS["shortcut"])
@settings(max_examples=examples(15))
@given(data=st.data())
def test_a_shortcut_on_any_message_opens_its_form_or_says_why_not(world: World, callback_id: str,
                                                                  data: st.DataObject) -> None:
    assert shortcut_types().get(callback_id) == "message", f"{callback_id}: teach this test global shortcuts"
    request = world.slack.requests.message_shortcut(data.draw(users), callback_id, data.draw(texts),
                                                    author_id=data.draw(users))
    if data.draw(st.booleans(), label="message of another shape"):
        message = {**request.payload["message"], "text": data.draw(json_values), "blocks": data.draw(json_values)}
        request = _resigned(world, request, {**request.payload, "message": message})

    reply = world.send(request)

    world.assert_no_unhandled_error(reply)
    assert world.answers_at(request) or world.modal_opened_by(request), "the shortcut said nothing"


def _event_fields(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    ids_or_junk = st.one_of(users, texts, json_values)
    return st.fixed_dictionaries({"type": st.just(kind)}, optional={
        "user": ids_or_junk, "user_id": ids_or_junk, "channel": ids_or_junk, "channel_id": ids_or_junk,
        "file_id": ids_or_junk, "file": st.one_of(json_values, st.fixed_dictionaries({"id": ids_or_junk})),
        "tab": st.one_of(st.sampled_from(["home", "messages", "about"]), texts), "view": json_values,
    })


@pytest.mark.parametrize("kind", LISTENERS["event"])
@settings(max_examples=examples(20))
@given(data=st.data())
def test_an_event_of_any_shape_is_acknowledged_quietly(world: World, kind: str, data: st.DataObject) -> None:
    request = world.slack.requests.event(data.draw(_event_fields(kind)))
    if data.draw(st.booleans(), label="envelope of another shape"):
        envelope = {**request.payload, "event_id": data.draw(json_values), "foo": data.draw(json_values)}
        request = replace(world.slack.requests.sign(json.dumps(envelope), JSON), payload=envelope)

    reply = world.send(request)

    world.assert_no_unhandled_error(reply)
