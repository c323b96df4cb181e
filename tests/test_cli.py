"""The command line as a user drives it: exit codes, stdout for data, stderr for messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.export import FIELDS, TABLES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_ingest_search_show_export(tmp_path):
    db = str(tmp_path / "n.db")
    result = run("--db", db, "ingest", "--no-extract", str(EXAMPLES / "articles.jsonl"))
    assert result.exit_code == 0, result.output
    assert "34 new" in result.stderr

    hits = run("--db", db, "search", "earthquake Myanmar")
    assert hits.exit_code == 0 and "Myanmar" in hits.stdout
    first_id = hits.stdout.split()[0]
    shown = run("--db", db, "show", first_id)
    assert shown.exit_code == 0 and "published" in shown.stdout

    exported = run("--db", db, "export", "--format", "json")
    data = json.loads(exported.stdout)
    assert data["schema"] == "newsgraph/v1"
    assert set(data) == {"schema", *TABLES}
    assert len(data["articles"]) == 34
    assert list(data["articles"][0]) == list(FIELDS["articles"])

    out = tmp_path / "articles.csv"
    assert run("--db", db, "export", "--format", "csv", "--out", str(out)).exit_code == 0
    assert out.read_text().splitlines()[0].startswith("id,title,text,url")
    lines = run("--db", db, "export", "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0]) == {"record": "schema", "schema": "newsgraph/v1"}


def test_stdin_and_bad_inputs_report_and_keep_the_rest(tmp_path):
    db = str(tmp_path / "n.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok", "text": "A fine article about harbours and quotas."}\n'
                   "{not json\n")
    result = run("--db", db, "ingest", "--no-extract", str(bad), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "bad.jsonl:2" in result.stderr and "missing.txt" in result.stderr
    assert "Traceback" not in result.output
    piped = run("--db", db, "ingest", "--no-extract", "-",
                input="Title line\n\nA body sentence about a summit in Oslo.\n"
                      "https://example.org/2025/05/summit\n")
    assert piped.exit_code == 0, piped.output
    stats = run("--db", db, "stats").stdout
    assert "articles" in stats and " 2 " in stats.replace("\n", " ")


def test_usage_and_store_errors_have_their_exit_codes(tmp_path):
    unknown = run("--db", str(tmp_path / "n.db"), "ingest", "--format", "pdf", "x.pdf")
    assert unknown.exit_code == 2 and "valid formats" in unknown.stderr
    missing = run("--db", str(tmp_path / "none.db"), "search", "x")
    assert missing.exit_code == 3 and "no such database" in missing.stderr
    not_db = tmp_path / "text.db"
    not_db.write_text("this is not a database " * 100)
    broken = run("--db", str(not_db), "stats")
    assert broken.exit_code == 3
    assert run("--db", str(tmp_path / "n.db"), "export", "--format", "xml").exit_code == 2
