"""A learned second opinion on the ACLED sub-event type of a sentence.

A multinomial logistic regression over (a) the WordLlama sentence embedding of the text (256 dimensions;
the `wordllama` package ships its weights and tokenizer in the wheel, MIT licence) and (b) one binary
feature per context-cue list of `cues.json` (the codebook's vocabulary: weapons, protest escalation,
parties...). It was trained only on examples the sitrep developers wrote from the ACLED codebook
(`training/events/*.jsonl`, see `training/README.md`); no evaluation text was used. The weights are the
file `data/acled_clf.npz` (written by `training/train_events.py`), read with numpy: no scikit-learn at
run time. Labels are the ACLED sub-event types plus `NONE` (outside ACLED's scope).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .lexicon import cue, load

NONE = "NONE"
_MODEL = "acled_clf.npz"


def cue_names() -> list[str]:
    """The cue lists used as features, in a fixed order (nested weapon lists as `weapon/<sub>`)."""
    out = []
    for name, v in sorted(load("cues.json").items()):
        if name in ("weapon_order",) or not isinstance(v, list | dict):
            continue
        if isinstance(v, dict):
            out += [f"{name}/{sub}" for sub in sorted(v)]
        else:
            out.append(name)
    return out


def cue_features(texts: list[str]) -> np.ndarray:
    names = cue_names()
    pats = [cue(*n.split("/", 1)) if "/" in n else cue(n) for n in names]
    out = np.zeros((len(texts), len(pats)), dtype=np.float32)
    for i, t in enumerate(texts):
        low = t.lower()
        for j, p in enumerate(pats):
            if p.search(low):
                out[i, j] = 1.0
    return out


@functools.cache
def _embedder() -> Any:
    import wordllama
    from wordllama import WordLlama

    # the wheel carries the weights and the tokenizer; `cache_dir` points at the package so that nothing
    # is fetched (the loader looks in <cache_dir>/tokenizers and <cache_dir>/weights)
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def features(texts: list[str]) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        emb = np.asarray(_embedder().embed(list(texts), norm=True), dtype=np.float32)
    # a text with no word the embedding knows has a zero vector, which normalising turns into NaN
    emb = np.nan_to_num(emb, nan=0.0)
    return np.hstack([emb, cue_features(list(texts))])


@functools.cache
def _model() -> tuple[np.ndarray, np.ndarray, list[str], dict[str, Any]]:
    path = resources.files("sitrep.events.data").joinpath(_MODEL)
    with path.open("rb") as f:
        z = np.load(f, allow_pickle=False)
        W, b = z["W"], z["b"]
        labels = [str(x) for x in z["labels"]]
        meta = json.loads(str(z["meta"]))
    return W, b, labels, meta


def available() -> bool:
    try:
        _model()
        _embedder()
    except (FileNotFoundError, ImportError, OSError):
        return False
    return True


def predict_proba(texts: list[str]) -> list[dict[str, float]]:
    """Probability of each label (ACLED sub-event types and NONE) for each text."""
    if not texts:
        return []
    W, b, labels, _ = _model()
    z = features(texts) @ W.T + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return [dict(zip(labels, map(float, row), strict=True)) for row in p]


def predict(text: str) -> tuple[str, float]:
    """The most probable label of one text and its probability."""
    p = predict_proba([text])[0]
    best = max(p, key=p.__getitem__)
    return best, p[best]
