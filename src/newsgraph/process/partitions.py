"""Deterministic partitions of an archive, and the table that records finished ones.

An archive argument is a file or a directory (walked in sorted order, as
``ingest`` walks it). It is cut into partitions whose ids are stable across
runs, so a restarted run can skip what an earlier one finished:

* a JSONL (or JSONL.gz) file becomes line ranges of ``partition_size`` lines;
  a plain file also records each range's byte offset, so a worker seeks to it
  instead of reading the lines before it;
* consecutive files of any other readable format (HTML pages, digests, feeds,
  CSV) become chunks of ``partition_size`` files, read by ``read_sources``.

Input order is kept (partitions are numbered in reading order), because the
writer stores them in that order: near-duplicate decisions and entity ids then
come out exactly as a plain ``ingest`` of the same archive gives them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO, Literal

from ..errors import ConfigError, FormatError, InputError
from ..ingest.jsonl import record_to_article
from ..ingest.sources import STDIN, _walk, format_from_name, read_sources
from ..ingest.url import is_url
from ..model import RawArticle
from ..store.sql import SQLStore

Item = RawArticle | InputError


@dataclass(frozen=True)
class Partition:
    """One unit of work: a line range of one JSONL file, or a list of files."""

    id: str
    archive: str  # the JSONL file, or the argument the files were found under
    kind: Literal["lines", "files"]
    first_item: int  # 0-based line number, or index of the first file
    items: int  # lines (blank ones included) or files
    offset: int | None = None  # byte offset of the first line in a plain JSONL file
    gz: bool = False
    files: tuple[str, ...] = ()


def plan_partitions(archives: Sequence[str], partition_size: int = 500) -> list[Partition]:
    """Every partition of every archive, in reading order."""
    if partition_size < 1:
        raise ConfigError(f"partition size must be at least 1, got {partition_size}")
    if not archives:
        raise ConfigError("no archive given: name JSONL files or directories to process")
    out: list[Partition] = []
    for archive in archives:
        if archive == STDIN or is_url(archive):
            raise ConfigError(
                f"{archive}: process reads files and directories; use `ingest` for URLs and stdin"
            )
        root = Path(archive)
        if not root.exists():
            raise ConfigError(f"{archive}: no such file or directory")
        files = list(_walk(root, include_unknown=False)) if root.is_dir() else [root]
        if not files:
            raise ConfigError(f"{archive}: directory has no files newsgraph can read")
        run: list[Path] = []
        for file in files:
            if _is_jsonl_lines(file):
                out += _file_chunks(archive, run, partition_size)
                run = []
                out += _line_ranges(file, partition_size)
            else:
                run.append(file)
        out += _file_chunks(archive, run, partition_size)
    return out


def read_partition(partition: Partition) -> Iterator[Item]:
    """The raw articles (and input errors) of one partition, as ``read_sources`` gives them."""
    if partition.kind == "files":
        yield from read_sources(list(partition.files))
        return
    origin = partition.archive
    with _open(Path(origin), partition.gz) as fh:
        if partition.offset is not None:
            fh.seek(partition.offset)
            lines: Iterator[bytes] = islice(fh, partition.items)
        else:
            lines = islice(fh, partition.first_item, partition.first_item + partition.items)
        for number, raw in enumerate(lines, start=partition.first_item + 1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                reason = f"not UTF-8 text (byte 0x{raw[exc.start]:02X}); save the file as UTF-8"
                yield InputError(origin, reason, line=number)
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                reason = getattr(exc, "msg", None) or str(exc)
                yield FormatError(origin, f"not valid JSON ({reason})", line=number)
                continue
            yield record_to_article(record, origin, number)


# -- the partitions table (schema migration 2) ------------------------------------


def finished_partitions(store: SQLStore) -> set[str]:
    return {r[0] for r in store.query("SELECT partition_id FROM partitions")}


def mark_finished(store: SQLStore, partition: Partition, articles: int) -> None:
    """Record a partition as done; a redone partition keeps its first record."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        store.execute(
            "INSERT INTO partitions (partition_id, archive, first_item, items, articles, "
            "finished_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (partition.id, partition.archive, partition.first_item, partition.items, articles,
             now),
        )


# -- planning helpers -------------------------------------------------------------


def _is_jsonl_lines(file: Path) -> bool:
    """A JSONL file read line by line (a whole-file JSON array is read as one file)."""
    if format_from_name(file.name) != "jsonl":
        return False
    try:
        with _open(file, _is_gzip(file)) as fh:
            head = fh.read(4096)
    except (OSError, EOFError, gzip.BadGzipFile):
        return False  # unreadable: ``read_sources`` reports why, as one input error
    return not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _line_ranges(file: Path, size: int) -> list[Partition]:
    gz = _is_gzip(file)
    starts: list[tuple[int, int]] = []  # (line index, byte offset)
    count = offset = 0
    with _open(file, gz) as fh:
        for line in fh:
            if count % size == 0:
                starts.append((count, offset))
            count += 1
            offset += len(line)
    key = str(file.resolve())
    return [
        Partition(
            id=_partition_id(key, "lines", first, min(size, count - first)),
            archive=str(file), kind="lines", first_item=first,
            items=min(size, count - first), offset=None if gz else byte, gz=gz,
        )
        for first, byte in starts
    ]


def _file_chunks(archive: str, files: list[Path], size: int) -> list[Partition]:
    out = []
    for i in range(0, len(files), size):
        chunk = tuple(str(f) for f in files[i : i + size])
        key = "|".join(str(Path(f).resolve()) for f in chunk)
        out.append(Partition(
            id=_partition_id(key, "files", i, len(chunk)),
            archive=archive, kind="files", first_item=i, items=len(chunk), files=chunk,
        ))
    return out


def _partition_id(key: str, kind: str, first: int, items: int) -> str:
    return "p-" + hashlib.sha1(f"{kind}|{key}|{first}|{items}".encode()).hexdigest()[:16]


def _is_gzip(file: Path) -> bool:
    with file.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _open(file: Path, gz: bool) -> IO[bytes]:
    return gzip.open(file, "rb") if gz else file.open("rb")  # type: ignore[return-value]
