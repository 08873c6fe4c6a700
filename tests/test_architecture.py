"""The layer rules of DESIGN.md section 3, read from the imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# What each layer may import besides the standard library and itself.
ALLOWED = {
    "domain": {"pydantic"},
    "storage": {"domain", "sqlalchemy", "alembic", "orjson"},  # orjson: JSON columns of a Friday's calls, fast
    "handlers": {"domain", "slack_bolt", "slack_sdk", "pydantic"},
    "bot": {"domain", "storage", "handlers", "slack_bolt", "slack_sdk", "pydantic", "pydantic_settings",
            "dotenv", "sqlalchemy", "apscheduler", "waitress", "yaml", "alembic",
            "cryptography"},  # cryptography: tokens at rest (bot/token_keys.py)
}
# Folders allowed more than their layer: charts are drawn with matplotlib in
# handlers/charts only, so the rest of the Slack edge never pulls it in.
EXTRA = {Path("handlers", "charts"): {"matplotlib"}}
# Mechanisms that would hide an import from this test.
FORBIDDEN_CALLS = {"__import__", "import_module"}


def _modules(layer: str) -> list[Path]:
    return sorted((ROOT / layer).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in FORBIDDEN_CALLS:
                found.append((node.lineno, f"<dynamic import via {name}>"))
    return found


def _extra(path: Path) -> set[str]:
    relative = path.relative_to(ROOT)
    return set().union(*(extra for folder, extra in EXTRA.items() if relative.is_relative_to(folder)))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_design_allows(layer: str) -> None:
    allowed = ALLOWED[layer] | STDLIB | {layer}
    broken = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _modules(layer)
        for line, module in _imports(path)
        if module not in allowed | _extra(path)
    ]
    assert not broken, f"{layer} breaks DESIGN.md section 3:\n" + "\n".join(broken)


def test_matplotlib_stays_in_the_charts_package_and_never_uses_pyplot() -> None:
    # pyplot keeps a process-wide current figure and backend; listeners draw on worker threads.
    assert _extra(ROOT / "handlers" / "blocks" / "profile.py") == set()
    pyplot = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for layer in ALLOWED
        for path in _modules(layer)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.ImportFrom) and "pyplot" in f"{node.module}.{[a.name for a in node.names]}")
        or (isinstance(node, ast.Import) and any("pyplot" in a.name for a in node.names))
    ]
    assert not pyplot, "draw on matplotlib.figure.Figure with FigureCanvasAgg, not pyplot: " + ", ".join(pyplot)


def test_nothing_imports_bot() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for layer in ("domain", "storage", "handlers")
        for path in _modules(layer)
        for line, module in _imports(path)
        if module == "bot"
    ]
    assert not offenders, "only tests may import bot: " + ", ".join(offenders)


def test_the_rules_catch_a_violation(tmp_path: Path) -> None:
    # Guard against a test that cannot fail: a domain file importing slack is caught.
    bad = tmp_path / "bad.py"
    bad.write_text("import slack_sdk\nfrom storage.orm import Base\n")
    assert [m for _, m in _imports(bad)] == ["slack_sdk", "storage"]


def test_os_environ_is_read_only_in_config() -> None:
    readers = [
        str(path.relative_to(ROOT))
        for layer in ALLOWED
        for path in _modules(layer)
        if ("os.environ" in (text := path.read_text(encoding="utf-8")) or "getenv(" in text)
        and path != ROOT / "bot" / "config.py"
    ]
    assert not readers, "environment reads belong in bot/config.py: " + ", ".join(readers)


def test_no_source_file_grows_past_400_lines() -> None:
    long_files = [
        f"{path.relative_to(ROOT)} ({count} lines)"
        for layer in ALLOWED
        for path in _modules(layer)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert not long_files, "split these into smaller modules: " + ", ".join(long_files)


def _full_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


# Listener kinds that must not lean on one another: a flow two of them share
# (opening a modal, telling the clicker) lives in handlers/views/open.py or
# handlers/edge/, so a button never runs a slash command's code.
SEPARATE_LISTENERS = {
    "actions": ("handlers.commands", "handlers.events", "handlers.jobs"),
    "views": ("handlers.commands", "handlers.actions", "handlers.events", "handlers.jobs"),
    "events": ("handlers.commands", "handlers.actions", "handlers.jobs"),
    "shortcuts": ("handlers.commands", "handlers.actions", "handlers.events", "handlers.jobs"),
    "options": ("handlers.commands", "handlers.actions", "handlers.events", "handlers.jobs", "handlers.views"),
}


@pytest.mark.parametrize("kind", sorted(SEPARATE_LISTENERS))
def test_listener_kinds_do_not_import_each_other(kind: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "handlers" / kind).rglob("*.py"))
        for line, module in _full_imports(path)
        if module.startswith(SEPARATE_LISTENERS[kind])
    ]
    assert not offenders, "share the flow through handlers/views/open.py or handlers/edge/: " + ", ".join(offenders)


def test_handlers_root_shows_the_listener_kinds_at_a_glance() -> None:
    loose = sorted(p.name for p in (ROOT / "handlers").glob("*.py") if p.name != "__init__.py")
    assert not loose, f"put these in a listener kind or handlers/edge/: {loose}"
