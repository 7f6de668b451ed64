"""Data files of the actors and claims stages: no duplicate keys or entries, and every reporting-frame kind
has cue words the frame finder can reach (its prefilter compares lower-case words and lemmas)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

FILES = [("sitrep.actors", "recognizer_words.json"), ("sitrep.actors", "acled_names.json"),
         ("sitrep.actors", "state_forces.json"), ("sitrep.claims", "frames.json"),
         ("sitrep.claims", "attributions.json"), ("sitrep.claims", "channels.json"),
         ("sitrep.claims", "modality.json")]


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    assert not dup, f"duplicate keys {dup}"
    return dict(pairs)


def _lists(obj: Any, path: str = "") -> list[tuple[str, list[Any]]]:
    if isinstance(obj, list):
        return [(path, obj)] + [x for i, v in enumerate(obj) for x in _lists(v, f"{path}[{i}]")]
    if isinstance(obj, dict):
        return [x for k, v in obj.items() for x in _lists(v, f"{path}.{k}")]
    return []


@pytest.mark.parametrize(("package", "name"), FILES)
def test_no_duplicate_keys_or_list_entries(package: str, name: str) -> None:
    text = (resources.files(package) / "data" / name).read_text(encoding="utf-8")
    data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    dups = {}
    for path, items in _lists(data):
        words = [x for x in items if isinstance(x, str)]
        d = sorted({w for w in words if words.count(w) > 1})
        if d:
            dups[path] = d
    assert dups == {}


def test_duplicate_key_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        json.loads('{"said": "asserts", "said": "denies"}', object_pairs_hook=_no_duplicate_keys)


def test_every_frame_kind_has_reachable_cues() -> None:
    from sitrep.claims.frames import _frame_words
    from sitrep.claims.lexicon import lexicon

    lex = lexicon()
    lemmas, lowers = _frame_words(lex)
    kinds = {
        "verb": set(lex.verbs), "passive": set(lex.passive_frames), "responsibility": set(lex.resp_verbs),
        "evidence": set(lex.evidence_verbs), "noun": set(lex.noun_frames), "according": set(lex.according),
        "hedge": set(lex.hedge_adverbs),
    }
    for kind, words in kinds.items():
        assert words, f"no cue words for {kind} frames"
        unreachable = sorted(w for w in words if w != w.lower() or (w not in lemmas and w not in lowers))
        assert unreachable == [], (kind, unreachable)
    stances = {"asserts", "denies", "reports", "hedges"}
    assert set(lex.verbs.values()) <= stances and set(lex.passive_frames.values()) <= stances
    assert set(lex.noun_frames.values()) <= stances
