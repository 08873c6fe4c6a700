"""Load the skill catalog from the shipped default or an admin's JSON file.

Every problem becomes one line naming the file and the entry by its path and
id, e.g. `catalog.json: competencies[2] (closing): micro_lessons must have
exactly 4 entries, found 3`, so an admin can fix the file without reading
Python tracebacks. JSON only: it keeps `domain` free of a YAML library.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from domain.catalog.model import Catalog, entry_path
from domain.errors import CoachflowError

DEFAULT_CATALOG_NAME = "default_catalog.json"
_YAML_SUFFIXES = {".yml", ".yaml"}


class CatalogError(CoachflowError):
    """A catalog file that cannot be used; one line per problem, each naming the file."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{source}: {problem}" for problem in self.problems))


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog at `path`, or the shipped default when `path` is None.

    The default is parsed once and shared: the models are frozen, so sharing is safe.
    """
    if path is None:
        return _default_catalog()
    file = Path(path)
    source = str(path)
    if not file.exists():
        raise CatalogError(source, ["file not found"])
    if file.is_dir():
        raise CatalogError(source, ["is a directory, not a catalog file"])
    if file.suffix.lower() in _YAML_SUFFIXES:
        raise CatalogError(source, ["the catalog must be JSON, not YAML: use JSON (start from the shipped default)"])
    try:
        # utf-8-sig: editors on Windows like to start a file with a byte-order mark.
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogError(source, ["is not UTF-8 text; save it as UTF-8"]) from None
    except OSError as error:
        raise CatalogError(source, [f"cannot be read: {error.strerror or error}"]) from None
    return parse_catalog(text, source)


def default_catalog_text() -> str:
    """The shipped catalog's JSON: the starting point for an admin's own file."""
    return resources.files("domain.catalog").joinpath(DEFAULT_CATALOG_NAME).read_text(encoding="utf-8")


@functools.cache
def _default_catalog() -> Catalog:
    return parse_catalog(default_catalog_text(), DEFAULT_CATALOG_NAME)


def parse_catalog(text: str, source: str = "catalog.json") -> Catalog:
    """Validate catalog JSON; `source` names the file in error messages."""
    duplicates: list[str] = []
    try:
        raw = json.loads(text, object_pairs_hook=functools.partial(_object, duplicates=duplicates))
    except json.JSONDecodeError as error:
        raise CatalogError(
            source, [f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from None
    if duplicates:
        raise CatalogError(source, duplicates)
    if not isinstance(raw, dict):
        raise CatalogError(
            source, ["the catalog must be a JSON object with version, competencies and scoring_dimensions"]
        )
    try:
        return Catalog.model_validate(raw)
    except ValidationError as error:
        problems = [line for issue in error.errors() for line in _describe(issue, raw)]
        raise CatalogError(source, problems) from None


def _object(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys silently; in a hand-edited
    # catalog that is usually a copy-paste slip that would lose content.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            owner = dict(pairs).get("id")
            where = f" in the entry with id '{owner}'" if isinstance(owner, str) else ""
            duplicates.append(f"key '{key}' appears twice{where}; keep one")
        result[key] = value
    return result


def _describe(issue: Any, raw: Any) -> list[str]:
    """Pydantic's error as lines an admin reads: where (path and id), then what is wrong."""
    entry, field = _where(tuple(issue["loc"]), raw)
    kind = issue["type"]
    message = str(issue["msg"]).removeprefix("Value error, ")
    if kind == "value_error" and not entry and not field:
        # Catalog-wide checks already name their entries, one problem per line.
        return message.splitlines()
    reason = _reason(kind, message, issue.get("ctx") or {}, issue.get("input"))
    text = f"{field} {reason}".strip() if field else reason
    return [f"{entry}: {text}" if entry else text]


def _reason(kind: str, message: str, ctx: dict[str, Any], value: Any) -> str:
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a catalog field (misspelt?)"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "too many"
        return f"is {length} characters; at most {ctx.get('max_length')} fit in Slack"
    if kind == "string_too_short":
        return "is empty"
    if kind == "string_pattern_mismatch":
        return f"{value!r} must start with a lowercase letter and use only a-z, 0-9 and _"
    if kind == "enum":
        return f"must be {ctx.get('expected')}, not {value!r}"
    if kind == "string_type":
        return "must be text"
    if kind in {"tuple_type", "list_type"}:
        return "must be a list [...]"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be an object {...}"
    if kind == "value_error":
        return message
    return f"is invalid: {message}"


def _where(loc: tuple[Any, ...], raw: Any) -> tuple[str, str]:
    """Split a pydantic location into the entry (`competencies[2] (closing)`) and the field in it.

    Ids come from the raw JSON, so an entry is named even when its own
    validation failed.
    """
    parts: list[str] = []
    last_entry = 0  # how many of `parts` name the entry; the rest is the field
    node = raw
    for index, step in enumerate(loc):
        if index > 0 and loc[index - 1] == "rubric":
            parts[-1] = f"rubric score {step}"  # an anchor: name the score it describes
            node = None
        elif isinstance(step, int) and parts:
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            entry_id = node.get("id") if isinstance(node, dict) else None
            parts.append(entry_path(parts.pop(), step, entry_id if isinstance(entry_id, str) else None))
            last_entry = len(parts)
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts[:last_entry]), ".".join(parts[last_entry:])
