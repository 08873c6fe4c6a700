"""docs/operations.md cannot drift: every `coachflow ...` command in its `sh` blocks parses.

Each command is handed to the CLI's own argparse parser, with its argument
types (ids, URLs, instants) checked as the real command would: `--help` or a
successful parse passes, a usage error fails the test with argparse's message.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from bot.cli import _parser

DOC = Path(__file__).resolve().parent.parent / "docs" / "operations.md"
SEPARATORS = {"&&", "||", ";", "|", "(", ")"}
REDIRECTS = {">", ">>", "<", "2>", "&>"}
# Commands documented before they exist (none now: issue 14's OAuth, lifecycle and data-rights commands
# have landed). An entry must be removed once its command parses (a test fails then).
PENDING: tuple[tuple[str, ...], ...] = ()


def sh_blocks(text: str) -> list[str]:
    """The lines of ```sh fenced blocks (also indented in lists), continuation lines joined."""
    lines: list[str] = []
    inside = False
    for raw in text.splitlines():
        fence = re.match(r"\s*```(\w*)", raw)
        if fence:
            inside = not inside and fence.group(1) == "sh"
            continue
        if inside:
            if lines and lines[-1].endswith("\\"):
                lines[-1] = lines[-1][:-1] + " " + raw.strip()
            else:
                lines.append(raw.strip())
    return lines


def coachflow_commands(line: str) -> list[list[str]]:
    """The argument lists of each `coachflow` that starts a command on this shell line."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    commands, start = [], 0
    for end in [*[i for i, t in enumerate(tokens) if t in SEPARATORS], len(tokens)]:
        segment = tokens[start:end]
        start = end + 1
        while segment and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", segment[0]):  # VAR=value before the command
            segment = segment[1:]
        if segment and (segment[0] == "coachflow" or segment[0].endswith("/coachflow")):
            argv = segment[1:]
            cut = next((i for i, t in enumerate(argv) if t in REDIRECTS), len(argv))
            commands.append(argv[:cut])
    return commands


def documented() -> list[list[str]]:
    return [argv for line in sh_blocks(DOC.read_text(encoding="utf-8")) for argv in coachflow_commands(line)]


def parse_error(argv: list[str]) -> str | None:
    """None when the CLI accepts `argv` (or prints its help); else what argparse said."""
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
            _parser().parse_args(argv)
    except SystemExit as stop:
        return None if stop.code == 0 else said.getvalue().strip() or f"exit {stop.code}"
    return None


def pending(argv: list[str]) -> bool:
    return any(argv[: len(prefix)] == list(prefix) or (len(prefix) == 2 and argv[:1] == [prefix[0]]
                                                       and prefix[1] in argv) for prefix in PENDING)


def test_the_doc_shows_the_commands_an_operator_needs() -> None:
    shown = {" ".join(argv[:2]) for argv in documented()}

    for needed in ("db upgrade", "db status", "doctor", "doctor --http", "scheduler", "run --http", "manifest"):
        assert needed in shown, f"docs/operations.md shows no `coachflow {needed}`"


@pytest.mark.parametrize("argv", documented(), ids=" ".join)
def test_every_documented_command_parses(argv: list[str]) -> None:
    error = parse_error(argv)

    if error is not None and pending(argv):
        pytest.skip(f"lands with another part of issue 14: coachflow {' '.join(argv)}")
    assert error is None, f"docs/operations.md: `coachflow {' '.join(argv)}` does not parse: {error}"


def test_pending_commands_are_removed_from_the_list_once_they_exist() -> None:
    parsing_now = [argv for argv in documented() if pending(argv) and parse_error(argv) is None]

    assert not parsing_now, (
        f"these commands parse now: remove their entries from PENDING in {Path(__file__).name} so the doc "
        f"is checked against them: {[' '.join(a) for a in parsing_now]}"
    )


def test_the_extractor_reads_shell_lines_as_a_shell_would() -> None:
    assert coachflow_commands("coachflow manifest --url https://x.example.com > out.yml  # note") == [
        ["manifest", "--url", "https://x.example.com"]]
    assert coachflow_commands("DATABASE_URL=sqlite:///a.db coachflow db status && coachflow doctor") == [
        ["db", "status"], ["doctor"]]
    assert coachflow_commands("createdb -O coachflow coachflow_restored") == []
    assert parse_error(["db", "upgrade"]) is None and parse_error(["doctor", "--help"]) is None
    assert parse_error(["admin", "grant", "--team", "nope", "--user", "U1"]) is not None
