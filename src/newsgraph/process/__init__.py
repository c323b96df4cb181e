"""Distributed, resumable processing of large archives on Dask (``newsgraph process``).

``partitions`` cuts archives into stable units of work, ``tasks`` is what a
worker runs on one, ``writer`` is the single writer that stores results in
order, and ``runner.process`` drives them.
"""

from __future__ import annotations

from .partitions import Partition, finished_partitions, plan_partitions
from .runner import ProcessReport, process

__all__ = ["Partition", "ProcessReport", "finished_partitions", "plan_partitions", "process"]
