"""The matching step of spaCy's `attribute_ruler`, done by table look-up instead of spaCy's `Matcher`.

In `en_core_web_sm` the attribute ruler (179 patterns mapping tags to POS and morphology, and a few word
exceptions) costs as much as the parser on news copy: spaCy's `Matcher` tries every pattern at every
token. Every pattern in the model tests only a token's TAG, LOWER, DEP and IS_SPACE, so the set of
patterns a token starts (or continues) depends only on those four values; it is computed once per
distinct combination and cached. The matches come out in the order `AttributeRuler.match` gives them
(sorted by pattern number, then position), and spaCy's own `set_annotations` applies them, so the tokens
end up with the same attributes (tests/test_nlp_fast.py and `benchmarks/nlp_components.py --check`
compare the two on text).

A model whose patterns test anything else keeps spaCy's matcher (`install` returns False).
`SITREP_SPACY_MATCHER=1` keeps it too.
"""

from __future__ import annotations

import re
import types
from typing import Any

_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _pred(value: Any):
    """A test of one attribute value (a string or a bool) from a Matcher pattern value, or None if the
    value uses an operator this module does not know."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            s = frozenset(arg)
            return lambda v: v in s
        if op == "NOT_IN":
            s = frozenset(arg)
            return lambda v: v not in s
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: isinstance(v, str) and rx.search(v) is not None
    return None


class FastRuleMatcher:
    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        # (pattern number, match id, alternative, position) -> {attribute: test}
        self.specs: list[tuple[int, int, int, int, list[tuple[int, Any]]]] = []
        self.lengths: dict[tuple[int, int], int] = {}
        for i, entry in enumerate(ruler.patterns):
            m_id = strings[str(i)]
            for alt, pattern in enumerate(entry["patterns"]):
                if not pattern:
                    raise ValueError("empty pattern")
                self.lengths[(i, alt)] = len(pattern)
                for pos, tok in enumerate(pattern):
                    tests = []
                    for key, value in tok.items():
                        if key not in _ATTRS:
                            raise ValueError(f"attribute {key} is not supported")
                        p = _pred(value)
                        if p is None:
                            raise ValueError(f"value {value!r} is not supported")
                        tests.append((_ATTRS.index(key), p))
                    self.specs.append((i, m_id, alt, pos, tests))
        # a token's candidate patterns: those that test no LOWER, by (TAG, DEP, IS_SPACE); those that test
        # LOWER for equality or membership, by the word; those with a LOWER regular expression, always
        self.by_lower: dict[str, list[tuple[int, int, int, int, list[tuple[int, Any]]]]] = {}
        self.no_lower: list[tuple[int, int, int, int, list[tuple[int, Any]]]] = []
        self.lower_rx: list[tuple[int, int, int, int, list[tuple[int, Any]]]] = []
        for spec in self.specs:
            lower = self._lower_values(spec)
            if lower is None:
                self.no_lower.append(spec)
            elif lower == "regex":
                self.lower_rx.append(spec)
            else:
                for w in lower:
                    self.by_lower.setdefault(w, []).append(spec)
        self.cache: dict[tuple[int, int, int, bool], tuple[tuple[int, int, int, int], ...]] = {}
        self.no_lower_cache: dict[tuple[int, int, bool], tuple[tuple[int, int, int, int], ...]] = {}

    def _lower_values(self, spec: tuple[int, int, int, int, list[tuple[int, Any]]]) -> Any:
        i, _m, alt, pos, _tests = spec
        value = self.ruler.patterns[i]["patterns"][alt][pos].get("LOWER")
        if value is None:
            return None
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and "IN" in value:
            return list(value["IN"])
        return "regex"  # REGEX or NOT_IN: tested on every word

    def _states(self, key: tuple[int, int, int, bool], doc: Any) -> tuple[tuple[int, int, int, int], ...]:
        strings = doc.vocab.strings
        vals = (strings[key[0]] if key[0] else "", strings[key[1]] if key[1] else "",
                strings[key[2]] if key[2] else "", key[3])
        k3 = (key[0], key[2], key[3])
        base = self.no_lower_cache.get(k3)
        if base is None:
            base = tuple((i, m_id, alt, pos) for i, m_id, alt, pos, tests in self.no_lower
                         if all(p(vals[a]) for a, p in tests))
            self.no_lower_cache[k3] = base
        more = [(i, m_id, alt, pos) for i, m_id, alt, pos, tests in self.by_lower.get(vals[1], []) + self.lower_rx
                if all(p(vals[a]) for a, p in tests)]
        got = base + tuple(more) if more else base
        if len(self.cache) > 500_000:  # bounded on archives of any size
            self.cache.clear()
        self.cache[key] = got
        return got

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if len(doc) == 0:
            return []
        arr = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        cache = self.cache
        per_token = []
        for t, lo, d, sp in arr:
            key = (t, lo, d, bool(sp))
            st = cache.get(key)
            if st is None:
                st = self._states(key, doc)
            per_token.append(st)
        found: set[tuple[int, int, int, int]] = set()
        n = len(per_token)
        lengths = self.lengths
        for start, states in enumerate(per_token):
            for i, m_id, alt, pos in states:
                if pos:
                    continue
                length = lengths[(i, alt)]
                if length == 1:
                    found.add((i, m_id, start, start + 1))
                elif start + length <= n and all(
                    any(s[0] == i and s[2] == alt and s[3] == k for s in per_token[start + k])
                    for k in range(1, length)
                ):
                    found.add((i, m_id, start, start + length))
        return sorted(found)


def install(nlp: Any) -> bool:
    """Replace the matching step of the pipeline's `attribute_ruler` with `FastRuleMatcher`; False (and
    nothing changed) if the model has no attribute ruler or one with patterns this module cannot read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        fast = FastRuleMatcher(ruler)
    except (ValueError, KeyError, TypeError):
        return False
    ruler.match = types.MethodType(lambda self, doc: fast.match(doc), ruler)
    ruler._sitrep_fast = fast
    return True
