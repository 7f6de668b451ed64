"""Pipeline: an ordered list of stage components over `Document`s.

A stage is any callable `Document -> Document` registered under a name with
`@register("name", default_config)` (spaCy's component registry): the factory is called with the stage's
settings as keyword arguments, the defaults updated by what a configuration gives (`Pipeline(config=...)`,
`Pipeline.from_config(FILE)`, `sitrep extract --config FILE`; see `sitrep.config`). The default order is

    nlp -> actors -> places -> times -> events -> claims -> acled_actors

`Pipeline.pipe()` streams many documents: spaCy runs over them in batches (`nlp.pipe`), then each
later stage runs document by document. A document that fails in any stage comes out with
`doc.meta["error"]` set and the stream goes on.

Each document has a time budget (`time_budget` seconds over all stages; default from the environment
variable SITREP_DOC_BUDGET, else 120; 0 turns it off). A document over it comes out with an error naming
the stage it was in, and the stream goes on. In the main thread a per-document stage is interrupted when
the budget runs out (SIGALRM; Python's regex engine and most library code check for signals); elsewhere
(API worker threads, Dask workers) and in batch stages (spaCy) the budget is checked when the stage
returns.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from .document import Document

log = logging.getLogger(__name__)

DEFAULT_STAGES: tuple[str, ...] = ("nlp", "actors", "places", "times", "events", "claims", "acled_actors")
DEFAULT_TIME_BUDGET = 120.0  # seconds per document over all stages


def default_time_budget() -> float | None:
    """SITREP_DOC_BUDGET (seconds; 0 = no budget), else DEFAULT_TIME_BUDGET."""
    raw = os.environ.get("SITREP_DOC_BUDGET")
    try:
        value = float(raw) if raw not in (None, "") else DEFAULT_TIME_BUDGET
    except ValueError:
        value = DEFAULT_TIME_BUDGET
    return value if value > 0 else None

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
    """What every stage has. A stage may also have (spaCy's component interface):

    - `initialize(self) -> None`: load its resources (model, gazetteer, dictionaries, classifier); called
      once by `Pipeline` when it is made, so that a missing resource is an error then and not in the first
      document; a stage called without it loads them on first use. Its `__init__` only keeps its settings.
    - `score(self, examples, ...) -> sitrep.scoring.Scores`: its figures on `sitrep.scoring.Example`s
      (processed documents with gold records), through the evaluation kit's scorer (`sitrep.scoring`).
    - `pipe(self, docs, batch_size)`: a batch stage (as `nlp`)."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


def initialize_stage(stage: Stage) -> None:
    """Call the stage's `initialize()` when it has one."""
    init = getattr(stage, "initialize", None)
    if init is not None:
        init()


StageConfig = dict[str, Any]  # a stage's settings: JSON/TOML scalars and lists, keyword arguments of its factory
StageFactory = Callable[..., Stage]

_REGISTRY: dict[str, StageFactory] = {}
_DEFAULT_CONFIGS: dict[str, StageConfig] = {}


def register(name: str, default_config: StageConfig | None = None) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under `name` (a class or a function returning a stage). `default_config`
    names every setting the stage takes and its default; the factory is called with them as keyword
    arguments (`factory(**settings)`), so the defaults must give the stage's standard behaviour."""

    def deco(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        _DEFAULT_CONFIGS[name] = dict(default_config or {})
        return factory

    return deco


def _load_stage(name: str) -> None:
    if name not in _REGISTRY and name in _STAGE_MODULES:
        importlib.import_module(_STAGE_MODULES[name])
    if name not in _REGISTRY:
        raise KeyError(f"no pipeline stage named {name!r}; known: {sorted(set(_REGISTRY) | set(_STAGE_MODULES))}")


def stage_defaults(name: str) -> StageConfig:
    """The settings stage `name` takes, with their defaults (a copy)."""
    _load_stage(name)
    return dict(_DEFAULT_CONFIGS[name])


def get_stage(name: str, config: StageConfig | None = None) -> Stage:
    """A new instance of stage `name`, with its default settings updated by `config`; a setting the stage
    does not take is a ValueError that names the ones it does."""
    _load_stage(name)
    defaults = _DEFAULT_CONFIGS[name]
    unknown = sorted(set(config or {}) - set(defaults))
    if unknown:
        takes = ", ".join(sorted(defaults)) or "none"
        raise ValueError(f"stage {name!r} has no setting {', '.join(map(repr, unknown))} (its settings: {takes})")
    settings = {**defaults, **(config or {})}
    return _REGISTRY[name](**settings)


class Pipeline:
    """The stages `stages` in order. `config` holds per-stage settings, ``{"nlp": {"fast_rules": True}}``
    (see `register`); `Pipeline.from_config` reads a whole configuration (stages, batch size, time budget
    and stage settings) from a TOML or JSON file."""

    def __init__(
        self,
        stages: Iterable[str] = DEFAULT_STAGES,
        batch_size: int = 16,
        time_budget: float | None | str = "env",
        config: dict[str, StageConfig] | None = None,
    ):
        self.stage_names = tuple(stages)
        config = config or {}
        unused = sorted(set(config) - set(self.stage_names))
        if unused:
            raise ValueError(f"settings given for stage(s) not in the pipeline: {', '.join(unused)}")
        self.stage_config: dict[str, StageConfig] = {n: dict(config.get(n) or {}) for n in self.stage_names}
        self.stages: list[Stage] = [get_stage(n, self.stage_config[n]) for n in self.stage_names]
        self.batch_size = batch_size
        self.time_budget: float | None = default_time_budget() if time_budget == "env" else time_budget  # type: ignore[assignment]
        self.initialize()

    def initialize(self) -> None:
        """Load every stage's resources (`initialize()`), in order; done when the pipeline is made."""
        for stage in self.stages:
            initialize_stage(stage)

    @classmethod
    def from_config(cls, source: str | os.PathLike[str] | dict[str, Any]) -> Pipeline:
        """A pipeline from a configuration file (`.toml` or `.json`) or its parsed dict; what it leaves out
        keeps its default (`sitrep.config`)."""
        from .config import load_config, pipeline_kwargs

        cfg = source if isinstance(source, dict) else load_config(source)
        return cls(**pipeline_kwargs(cfg))

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run every stage over `docs`, in order; errors are recorded per document, never raised."""
        spent: dict[int, float] = {}  # id(doc) -> seconds spent on it so far
        stream: Iterable[Document] = docs
        for stage in self.stages:
            batch_pipe = getattr(stage, "pipe", None)
            if batch_pipe is not None:
                stream = _timed_batch(stage, batch_pipe(stream, batch_size=self.batch_size), spent, self.time_budget)
            else:
                stream = _map_safely(stage, stream, spent, self.time_budget)
        for doc in stream:
            spent.pop(id(doc), None)
            if "error" not in doc.meta:
                drop_implausible_counts(doc)
            yield doc


MAX_PLAUSIBLE_COUNT = 1_000_000_000  # killed/injured/arrested over this are misreadings ("1,000,000,000,000")


def drop_implausible_counts(doc: Document) -> None:
    """Counts over MAX_PLAUSIBLE_COUNT become None, with a warning (logged and in doc.meta["warnings"])."""
    for ev in doc.events:
        for field in ("killed", "injured", "arrested"):
            value = getattr(ev, field, None)
            if isinstance(value, int | float) and value > MAX_PLAUSIBLE_COUNT:
                setattr(ev, field, None)
                msg = f"event {ev.id}: {field} count {value:,} is implausible (over {MAX_PLAUSIBLE_COUNT:,}); dropped"
                doc.meta.setdefault("warnings", []).append(msg)
                log.warning("%s: %s", doc.id, msg)


class BudgetExceeded(BaseException):
    """Raised inside a stage when its document's time budget runs out (a BaseException, so that a
    stage's own `except Exception` does not swallow it)."""


def _over_budget(doc: Document, stage: Stage, budget: float, spent: float) -> None:
    doc.meta["error"] = (
        f"{getattr(stage, 'name', stage)} stage: time budget of {budget:g} s per document exceeded "
        f"({spent:.1f} s); the text may be too long or pathological (SITREP_DOC_BUDGET raises the budget)"
    )


def _timed_batch(
    stage: Stage, stream: Iterable[Document], spent: dict[int, float], budget: float | None
) -> Iterator[Document]:
    """A batch stage's output, with the time between outputs charged to each document (checked after)."""
    t = time.monotonic()
    for doc in stream:
        now = time.monotonic()
        total = spent.get(id(doc), 0.0) + (now - t)
        spent[id(doc)] = total
        if budget is not None and "error" not in doc.meta and total > budget:
            _over_budget(doc, stage, budget, total)
        yield doc
        t = time.monotonic()


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _run_with_alarm(stage: Stage, doc: Document, seconds: float) -> Document:
    """stage(doc), interrupted by BudgetExceeded after `seconds` (main thread only)."""

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise BudgetExceeded()

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_timer = signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    started = time.monotonic()
    try:
        return stage(doc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_timer[0] > 0:  # someone else's timer was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(old_timer[0] - (time.monotonic() - started), 0.001), old_timer[1])


def _map_safely(
    stage: Stage,
    docs: Iterable[Document],
    spent: dict[int, float] | None = None,
    budget: float | None = None,
) -> Iterator[Document]:
    spent = {} if spent is None else spent
    for doc in docs:
        if "error" not in doc.meta:
            before = spent.get(id(doc), 0.0)
            t = time.monotonic()
            try:
                if budget is not None and before >= budget:
                    raise BudgetExceeded()
                if budget is not None and _alarm_usable():
                    doc = _run_with_alarm(stage, doc, budget - before)
                else:
                    doc = stage(doc)
            except BudgetExceeded:
                _over_budget(doc, stage, budget or 0.0, before + time.monotonic() - t)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
                doc.meta["error"] = f"{stage.name} stage failed: {type(exc).__name__}: {exc}"
            total = before + time.monotonic() - t
            spent[id(doc)] = total
            if budget is not None and "error" not in doc.meta and total > budget:
                _over_budget(doc, stage, budget, total)
        yield doc


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide default pipeline (models and gazetteer loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def iter_results(
    items: Iterable[Any], pipeline: Pipeline | Callable[[], Pipeline] | None = None
) -> Iterator[Any]:
    """THE runner: run `pipeline` over the `Document`s among `items` and yield every item in input order:
    each Document as the pipeline returned it (`doc.meta["error"]` set when a stage failed), every other
    item (an `ingest.InputError`, an error record) unchanged, at its place. `items` is read lazily, so a
    stream of any length runs in bounded memory; the pipeline batches the documents (`Pipeline.pipe`).

    `pipeline` is a pipeline (anything with `pipe`), or a function that makes one, or None for
    `default_pipeline()`; a function or None is called only when the first Document arrives, so a stream
    of input errors alone never loads the models. Used by `sitrep extract`, `sitrep batch`'s workers,
    `sitrep ingest`, `sitrep watch` and the API (`Store.ingest_stream` stores what it yields)."""
    it = iter(items)
    first: Document | None = None
    for item in it:  # the items before the first Document pass through before any model is loaded
        if isinstance(item, Document):
            first = item
            break
        yield item
    if first is None:
        return
    if pipeline is None:
        pipe: Any = default_pipeline()
    elif hasattr(pipeline, "pipe"):
        pipe = pipeline
    else:
        pipe = pipeline()
    order: deque[Any] = deque([first])

    def docs() -> Iterator[Document]:
        yield first
        for x in it:
            order.append(x)
            if isinstance(x, Document):
                yield x

    for doc in pipe.pipe(docs()):
        # the items before this document's input (pipe keeps order: the next Document queued is its input)
        while order and not isinstance(order[0], Document):
            yield order.popleft()
        if order:
            order.popleft()
        yield doc
    for x in order:
        if not isinstance(x, Document):
            yield x
