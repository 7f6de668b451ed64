"""Blocks of a batch run: input files cut into runs of `block_docs` lines, each with its part file.

A block is named by its file's index and its own index (`part-0003-000012.jsonl`), so a rerun over the
same inputs finds the same blocks. `_manifest.json` in the output folder records what the blocks were cut
from (path, size, modification time, block size): a resume is only allowed over the same inputs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "_manifest.json"


@dataclass
class Block:
    file_index: int
    index: int
    source: str  # the input file's path, for FILE:LINE in error records
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)

    @property
    def name(self) -> str:
        return f"part-{self.file_index:04d}-{self.index:06d}.jsonl"


def read_blocks(inputs: list[str], block_docs: int) -> Iterator[Block]:
    """Yield the blocks of `inputs` in order. Lines are decoded one by one, so an invalid UTF-8 byte
    costs its own line (an error record), not the file."""
    if block_docs < 1:
        raise ValueError("block_docs must be at least 1")
    for fi, path in enumerate(inputs):
        block = Block(fi, 0, path)
        with open(path, "rb") as f:
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    text = "\x00BAD-UTF8\x00" + str(exc)
                block.lines.append((n, text))
                if len(block.lines) >= block_docs:
                    yield block
                    block = Block(fi, block.index + 1, path)
        if block.lines:
            yield block


def manifest_for(inputs: list[str], block_docs: int) -> dict[str, object]:
    files = []
    for p in inputs:
        st = os.stat(p)
        files.append({"path": str(Path(p).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    return {"inputs": files, "block_docs": block_docs}


def check_manifest(out_dir: Path, manifest: dict[str, object], restart: bool) -> None:
    """Write the manifest of a new run; on a rerun, keep finished parts only if the inputs are the same."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MANIFEST
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = None
        if old != manifest:
            if not restart:
                raise ValueError(f"{out_dir} holds parts of a run over other inputs or another block size; "
                                 "pass --restart to discard them, or choose another --out")
            for p in out_dir.glob("part-*.jsonl"):
                p.unlink()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def write_part(out_dir: Path, block: Block, lines: list[str]) -> Path:
    """Write a part atomically (temporary file, then rename): a part that exists is complete, and every
    part ends with a newline, so `cat part-*.jsonl` is valid JSONL."""
    path = out_dir / block.name
    tmp = out_dir / (block.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path
