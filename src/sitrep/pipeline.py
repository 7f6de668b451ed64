"""Pipeline: an ordered list of stage components over `Document`s.

A stage is any callable `Document -> Document` registered under a name with `@register("name")`
(the spaCy idea of a component registry). The default order is

    nlp -> actors -> places -> times -> events -> claims -> acled_actors

`Pipeline.pipe()` streams many documents: spaCy runs over them in batches (`nlp.pipe`), then each
later stage runs document by document. A document that fails in any stage comes out with
`doc.meta["error"]` set and the stream goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from .document import Document

DEFAULT_STAGES: tuple[str, ...] = ("nlp", "actors", "places", "times", "events", "claims", "acled_actors")

# module that registers each stage, imported lazily so that `sitrep --help` stays fast
_STAGE_MODULES = {
    "nlp": "sitrep.nlp",
    "actors": "sitrep.actors",
    "places": "sitrep.geo",
    "times": "sitrep.time",
    "events": "sitrep.events",
    "claims": "sitrep.claims",
    "acled_actors": "sitrep.actors.acled",
}


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


_REGISTRY: dict[str, Callable[[], Stage]] = {}


def register(name: str) -> Callable[[Callable[[], Stage]], Callable[[], Stage]]:
    """Register a stage factory under `name` (a class or a function returning a stage)."""

    def deco(factory: Callable[[], Stage]) -> Callable[[], Stage]:
        _REGISTRY[name] = factory
        return factory

    return deco


def get_stage(name: str) -> Stage:
    if name not in _REGISTRY and name in _STAGE_MODULES:
        importlib.import_module(_STAGE_MODULES[name])
    if name not in _REGISTRY:
        raise KeyError(f"no pipeline stage named {name!r}; known: {sorted(set(_REGISTRY) | set(_STAGE_MODULES))}")
    return _REGISTRY[name]()


class Pipeline:
    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, batch_size: int = 16):
        self.stage_names = tuple(stages)
        self.stages: list[Stage] = [get_stage(n) for n in self.stage_names]
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run every stage over `docs`, in order; errors are recorded per document, never raised."""
        stream: Iterable[Document] = docs
        for stage in self.stages:
            batch_pipe = getattr(stage, "pipe", None)
            if batch_pipe is not None:
                stream = batch_pipe(stream, batch_size=self.batch_size)
            else:
                stream = _map_safely(stage, stream)
        yield from stream


def _map_safely(stage: Stage, docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        if "error" not in doc.meta:
            try:
                doc = stage(doc)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
                doc.meta["error"] = f"{stage.name} stage failed: {type(exc).__name__}: {exc}"
        yield doc


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide default pipeline (models and gazetteer loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
