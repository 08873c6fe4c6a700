"""Which tables hold people's coaching data, and through which columns: what export and forget walk.

Every column holding a Slack user id is declared here, either as a
*subject* (the row is about that person, or is theirs: it is exported with
them and deleted when they are forgotten) or as a *party* (the person took
part in someone else's record: a manager, a scorer, an author; the row stays
with its subject, the id becomes `forgotten`). `PARTY_TEXT` are texts a party
wrote inside someone else's record (cleared when that party is forgotten);
`PARTY_ITEMS` are tables whose rows a party wrote about someone else as
separate items (deleted when that party is forgotten). `CHILDREN` are tables
without a person of their own, reached through their parent's id.

tests/integration/test_personal_data_map.py walks `Base.metadata`: a new
table, or a new column the size of a Slack id, that this map neither covers
nor lists in `NOT_PERSONAL` fails it.
"""

from __future__ import annotations

from dataclasses import dataclass

SUBJECTS: dict[str, tuple[str, ...]] = {
    "members": ("user_id",),
    "schedules": ("user_id",),
    "deliveries": ("recipient_id",),
    "shared_files": ("user_id",),
    "opportunities": ("owner_id",),
    "cycles": ("rep_id",),
    "call_scores": ("rep_id",),
    "self_assessments": ("rep_id",),
    "contracts": ("rep_id",),
    "debriefs": ("rep_id",),
    "debrief_feedback": ("rep_id",),
    "shadow_observations": ("rep_id",),
    "roleplay_practices": ("rep_id",),
    "homework": ("rep_id",),
    "lesson_progress": ("rep_id",),
    "call_free_days": ("rep_id",),
    "peer_shares": ("rep_id",),
    "scorecard_comments": ("rep_id",),
    "commitments": ("rep_id",),
    "coaching_sessions": ("rep_id",),
    "session_prework": ("rep_id",),
    "session_takeaways": ("rep_id",),
    "success_stories": ("rep_id",),
    "maintenance_checkins": ("rep_id",),
    "challenges": ("rep_id",),
    "challenge_summary_choices": ("manager_id",),  # a manager's own setting
}

PARTIES: dict[str, tuple[str, ...]] = {
    "members": ("manager_id",),  # a forget clears it (their reps stay, without a manager)
    "cycles": ("manager_id",),
    "call_scores": ("scored_by",),
    "contracts": ("manager_id",),
    "debrief_feedback": ("manager_id",),
    "shadow_observations": ("observer_id",),
    "roleplay_practices": ("practised_by",),
    "homework": ("manager_id",),
    "scorecard_comments": ("manager_id",),
    "commitments": ("manager_id", "owner_id", "created_by"),
    "coaching_sessions": ("manager_id",),
    "session_takeaways": ("recorded_by",),
    "success_stories": ("manager_id",),
    "maintenance_checkins": ("manager_id",),
    "challenges": ("started_by",),
    "challenge_encouragements": ("manager_id",),
}

# Texts a party wrote inside someone else's record: cleared when that party is forgotten.
PARTY_TEXT: dict[tuple[str, str], tuple[str, ...]] = {
    ("call_scores", "scored_by"): ("notes",),
    ("contracts", "manager_id"): ("manager_commitments",),
    ("homework", "manager_id"): ("feedback",),
    ("shadow_observations", "observer_id"): ("went_well", "do_differently", "practice_next", "feedback"),
    ("roleplay_practices", "practised_by"): ("note",),
}

# Rows a party wrote about someone else as items of their own: deleted when that party is forgotten.
PARTY_ITEMS: dict[tuple[str, str], str] = {
    ("debrief_feedback", "manager_id"): "the manager's feedback on a rep's debrief",
    ("challenge_encouragements", "manager_id"): "a manager's encouragement",
    ("commitments", "owner_id"): "an action the person took on themselves in someone's plan",
}


@dataclass(frozen=True)
class Child:
    parent: str
    column: str  # the child's column holding the parent's `id`


CHILDREN: dict[str, Child] = {
    "focus_skills": Child("cycles", "cycle_id"),
    "gap_ratings": Child("cycles", "cycle_id"),
    "challenge_days": Child("challenges", "challenge_id"),
    "challenge_encouragements": Child("challenges", "challenge_id"),
    "maintenance_checkin_ratings": Child("maintenance_checkins", "checkin_id"),
    "maintenance_checkin_readings": Child("maintenance_checkins", "checkin_id"),
}

# Tables and Slack-id-sized columns that hold no person's coaching data, and why.
NOT_PERSONAL: dict[str, str] = {
    "workspaces": "the workspace's own settings (ids in them are de-identified by a forget)",
    "lesson_texts": "a workspace's own wording of the lessons",
    "slack_receipts": "digests of Slack requests already stored (no id, no text)",
    "audit_events": "the audit log: a forget de-identifies it and adds one entry naming no content",
    "alembic_version": "the schema revision",
    "dispatcher_ticks": "the dispatcher's last tick per job, for `coachflow doctor` (no person)",
    # Bolt's OAuth stores (the oauth branch): the app's installation in the workspace, not coaching data;
    # they go when the app is uninstalled (the installer's id stays while the installation does).
    "slack_installations": "the workspace's installation (tokens, the installer's id): not coaching data",
    "slack_bots": "the workspace's bot installation (tokens): not coaching data",
    "slack_oauth_states": "OAuth flow states (random, short-lived): no person",
}
NOT_PEOPLE: frozenset[tuple[str, str]] = frozenset({
    ("deliveries", "enterprise_id"), ("deliveries", "period"), ("deliveries", "channel"), ("deliveries", "ts"),
    ("homework", "hand_in_file_id"), ("peer_shares", "week"), ("peer_shares", "channel_id"),
    ("peer_shares", "message_ts"), ("shared_files", "file_id"), ("success_stories", "posted_channel"),
    ("success_stories", "posted_ts"), ("commitments", "plan_id"), ("workspaces", "enterprise_id"),
    ("opportunities", "loss_category"),
})


def covered_tables() -> set[str]:
    return set(SUBJECTS) | set(PARTIES) | set(CHILDREN)
