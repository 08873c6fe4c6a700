"""Charts to a person's DM with the app: the picture beside its text version, never instead of it.

`files_upload_v2` needs a conversation id (Slack refuses a user id as
`channel_id`), so the DM is opened first with conversations.open (im:write);
the upload itself needs files:write. An upload that fails is logged and the
command carries on: the text version is sent whatever happens to the
picture, so nobody misses the figures because an image did not arrive. With
COACHFLOW_CHARTS off (`Services.charts_enabled`) nothing is uploaded at all.
"""

from __future__ import annotations

import re
from typing import Any

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from domain.services.diagnosis import ProfileView
from handlers.blocks.kit import mrkdwn_text
from handlers.blocks.limits import FILE_ALT_TEXT, MESSAGE_TEXT, clip
from handlers.charts import (
    REFERENCE_SCORE,
    MatrixPoint,
    impact_difficulty_matrix,
    matrix_alt_text,
    radar_alt_text,
    skills_radar,
)
from handlers.edge.dm import send_dm
from handlers.edge.dm_upload import upload_to_dm
from handlers.edge.services import Services


def chart_filename(title: str) -> str:
    """`Skills profile of Alex Rivera` -> `skills-profile-of-alex-rivera.png`."""
    stem = re.sub(r"\W+", "-", title.lower()).strip("-_")
    return f"{stem[:80] or 'chart'}.png"


def upload_chart(
    client: WebClient, user_id: str, png: bytes, filename: str, title: str, alt_text: str,
    initial_comment: str | None = None,
) -> bool:
    """Upload `png` to the person's DM with the app; False (and a log line) when Slack says no."""
    return upload_to_dm(
        client, user_id, filename, file=png, title=title, alt_txt=clip(alt_text, FILE_ALT_TEXT),
        # The comment is a message, so mrkdwn: a rep's display name in it is escaped like any text.
        initial_comment=mrkdwn_text(initial_comment, MESSAGE_TEXT) if initial_comment else None,
    )


def send_profile_radar(client: WebClient, svc: Services, viewer_id: str, view: ProfileView) -> bool:
    """The skills profile as a radar in the viewer's DM, when charts are on and calls were scored.

    The ephemeral `/coach profile` reply is the text version; the alt text
    repeats every average so a screen reader gets the whole picture.
    """
    profile = view.profile
    if not svc.charts_enabled or not profile.dimensions:
        return False
    labels = [view.dimension_names.get(d.dimension, d.dimension) for d in profile.dimensions]
    values = [d.average for d in profile.dimensions]
    title = f"Skills profile of {view.rep.name}"
    calls = "call" if profile.calls_scored == 1 else f"{profile.calls_scored} calls"
    comment = (f"{title}: average manager scores of the last {calls}, 1 to 5, weakest at the top; "
               f"the dashed ring is {REFERENCE_SCORE:g}. The same figures are in your `/coach profile` reply.")
    return upload_chart(
        client, viewer_id, skills_radar(labels, values, title), chart_filename(title), title,
        radar_alt_text(title, labels, values, REFERENCE_SCORE), comment,
    )


def send_matrix(
    client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, points: list[MatrixPoint], title: str,
    text_version: dict[str, Any],
) -> bool:
    """DM `text_version` (always), then the impact/difficulty matrix of `points` as a picture.

    For week 2's prioritization: `text_version` is the message that says the
    same in words (`text` and `blocks`, as the block builders return it).
    Returns whether the picture arrived; with charts off or no points there is
    nothing to draw and only the text goes.
    """
    send_dm(client, svc, ws, user_id, text_version)
    return upload_matrix(client, svc, user_id, points, title)


def upload_matrix(client: WebClient, svc: Services, user_id: str, points: list[MatrixPoint], title: str) -> bool:
    """The impact/difficulty matrix of `points` as a picture in `user_id`'s DM, after its text version.

    Whether the picture arrived; with charts off or no points there is nothing to draw.
    """
    if not svc.charts_enabled or not points:
        return False
    return upload_chart(
        client, user_id, impact_difficulty_matrix(points, title), chart_filename(title), title,
        matrix_alt_text(title, points), f"{title}: the impact and difficulty matrix as a picture.",
    )
