"""Members' emails, which CRM exports name owners by, come from Slack's profile."""

from __future__ import annotations

from domain.model import Member, SlackProfile, WorkspaceRef, new_member
from handlers.edge.directory import profile_from_user

T1 = WorkspaceRef("T1")


def test_slacks_profile_email_is_read() -> None:
    user = {"id": "U1", "name": "ann", "real_name": "Ann Lee", "tz": "UTC",
            "profile": {"email": "Ann.Lee@acme.com"}}
    assert profile_from_user(user).email == "Ann.Lee@acme.com"
    # Without the users:read.email scope Slack leaves it out.
    assert profile_from_user({"id": "U1", "name": "ann", "profile": {}}).email is None


def test_a_new_member_takes_the_profile_email() -> None:
    profile = SlackProfile("U1", "ann", "Ann Lee", "UTC", email="ann@acme.com")
    assert new_member(T1, profile, "UTC").email == "ann@acme.com"


def test_a_profile_refresh_updates_the_email_but_never_forgets_it() -> None:
    member = Member(T1, "U1", "Ann", "UTC", email="old@acme.com")
    with_new = member.with_profile(SlackProfile("U1", "ann", "Ann Lee", "UTC", email="new@acme.com"), "UTC")
    without = member.with_profile(SlackProfile("U1", "ann", "Ann Lee", "UTC"), "UTC")
    assert with_new.email == "new@acme.com"
    assert without.email == "old@acme.com"  # Slack hid it (scope missing): keep what we knew
