"""What every button listener needs: the click read from the payload, and how to tell the clicker a refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.effects import Refusal, tell
from domain.errors import CoachflowError, InvalidInput
from domain.model import WorkspaceRef
from domain.receipts import Receipt
from handlers.blocks.roster import error_message
from handlers.edge.payloads import ButtonClick
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import Services, services, workspace_of

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


def click_of(body: dict[str, Any]) -> ButtonClick:
    return ButtonClick.model_validate(body["actions"][0])


def in_modal(body: dict[str, Any]) -> bool:
    """Whether the click came from inside a modal (a modal opened from it is pushed on top)."""
    view = body.get("view")
    return isinstance(view, dict) and view.get("type") == "modal"


def tell_refusal(
    client: WebClient, svc: Services, ws: WorkspaceRef, respond: Respond | None, user_id: str, error: CoachflowError
) -> None:
    # Clicks in messages carry a response_url; clicks in App Home do not, so those get a DM.
    if respond is not None and respond.response_url:
        respond(response_type="ephemeral", replace_original=False, **error_message(str(error)))
    else:
        deliver(client, svc, ws, tell(user_id, Refusal(str(error))))


class TimedOpen(Protocol[T_contra]):
    """A modal-opening flow whose use case checks the click's receipt (its time budget) first."""

    def __call__(self, client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, record: T_contra,
                 trigger_id: str, receipt: Receipt, /) -> None: ...


class OpenFlow(Protocol[T_contra]):
    """A modal-opening flow of `handlers.views.open` for one record named by a button."""

    def __call__(self, client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, record: T_contra,
                 trigger_id: str, /, *, over_modal: bool = False) -> None: ...


Opener = Callable[[WebClient, Services, WorkspaceRef, str, T, dict[str, Any], BoltContext], None]


def _opening(read: Callable[[str | None], T | None], opener: Opener[T], unreadable: str) -> Callable[..., None]:
    """The one listener shape of a button whose value names a record and whose click opens a modal on it."""

    def listener(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
        ack()
        svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
        record = read(click_of(body).value)
        try:
            if record is None:
                raise InvalidInput(unreadable)
            opener(client, svc, ws, user_id, record, body, context)
        except CoachflowError as error:
            tell_refusal(client, svc, ws, respond, user_id, error)

    return listener


def opens_a_modal(read: Callable[[str | None], T | None], open_flow: OpenFlow[T], unreadable: str
                  ) -> Callable[..., None]:
    """The listener of a button whose value names a record and that opens a modal on it.

    `read` turns the button's value into the record's key (None: unreadable,
    e.g. a crafted value); the flow checks who may open it, so a refusal
    (not theirs, too late) is said where they clicked and nothing opens.
    A click inside a modal (the manager's "This week") opens the new modal over it.
    """
    return _opening(read, lambda client, svc, ws, user_id, record, body, _context: open_flow(
        client, svc, ws, user_id, record, body["trigger_id"], over_modal=in_modal(body)), unreadable)


def opens_a_form_on_time(read: Callable[[str | None], T | None], open_form: TimedOpen[T], unreadable: str
                         ) -> Callable[..., None]:
    """As `opens_a_modal`, for a form whose use case also checks the click's receipt: Slack's trigger is good
    for 3 seconds, so a form that cannot open in time says so rather than failing silently."""
    return _opening(read, lambda client, svc, ws, user_id, record, body, context: open_form(
        client, svc, ws, user_id, record, body["trigger_id"], receipt_of(body, context)), unreadable)
