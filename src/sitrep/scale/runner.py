"""`sitrep batch`: blocks of an archive processed on Dask distributed, parts written as they finish.

One machine: a `distributed.LocalCluster` of `workers` processes, one thread each (spaCy holds the GIL),
each loading the model and gazetteer once. Many machines: start `dask scheduler` and `dask worker`
(sitrep installed on every worker) and pass the scheduler's address; the workers receive the lines of
each block and send back output lines, so they need no shared file system. `workers=1` with no scheduler
runs in this process, with no Dask at all (the reference the parallel run is compared with).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .blocks import Block, check_manifest, manifest_for, read_blocks, write_part
from .work import process_numbered


@dataclass
class BatchResult:
    documents: int = 0
    errors: int = 0
    parts: int = 0
    skipped_parts: int = 0  # finished in an earlier run (resume)


def _count(result: BatchResult, lines: list[str]) -> None:
    for line in lines:
        result.documents += 1
        if line.startswith('{"id"') and '"error"' in line[:400] and "error" in json.loads(line):
            result.errors += 1


def _bar(total: int | None, progress: bool | None) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="sitrep batch", file=sys.stderr)


def run_batch(
    inputs: list[str],
    out_dir: str | Path,
    workers: int = 2,
    scheduler: str | None = None,
    block_docs: int = 200,
    published: str | None = None,
    restart: bool = False,
    progress: bool | None = None,
    on_part: Callable[[Path], None] | None = None,
) -> BatchResult:
    out = Path(out_dir)
    check_manifest(out, manifest_for(inputs, block_docs), restart)
    result = BatchResult()
    todo: list[Block] = []
    total = 0
    for b in read_blocks(inputs, block_docs):
        if (out / b.name).exists():
            result.skipped_parts += 1
            _count(result, (out / b.name).read_text(encoding="utf-8").splitlines())
            continue
        todo.append(b)
        total += len(b.lines)
    bar = _bar(total, progress)

    def finish(b: Block, lines: list[str]) -> None:
        p = write_part(out, b, lines)
        result.parts += 1
        _count(result, lines)
        if bar is not None:
            bar.update(len(b.lines))
        if on_part is not None:
            on_part(p)

    try:
        if scheduler is None and workers <= 1:
            for b in todo:
                finish(b, process_numbered(b.lines, b.source, published))
        else:
            _distributed(todo, workers, scheduler, published, finish)
    finally:
        if bar is not None:
            bar.close()
    return result


def _distributed(todo: list[Block], workers: int, scheduler: str | None, published: str | None,
                 finish: Callable[[Block, list[str]], None]) -> None:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = iter(todo)
        by_key: dict[Any, Block] = {}  # Dask future key -> its block
        ac = as_completed()
        # at most two blocks in flight per worker: memory stays bounded on archives of any size
        for b in [b for _, b in zip(range(2 * n_workers), pending, strict=False)]:
            f = client.submit(process_numbered, b.lines, b.source, published, pure=False)
            by_key[f.key] = b
            ac.add(f)
        for f in ac:
            b = by_key.pop(f.key)
            finish(b, f.result())
            f.release()
            nxt = next(pending, None)
            if nxt is not None:
                g = client.submit(process_numbered, nxt.lines, nxt.source, published, pure=False)
                by_key[g.key] = nxt
                ac.add(g)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
