"""The buttons under a micro-lesson: Done, Remind me tomorrow, Discuss in our next session."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.coaching.lessons import LessonAnswer
from domain.effects import tell
from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from domain.services.lessons import LessonShown
from handlers.blocks.lessons import lesson_answered_message, read_lesson_value
from handlers.edge import ids
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of

ANSWERS = {
    ids.LESSON_DONE: LessonAnswer.DONE,
    ids.LESSON_REMIND: LessonAnswer.REMIND,
    ids.LESSON_DISCUSS: LessonAnswer.DISCUSS,
}


def handle_lesson_answer(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    click = click_of(body)
    lesson = read_lesson_value(click.value)
    answer = ANSWERS.get(click.action_id)
    if lesson is None or answer is None:  # not a button we wrote
        tell_refusal(client, svc, ws, respond, user_id, InvalidInput(
            "That lesson button could not be read; nothing was recorded."))
        return
    cycle_id, lesson_id = lesson
    try:
        done = svc.lessons.answer_and_tell(ws, user_id, cycle_id, lesson_id, answer, receipt_of(body, context))
    except Replayed:
        return  # the first click recorded it and answered
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        respond(replace_original=True, **lesson_answered_message(done.result))
        deliver(client, svc, ws, done.effects)
    else:
        deliver(client, svc, ws, tell(user_id, LessonShown(done.result)) + done.effects)
