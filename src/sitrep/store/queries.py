"""The store's read side: filtered searches, points, one event with its sources, facets, documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Engine, func, or_, select, text

from ..records import ActorRecord, DocumentRecord, SourceRecord, StoredEvent
from .schema import actors, articles, event_mentions, events, places
from .search import fts5_query, like_pattern, words

# pages up to this many events are read ids first, then data (see `search_events`)
PAGE_BY_IDS = 5000


class StoreQueries:
    """Read queries of `Store` (a mixin: it uses the store's `engine`)."""

    engine: Engine

    # ------------------------------------------------------------------------------ queries
    def _conditions(
        self,
        *,
        country: str | None = None,
        admin1: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        status: str | None = None,
        timeframe: str | None = None,
        actor: str | None = None,
        q: str | None = None,
        min_fatalities: int | None = None,
        min_confidence: float | None = None,
    ) -> list[Any]:
        conds: list[Any] = []
        if country:
            conds.append(events.c.country == country.upper())
        if admin1:
            conds.append(events.c.admin1 == admin1.upper())
        if since:
            conds.append(events.c.date_hi >= since)
        if until:
            conds.append(events.c.date_lo <= until)
        if type:
            conds.append(
                or_(
                    func.lower(events.c.event_type) == type.lower(),  # any case: "battles", "Armed clash"
                    func.lower(events.c.sub_event_type) == type.lower(),
                    events.c.plover_event == type.upper(),
                )
            )
        if status:
            conds.append(events.c.status == status)
        if timeframe:
            conds.append(events.c.timeframe == timeframe)
        if actor and actor.strip():
            conds.append(events.c.actor_names.like(like_pattern(actor.strip()), escape="\\"))
        if q and words(q):
            if self.engine.dialect.name == "sqlite":
                conds.append(
                    text("events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH :fts)").bindparams(
                        fts=fts5_query(q)
                    )
                )
            else:
                conds.append(
                    text(
                        "to_tsvector('simple', coalesce(events.search_text, '')) @@ "
                        "plainto_tsquery('simple', :tsq)"
                    ).bindparams(tsq=" ".join(words(q)))
                )
        if min_fatalities is not None and min_fatalities > 0:
            conds.append(events.c.fatalities >= min_fatalities)
        if min_confidence is not None and min_confidence > 0:
            conds.append(events.c.confidence >= min_confidence)
        return conds

    def query_events(
        self,
        *,
        limit: int | None = 100,
        offset: int = 0,
        with_sources: bool = True,
        **filters: Any,
    ) -> list[StoredEvent]:
        """Merged events matching every filter given, newest first. Filters: `country`, `admin1`,
        `since`/`until` (ISO dates, inclusive), `type` (an ACLED event type or sub-event type or a PLOVER
        event), `status`, `timeframe`, `actor` (part of an actor's or recipient's name or id), `q` (words
        that must all occur in the event's evidence, claims, names or place: full text), `min_fatalities`,
        `min_confidence`."""
        return self.search_events(limit=limit, offset=offset, with_sources=with_sources, **filters)[1]

    def search_events(
        self,
        *,
        limit: int | None = 100,
        offset: int = 0,
        with_sources: bool = True,
        with_total: bool = True,
        **filters: Any,
    ) -> tuple[int, list[StoredEvent]]:
        """(how many events match the filters in all, the page of them at `offset`); see `query_events`."""
        conds = self._conditions(**filters)
        order = (events.c.date_lo.is_(None), events.c.date_lo.desc(), events.c.confidence.desc(), events.c.id)
        with self.engine.connect() as conn:
            if limit is not None and limit <= PAGE_BY_IDS:
                # the page's ids first (the sort carries no JSON), then the data of those rows only: on a large
                # store a broad filter otherwise sorts every matching row with its data
                ids = [r[0] for r in conn.execute(
                    select(events.c.id).where(*conds).order_by(*order).offset(offset).limit(limit))]
                data = dict(conn.execute(select(events.c.id, events.c.data).where(events.c.id.in_(ids))).all()) \
                    if ids else {}
                out = [cast("StoredEvent", dict(data[i])) for i in ids if i in data]
            else:
                q = select(events.c.id, events.c.data).where(*conds).order_by(*order).offset(offset)
                if limit is not None:
                    q = q.limit(limit)
                out = [cast("StoredEvent", dict(r[1])) for r in conn.execute(q).all()]
            if with_sources and out:
                srcs = self._sources(conn, [e["id"] for e in out])
                for e in out:
                    e["sources"] = srcs.get(e["id"], [])
            total = len(out) + offset
            if with_total and (limit is None or len(out) >= limit or (offset and not out)):
                total = int(conn.execute(select(func.count()).select_from(events).where(*conds)).scalar_one())
        return total, out

    def event_points(self, **filters: Any) -> list[list[Any]]:
        """Every event matching the filters (see `query_events`) as a compact row: id, lat, lon (None
        when the event has no point), status, first day, fatalities, timeframe, number of articles."""
        conds = self._conditions(**filters)
        q = (
            select(
                events.c.id,
                events.c.lat,
                events.c.lon,
                events.c.status,
                events.c.date_lo,
                events.c.fatalities,
                events.c.timeframe,
                events.c.n_articles,
            )
            .where(*conds)
            .order_by(events.c.date_lo.is_(None), events.c.date_lo.desc(), events.c.id)
        )
        with self.engine.connect() as conn:
            return [
                [r[0], None if r[1] is None else round(r[1], 5), None if r[2] is None else round(r[2], 5), *r[3:]]
                for r in conn.execute(q).all()
            ]

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events)).scalar_one())

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def _sources(self, conn: Connection, ids: list[str]) -> dict[str, list[SourceRecord]]:
        q = (
            select(
                event_mentions.c.event_id,
                articles.c.id,
                articles.c.title,
                articles.c.url,
                articles.c.source,
                articles.c.published,
            )
            .join(articles, articles.c.id == event_mentions.c.article_id)
            .where(event_mentions.c.event_id.in_(ids))
            .order_by(articles.c.published, articles.c.id)
        )
        out: dict[str, list[SourceRecord]] = {}
        for eid, aid, title, url, source, published in conn.execute(q):
            lst = out.setdefault(eid, [])
            if all(s["id"] != aid for s in lst):
                lst.append({"id": aid, "title": title, "url": url, "source": source, "published": published})
        return out

    def get_event(self, eid: str) -> StoredEvent | None:
        """One merged event with its sources, and for each source article its text, the evidence
        spans and the claims (offsets into that text) to highlight."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events.c.data, events.c.explanation).where(events.c.id == eid)).first()
            if row is None:
                return None
            ev = cast("StoredEvent", dict(row[0]))
            ev["sources"] = self._sources(conn, [eid]).get(eid, [])
            q = (
                select(
                    event_mentions.c.article_id,
                    event_mentions.c.local_id,
                    event_mentions.c.data,
                    event_mentions.c.reason,
                    articles.c.title,
                    articles.c.url,
                    articles.c.source,
                    articles.c.published,
                    articles.c.text,
                )
                .join(articles, articles.c.id == event_mentions.c.article_id)
                .where(event_mentions.c.event_id == eid)
                .order_by(event_mentions.c.id)
            )
            arts: dict[str, dict[str, Any]] = {}
            for aid, local_id, data, reason, title, url, source, published, text in conn.execute(q):
                a = arts.setdefault(
                    aid,
                    {
                        "id": aid,
                        "title": title,
                        "url": url,
                        "source": source,
                        "published": published,
                        "text": text,
                        "mentions": [],
                    },
                )
                a["mentions"].append(
                    {
                        "event_id": local_id,
                        "status": data.get("status"),
                        "trigger": data.get("trigger"),
                        "evidence": data.get("evidence") or [],
                        "claims": data.get("claims") or [],
                        "why": reason,
                    }
                )
            ev["articles"] = list(arts.values())
        return ev

    def facets(self) -> dict[str, Any]:
        """What the filters can choose from: countries, provinces, types, statuses, date range."""
        with self.engine.connect() as conn:
            countries = sorted(c for c in conn.execute(select(events.c.country).distinct()).scalars() if c)
            admin1: dict[str, Any] = {}
            for code, name in conn.execute(
                select(places.c.admin1_code, places.c.admin1_name)
                .where(places.c.admin1_code.is_not(None))
                .distinct()
            ):
                admin1.setdefault(code, name)
            used = set(conn.execute(select(events.c.admin1).distinct()).scalars())
            types = sorted(t for t in conn.execute(select(events.c.event_type).distinct()).scalars() if t)
            subtypes = sorted(
                t for t in conn.execute(select(events.c.sub_event_type).distinct()).scalars() if t
            )
            plover = sorted(t for t in conn.execute(select(events.c.plover_event).distinct()).scalars() if t)
            statuses = sorted(t for t in conn.execute(select(events.c.status).distinct()).scalars() if t)
            timeframes = sorted(t for t in conn.execute(select(events.c.timeframe).distinct()).scalars() if t)
            lo, hi = conn.execute(select(func.min(events.c.date_lo), func.max(events.c.date_hi))).one()
            n_articles = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            n_events = conn.execute(select(func.count()).select_from(events)).scalar_one()
        return {
            "countries": countries,
            "admin1": [{"code": c, "name": admin1.get(c) or c} for c in sorted(c for c in used if c)],
            "types": types,
            "sub_types": subtypes,
            "plover": plover,
            "statuses": statuses,
            "timeframes": timeframes,
            "date_range": [lo, hi],
            "articles": int(n_articles),
            "events": int(n_events),
        }

    def event_documents(self, evs: Sequence[StoredEvent]) -> list[DocumentRecord]:
        """Wrap merged events as contract documents (one per event) for the `sitrep.export` functions."""
        ids = {
            a["id"]
            for e in evs
            for a in (e.get("actor") or []) + (e.get("recipient") or [])
            if a and a.get("id")
        }
        known: dict[str, ActorRecord] = {}
        if ids:
            with self.engine.connect() as conn:
                for aid, name, kind, country in conn.execute(
                    select(actors.c.id, actors.c.name, actors.c.kind, actors.c.country).where(
                        actors.c.id.in_(ids)
                    )
                ):
                    known[aid] = {"id": aid, "name": name, "kind": kind, "country": country, "mentions": []}
        docs: list[DocumentRecord] = []
        for e in evs:
            sources: Sequence[Mapping[str, Any]] = e.get("sources") or [{}]
            first = sources[0]
            refs = [a for a in (e.get("actor") or []) + (e.get("recipient") or []) if a and a.get("id")]
            docs.append(
                {
                    "schema": "sitrep.document/1",
                    "id": first.get("id") or e["id"],
                    "title": first.get("title"),
                    "url": first.get("url"),
                    "source": first.get("source"),
                    "published": first.get("published"),
                    "places": [],
                    "times": [],
                    "actors": [
                        known.get(a["id"], {**a, "kind": None, "country": None, "mentions": []}) for a in refs
                    ],
                    "events": [e],
                }
            )
        return docs

    def version(self) -> tuple[int, int, str | None]:
        """(events, mentions, last update): changes when events are added, removed or rebuilt (for
        caches over the store; a rebuild within the same second that changes no count is not seen)."""
        with self.engine.connect() as conn:
            n, last = conn.execute(select(func.count(), func.max(events.c.updated_at)).select_from(events)).one()
            m = conn.execute(select(func.count()).select_from(event_mentions)).scalar_one()
        return int(n), int(m), last

    def latest_date(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(events.c.date_hi))).scalar_one()
