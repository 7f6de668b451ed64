"""spaCy's rule lemmatizer over whole arrays, with its answer cached per (word, POS, morphology).

In `en_core_web_sm` the lemmatizer costs about a tenth of the pipeline on news copy, almost all of it
Python work per token: a `Token` object, a `MorphAnalysis` for the cache key, and for the tokens its own
cache leaves out (base forms, proper nouns, punctuation) the whole rule look-up again. The lemma
`rule_lemmatize` gives depends only on the token's ORTH, POS and MORPH (the English `is_base_form` reads
only POS and morphology), so `FastLemmatizer` reads those three columns with `Doc.to_array`, asks spaCy's
rule look-up once per distinct combination (with the lemma index as a set, not spaCy's list), and writes the LEMMA column back with `Doc.from_array`.
Tokens that already have a lemma (set by the attribute ruler) keep it, as in spaCy (`overwrite=False`).
tests/test_nlp_fast.py compares the two on text.

A lemmatizer in another mode, or one that overwrites, keeps spaCy's own `__call__` (`install` returns False).
"""

from __future__ import annotations

import types
from typing import Any

_CACHE_LIMIT = 500_000  # distinct (orth, pos, morph) keys kept; the cache is emptied past this


class FastLemmatizer:
    """The LEMMA column of a parsed document from `lemmatizer.lemmatize`, one call per distinct key."""

    def __init__(self, lemmatizer: Any) -> None:
        if (
            getattr(lemmatizer, "mode", None) != "rule"
            or getattr(lemmatizer, "overwrite", True)
            or getattr(lemmatizer, "lemmatize", None) != getattr(lemmatizer, "rule_lemmatize", None)
        ):
            raise ValueError("only a rule lemmatizer that does not overwrite is handled")
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        self._index_sets: dict[str, frozenset[str]] = {}

    def lemma(self, token: Any) -> str:
        """`rule_lemmatize(token)[0]` (spaCy 3.8's rule lemmatizer, step by step), with the lemma index of
        each POS as a set: spaCy keeps it as a list and tests `form in index` by scanning it."""
        lem = self.lemmatizer
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space") or lem.is_base_form(token):
            return str(lem.lemmatize(token)[0])  # spaCy's own path (a warning for an empty POS)
        index_table = lem.lookups.get_table("lemma_index", {})
        exc_table = lem.lookups.get_table("lemma_exc", {})
        rules_table = lem.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return string if univ_pos == "propn" else string.lower()
        index = self._index_sets.get(univ_pos)
        if index is None:
            index = self._index_sets[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        low = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if low.endswith(old):
                form = low[: len(low) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(low, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(string)
        return forms[0]

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lem = self.lemmatizer
        if not lem._validated:
            lem._validate_tables()
        n = len(doc)
        if n == 0:
            return doc
        try:
            arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
            cache = self.cache
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            strings = doc.vocab.strings
            out = arr[:, 3].copy()
            changed = False
            for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
                if lemma != 0:
                    continue
                key = (orth, pos, morph)
                h = cache.get(key)
                if h is None:
                    h = cache[key] = strings.add(self.lemma(doc[i]))
                out[i] = h
                changed = True
            if changed:
                doc.from_array([LEMMA], out)
            return doc
        except Exception as e:  # noqa: BLE001 - as spaCy's own component does
            lem.get_error_handler()(lem.name, lem, [doc], e)
            return doc


def install(nlp: Any) -> bool:
    """Make the pipeline's `lemmatizer` run through `FastLemmatizer`; False (nothing changed) if the
    pipeline has none or one this module does not handle."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lem = nlp.get_pipe("lemmatizer")
    try:
        fast = FastLemmatizer(lem)
    except ValueError:
        return False
    # `Language` calls `proc(doc)`, and Python looks `__call__` up on the type: swap in a subclass
    lem.__class__ = types.new_class(
        type(lem).__name__, (type(lem),), {}, lambda ns: ns.update({"__call__": lambda self, doc: fast(doc)})
    )
    lem._sitrep_fast = fast
    return True
