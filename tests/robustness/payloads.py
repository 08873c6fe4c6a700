"""Hypothesis strategies for what a person or a crafted request can send a listener.

Texts: any Unicode, other scripts' digits, Slack's markup (`<!channel>`,
`<@U…|name>`), NUL and control characters, numbers of 4,301 digits, strings
of up to 20,000 characters (Slack's own limits are 3,000). Values: anything JSON can hold, in the place of a
string. Forms: the real modal (as its builder makes it, from
tests/unit/handlers/test_form_lengths.py) with each field given a random
value of the right shape, of a wrong shape, or left out, plus fields Slack
never sends; private_metadata: the real one, broken JSON, wrong types,
nesting 1,400 deep, a megabyte.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from tests.handlers.conftest import PEOPLE
from tests.unit.handlers.test_form_lengths import MODALS, MORE_MODALS

HUGE_NUMBER = "9" * 4300 + "1"
NASTY = ["", " ", "²", "١٢", "٣", "１２", "-1", "0", "1e400", "nan", "inf", HUGE_NUMBER, "<!channel>", "<!here>",
         "<@UA|alex>", "<@UMGR>", "<@UNOBODY|x>", "<#C1|general>", "<https://evil.example|Sign>", "&lt;", "\x00",
         "\u202e", "\ufeff", "😀" * 50, "UA", "UA:1", "1:pain_framework", "2026-02-30", "9999-12-31", "null",
         '{"rep": "UA"}', "[" * 1400 + "]" * 1400, "x" * 3001, "\n\n\n", "'; DROP TABLE members; --"]
USERS = [*PEOPLE, "UNEW", "UGONE", "UHELPER"]

texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=4).map(lambda s: s * 5_000),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
users = st.sampled_from(USERS)


def examples(n: int) -> int:
    """`n` examples per listener; ten times as many under HYPOTHESIS_PROFILE=explore (whose default is 250, not 25)."""
    current = settings.default
    return n * max(1, (current.max_examples if current is not None else 25) // 25)


def _templates() -> dict[str, list[dict[str, Any]]]:
    by_callback: dict[str, list[dict[str, Any]]] = {}
    for modal in [*MODALS.values(), *MORE_MODALS]:
        by_callback.setdefault(str(modal.get("callback_id", "")), []).append(modal)
    return by_callback


TEMPLATES = _templates()


def metadata_for(callback_id: str) -> st.SearchStrategy[Any]:
    real = [m.get("private_metadata", "") for m in TEMPLATES.get(callback_id, [])]
    crafted = st.dictionaries(st.sampled_from(["rep", "cycle", "debrief", "homework", "deal", "shadow", "skills",
                                               "session", "commitment", "text", "challenge", "day", "team"]),
                              json_values, max_size=4).map(json.dumps)
    return st.one_of(
        st.sampled_from(real or ["{}"]),
        crafted,
        texts,
        json_values,  # not even a string
    )


def _option_values(element: dict[str, Any]) -> list[str]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options += group.get("options") or []
    return [str(o.get("value")) for o in options if isinstance(o, dict)]


def _option(value: Any) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": "x"}, "value": value}


def _shaped(element: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """A value of the shape Slack sends for this element, with random content."""
    kind = str(element.get("type"))
    choices = _option_values(element)
    pick = st.sampled_from(choices) if choices else texts
    state: dict[str, Any] = {"type": kind}
    if kind in ("static_select", "radio_buttons", "external_select"):
        state["selected_option"] = draw(st.one_of(st.none(), pick.map(_option)))
    elif kind in ("checkboxes", "multi_static_select"):
        state["selected_options"] = draw(st.lists(pick.map(_option), max_size=4))
    elif kind == "datepicker":
        state["selected_date"] = draw(st.one_of(st.none(), st.dates().map(str), texts))
    elif kind == "timepicker":
        state["selected_time"] = draw(st.one_of(st.none(), st.times().map(lambda t: t.strftime("%H:%M")), texts))
    elif kind == "users_select":
        state["selected_user"] = draw(st.one_of(st.none(), users, texts))
    elif kind == "multi_users_select":
        state["selected_users"] = draw(st.lists(st.one_of(users, texts), max_size=4))
    elif kind == "file_input":
        state["files"] = draw(st.lists(st.dictionaries(st.sampled_from(["id", "name", "url_private"]), texts),
                                       max_size=2))
    else:  # plain_text_input, url_text_input, number_input, email_text_input, rich text
        state["value"] = draw(st.one_of(st.none(), texts))
    return state


def _inputs(modal: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found: list[tuple[str, str, dict[str, Any]]] = []
    for block in modal.get("blocks", []):
        elements = [block["element"]] if "element" in block else list(block.get("elements") or [])
        found.extend((str(block.get("block_id")), str(element["action_id"]), element)
                     for element in elements if isinstance(element, dict) and "action_id" in element)
    return found


@st.composite
def state_values(draw: st.DrawFn, callback_id: str) -> dict[str, Any]:
    """view.state.values for a submission of `callback_id`: real fields with random, wrong or missing values."""
    templates = TEMPLATES.get(callback_id) or [{"blocks": []}]
    modal = draw(st.sampled_from(templates))
    values: dict[str, Any] = {}
    for block_id, action_id, element in _inputs(modal):
        how = draw(st.sampled_from(["shaped", "shaped", "shaped", "wrong", "missing"]))
        if how == "missing":
            continue
        value = _shaped(element, draw) if how == "shaped" else draw(json_values)
        values.setdefault(block_id, {})[action_id] = value
    extra = draw(st.dictionaries(texts, st.dictionaries(st.text(max_size=8), json_values, max_size=2), max_size=2))
    return {**extra, **values} if draw(st.booleans()) else values
