"""Tense of the clause an expression sits in, from the spaCy parse (with a regex fallback).

Used to decide whether a bare weekday or month points back (past) or forward (future), and whether
an event is planned/expected.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ..nlp import modality as shared_modality


@lru_cache(maxsize=1)
def _tense_words() -> dict[str, Any]:
    """The verb lists of `data/tense.json`, read once."""
    return json.loads(resources.files("sitrep.time").joinpath("data", "tense.json").read_text(encoding="utf-8"))


def _word_set(name: str) -> set[str]:
    return set(_tense_words()[name])


def _aux_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The shared modal auxiliaries (`nlp/data/modality.json`) with this stage's overrides, split into those
    labelled "future" (a prediction: will, shall, 'll) and the other modals (could, may, must, would)."""
    aux = shared_modality.relabelled(shared_modality.lexicon().modal_aux, _tense_words()["modal_aux_overrides"])
    future = frozenset(w for w, lab in aux.items() if lab == "future")
    return future, frozenset(aux) - future


FUTURE_AUX, MODAL_AUX = _aux_sets()
PLAN_LEMMAS = _word_set("plan_lemmas")
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|won't|going to|plans? to|planned to|scheduled to|set to|expected to|due to|intends? to)\b",
    re.I,
)


def token_at(sdoc: Any, char: int) -> Any:
    """The spaCy token covering (or starting right after) character `char`."""
    if sdoc is None or len(sdoc) == 0:
        return None
    lo, hi = 0, len(sdoc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sdoc[mid].idx <= char:
            lo = mid
        else:
            hi = mid - 1
    return sdoc[lo]


def governing_verb(tok: Any, max_steps: int = 6) -> Any:
    """The nearest verb (or auxiliary/adjective-predicate) up the dependency tree from `tok`."""
    cur = tok
    for _ in range(max_steps):
        if cur is None:
            return None
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX", "ADJ") else None
        cur = cur.head
    return None


SCHEDULE_LEMMAS = _word_set("schedule_lemmas")


def verb_tense(verb: Any, irrealis: bool = False) -> str | None:
    """'future', 'modal', 'past', 'present' or None, from a verb token and its auxiliaries.

    Verbs of scheduling count as future: their time argument is the planned event's
    ("has scheduled talks for Wednesday", "a vote slated for Monday").
    With `irrealis` (event timeframes), an infinitive under a noun or adjective counts as future too.
    """
    if verb is None:
        return None
    if verb.lemma_ in SCHEDULE_LEMMAS:
        return "future"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (
        verb.dep_ == "xcomp" and verb.head.lemma_ in ("go",) and verb.head.tag_ == "VBG"
    ):
        return "future"
    infinitive = "to" in lowers and (verb.tag_ == "VB" or (verb.tag_ == "VBN" and "be" in lowers))
    if irrealis and infinitive and verb.head.i != verb.i and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return "future"  # "an agreement to be negotiated", "ready to negotiate": not (yet) realised
    if infinitive and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP"):
        return "future"  # "the army is to resume patrols Tuesday": be + to-infinitive, an arrangement
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_ in PLAN_LEMMAS:
            return "future"
        ht = verb_tense(head) if head.i != verb.i else None
        if ht in ("future", "modal"):
            return ht
    if lowers & MODAL_AUX:
        if "have" in lowers and verb.tag_ == "VBN":
            return "past"  # "may have been killed": a hedged past, not a plan
        return "modal"
    if (
        verb.lemma_ in ("plan", "schedule", "expect", "set", "due", "slate")
        and verb.tag_ == "VBN"
        and any(a.dep_ == "auxpass" for a in auxes)
    ):
        return "future"  # "was planned for late October", "is expected Tuesday"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and lowers & {"has", "have", "had"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def tense_at(sdoc: Any, text: str, start: int, end: int) -> str | None:
    """Tense of the clause governing the characters start..end."""
    if sdoc is not None:
        try:
            tok = token_at(sdoc, start)
            if tok is not None:
                return verb_tense(governing_verb(tok))
        except Exception:  # noqa: BLE001 - parse oddities must never break tagging
            return None
    # no parse: look for future markers in the surrounding sentence
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    b = text.find(".", end)
    sent = text[a : b if b >= 0 else len(text)]
    return "future" if _FUTURE_RE.search(sent) else None


# the shared reporting verbs (sitrep.nlp.modality) as this stage reads them (tense.json overrides)
REPORTING_LEMMAS = shared_modality.adjusted(
    frozenset(shared_modality.lexicon().reporting_verbs), _tense_words()["reporting_verb_overrides"])
SAME_PAST_FORMS = _word_set("same_past_forms")


def futurate_present(sdoc: Any, start: int) -> bool:
    """The expression's clause is in the simple present (or present progressive) of a verb that is not
    one of reporting and whose present cannot be a past form ("hit", "cut", "set" are both): in English
    such a present with a day of the week is an arrangement ahead ("the council meets Monday", "elders
    are meeting Tuesday"), the futurate present of English grammar."""
    if sdoc is None:
        return False
    try:
        tok = token_at(sdoc, start)
        verb = governing_verb(tok) if tok is not None else None
    except Exception:  # noqa: BLE001 - parse oddities must never break tagging
        return False
    if verb is None or verb.lemma_ in REPORTING_LEMMAS or verb.lower_ in SAME_PAST_FORMS:
        return False
    # the day must be the verb's own adverbial ("meet Monday", "meet on Monday"), not part of a noun phrase
    # ("follows Tuesday's decision", "the ministry on Thursday: ...")
    on_verb = tok.head.i == verb.i if tok.dep_ in ("npadvmod", "tmod") else (
        tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i == verb.i
    )
    if not on_verb:
        return False
    return verb_tense(verb) == "present" and verb.tag_ in ("VBZ", "VBP", "VBG", "VBN")
