"""The event store: articles, their events merged across articles, claims, actors and places.

SQLite by default (a file path or ``sqlite:///...``), PostgreSQL with a ``postgresql://`` URL (psycopg 3).
Ingest is idempotent (an article is keyed on its id and a hash of its content) and transactional: one
transaction per article, so a crash never leaves half an article behind.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    Table,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from ..document import Document
from ..records import ActorRecord, DocumentRecord, EventRecord, PlaceRecord
from . import merge
from .queries import StoreQueries
from .regions import StoreRegions
from .schema import actors, articles, claims, event_mentions, events, migrate, places
from .search import search_columns
from .stream import StoreStream

DEFAULT_DB = "sitrep.db"
SQLITE_BUSY_MS = 60_000  # how long a SQLite writer waits for another one's lock
WRITE_RETRIES = 5  # a write transaction that still finds the database locked is tried again this often


def normalize_url(db: str | Path | None) -> str:
    """A SQLAlchemy URL from a file path, ``:memory:``, a ``sqlite://`` or a ``postgresql://`` URL."""
    s = str(db or DEFAULT_DB)
    if s.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + s.split("://", 1)[1]
    if "://" in s:
        return s
    if s == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(s).expanduser().resolve())


def make_engine(db: str | Path | None) -> Engine:
    url = normalize_url(db)
    if url.startswith("sqlite"):
        kw: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kw["poolclass"] = StaticPool
        engine = create_engine(url, **kw)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
            # the driver's own transaction handling off: sitrep emits BEGIN itself (below), so DDL is
            # transactional and writers can take the write lock up front
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            if url not in ("sqlite://", "sqlite:///:memory:"):
                for _ in range(50):  # a second process creating the same new file may hold it a moment
                    try:
                        cur.execute("PRAGMA journal_mode=WAL")
                        break
                    except Exception:  # noqa: BLE001 - sqlite3.OperationalError: database is locked
                        time.sleep(0.1)
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # a writing transaction takes the write lock at BEGIN (waiting up to the busy timeout), so two
            # writers never deadlock upgrading read locks and each one sees what the other committed
            immediate = conn.get_execution_options().get("sqlite_immediate")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def content_hash(
    text: str, title: str | None = None, published: str | date | None = None, url: str | None = None
) -> str:
    h = hashlib.sha256()
    for part in (text, title or "", str(published or ""), url or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _days_before(d: date, days: int | None) -> str | None:
    """The day `days` before `d` (ISO), or None for no bound (None, or before the first representable day)."""
    if days is None:
        return None
    try:
        return (d - timedelta(days=days)).isoformat()
    except OverflowError:
        return None


@dataclass
class IngestResult:
    article_id: str
    action: str  # "added", "replaced", "unchanged"
    events: int = 0  # article events stored
    merged: int = 0  # of which joined an existing merged event
    event_ids: list[str] = field(default_factory=list)  # the merged events the article's events are in


class Store(StoreQueries, StoreRegions, StoreStream):
    """The event store: the write side (ingest, recluster, merge) here; reads in `queries.py`, control
    periods in `regions.py`, streaming ingest (`ingest_stream`) in `stream.py`."""

    def __init__(self, db: str | Path | None = None, engine: Engine | None = None):
        self.engine = engine or make_engine(db)
        with self.transaction(lock=False) as conn:  # SQLite: BEGIN IMMEDIATE, so one process migrates
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------------------ ingest
    def has_article(self, article_id: str, chash: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.content_hash).where(articles.c.id == article_id)).first()
        return bool(row and row[0] == chash)

    def article_event_ids(self, article_id: str) -> list[str]:
        with self.engine.connect() as conn:
            ids = conn.execute(
                select(event_mentions.c.event_id)
                .where(event_mentions.c.article_id == article_id)
                .order_by(event_mentions.c.id)
            ).scalars()
            return list(dict.fromkeys(ids))

    def ingest(
        self, doc: Document | DocumentRecord | Mapping[str, Any], text: str | None = None, chash: str | None = None
    ) -> IngestResult:
        """Store one processed article: a `sitrep.document.Document`, or a contract document dict
        (`records.DocumentRecord`, read from JSON) together with its `text`. Same id and content as stored:
        nothing changes."""
        given_published: str | date | None
        if isinstance(doc, Mapping):
            contract = cast("DocumentRecord", doc)
            if text is None:
                text = str(doc.get("text") or "")
            given_published = contract.get("published")
        else:
            contract = doc.to_contract()
            text = doc.text
            given_published = doc.published
        assert text is not None
        chash = chash or content_hash(text, contract.get("title"), given_published, contract.get("url"))
        contract = _storable(contract)
        text = _storable(text)
        for attempt in range(WRITE_RETRIES):
            try:
                with self.transaction() as conn:
                    return self._ingest(conn, contract, text, chash)
            except OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == WRITE_RETRIES - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    @contextmanager
    def transaction(self, lock: bool = True) -> Iterator[Connection]:
        """One write transaction. SQLite: BEGIN IMMEDIATE (the write lock at once, waiting for another
        writer up to the busy timeout); PostgreSQL: an advisory lock, one writer at a time, so merges see
        each other."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn = conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                if lock and conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727173)")
                yield conn

    def _ingest(self, conn: Connection, doc: DocumentRecord, text: str, chash: str) -> IngestResult:
        aid = str(doc.get("id") or chash[:16])
        old = conn.execute(select(articles.c.content_hash).where(articles.c.id == aid)).first()
        action = "added"
        touched: set[str] = set()
        if old is not None:
            if old[0] == chash:
                return IngestResult(aid, "unchanged")
            action = "replaced"
            touched = set(
                conn.execute(
                    select(event_mentions.c.event_id).where(event_mentions.c.article_id == aid)
                ).scalars()
            )
            conn.execute(delete(claims).where(claims.c.article_id == aid))
            conn.execute(delete(event_mentions).where(event_mentions.c.article_id == aid))
            conn.execute(delete(articles).where(articles.c.id == aid))
            for eid in list(touched):  # events only this article fed go now, so their ids can be reused
                if (
                    conn.execute(
                        select(event_mentions.c.id).where(event_mentions.c.event_id == eid).limit(1)
                    ).first()
                    is None
                ):
                    conn.execute(delete(events).where(events.c.id == eid))
                    touched.discard(eid)
        stored_doc = {k: v for k, v in doc.items() if k != "text"}
        conn.execute(
            articles.insert().values(
                id=aid,
                content_hash=chash,
                title=doc.get("title"),
                url=doc.get("url"),
                source=doc.get("source"),
                published=doc.get("published"),
                text=text,
                document=stored_doc,
                ingested_at=_now(),
            )
        )
        self._upsert_actors(conn, doc.get("actors") or [])
        self._upsert_places(
            conn,
            [*(doc.get("places") or []), *(place for e in doc.get("events") or [] if (place := e.get("place")))],
        )
        res = IngestResult(aid, action)
        seen_local: set[str] = set()
        for i, ev in enumerate(doc.get("events") or []):
            local_id = str(ev.get("id") or f"e{i}")
            if local_id in seen_local:
                local_id = f"{local_id}#{i}"
            seen_local.add(local_id)
            eid, joined = self._add_mention(conn, aid, local_id, ev, exclude=res.event_ids)
            res.events += 1
            res.merged += int(joined)
            touched.add(eid)
            if eid not in res.event_ids:
                res.event_ids.append(eid)
        for eid in touched:
            self._rebuild_event(conn, eid)
        return res

    # ------------------------------------------------------------------------------ recluster
    def recluster(self) -> dict[str, int]:
        """Merge all stored article events again, in an order that depends on the stored content only
        (event date, then article id, then the event's id in its article), so the merged events no longer
        depend on the order the articles arrived in. Same criteria as ingest (`merge.match`); merged-event
        ids come from each cluster's first mention in that order. One transaction."""
        with self.transaction() as conn:
            rows = conn.execute(
                select(event_mentions.c.id, event_mentions.c.article_id, event_mentions.c.local_id,
                       event_mentions.c.data, event_mentions.c.event_id)
            ).all()
            before = int(conn.execute(select(func.count()).select_from(events)).scalar_one())

            def order(r: Any) -> tuple[str, str, str]:
                lo, _ = merge.date_bounds(r.data.get("date"))
                return (_iso(lo) or "9999-99-99", r.article_id, r.local_id)

            clusters: list[dict[str, Any]] = []
            by_place: dict[tuple[str | None, str | None], list[int]] = {}
            for r in sorted(rows, key=order):
                ev = r.data
                country, admin1 = merge.place_key(ev)
                lo, hi = merge.date_bounds(ev.get("date"))
                found: int | None = None
                why: dict[str, Any] | None = None
                if country and lo and hi and any(merge.type_key(ev)):
                    found, why = merge.best_match(
                        (
                            (ci, clusters[ci]["data"])
                            for ci in by_place.get((country, admin1), [])
                            if r.article_id not in clusters[ci]["articles"]  # the extractor kept them apart
                        ),
                        ev,
                    )
                if found is None:
                    digest = hashlib.sha1(f"{r.article_id}\x00{r.local_id}".encode()).hexdigest()[:16]
                    clusters.append({"id": "ev-" + digest, "members": [], "articles": set()})
                    ci, why = len(clusters) - 1, {"new": True}
                    if country:
                        by_place.setdefault((country, admin1), []).append(ci)
                else:
                    ci = found
                c = clusters[ci]
                c["members"].append((r, why))
                c["articles"].add(r.article_id)
                c["data"] = merge.merged_event(
                    c["id"],
                    [{"article_id": m.article_id, "local_id": m.local_id, "event": m.data, "reason": w}
                     for m, w in c["members"]],
                )
            moved = 0
            for c in clusters:
                eid = c["id"]
                exists = conn.execute(select(events.c.id).where(events.c.id == eid)).first() is not None
                if not exists:
                    self._insert_event(conn, eid, c["members"][0][0].data)
                for m, why in c["members"]:
                    moved += int(m.event_id != eid)
                    conn.execute(
                        update(event_mentions).where(event_mentions.c.id == m.id).values(event_id=eid, reason=why)
                    )
                    conn.execute(update(claims).where(claims.c.mention_id == m.id).values(event_id=eid))
            keep = {c["id"] for c in clusters}
            for (eid,) in conn.execute(select(events.c.id)).all():
                if eid not in keep:  # no mention points here any more
                    conn.execute(delete(events).where(events.c.id == eid))
            for eid in sorted(keep):
                self._rebuild_event(conn, eid)
            return {"mentions": len(rows), "events_before": before, "events_after": len(keep), "moved": moved}

    def _add_mention(
        self, conn: Connection, aid: str, local_id: str, ev: EventRecord, exclude: Iterable[str] = ()
    ) -> tuple[str, bool]:
        """Attach the article event to a matching merged event or to a new one: (its id, joined?)."""
        target, why = self._find_match(conn, ev, exclude=set(exclude))
        if target is None:
            eid = "ev-" + hashlib.sha1(f"{aid}\x00{local_id}".encode()).hexdigest()[:16]
            salt = 0
            while conn.execute(select(events.c.id).where(events.c.id == eid)).first() is not None:
                salt += 1  # the id is still used by an event other articles fed (this article was replaced)
                eid = "ev-" + hashlib.sha1(f"{aid}\x00{local_id}\x00{salt}".encode()).hexdigest()[:16]
            why = {"new": True}
            self._insert_event(conn, eid, ev)
        else:
            eid = target
        mid = conn.execute(
            event_mentions.insert()
            .values(
                article_id=aid,
                local_id=local_id,
                event_id=eid,
                data=ev,
                evidence=ev.get("evidence"),
                reason=why,
            )
            .returning(event_mentions.c.id)
        ).scalar_one()
        for c in ev.get("claims") or []:
            src: Mapping[str, Any] = c.get("source") or {}
            conn.execute(
                claims.insert().values(
                    mention_id=mid,
                    event_id=eid,
                    article_id=aid,
                    source_id=src.get("id"),
                    source_name=src.get("name"),
                    speaker=c.get("speaker"),
                    stance=c.get("stance"),
                    channel=c.get("channel"),
                    start=c.get("start"),
                    end=c.get("end"),
                    text=c.get("text"),
                )
            )
        return eid, target is not None

    def _find_match(
        self,
        conn: Connection,
        ev: Mapping[str, Any],
        exclude: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> tuple[str | None, dict[str, Any] | None]:
        """The best merged event this article event belongs to (never one of `exclude`: the events the
        same article already fed, as the extractor decided those are different events)."""
        q = self._candidates(ev)
        if q is None:
            return None, None
        rows = ((eid, data) for eid, data in conn.execute(q) if eid not in exclude)
        return merge.best_match(rows, ev)

    @staticmethod
    def _candidates(ev: Mapping[str, Any], bounded: bool = True) -> Select[Any] | None:
        """The query for the merged events `ev` may join (same province, type and dates within the window),
        ordered by id; None when `ev` cannot merge. `bounded`: each date-span class's rows are read between
        two bounds of date_lo (index ix_events_place_span_date), which selects the same rows as the plain
        window test alone (`bounded=False`, which reads every earlier event of the province)."""
        country, admin1 = merge.place_key(ev)
        lo, hi = merge.date_bounds(ev.get("date"))
        acled_type, plover_type = merge.type_key(ev)
        if not country or not lo or not hi or not (acled_type or plover_type):
            return None
        w = timedelta(days=merge.DATE_WINDOW_DAYS)
        top = (hi + w).isoformat()
        conds: list[Any] = [
            events.c.country == country,
            events.c.admin1 == admin1 if admin1 else events.c.admin1.is_(None),
            events.c.date_hi >= (lo - w).isoformat(),
            or_(
                events.c.event_type == acled_type if acled_type else events.c.event_type.is_(None),
                events.c.plover_event == plover_type if plover_type else False,  # type: ignore[arg-type]
            ),
        ]
        if not bounded:
            return select(events.c.id, events.c.data).where(*conds, events.c.date_lo <= top).order_by(events.c.id)
        # date_hi >= lo - w and date_hi - date_lo <= bound give date_lo >= lo - w - bound: one range of the
        # index per span class, as a UNION ALL (SQLite's planner reads the whole province for an OR of them)
        parts = []
        for k, bound in enumerate((*merge.SPAN_CLASS_DAYS, None)):
            span = [events.c.span_class == k, events.c.date_lo <= top]
            if (floor := _days_before(lo - w, bound)) is not None:
                span.append(events.c.date_lo >= floor)
            parts.append(select(events.c.id, events.c.data).where(*conds, *span))
        # a row without its class (written by a sitrep older than schema 6) is read as before
        unclassed = [events.c.span_class.is_(None), events.c.date_lo <= top]
        parts.append(select(events.c.id, events.c.data).where(*conds, *unclassed))
        found = union_all(*parts).subquery("candidates")
        return select(found.c.id, found.c.data).order_by(found.c.id)

    @staticmethod
    def _columns(data: Mapping[str, Any]) -> dict[str, Any]:
        acled = data.get("acled") or {}
        plover = data.get("plover") or {}
        country, admin1 = merge.place_key(data)
        lo, hi = merge.date_bounds(data.get("date"))
        keys = sorted(merge.actor_keys(data.get("actor") or []))
        return {
            "event_type": acled.get("event_type"),
            "sub_event_type": acled.get("sub_event_type"),
            "plover_event": plover.get("event"),
            "plover_mode": plover.get("mode"),
            "country": country,
            "admin1": admin1,
            "date_lo": _iso(lo),
            "date_hi": _iso(hi),
            "span_class": merge.span_class(lo, hi),
            "timeframe": data.get("timeframe"),
            "status": data.get("status"),
            "confidence": data.get("confidence"),
            "n_articles": int(data.get("n_articles") or 1),
            "actor_key": "|".join(keys),
            **search_columns(data),
            "data": data,
            "explanation": data.get("merge"),
            "updated_at": _now(),
        }

    def _insert_event(self, conn: Connection, eid: str, ev: Mapping[str, Any]) -> None:
        conn.execute(events.insert().values(id=eid, **self._columns({**ev, "id": eid})))

    def _rebuild_event(self, conn: Connection, eid: str) -> None:
        rows = conn.execute(
            select(
                event_mentions.c.article_id,
                event_mentions.c.local_id,
                event_mentions.c.data,
                event_mentions.c.reason,
            )
            .where(event_mentions.c.event_id == eid)
            .order_by(event_mentions.c.id)
        ).all()
        if not rows:
            conn.execute(delete(events).where(events.c.id == eid))
            return
        ms = [{"article_id": r[0], "local_id": r[1], "event": r[2], "reason": r[3]} for r in rows]
        data = merge.merged_event(eid, ms)
        conn.execute(update(events).where(events.c.id == eid).values(**self._columns(data)))

    @staticmethod
    def _upsert_actors(conn: Connection, items: Sequence[ActorRecord]) -> None:
        for a in items:
            if not a.get("id"):
                continue
            _insert_ignore(
                conn,
                actors,
                id=a["id"],
                name=a.get("name") or a["id"],
                kind=a.get("kind"),
                country=a.get("country"),
            )

    @staticmethod
    def _upsert_places(conn: Connection, items: Sequence[PlaceRecord]) -> None:
        seen: set[str] = set()
        for p in items:
            if not p.get("name"):
                continue
            key = str(p["geonameid"]) if p.get("geonameid") else f"{p['name']}|{p.get('lat')}|{p.get('lon')}"
            if key in seen:
                continue
            seen.add(key)
            _insert_ignore(
                conn,
                places,
                key=key,
                name=p["name"],
                geonameid=p.get("geonameid"),
                lat=p.get("lat"),
                lon=p.get("lon"),
                country_code=p.get("country_code"),
                admin1_code=p.get("admin1_code"),
                admin1_name=p.get("admin1_name"),
                kind=p.get("kind"),
            )


def _insert_ignore(conn: Connection, table: Table, **values: Any) -> None:
    """INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL): a row another writer stored first stays."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    conn.execute(dialect_insert(table).values(**values).on_conflict_do_nothing())


def _storable(obj: Any) -> Any:
    """`obj` with every NUL character in its strings replaced by U+FFFD (same length: offsets hold), as
    PostgreSQL refuses NUL in text and JSON; SQLite stores the same, so both stores agree."""
    if isinstance(obj, str):
        return obj.replace("\x00", "\ufffd") if "\x00" in obj else obj
    if isinstance(obj, dict):
        return {_storable(k): _storable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_storable(v) for v in obj]
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
