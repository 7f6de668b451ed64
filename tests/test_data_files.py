"""Integrity of every data file under src/sitrep/*/data (issue 19): each parses and is well-formed, no list
holds an entry twice, lists that contradict each other share no word, and every file is named in its
folder's README and read by some code. The checks are run on invented bad data too, so that each can fail.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"
DATA_FILES = sorted(p for p in SRC.glob("*/data/*") if p.is_file() and p.name != "README.md")
TEXT_SUFFIXES = (".json", ".tsv", ".txt", ".txt.gz")
BINARY_SUFFIXES = (".npz", ".sqlite")

# Rows of a TSV file may have this many fields (default: all rows as many as the first).
COLUMNS = {"generic.tsv": (3, 4)}

# Duplicates present when these tests were written, in files other engineers own; each is to be removed
# from its file and then from here. A duplicate not listed fails the test.
KNOWN_DUPLICATES = {
    ("actors/data/country_names.tsv", "Syria\tSYR"),
    ("actors/data/generic.tsv", "border agent\tpolice\tpolice"),
    ("actors/data/generic.tsv", "federal agent\tpolice\tpolice"),
}

# (file, list, file, list): no word may be in both (JSON paths as "key.key"; a dict's keys count as its words)
CONTRADICTORY = [
    ("actors/data/actors.json", "actors[].aliases", "actors/data/actors.json", "not_actors"),
    ("geo/data/common_words.txt", "", "geo/data/aliases.tsv", "0"),
    ("nlp/data/modality.json", "negation_words", "nlp/data/modality.json", "modal_aux"),
    ("nlp/data/modality.json", "negating_heads", "nlp/data/modality.json", "heads"),
    ("time/data/tense.json", "plan_lemmas", "nlp/data/modality.json", "reporting_verbs"),
]


def _rel(p: Path) -> str:
    return str(p.relative_to(SRC))


def _suffix(p: Path) -> str:
    return ".txt.gz" if p.name.endswith(".txt.gz") else p.suffix


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = Counter(k for k, _ in pairs)
    dup = sorted(k for k, n in keys.items() if n > 1)
    if dup:
        raise ValueError(f"duplicate keys {dup}")
    return dict(pairs)


def _rows(p: Path) -> list[str]:
    """The non-blank, non-comment lines of a TSV or text file."""
    text = gzip.decompress(p.read_bytes()).decode("utf-8") if p.name.endswith(".gz") else p.read_text("utf-8")
    return [line for line in text.split("\n") if line.strip() and not line.startswith("#")]


def json_problems(text: str) -> list[str]:
    """Why a JSON data file is not well-formed: duplicate keys, duplicate strings within one list."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except ValueError as exc:
        return [str(exc)]
    problems: list[str] = []

    def walk(obj: Any, path: str) -> None:
        if isinstance(obj, list):
            counts = Counter(x for x in obj if isinstance(x, str))
            problems.extend(f"{path}: {w}" for w, n in sorted(counts.items()) if n > 1)
            for v in obj:
                walk(v, path + "[]")
        elif isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, f"{path}.{k}")

    walk(data, "")
    return problems


def tsv_problems(rows: list[str], columns: tuple[int, int] | None = None) -> list[str]:
    """Why a TSV/text data file is not well-formed: duplicate rows, an empty first field, stray spaces
    around a field, rows with a number of fields other than the file's."""
    problems = [r for r, n in sorted(Counter(rows).items()) if n > 1]
    if not rows:
        return ["no rows"]
    lo, hi = columns or (len(rows[0].split("\t")),) * 2
    for r in rows:
        fields = r.split("\t")
        if not fields[0].strip():
            problems.append(f"empty first field: {r!r}")
        if any(f != f.strip() for f in fields):
            problems.append(f"space around a field: {r!r}")
        if not lo <= len(fields) <= hi:
            problems.append(f"{len(fields)} fields, expected {lo}-{hi}: {r!r}")
    return problems


@pytest.mark.parametrize("path", DATA_FILES, ids=_rel)
def test_data_file_is_well_formed(path: Path) -> None:
    suffix = _suffix(path)
    assert suffix in TEXT_SUFFIXES + BINARY_SUFFIXES, f"{_rel(path)}: a data file of unknown kind"
    if suffix == ".json":
        problems = json_problems(path.read_text(encoding="utf-8"))
    elif suffix in (".tsv", ".txt", ".txt.gz"):
        problems = tsv_problems(_rows(path), COLUMNS.get(path.name))
    else:
        head = path.read_bytes()[:16]
        assert head.startswith(b"SQLite format 3" if suffix == ".sqlite" else b"PK"), _rel(path)
        problems = []
    known = {entry for f, entry in KNOWN_DUPLICATES if f == _rel(path)}
    assert [p for p in problems if p not in known] == []


def test_known_duplicates_are_only_duplicates() -> None:
    """The list of known duplicates cannot hide a malformed row: each is a duplicate row or list entry."""
    for _, entry in KNOWN_DUPLICATES:
        assert entry.startswith(".") or "\t" in entry


def test_checks_can_fail() -> None:
    assert json_problems('{"verbs": ["say", "tell", "say"]}') == [".verbs: say"]
    assert json_problems('{"a": 1, "a": 2}') == ["duplicate keys ['a']"]
    assert json_problems('{"a": {"b": ["x"]}, "c": [["y", "y"]]}') == [".c[]: y"]
    assert tsv_problems(["kabul\tAF", "kabul\tAF"]) == ["kabul\tAF"]
    assert tsv_problems(["herat\tAF", "\tAF", "balkh \tAF", "kunar"]) == [
        "empty first field: '\\tAF'", "space around a field: 'balkh \\tAF'", "1 fields, expected 2-2: 'kunar'"]
    assert tsv_problems(["a\tb\tc", "d\te\tf\tg"], (3, 4)) == []


def _words(rel: str, path: str) -> set[str]:
    p = SRC / rel
    if p.suffix != ".json":
        col = int(path or 0)
        return {r.split("\t")[col].lower() for r in _rows(p)}
    obj: Any = json.loads(p.read_text(encoding="utf-8"))
    items = [obj]
    for part in path.split("."):
        key, many = part.removesuffix("[]"), part.endswith("[]")
        items = [x.get(key, []) for x in items]
        if many:
            items = [y for x in items for y in x]
    out: set[str] = set()
    for x in items:
        out |= {str(w).lower() for w in (x if isinstance(x, list | dict) else [x])}
    return out


@pytest.mark.parametrize(("file_a", "list_a", "file_b", "list_b"), CONTRADICTORY)
def test_contradictory_lists_share_no_word(file_a: str, list_a: str, file_b: str, list_b: str) -> None:
    a, b = _words(file_a, list_a), _words(file_b, list_b)
    assert a and b, "a list to compare is empty (a key renamed?)"
    assert sorted(a & b) == []


def test_every_data_file_is_in_its_readme_and_read_by_code() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    unread, undocumented = [], []
    for p in DATA_FILES:
        if p.name not in code:
            unread.append(_rel(p))
        if p.name not in (p.parent / "README.md").read_text(encoding="utf-8"):
            undocumented.append(_rel(p))
    assert (unread, undocumented) == ([], [])
