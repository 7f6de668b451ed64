"""What the benchmark scripts need and do not ship: the evaluation data of ../shared/eval (see its
README for the licences). `need(paths)` stops a script with one clear line when a file is missing."""

from __future__ import annotations

import sys
from pathlib import Path

HINT = ("the evaluation corpora are not part of sitrep: put the shared folder beside the clone "
        "(../shared/eval/data/*.jsonl) or pass the files explicitly")


def need(*paths: str | Path, usage: str = "") -> None:
    """Exit 2 with a message naming the missing files (and `usage`) unless every path exists."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        script = Path(sys.argv[0]).name
        print(f"{script}: not found: {', '.join(missing)}; {HINT}", file=sys.stderr)
        if usage:
            print(usage.strip(), file=sys.stderr)
        raise SystemExit(2)
