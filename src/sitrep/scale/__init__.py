"""Scale-out: `sitrep batch` over large JSONL archives on Dask distributed (all cores, or a cluster).

`blocks` cuts the inputs into blocks of documents and writes parts atomically; `work` is what one task
does; `runner` schedules the blocks (LocalCluster or a remote scheduler) and resumes finished runs.
"""

from __future__ import annotations

from .runner import BatchResult, run_batch
from .work import process_lines, process_numbered

__all__ = ["BatchResult", "process_lines", "process_numbered", "run_batch"]
