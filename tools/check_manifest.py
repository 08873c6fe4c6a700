#!/usr/bin/env python3
"""Check a Slack app manifest (YAML or JSON) against Slack's published JSON schema (v1).

Usage: python tools/check_manifest.py [manifest.yml]   (or `make manifest-check`)
Exit status: 0 valid; 1 problems (each printed as `file: path: message`), or no
such file; 2 PyYAML or jsonschema missing (both are in the dev extras).

The schema ships beside this file (tools/slack/, MIT licensed by Slack, its
notice in tools/slack/LICENSE.manifest-schema), so a clone needs nothing else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).resolve().parent / "slack" / "manifest.schema.1.0.0.json"


def manifest_problems(manifest: Any) -> list[str]:
    """What Slack's schema says is wrong with `manifest` (already parsed), as `path: message`; [] when valid."""
    import jsonschema

    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = sorted(validator.iter_errors(manifest), key=lambda e: [str(p) for p in e.path])
    return [f"{'/'.join(str(p) for p in e.path) or '(top level)'}: {e.message}" for e in errors]


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "manifest.yml")
    try:
        import jsonschema  # noqa: F401 - imported here to say what is missing
        import yaml
    except ImportError as missing:
        print(f"check_manifest: cannot run, {missing.name} is not installed (pip install -e '.[dev]')")
        return 2
    if not path.exists():
        print(f"check_manifest: {path} does not exist")
        return 1
    text = path.read_text(encoding="utf-8")
    problems = manifest_problems(json.loads(text) if path.suffix == ".json" else yaml.safe_load(text))
    for problem in problems:
        print(f"{path}: {problem}")
    if problems:
        print(f"check_manifest: {len(problems)} problem(s) against Slack's manifest schema")
        return 1
    print(f"check_manifest: {path} is valid against Slack's manifest schema v1")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
