"""``process``: a large archive through the pipeline on Dask, resumable.

1. Plan deterministic partitions (``partitions.plan_partitions``) and drop the
   ones the store records as finished by an earlier run.
2. Compute partitions on Dask workers (``tasks.run_partition``): a local
   cluster of ``workers`` processes with one thread each (spaCy is
   CPU-bound and holds the GIL), or the cluster behind ``scheduler``. At most
   ``2 × workers + 1`` partitions are in flight or waiting, so the driver's
   memory stays flat however large the archive.
3. The driver, the single writer, stores results in partition order
   (``writer.Writer``) and marks each partition finished.
4. Cross-article linking (``pipeline.link``) runs once at the end; it is
   incremental, so a resumed run links only what is new.

``workers=0`` without a scheduler computes in the driver process itself: no
Dask, same results; useful for debugging and for small inputs. With
``scheduler``, ``workers`` is ignored; the cluster's workers need newsgraph and
the model installed and must see the archive paths (a shared file system):
partitions travel as paths and line ranges, not as text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, InputError
from ..extract.annotate import DEFAULT_MODEL
from ..pipeline import Progress, link
from ..store import open_store
from .partitions import Partition, finished_partitions, plan_partitions
from .tasks import PartitionResult, run_partition
from .writer import Writer

Run = Callable[[list[Partition]], Iterator[PartitionResult]]

# Dask's diagnostics (a 10 ms statistical profiler, a GIL monitor, fast event-loop
# ticks) cost a few per cent of CPU in every process whether anyone looks or not;
# a local batch run has no dashboard to feed, so they are off or slowed.
QUIET: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "200ms",
}


@dataclass
class ProcessReport:
    """What one ``process`` call did; filled in as partitions are written."""

    partitions: int = 0
    skipped: int = 0  # finished by an earlier run (or another process), not redone
    processed: int = 0
    read: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    extracted: int = 0
    redone: int = 0  # articles an interrupted run stored but had not extracted
    undated: int = 0
    words: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    write_seconds: float = 0.0  # driver time spent storing and linking
    worker_seconds: float = 0.0  # summed over partitions
    extract_seconds: float = 0.0  # of worker_seconds, in the extractors
    worker_peak_mb: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def process(
    store_url: str,
    archives: Sequence[str],
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 500,
    progress: Progress | None = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
) -> ProcessReport:
    """Read, extract and store ``archives`` on Dask; finished partitions are skipped."""
    if workers < 0:
        raise ConfigError(f"workers must be 0 (no Dask) or more, got {workers}")
    start = time.perf_counter()
    progress = progress or _noop
    plan = plan_partitions(archives, partition_size)
    report = ProcessReport(partitions=len(plan))
    store = open_store(store_url)
    try:
        done = finished_partitions(store)
        todo = [p for p in plan if p.id not in done]
        report.skipped = len(plan) - len(todo)
        progress("process", report.skipped, len(plan))
        writer = Writer(store, model)
        with _runner(scheduler, workers, model, batch_size) as run:
            for result in run(todo):
                _record(report, result, writer)
                progress("process", report.skipped + report.processed, len(plan))
        link(store, progress=progress)
    finally:
        store.close()
    report.seconds = time.perf_counter() - start
    return report


def _record(report: ProcessReport, result: PartitionResult, writer: Writer) -> None:
    t0 = time.perf_counter()
    counts = writer.write(result)
    report.write_seconds += time.perf_counter() - t0
    peak = report.worker_peak_mb.get(result.worker, 0.0)
    report.worker_peak_mb[result.worker] = max(peak, result.peak_rss_mb)
    if counts is None:  # another process finished it meanwhile
        report.skipped += 1
        return
    report.processed += 1
    report.read += len(result.items)
    report.words += result.words
    report.worker_seconds += result.seconds
    report.extract_seconds += result.extract_seconds
    report.errors += [e.error() for e in result.errors]
    report.added += counts.added
    report.duplicates += counts.duplicates
    report.near_duplicates += counts.near_duplicates
    report.extracted += counts.extracted
    report.redone += counts.redone
    report.undated += counts.undated


@contextmanager
def _runner(scheduler: str | None, workers: int, model: str, batch_size: int) -> Iterator[Run]:
    """A function from partitions to their results, in order, on the chosen executor."""
    if scheduler is None and workers == 0:
        yield lambda todo: (run_partition(p, model, batch_size) for p in todo)
        return
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(
            "distributed processing needs Dask: pip install 'newsgraph[distributed]'"
        ) from exc
    cluster: Any = None
    if scheduler is None:
        with dask.config.set(QUIET):  # the worker processes inherit it through their nannies
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, scheduler_port=0, silence_logs=logging.ERROR,
            )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        yield lambda todo: _ordered(client, todo, model, batch_size, window=2 * n + 1)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ordered(
    client: Any, todo: list[Partition], model: str, batch_size: int, window: int
) -> Iterator[PartitionResult]:
    """Results in partition order, with at most ``window`` partitions held at once."""
    from dask.distributed import as_completed

    queue = iter(enumerate(todo))
    index: dict[str, int] = {}  # future key -> partition number, for those in flight
    ready: dict[int, PartitionResult] = {}
    flow = as_completed()

    def submit() -> bool:
        nxt = next(queue, None)
        if nxt is None:
            return False
        i, partition = nxt
        future = client.submit(run_partition, partition, model, batch_size,
                               key=f"newsgraph-{partition.id}")
        index[future.key] = i
        flow.add(future)
        return True

    while len(index) < window and submit():
        pass
    want = 0
    for future in flow:
        ready[index.pop(future.key)] = future.result()  # a failed task raises here
        future.release()
        while want in ready:
            yield ready.pop(want)
            want += 1
        while len(index) + len(ready) < window and submit():
            pass


def _noop(stage: str, done: int, total: int | None) -> None:
    return None
