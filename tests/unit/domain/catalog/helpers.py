"""Build small catalog files for the tests by changing a copy of the shipped one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domain.catalog import default_catalog_text

Mutation = Callable[[dict[str, Any]], object]


def default_dict() -> dict[str, Any]:
    """A fresh, editable copy of the shipped catalog's JSON."""
    data: dict[str, Any] = json.loads(default_catalog_text())
    return data


def write_catalog(directory: Path, change: Mutation | None = None, name: str = "catalog.json") -> Path:
    """The shipped catalog with `change` applied, written to `directory/name`."""
    data = default_dict()
    if change is not None:
        change(data)
    path = directory / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path
