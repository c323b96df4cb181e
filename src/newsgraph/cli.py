"""The command line: thin commands over ``newsgraph.api``.

Data goes to stdout; progress, messages and errors go to stderr, so
``newsgraph export > out.json`` and pipes stay clean.

Exit codes:
  0  success
  1  some inputs failed (the rest were stored) or nothing matched
  2  usage error: an unknown option or an invalid value
  3  the database cannot be opened or written
  4  evaluation data missing or malformed
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import api
from .errors import ConfigError, DataError, InputError, NewsgraphError, StoreError
from .link.figures import format_value

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_STORE, EXIT_DATA = 0, 1, 2, 3, 4
DEFAULT_DB = "newsgraph.db"

app = typer.Typer(
    help="Turn news articles into a searchable record of who did what, who said what, "
    "and who claims which numbers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
# piped output is data: no wrapping at the 80 columns Rich assumes without a terminal
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)


class State:
    db: str = DEFAULT_DB
    quiet: bool = False


state = State()


@app.callback()
def main_options(
    db: Annotated[str, typer.Option(
        "--db", envvar="NEWSGRAPH_DB",
        help="Database: a SQLite file path or a postgresql:// URL.")] = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bars or messages; errors only.")] = False,
) -> None:
    state.db = db
    state.quiet = quiet


def info(message: str) -> None:
    if not state.quiet:
        err.print(message)


@contextmanager
def errors_as_exits() -> Iterator[None]:
    """Turn our errors into one line on stderr and the documented exit code."""
    try:
        yield
    except ConfigError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_STORE) from None
    except DataError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_DATA) from None
    except NewsgraphError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_PARTIAL) from None


@contextmanager
def progress_bar() -> Iterator[api.Progress]:
    """A Rich progress display on stderr, one bar per stage, silent with --quiet."""
    if state.quiet or not err.is_terminal and os.environ.get("NEWSGRAPH_PROGRESS") != "1":
        yield lambda stage, done, total: None
        return
    bars = Progress(SpinnerColumn(), TextColumn("{task.description:<8}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
    tasks: dict[str, object] = {}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

    with bars:
        yield update


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(
        help="Files, folders (read recursively), URLs, or - for stdin.")],
    format: Annotated[str | None, typer.Option(
        "--format", "-f",
        help="Read every source as this format: digest, text, jsonl, csv, html, feed.")] = None,
    fetch: Annotated[bool, typer.Option(
        help="For feeds: also fetch and extract each linked page.")] = False,
    extract: Annotated[bool, typer.Option(
        "--extract/--no-extract", help="Run extraction and linking after storing.")] = True,
    model: Annotated[str, typer.Option(help="spaCy model package to parse with.")] = (
        api.DEFAULT_MODEL),
    processes: Annotated[int, typer.Option(
        "--processes", "-j", min=1, help="Parser processes.")] = 1,
) -> None:
    """Read articles, store them once each, and extract who, what, when."""
    with errors_as_exits(), api.open(state.db) as ng, progress_bar() as progress:
        report = ng.ingest(
            sources, format=format, fetch=fetch, extract=extract, model=model,
            n_process=processes, progress=progress,
            on_error=lambda e: err.print(f"[yellow]skipped[/] {e}"),
        )
    info(
        f"read {report.read} articles: {report.added} new, {report.duplicates} already stored, "
        f"{report.near_duplicates} near-duplicates marked; {report.extracted} extracted"
        + (f"; {len(report.errors)} inputs failed" if report.errors else "")
    )
    if report.undated:
        info(f"note: {report.undated} new articles have no publication date; "
             "their relative dates (\"on Monday\") stay unresolved")
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "quoted phrases" allowed.')],
    source: Annotated[str | None, typer.Option(help="Only this outlet (host).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Full-text search over titles and texts."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        hits = ng.search(query, source=source, since=since, until=until, limit=limit)
    if not hits:
        info("no matches")
        raise typer.Exit(EXIT_PARTIAL)
    for h in hits:
        out.print(f"[cyan]{h.article_id[:12]}[/]  {h.published or '----------'}  "
                  f"[dim]{h.source or ''}[/]")
        out.print(f"  [bold]{escape(h.title or '(untitled)')}[/]")
        out.print("  " + escape(" ".join(h.snippet.split())), style="dim")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
) -> None:
    """One article: metadata and text."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        article = ng.article(article_id)
    if article is None:
        err.print(f"[red]error:[/] no article with id {article_id!r}")
        raise typer.Exit(EXIT_PARTIAL)
    out.print(f"[bold]{article.title or '(untitled)'}[/]")
    for label, value in (("id", article.id), ("url", article.url), ("source", article.source),
                         ("published", article.published), ("language", article.language),
                         ("authors", ", ".join(article.authors)),
                         ("duplicate of", article.duplicate_of), ("story", article.story_id)):
        if value:
            out.print(f"[dim]{label:>12}[/] {value}")
    out.print()
    out.print(article.text, markup=False)
    if article.related_links:
        out.print("\n[dim]related:[/] " + "; ".join(article.related_links))


@app.command()
def stats() -> None:
    """Counts of what the store holds."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        summary = ng.stats()
    table = Table("what", "count", box=None)
    for key, value in summary.items():
        table.add_row(key, str(value))
    out.print(table)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="json, jsonl or csv.")] = "json",
    out_file: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write here instead of stdout.")] = None,
    table: Annotated[str, typer.Option(help="For CSV: which table (articles, entities, quotes, "
                                             "claims, timexes, events, stories).")] = "articles",
) -> None:
    """Write the store in the newsgraph/v1 schema."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        if out_file is None:
            ng.export(sys.stdout, format=format, table=table)
        else:
            with out_file.open("w", encoding="utf-8", newline="") as fh:
                ng.export(fh, format=format, table=table)
            info(f"wrote {out_file}")


@app.command()
def reprocess(
    model: Annotated[str, typer.Option(help="spaCy model package to parse with.")] = (
        api.DEFAULT_MODEL),
) -> None:
    """Re-run extraction and linking over every stored article (after an upgrade)."""
    with errors_as_exits(), api.open(state.db) as ng, progress_bar() as progress:
        done = ng.reprocess(model=model, progress=progress)
    info(f"re-extracted {done} articles")


@app.command()
def entities(
    type: Annotated[str | None, typer.Option(
        "--type", "-t", help="Only this type: PERSON, ORG, GPE, NORP, MEDIA, WEAPON, …")] = None,
    top: Annotated[int, typer.Option(min=1, max=10000, help="How many to list.")] = 30,
) -> None:
    """The most mentioned entities, with article counts and first/last seen."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        rows = ng.entities(type=type.upper() if type else None, top=top)
    if not rows:
        info("no entities" + (f" of type {type}" if type else ""))
        raise typer.Exit(EXIT_PARTIAL)
    table = Table("name", "type", "mentions", "articles", "first seen", "last seen", box=None)
    for r in rows:
        table.add_row(escape(r.name), r.type, str(r.mentions), str(r.articles),
                      r.first_seen or "", r.last_seen or "")
    out.print(table)


@app.command("show-entity")
def show_entity(name: Annotated[str, typer.Argument(help="A name, short form or alias.")]) -> None:
    """One entity: aliases, roles, articles and who it appears with."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        entity = ng.find_entity(name)
        if entity is None:
            err.print(f"[red]error:[/] no entity matches {name!r}")
            raise typer.Exit(EXIT_PARTIAL)
        neighbours = ng.co_mentioned(entity.id, limit=10)
        articles = ng.store.articles_by_ids(sorted({m.article_id for m in entity.mentions}))
    out.print(f"[bold]{escape(entity.name)}[/]  [dim]{entity.type}"
              + (f" · {entity.country}" if entity.country else "") + f" · {entity.id}[/]")
    if entity.aliases:
        out.print("[dim]     aliases[/] " + escape(", ".join(entity.aliases)))
    titles = sorted({r.title for r in entity.roles})
    if titles:
        out.print("[dim]       roles[/] " + escape(", ".join(titles)))
    out.print(f"[dim]    mentions[/] {len(entity.mentions)} in {len(articles)} articles")
    if neighbours:
        out.print("[dim]appears with[/] " + escape(", ".join(
            f"{n.name} ({n.articles})" for n in neighbours)))
    table = Table("published", "source", "title", box=None)
    for a in sorted(articles, key=lambda a: a.published or ""):
        table.add_row(a.published or "", a.source or "", escape(a.title or "(untitled)"))
    out.print(table)


@app.command()
def quotes(
    speaker: Annotated[
        str | None, typer.Option(help="Who said it: a name, alias or description.")
    ] = None,
    search: Annotated[str | None, typer.Option(help="Words the quote contains.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=5000)] = 50,
) -> None:
    """Who said what: quotes with speaker, outlet, date; repeats shown once with every source."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        rows = ng.quotes(speaker=speaker, search=search, limit=limit)
    if not rows:
        info("no quotes match")
        raise typer.Exit(EXIT_PARTIAL)
    for group in api.group_quotes(rows):
        first = group[0].quote
        who = first.speaker_name or "(unattributed)"
        mark = "“" if first.kind in ("direct", "partial") else ""
        out.print(f"[bold]{escape(who)}[/] [dim]{first.kind} · {first.cue or ''}[/]")
        out.print(f"  {mark}{escape(first.text)}{'”' if mark else ''}")
        for row in group:
            a = row.article
            chain = [v.name for v in row.quote.via]
            if chain and chain[0] == row.quote.speaker_name:
                chain = chain[1:]  # the chain starts with the speaker, shown above
            via = " via " + " ← ".join(chain) if chain else ""
            out.print(f"  [dim]{a.published or '----------'}  {a.source or ''}  "
                      f"{escape(a.title or '')}{escape(via)}  {escape(f'[{a.id[:12]}]')}[/]")
        out.print()


def _print_events(rows: list) -> None:
    """One event as three lines: when and what, who and where, the evidence."""
    for row in rows:
        v, a = row.event, row.article
        kind = v.type + (f"/{v.mode}" if v.mode else "")
        when = v.date or f"({a.published or 'undated'})"
        status = "" if v.status == "occurred" else f"  [yellow]{v.status}[/]"
        group = f"  [dim]group {v.event_group}[/]" if v.event_group else ""
        out.print(f"[cyan]{when:<10}[/]  [bold]{kind}[/]{status}  [dim]{a.source or ''} "
                  f"{escape(f'[{a.id[:12]}]')}[/]{group}")
        actors = " → ".join(n for n in (v.source_name, v.target_name) if n) or "(no actor)"
        place = f"  @ {v.location}" if v.location else ""
        out.print(f"  {escape(actors)}{escape(place)}")
        out.print("  " + escape(" ".join(v.sentence.split())), style="dim")


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="An actor's name or alias.")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", "-t", help="PLOVER type: CONSULT, AGREE, AID, SANCTION, ASSAULT, …")] = None,
    since: Annotated[
        str | None, typer.Option(help="On or after this date (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 200,
) -> None:
    """Who did what to whom: PLOVER-coded events with date, status, actors, place and evidence."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        rows = ng.events(actor=actor, type=type, since=since, until=until, limit=limit)
    if not rows:
        info("no events match")
        raise typer.Exit(EXIT_PARTIAL)
    _print_events(rows)


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="An actor's name or alias.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or csv.")] = "table",
) -> None:
    """An actor's events in date order (a table, or CSV with --format csv)."""
    if format not in ("table", "csv"):
        err.print(f"[red]error:[/] unknown format {format!r}; choose table or csv")
        raise typer.Exit(EXIT_USAGE)
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        rows = ng.events(actor=name, limit=100000)
    if not rows:
        info(f"no events for {name!r}")
        raise typer.Exit(EXIT_PARTIAL)
    if format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["date", "granularity", "type", "mode", "status", "source", "target",
                         "location", "outlet", "article_id", "url", "sentence"])
        for row in rows:
            v, a = row.event, row.article
            writer.writerow([v.date or "", v.granularity or "", v.type, v.mode or "", v.status,
                             v.source_name or "", v.target_name or "", v.location or "",
                             a.source or "", a.id, a.url or "", v.sentence])
        return
    out.print(f"[bold]timeline: {escape(name)}[/] ({len(rows)} events)")
    _print_events(rows)


@app.command()
def figures(
    about: Annotated[
        str | None, typer.Option(help="Only figures whose subject mentions this.")
    ] = None,
    min_articles: Annotated[int, typer.Option(
        min=1, help="Only figures reported by at least this many articles.")] = 1,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="How many groups.")] = 30,
) -> None:
    """How many, says who: the same quantity across outlets and time, differences flagged."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        groups = ng.figures(about=about, min_articles=min_articles)[:limit]
    if not groups:
        info("no figures match")
        raise typer.Exit(EXIT_PARTIAL)
    for group in groups:
        flag = "  [yellow]figures differ[/]" if group.differs else ""
        out.print(f"[bold]{escape(group.about or group.unit)}[/] [dim]({group.unit}; "
                  f"{len(group.rows)} reports, {len(group.outlets)} outlets)[/]{flag}")
        table = Table("when", "value", "outlet", "according to", "evidence", box=None)
        for row in group.rows:
            c = row.item.claim
            chain = " ← ".join(ref.name for ref in c.attributed_to)
            table.add_row(row.when or "", ("[yellow]≠[/] " if row.changed else "  ")
                          + escape(format_value(c)), row.item.outlet or "", escape(chain),
                          escape(c.subject or ""))
        out.print(table)
        out.print()


@app.command()
def stories(
    limit: Annotated[int, typer.Option(min=1, max=10000, help="How many stories.")] = 30,
    ids: Annotated[bool, typer.Option("--ids", help="Print only story ids, one a line.")] = False,
) -> None:
    """Stories across outlets, largest first: articles, outlets, first and last seen."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        rows = ng.stories(limit=limit)
    if not rows:
        info("no stories yet (ingest runs story clustering unless --no-extract)")
        raise typer.Exit(EXIT_PARTIAL)
    if ids:
        sys.stdout.write("".join(r.id + "\n" for r in rows))
        return
    table = Table("id", "articles", "outlets", "first seen", "last seen", "title", box=None)
    for r in rows:
        table.add_row(r.id[:18], str(r.articles), str(r.outlets), r.first_seen or "",
                      r.last_seen or "", escape(r.title))
    out.print(table)


@app.command()
def story(story_id: Annotated[str, typer.Argument(help="Story id (or a unique prefix).")]) -> None:
    """One story: who covered it when, its events by date, and figures that disagree."""
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        cov = ng.coverage(story_id)
    out.print(f"[bold]{escape(cov.story.title)}[/]  [dim]{cov.story.id} · "
              f"{len(cov.story.article_ids)} articles · {cov.story.first_seen or '?'} → "
              f"{cov.story.last_seen or '?'}[/]")
    table = Table("outlet", "first seen", "articles", "quotes", "figures", "first article",
                  box=None, title="coverage")
    for o in cov.outlets:
        table.add_row(o.outlet, o.first_seen or "", str(len(o.articles)), str(len(o.quotes)),
                      str(len(o.claims)), escape(o.first_article.title or ""))
    out.print(table)
    if cov.events:
        out.print("[bold]events[/]")
        for g in cov.events:
            sources = sorted({ev.article_id[:8] for ev in g.events})
            first = g.events[0]
            actors = " → ".join(n for n in (first.source_name, first.target_name) if n)
            out.print(f"  [cyan]{g.date or '?':<10}[/] [bold]{g.type}[/] {escape(actors)} "
                      f"[dim]({len(g.events)} reports: {', '.join(sources)})[/]")
            for c in g.contradictions:
                out.print(f"    [yellow]conflict:[/] {escape(c.describe())}")
    if cov.disputed:
        out.print("[bold]figures that differ[/]")
        for group in cov.disputed:
            out.print("  " + escape(group.summary()))


@app.command()
def brief(
    story_id: Annotated[str | None, typer.Option("--story", help="A story id.")] = None,
    entity: Annotated[str | None, typer.Option(help="An entity's name.")] = None,
    since: Annotated[str | None, typer.Option(help="Only from this date (YYYY[-MM[-DD]]).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
) -> None:
    """An extractive briefing: events, quotes and disputed figures, every line cited."""
    if format not in ("md", "html"):
        err.print(f"[red]error:[/] unknown format {format!r}; choose md or html")
        raise typer.Exit(EXIT_USAGE)
    if not (story_id or entity or since):
        err.print("[red]error:[/] say what to brief on: --story ID, --entity NAME or --since DATE")
        raise typer.Exit(EXIT_USAGE)
    with errors_as_exits(), api.open(state.db, read_only=True) as ng:
        result = ng.brief(story_id=story_id, entity=entity, since=since)
    text = result.markdown() if format == "md" else result.html()
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.write_text(text, encoding="utf-8")
        info(f"wrote {out_file}")


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind; keep 127.0.0.1 unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """The web page and JSON API over the store (read-only)."""
    from .web import serve as run_server

    info(f"serving {state.db} on http://{host}:{port}  (JSON API under /api/, Ctrl-C to stop)")
    with errors_as_exits():
        run_server(state.db, host=host, port=port)


@app.command()
def process(
    archives: Annotated[list[str], typer.Argument(
        help="JSONL, JSONL.gz, or folders of HTML/digests/feeds.")],
    scheduler: Annotated[str | None, typer.Option(
        help="A Dask scheduler, tcp://HOST:8786; without it a local cluster starts.")] = None,
    workers: Annotated[int, typer.Option(
        min=0, help="Local cluster workers (0: run in this process, no Dask).")] = 2,
    partition_size: Annotated[int, typer.Option(min=1, help="Articles per partition.")] = 500,
    model: Annotated[str, typer.Option(help="spaCy model package to parse with.")] = (
        api.DEFAULT_MODEL),
) -> None:
    """Large archives on Dask workers; resumable: finished partitions are never redone."""
    from .process import process as run_process

    with errors_as_exits(), progress_bar() as progress:
        report = run_process(state.db, archives, scheduler=scheduler, workers=workers,
                             partition_size=partition_size, progress=progress, model=model)
    for error in report.errors:
        err.print(f"[yellow]skipped[/] {error}")
    info(f"{report.read} articles read, {report.added} new, {report.extracted} extracted; "
         f"partitions: {report.processed} processed, {report.skipped} already finished; "
         f"{report.articles_per_second:.1f} articles/s")
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def train(
    task: Annotated[str, typer.Argument(help="What to train: attribution.")],
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (its train split is used).")],
    out_file: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Model file (default ~/.cache/newsgraph/attribution-crf.model).",
    )] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Train on the first N articles.")] = None,
) -> None:
    """Train an optional learned component locally from a public data set (outside the project)."""
    if task != "attribution":
        err.print(f"[red]error:[/] unknown task {task!r}; the only trainable task is attribution")
        raise typer.Exit(EXIT_USAGE)
    with errors_as_exits():
        from .learn.attribution_tagger import train as run_training

        info("training the attribution tagger (parsing the train split takes a few minutes)")
        path = run_training(data, out_file, limit=limit)
    info(f"wrote {path}; score it with: newsgraph eval attribution --data {data} --model {path}")


@app.command(name="eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="What to score: " + ", ".join(api.EVAL_TASKS))],
    data: Annotated[Path, typer.Option(help="The evaluation set's folder.")],
    split: Annotated[
        str | None, typer.Option(help="Which split (default: the task's own).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Score only the first N documents.")
    ] = None,
    model: Annotated[Path | None, typer.Option(
        help="attribution only: score a locally trained tagger (newsgraph train) instead of "
             "the rules.")] = None,
) -> None:
    """Score a stage on a public evaluation set."""
    with errors_as_exits():
        if model is not None and task != "attribution":
            raise ConfigError("--model applies to the attribution task only")
        report = api.evaluate(task, data, split=split, limit=limit, model=model)
    def figure(value: object) -> str:
        if isinstance(value, (int, float)):
            return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"
        return "" if value is None else str(value)

    table = Table("metric", "ours", "published", box=None)
    for name, value in report.metrics.items():
        table.add_row(name, figure(value), figure(report.published.get(name)))
    out.print(f"[bold]{report.task}[/] on {report.data} ({report.split}, "
              f"{report.documents} documents)")
    out.print(table)
    for note in report.notes:
        out.print(f"[dim]{note}[/]")


def main() -> None:
    try:
        app()
    except InputError as exc:  # pragma: no cover - commands catch their own
        err.print(f"[red]error:[/] {exc}")
        sys.exit(EXIT_PARTIAL)
