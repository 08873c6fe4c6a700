"""Reading a catalog file: what an admin sees when the file itself is the problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.catalog import CatalogError, default_catalog_text, load_catalog, parse_catalog

from .helpers import write_catalog


def error_for(path: str | Path) -> str:
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    return str(caught.value)


def test_path_may_be_a_string_or_a_path(tmp_path: Path) -> None:
    path = write_catalog(tmp_path)
    assert load_catalog(str(path)) == load_catalog(path) == load_catalog()


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    assert error_for(path) == f"{path}: file not found"


def test_a_directory_is_not_a_catalog(tmp_path: Path) -> None:
    assert error_for(tmp_path) == f"{tmp_path}: is a directory, not a catalog file"


@pytest.mark.parametrize("name", ["catalog.yml", "catalog.YAML"])
def test_yaml_is_refused_with_use_json(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("version: '1'\n", encoding="utf-8")
    message = error_for(path)
    assert message.startswith(f"{path}: ")
    assert "use JSON" in message


def test_invalid_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text('{\n  "version": "1",\n  "competencies": [,]\n}\n', encoding="utf-8")
    assert error_for(path) == f"{path}: not valid JSON at line 3, column 20: Expecting value"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_bytes('{"version": "caf\u00e9"}'.encode("latin-1"))
    assert error_for(path) == f"{path}: is not UTF-8 text; save it as UTF-8"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    # Windows editors add one; it is not the admin's mistake.
    path = tmp_path / "catalog.json"
    path.write_bytes(b"\xef\xbb\xbf" + default_catalog_text().encode("utf-8"))
    assert len(load_catalog(path).competencies) == 5


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text("[]", encoding="utf-8")
    assert error_for(path) == (
        f"{path}: the catalog must be a JSON object with version, competencies and scoring_dimensions"
    )


def test_a_key_written_twice_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    text = default_catalog_text().replace(
        '"name": "Closing",', '"name": "Closing",\n      "name": "Closing deals",', 1
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, "mine.json")
    assert str(caught.value) == "mine.json: key 'name' appears twice in the entry with id 'closing'; keep one"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    def two_mistakes(data: dict[str, object]) -> None:
        comps = data["competencies"]
        assert isinstance(comps, list)
        comps[0]["micro_lessons"].pop()
        comps[1]["level"] = "expert"

    with pytest.raises(CatalogError) as caught:
        load_catalog(write_catalog(tmp_path, two_mistakes))
    assert len(caught.value.problems) == 2


def test_shipped_file_is_what_the_default_loads() -> None:
    # The default is read through importlib.resources, so it also works from an installed wheel.
    assert json.loads(default_catalog_text())["version"] == load_catalog().version
    packaged = Path(__file__).resolve().parents[4] / "domain" / "catalog" / "default_catalog.json"
    assert packaged.read_text(encoding="utf-8") == default_catalog_text()
