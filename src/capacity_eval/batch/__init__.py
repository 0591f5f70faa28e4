"""Batch scoring: many response files in, results, summaries, reports and errors out.

`run_batch(BatchOptions(...))` is the whole of it; `capacity-eval batch` is a thin
layer over it that adds signals, a progress bar and the closing table.
"""

from __future__ import annotations

from .runner import BatchOptions, BatchReport, run_batch

__all__ = ["BatchOptions", "BatchReport", "run_batch"]
