"""The watch loop: one pass over every source, then wait, until stopped.

A pass, per source: fetch the feed or page with a conditional request (a 304 or an unchanged body ends
there); for a feed, fetch each entry's article that is new or whose entry changed; read it (trafilatura);
skip it when it is not English, when its content is what is stored already, or when it is a near-duplicate
of a stored article (MinHash); run the pipeline over the rest, store them, queue alerts for the events they
made or changed. Failures (HTTP 5xx, timeouts, network errors) are recorded with a back-off and tried again
on a later pass. Then the alert outbox is delivered and one line is logged.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..document import Document
from ..store import IngestResult, Store, content_hash
from .alerts import AlertFilter, deliver, queue_for_article
from .dedupe import NearDuplicates, signature
from .feeds import Entry, parse_entries
from .fetch import FetchError, Response, backoff, fetch, normalize_link
from .reading import ReadResult, read_document, read_files
from .sources import Source, expand
from .state import WatchState, now_iso

DEDUPE_DAYS = 30  # articles ingested within this many days are compared for near-duplicates


@dataclass
class Settings:
    interval: float = 900.0  # seconds between passes
    timeout: float = 20.0  # per request
    retry_base: float = 60.0  # first back-off after a failure; doubles with each failure in a row
    retry_cap: float = 6 * 3600.0
    host_delay: float = 0.0  # at least this many seconds between two requests to one host
    alert_urls: tuple[str, ...] = ()
    alert_filter: AlertFilter = field(default_factory=AlertFilter)
    check_language: bool = True


@dataclass
class PassReport:
    number: int = 0
    sources: int = 0
    unchanged_sources: int = 0
    waiting_sources: int = 0
    new: int = 0
    reread: int = 0
    seen: int = 0
    duplicates: int = 0
    not_english: int = 0
    unreadable: int = 0
    failed: int = 0
    retries_pending: int = 0
    events: int = 0
    alerts_sent: int = 0
    alerts_failed: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    def line(self) -> str:
        parts = [
            f"pass {self.number}: {self.sources} source(s) ({self.unchanged_sources} unchanged"
            + (f", {self.waiting_sources} backing off" if self.waiting_sources else "") + ")",
            f"{self.new} new, {self.reread} re-read, {self.seen} seen, {self.duplicates} near-duplicate(s), "
            f"{self.not_english} not English, {self.unreadable} unreadable, {self.failed} failed",
            f"{self.events} event mention(s)",
        ]
        if self.alerts_sent or self.alerts_failed:
            parts.append(f"{self.alerts_sent} alert(s) sent, {self.alerts_failed} failed")
        if self.retries_pending:
            parts.append(f"{self.retries_pending} to retry later")
        line = "; ".join(parts) + f" in {self.seconds:.1f}s"
        if self.interrupted:
            line += " (interrupted)"
        if self.errors:
            more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
            line += " | errors: " + "; ".join(self.errors[:3]) + more
        return line


@dataclass
class Candidate:
    """An article to run the pipeline over and store, with the item state to save once it is stored."""

    doc: Document
    key: str
    sig: list[int] | None
    first_time: bool
    item: dict[str, Any]


class Watcher:
    def __init__(
        self,
        store: Store,
        specs: list[str] | tuple[str, ...],
        settings: Settings | None = None,
        pipeline: Any = None,
        log: Callable[[str], None] = print,
        clock: Callable[[], float] = time.time,
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.specs = list(specs)
        self.settings = settings or Settings()
        self._pipeline = pipeline
        self.log = log
        self.clock = clock
        self.stop = stop or threading.Event()
        self.state = WatchState(store)
        since = (datetime.now(UTC) - timedelta(days=DEDUPE_DAYS)).isoformat(timespec="seconds")
        self.near = NearDuplicates(self.state.signatures(since))
        self.passes = 0
        self._last_request: dict[str, float] = {}

    # ------------------------------------------------------------------------------------------ loop
    def run(self, once: bool = False) -> int:
        """Passes until stopped (or one with `once`); returns how many passes ran."""
        while not self.stop.is_set():
            self.log(self.run_pass().line())
            if once:
                break
            self.stop.wait(self.settings.interval)
        return self.passes

    def pipeline(self) -> Any:
        if self._pipeline is None:
            from ..pipeline import default_pipeline

            self._pipeline = default_pipeline()
        return self._pipeline

    def run_pass(self) -> PassReport:
        self.passes += 1
        rep = PassReport(number=self.passes)
        t0 = time.monotonic()
        sources, problems = expand(self.specs)
        rep.errors += problems
        rep.sources = len(sources)
        done: set[str] = set()
        for src in sources:
            if self.stop.is_set():
                rep.interrupted = True
                break
            try:
                self._source(src, rep, done)
            except Exception as exc:  # noqa: BLE001 - one source's bug must not stop the watcher
                rep.failed += 1
                rep.errors.append(f"{src.spec}: {type(exc).__name__}: {exc}")
        if not self.stop.is_set():
            self._retries(rep, done)
        if self.settings.alert_urls:
            d = deliver(self.state, list(self.settings.alert_urls), self.clock(), self.settings.timeout,
                        self.settings.retry_base)
            rep.alerts_sent, rep.alerts_failed = d.sent, d.failed
            if d.error:
                rep.errors.append(f"alert {d.error}")
        rep.retries_pending = self.state.pending_retries()
        rep.seconds = time.monotonic() - t0
        return rep

    # ------------------------------------------------------------------------------------------ fetching
    def _get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        host = url.split("/")[2] if "//" in url else url
        if self.settings.host_delay > 0 and host in self._last_request:
            wait = self._last_request[host] + self.settings.host_delay - time.monotonic()
            if wait > 0:
                self.stop.wait(wait)
        try:
            return fetch(url, etag=etag, last_modified=last_modified, timeout=self.settings.timeout)
        finally:
            self._last_request[host] = time.monotonic()

    def _fail_delay(self, failures: int, exc: FetchError) -> float:
        if not exc.retryable:
            return self.settings.retry_cap
        if exc.retry_after is not None:
            return min(self.settings.retry_cap, max(exc.retry_after, 1.0))
        return backoff(failures, self.settings.retry_base, self.settings.retry_cap)

    def _source(self, src: Source, rep: PassReport, done: set[str]) -> None:
        if src.kind != "url":
            self._files(src, rep, done)
            return
        now = self.clock()
        st = self.state.source(src.spec) or {}
        if st.get("next_try") and st["next_try"] > now:
            rep.waiting_sources += 1
            return
        try:
            resp = self._get(src.spec, st.get("etag"), st.get("last_modified"))
        except FetchError as exc:
            failures = int(st.get("failures") or 0) + 1
            delay = self._fail_delay(failures, exc)
            self.state.save_source(src.spec, failures=failures, next_try=now + delay, last_error=exc.reason,
                                   last_checked=now_iso())
            rep.failed += 1
            rep.errors.append(f"{src.spec}: {exc.reason} (try {failures}, next in {delay:.0f}s)")
            return
        ok = {"failures": 0, "next_try": None, "last_error": None, "last_checked": now_iso(), "last_ok": now_iso()}
        body_hash = hashlib.sha256(resp.body).hexdigest()
        if resp.not_modified or body_hash == st.get("body_hash"):
            rep.unchanged_sources += 1
            self.state.save_source(src.spec, **ok)
            return
        from ..ingest.sniff import sniff

        kind = "feed" if sniff(resp.body, resp.content_type) == "feed" else "page"
        cands: list[Candidate] = []
        if kind == "feed":
            for entry in parse_entries(resp.body, src.spec):
                if self.stop.is_set():
                    rep.interrupted = True
                    return  # validators not saved: the next run reads this feed again
                c = self._entry(src.spec, entry, rep, done)
                if c is not None:
                    cands.append(c)
        else:
            key = normalize_link(resp.url or src.spec)
            done.add(key)
            c = self._judge(src.spec, key, read_document(resp, key), self.state.item(key), {}, rep, None)
            if c is not None:
                cands.append(c)
        if self._store(cands, rep):
            self.state.save_source(src.spec, kind=kind, etag=resp.etag, last_modified=resp.last_modified,
                                   body_hash=body_hash, **ok)

    def _entry(self, spec: str, entry: Entry, rep: PassReport, done: set[str]) -> Candidate | None:
        key = normalize_link(entry.link) if entry.link else f"{spec}#{entry.id}"
        if key in done:
            return None
        done.add(key)
        item = self.state.item(key)
        if item is not None and item.get("fingerprint") == entry.fingerprint and item.get("status") != "failed":
            rep.seen += 1
            return None
        if item is not None and item.get("status") == "failed" and (item.get("next_try") or 0) > self.clock():
            return None  # waiting for its back-off; counted as a pending retry
        return self._article(spec, key, entry.link, entry.meta(), item, rep, entry)

    def _retries(self, rep: PassReport, done: set[str]) -> None:
        for item in self.state.due_retries(self.clock()):
            if self.stop.is_set():
                rep.interrupted = True
                return
            key = item["key"]
            meta = item.get("meta") or {}
            if key in done or not meta.get("link"):
                continue
            done.add(key)
            c = self._article(item.get("source") or "", key, meta["link"], meta, item, rep, None)
            self._store([c] if c else [], rep)

    def _article(self, spec: str, key: str, link: str | None, meta: dict[str, Any], item: dict[str, Any] | None,
                 rep: PassReport, entry: Entry | None) -> Candidate | None:
        """Fetch one article (or take a link-less entry's own text) and judge it."""
        fp = entry.fingerprint if entry else (item or {}).get("fingerprint")
        if not link:
            assert entry is not None
            return self._judge(spec, key, ReadResult(entry.document(key)), item, {"fingerprint": fp, "meta": meta},
                               rep, meta)
        cond = item if item and item.get("status") in ("ingested", "duplicate", "skipped") else {}
        try:
            resp = self._get(link, (cond or {}).get("etag"), (cond or {}).get("last_modified"))
        except FetchError as exc:
            failures = int((item or {}).get("failures") or 0) + 1
            delay = self._fail_delay(failures, exc)
            self.state.save_item(key, source=spec, status="failed", failures=failures, next_try=self.clock() + delay,
                                 last_error=exc.reason, meta=meta, fingerprint=fp)
            rep.failed += 1
            rep.errors.append(f"{link}: {exc.reason} (try {failures}, next in {delay:.0f}s)")
            return None
        if resp.not_modified:
            self.state.save_item(key, fingerprint=fp, meta=meta)
            rep.seen += 1
            return None
        extra = {"fingerprint": fp, "meta": meta, "etag": resp.etag, "last_modified": resp.last_modified}
        return self._judge(spec, key, read_document(resp, key, meta.get("published")), item, extra, rep, meta)

    # ------------------------------------------------------------------------------------------ judging
    def _judge(self, spec: str, key: str, read: ReadResult, item: dict[str, Any] | None, extra: dict[str, Any],
               rep: PassReport, meta: dict[str, Any] | None) -> Candidate | None:
        """Decide what to do with one article read: skip it (with its reason recorded) or store it."""
        base = {"source": spec, "failures": 0, "next_try": None, **extra}
        if read.doc is None:
            self.state.save_item(key, status="unreadable", last_error=read.error, **base)
            rep.unreadable += 1
            rep.errors.append(f"{key}: {read.error}")
            return None
        doc = read.doc
        if self.settings.check_language:
            from ..ingest.language import language_message, non_english

            lang = non_english(doc.text)
            if lang is not None:
                self.state.save_item(key, status="skipped", last_error=language_message(lang), **base)
                rep.not_english += 1
                rep.errors.append(f"{key}: {language_message(lang)}")
                return None
        chash = content_hash(doc.text, doc.title, doc.published, doc.url)
        if item is not None and item.get("content_hash") == chash and item.get("status") in ("ingested", "duplicate"):
            self.state.save_item(key, **base)
            rep.seen += 1
            return None
        sig = signature(doc.text)
        if sig is not None:
            dup = self.near.find(sig, exclude=key)
            if dup is not None:
                self.state.save_item(key, status="duplicate", duplicate_of=dup[0], content_hash=chash,
                                     last_error=f"near-duplicate of {dup[0]} (overlap {dup[1]:.2f})", **base)
                rep.duplicates += 1
                return None
            self.near.add(key, sig)  # so a copy later in this pass is caught too
        doc.meta["content_hash"] = chash
        first = item is None or not item.get("article_id")
        return Candidate(doc, key, sig, first, {"content_hash": chash, "signature": sig, **base})

    def _store(self, cands: list[Candidate], rep: PassReport) -> bool:
        """Run the pipeline over the candidates and store them (`iter_results` into `Store.ingest_stream`:
        one transaction per article, in order, lazily); True when every one was stored or judged, False
        when stopped before the end or when an article could not be stored (it is read again on a later
        pass: neither its state nor its source's is saved)."""
        if not cands:
            return True
        from ..pipeline import iter_results

        complete = True
        outcomes = self.store.ingest_stream(iter_results((c.doc for c in cands), self.pipeline))
        for c, out in zip(cands, outcomes, strict=False):
            doc = out.item
            if out.result is None and "error" in doc.meta:  # a stage failed or ran out of time
                self.near.remove(c.key)
                self.state.save_item(c.key, status="unreadable", last_error=str(doc.meta["error"]),
                                     **{k: v for k, v in c.item.items() if k not in ("signature", "content_hash")})
                rep.unreadable += 1
                rep.errors.append(f"{c.key}: {doc.meta['error']}")
            elif out.result is None:  # the store refused it (rolled back whole): tried again next pass
                self.near.remove(c.key)
                rep.failed += 1
                rep.errors.append(f"{c.key}: {out.error}")
                complete = False
            else:
                self._stored(c, doc, out.result, rep)
            if self.stop.is_set() and c is not cands[-1]:
                rep.interrupted = True
                return False
        return complete

    def _stored(self, c: Candidate, doc: Document, res: IngestResult, rep: PassReport) -> None:
        self.state.save_item(c.key, status="ingested", article_id=res.article_id, duplicate_of=None,
                             last_error=None, **c.item)
        if c.first_time:
            rep.new += 1
        else:
            rep.reread += 1
        rep.events += res.events
        article = {"id": res.article_id, "url": doc.url, "title": doc.title, "source": doc.source,
                   "published": doc.published.isoformat() if doc.published else None}
        queue_for_article(self.state, list(self.settings.alert_urls), self.settings.alert_filter,
                          res.event_ids, article, c.first_time and res.action == "added")

    # ------------------------------------------------------------------------------------------ files
    def _files(self, src: Source, rep: PassReport, done: set[str]) -> None:
        paths = [Path(src.spec)] if src.kind == "file" else None
        for _path, fkey, fp, results in read_files(Path(src.spec), paths, self.state):
            if self.stop.is_set():
                rep.interrupted = True
                return
            cands = []
            for read in results:
                if read.doc is None:  # a bad line or an unreadable file: reported; read again when it changes
                    rep.unreadable += 1
                    rep.errors.append(str(read.error))
                    continue
                key = read.doc.id
                if key in done:
                    continue
                done.add(key)
                c = self._judge(src.spec, key, read, self.state.item(key), {"fingerprint": None}, rep, None)
                if c is not None:
                    cands.append(c)
            if self._store(cands, rep):
                self.state.save_item(fkey, source=src.spec, status="read", fingerprint=fp)
            elif self.stop.is_set():
                rep.interrupted = True
                return
        self.state.save_source(src.spec, kind=src.kind, last_checked=now_iso(), last_ok=now_iso())
