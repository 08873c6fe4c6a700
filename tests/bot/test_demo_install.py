"""`coachflow demo`, the last scenes (issue 14): an OAuth install of a second workspace, nothing crossing."""

from __future__ import annotations

from tests.bot.demo_text import box, flat, scene


def _words(text: str) -> str:
    return " ".join(flat(text).replace("│", " ").split())


def test_each_installer_goes_through_slacks_page_and_is_the_only_one_asked(demo: str) -> None:
    shown = scene(demo, "Installing in many workspaces")
    assert shown.count("GET /slack/install") == 2
    assert shown.count("GET /oauth/v2/authorize?client_id=") == 2
    assert shown.count("GET /slack/oauth_redirect?code=") == 2
    assert shown.count("→ HTTP 200: “Coachflow is installed”") == 2
    grace = _words(box(shown, "DM from Coachflow to Grace"))
    assert "Coachflow is installed in Globex Field Sales. Nobody else has heard from it yet." in grace
    assert "[ Yes, choose my reps ] [ Not now ]" in grace
    assert "Nothing was sent to anyone" in _words(shown.split("Ada presses [Not now]:", 1)[1])
    assert "Nobody else in Northwind Sales has heard from Coachflow." in shown
    assert "Nobody else in Globex Field Sales has heard from Coachflow." in shown
    assert "2 bot installations (T0GLOBEX, T0NORTH); all 4 tokens are Fernet ciphertext" in shown


def test_the_second_workspaces_manager_sees_none_of_the_firsts_people(demo: str) -> None:
    shown = scene(demo, "Nothing crosses between the two workspaces")
    refused = _words(shown.split("Grace (Globex Field Sales) types:  /coach team add @Alex", 1)[1])
    assert refused.startswith("┌─ Only you can see this :information_source: Slack does not know @Alex Rivera")
    grace_team = _words(shown.split("Grace (Globex Field Sales) types:  /coach team\n", 1)[1])
    listing = grace_team.split("└─")[0]
    assert "Your team: 1 rep" in listing and "@Hiro Tan" in listing and "Alex" not in listing
    ada_team = _words(shown.split("Ada (Northwind Sales) types:  /coach team\n", 1)[1])
    assert "@Alex Rivera" in ada_team.split("└─")[0] and "Hiro" not in ada_team.split("└─")[0]
    assert "Northwind Sales's people: Ada, Alex;" in shown
    assert "Globex Field Sales's people: Grace, Hiro;" in shown
