"""Docs that cannot drift: every export field and every CLI command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.cli import app
from newsgraph.export import FIELDS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def documented_fields(section: str) -> set[str]:
    text = (DOCS / "data-model.md").read_text()
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    cells = [line.split("|")[1] for line in body.splitlines() if line.startswith("| `")]
    return {name for cell in cells for name in re.findall(r"`(\w+)`", cell)}


def test_every_export_field_is_documented_and_nothing_more():
    for table, fields in FIELDS.items():
        assert documented_fields(table) == set(fields), table


def test_every_cli_command_is_in_the_reference():
    reference = (DOCS / "cli.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [n for n in names if f"## `newsgraph {n}`" not in reference]
    assert not missing, (
        f"run `python scripts/cli_reference.py` to regenerate docs/cli.md: {missing}"
    )
