"""What every scorer returns, and the shared arithmetic of precision and recall."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError


@dataclass
class PRF:
    """Counts of true positives, predictions and gold items."""

    tp: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: float, predicted: float, gold: float) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold


@dataclass
class EvalReport:
    """The figures of one evaluation run.

    ``metrics`` maps a metric name ("value_f1") to a number in 0..1 or 0..100
    as the benchmark reports it; ``published`` gives the reference figures
    printed beside ours; ``notes`` are lines worth showing the user.
    """

    task: str
    data: str
    split: str
    metrics: dict[str, float]
    published: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    documents: int = 0


def require_dir(path: Path, what: str, expect: str) -> Path:
    """Fail with a helpful message unless ``path`` is a folder holding ``expect``."""
    if not path.exists():
        raise DataError(f"{what}: {path} does not exist")
    if expect and not (path / expect).exists():
        raise DataError(f"{what}: {path} has no {expect}; is this the right folder?")
    return path
