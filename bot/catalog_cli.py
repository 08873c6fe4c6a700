"""`coachflow catalog check PATH` and `coachflow catalog lessons FILE --team T`.

`check` validates an admin's skill catalog before it goes live; it reads no
settings on purpose, so an admin can check a file on a laptop without Slack
tokens or a database. `lessons` stores a workspace's own wording of the
micro-lessons in the database.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from bot.config import ConfigError, Settings
from bot.database import prepare_database
from bot.operations import configured_catalog
from domain.catalog import Catalog, CatalogError, load_catalog
from domain.model import WorkspaceRef
from domain.services.lessons import LessonService
from storage.uow import make_engine, make_uow_factory


def catalog_check(path: str | Path) -> int:
    """Print a summary of the catalog at `path` (exit 0) or every problem in it (exit 1)."""
    try:
        catalog = load_catalog(path)
    except CatalogError as error:
        print(str(error), file=sys.stderr)
        count = len(error.problems)
        print(f"catalog NOT valid: {count} problem{'' if count == 1 else 's'}", file=sys.stderr)
        return 1
    print(summary(catalog))
    for line in details(catalog):
        print(f"  {line}")
    return 0


def summary(catalog: Catalog) -> str:
    """One line of counts, so an admin sees at a glance that nothing went missing."""
    competencies = catalog.competencies
    indicators = sum(len(comp.leading_indicators) for comp in competencies)
    lessons = sum(len(comp.micro_lessons) for comp in competencies)
    return (
        f"catalog OK: {len(competencies)} competencies, {len(catalog.scoring_dimensions)} scoring dimensions, "
        f"{indicators} leading indicators, {lessons} micro-lessons, "
        f"{len(catalog.questions())} self-assessment questions"
    )


def details(catalog: Catalog) -> list[str]:
    """Which skill is which level and what each dimension informs: the choices an admin makes."""
    lines = [f"version: {catalog.version}"]
    lines.append("foundational: " + ", ".join(comp.id for comp in catalog.foundational()))
    lines.append("advanced: " + ", ".join(comp.id for comp in catalog.advanced()))
    lines += [f"dimension {dim.id} -> {dim.competency}" for dim in catalog.scoring_dimensions]
    bare = [lesson.id for comp in catalog.competencies for lesson in comp.micro_lessons if not lesson.example]
    if bare:
        lines.append(f"lessons without an example (sent without one): {', '.join(bare)}")
    return lines


# -- `coachflow catalog lessons FILE --team T [--clear]` -----------------------------

LESSONS_USAGE = "give a lessons file, or --clear to remove the workspace's lesson texts (not both)"


def catalog_lessons(settings: Settings, path: str | None, team: str, *, clear: bool) -> int:
    """Store a workspace's own lesson texts (exit 0), or say why not (exit 2: the file or the command line).

    The file (JSON, or YAML by its .yml/.yaml suffix) is keyed by lesson id,
    each with any of title, summary, example and exercise; it replaces the
    workspace's earlier texts. `--clear` removes them.
    """
    if clear == (path is not None):
        raise ConfigError(f"catalog lessons: {LESSONS_USAGE}")
    catalog = configured_catalog(settings)  # the lessons the texts must belong to
    ws = WorkspaceRef(team_id=team)
    raw = None if path is None else _read_lessons_file(Path(path))
    prepare_database(settings.database_url, create=False)  # the workspace must already be there
    engine = make_engine(settings.database_url)
    try:
        service = LessonService(make_uow_factory(engine), catalog, lambda: datetime.now(UTC))
        if path is None:
            removed = service.clear_texts(ws)
            print(f"Removed {removed} lesson text{'' if removed == 1 else 's'} of {team}; "
                  "its reps read the catalog's lessons again.")
            return 0
        try:
            texts = service.set_texts(ws, raw, path)
        except CatalogError as error:
            print(str(error), file=sys.stderr)
            count = len(error.problems)
            print(f"lesson texts NOT stored: {count} problem{'' if count == 1 else 's'}", file=sys.stderr)
            return 2
    finally:
        engine.dispose()
    print(f"Stored {team}'s own texts for {len(texts)} lesson{'' if len(texts) == 1 else 's'}: "
          f"{', '.join(texts)}. Other lessons keep the catalog's texts.")
    return 0


def _read_lessons_file(file: Path) -> object:
    """The file's content, JSON or YAML; one clear line and exit 2 when it cannot be read."""
    source = str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{source}: file not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{source}: is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"{source}: cannot be read: {error.strerror or error}") from None
    if file.suffix.lower() in {".yml", ".yaml"}:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
            raise ConfigError(f"{source}: not valid YAML{where}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{source}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") \
            from None
