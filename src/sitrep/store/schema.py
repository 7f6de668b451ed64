"""Database schema (SQLAlchemy Core) and its ordered, versioned migrations.

The tables below describe the *latest* schema. `MIGRATIONS` is the ordered list of steps that brings a
database from any older version to it; `schema_version` records which steps have run. To change the
schema, edit the table here AND append a step (explicit DDL, e.g. ``ALTER TABLE``) with the next number;
never edit a step that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("published", String(10)),  # as given, else read from the dateline
    Column("text", Text, nullable=False),
    Column("document", JSON),  # the contract document (sitrep.document/1)
    Column("ingested_at", String(32), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_type", String(100)),  # ACLED event_type
    Column("sub_event_type", String(100)),  # ACLED sub_event_type
    Column("plover_event", String(20)),
    Column("plover_mode", String(50)),
    Column("country", String(2)),
    Column("admin1", String(10)),
    Column("date_lo", String(10)),  # first day the event's date can mean
    Column("date_hi", String(10)),  # last day
    Column("span_class", Integer),  # class of date_hi - date_lo (merge.SPAN_CLASS_DAYS): bounds merge look-ups
    Column("timeframe", String(12)),
    Column("status", String(12)),
    Column("confidence", Float),
    Column("n_articles", Integer, nullable=False, default=1),
    Column("actor_key", Text),  # "|"-joined sorted actor keys, for display/debugging
    Column("fatalities", Integer),  # magnitude.killed (filter: min fatalities)
    Column("lat", Float),  # the place's point (the page's map reads these without the JSON)
    Column("lon", Float),
    Column("actor_names", Text),  # "|"-framed lower-case names and ids of actors and recipients (filter)
    Column("search_text", Text),  # evidence, claims, names and place: full-text search (FTS5 / tsvector)
    Column("data", JSON, nullable=False),  # merged contract event (without sources)
    Column("explanation", JSON),  # why the mentions were merged
    Column("updated_at", String(32), nullable=False),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", Text, nullable=False),  # the event id inside its article
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("data", JSON, nullable=False),  # the article's contract event
    Column("evidence", JSON),  # [{"start", "end", "text"}] in the article's text
    Column("reason", JSON),  # why it joined its merged event
    UniqueConstraint("article_id", "local_id", name="uq_mention_article_local"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", Integer, ForeignKey("event_mentions.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("article_id", Text, nullable=False),
    Column("source_id", Text),
    Column("source_name", Text),
    Column("speaker", Text),
    Column("stance", String(10)),
    Column("channel", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(50)),
    Column("country", String(3)),
)

places = Table(
    "places",
    metadata,
    Column("key", Text, primary_key=True),  # geonameid, else "name|lat|lon"
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2)),
    Column("admin1_code", String(10)),
    Column("admin1_name", Text),
    Column("kind", String(20)),
)

# `sitrep watch` (issue 17): per-source state, the items seen (by link and by content) and an alert outbox
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("source", Text, primary_key=True),  # a feed/page URL, a folder or a file, as given
    Column("kind", String(12)),  # "feed", "page", "folder", "file" (what it turned out to be)
    Column("etag", Text),  # validators of the last 200 response, for conditional requests
    Column("last_modified", Text),
    Column("body_hash", String(64)),  # sha256 of the last body (servers without validators)
    Column("last_checked", String(32)),
    Column("last_ok", String(32)),
    Column("failures", Integer, nullable=False, default=0),  # in a row; reset by a success
    Column("next_try", Float),  # epoch seconds before which the source is not fetched again
    Column("last_error", Text),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("key", Text, primary_key=True),  # normalised article link, or a file path
    Column("source", Text),
    Column("article_id", Text),  # the stored article's id
    Column("status", String(12)),  # "ingested", "duplicate", "skipped", "unreadable", "failed"
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fingerprint", String(64)),  # of the feed entry (title, summary, dates) or the file bytes
    Column("content_hash", String(64)),  # of the article read (text, title, date, url)
    Column("signature", JSON),  # MinHash values of the article's text (near-duplicate detection)
    Column("duplicate_of", Text),
    Column("meta", JSON),  # what the feed entry said (title, published), for a retry without the feed
    Column("failures", Integer, nullable=False, default=0),
    Column("next_try", Float),
    Column("last_error", Text),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
)

watch_alerts = Table(
    "watch_alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", Text, nullable=False),  # the webhook URL
    Column("event_id", String(64), nullable=False),
    Column("kind", String(10), nullable=False),  # "new" or "changed"
    Column("payload", JSON, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", Float),
    Column("delivered_at", String(32)),
    Column("last_error", Text),
)

_V1_TABLES = (articles, events, event_mentions, claims, actors, places)


def _m1_initial(conn: Connection) -> None:
    for t in _V1_TABLES:
        t.create(conn, checkfirst=True)


_V2_INDEXES = {
    "ix_events_admin1_date": "events (admin1, date_lo)",
    "ix_events_country_date": "events (country, date_lo)",
    "ix_events_date": "events (date_lo)",
    "ix_events_status": "events (status)",
    "ix_events_type": "events (event_type)",
    "ix_mentions_event": "event_mentions (event_id)",
    "ix_mentions_article": "event_mentions (article_id)",
    "ix_claims_event": "claims (event_id)",
    "ix_claims_mention": "claims (mention_id)",
}


def _m2_indexes(conn: Connection) -> None:
    for name, target in _V2_INDEXES.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))


def _m3_search(conn: Connection) -> None:
    """Filter columns (fatalities, actor names, search text) filled from each event's data, and the
    full-text index: an FTS5 table kept by triggers on SQLite, a GIN tsvector index on PostgreSQL."""
    from .search import search_columns

    have = {c["name"] for c in inspect(conn).get_columns("events")}
    cols = (("fatalities", "INTEGER"), ("lat", "FLOAT"), ("lon", "FLOAT"), ("actor_names", "TEXT"),
            ("search_text", "TEXT"))
    for col, typ in cols:
        if col not in have:  # a store created at this version already has them (metadata.create_all)
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {col} {typ}"))
    # fill the new columns first: the index triggers below must only ever see rows the index holds
    rows = conn.execute(select(events.c.id, events.c.data)).all()
    for eid, data in rows:
        conn.execute(events.update().where(events.c.id == eid).values(**search_columns(data or {})))
    if conn.dialect.name == "sqlite":
        # external-content FTS5 over events.search_text, keyed by the events' rowid and kept by triggers
        # (after a VACUUM, which may renumber rowids: INSERT INTO events_fts(events_fts) VALUES('rebuild'))
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING "
                "fts5(search_text, content='events', content_rowid='rowid')"
            )
        )
        conn.execute(text("INSERT INTO events_fts(events_fts) VALUES ('rebuild')"))
        for ddl in (
            "CREATE TRIGGER IF NOT EXISTS events_fts_ins AFTER INSERT ON events BEGIN "
            "INSERT INTO events_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
            "CREATE TRIGGER IF NOT EXISTS events_fts_del AFTER DELETE ON events BEGIN "
            "INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
            "CREATE TRIGGER IF NOT EXISTS events_fts_upd AFTER UPDATE OF search_text ON events BEGIN "
            "INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
            "INSERT INTO events_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
        ):
            conn.execute(text(ddl))
    else:
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_events_fts ON events "
                "USING GIN (to_tsvector('simple', coalesce(search_text, '')))"
            )
        )
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_fatalities ON events (fatalities)"))
# keys built from article ids or entity text, of unbounded length: TEXT, not VARCHAR(n), on PostgreSQL
# (an article id of 190 characters made "<id>-ev-<name>" actor ids over 200); SQLite ignores lengths
_V4_TEXT_COLUMNS = (
    ("articles", "id"),
    ("event_mentions", "article_id"),
    ("event_mentions", "local_id"),
    ("claims", "article_id"),
    ("claims", "source_id"),
    ("actors", "id"),
    ("places", "key"),
)


def _m4_text_keys(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table, column in _V4_TEXT_COLUMNS:
        conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT"))


def _m5_watch(conn: Connection) -> None:
    for t in (watch_sources, watch_items, watch_alerts):
        t.create(conn, checkfirst=True)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_watch_items_source ON watch_items (source)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_watch_items_retry ON watch_items (status, next_try)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_watch_alerts_pending ON watch_alerts (delivered_at, target)"))


def _m6_span_class(conn: Connection) -> None:
    """The date-span class of every event (`merge.span_class`, filled in SQL) and an index on (country,
    province, class, first day): a merge-candidate look-up reads each class's rows between two bounds of
    date_lo instead of every earlier event of the province."""
    from .merge import SPAN_CLASS_DAYS

    have = {c["name"] for c in inspect(conn).get_columns("events")}
    if "span_class" not in have:  # a store created at this version has it (metadata.create_all)
        conn.execute(text("ALTER TABLE events ADD COLUMN span_class INTEGER"))
    if conn.dialect.name == "postgresql":
        days = "abs(CAST(date_hi AS date) - CAST(date_lo AS date))"
    else:
        days = "abs(CAST(round(julianday(date_hi) - julianday(date_lo)) AS INTEGER))"
    cases = " ".join(f"WHEN {days} <= {bound} THEN {k}" for k, bound in enumerate(SPAN_CLASS_DAYS))
    conn.execute(
        text(
            f"UPDATE events SET span_class = CASE WHEN date_lo IS NULL OR date_hi IS NULL THEN NULL "
            f"{cases} ELSE {len(SPAN_CLASS_DAYS)} END"
        )
    )
    conn.execute(
        text("CREATE INDEX IF NOT EXISTS ix_events_place_span_date ON events (country, admin1, span_class, date_lo)")
    )


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: articles, events, event_mentions, claims, actors, places", _m1_initial),
    (2, "query indexes", _m2_indexes),
    (3, "filter columns (fatalities, point, actor names) and full-text search over events", _m3_search),
    (4, "unbounded text keys (article, mention, actor, place ids)", _m4_text_keys),
    (5, "watch: per-source state, items seen, alert outbox", _m5_watch),
    (6, "date-span class of events, and a merge look-up index bounded on both sides", _m6_span_class),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    schema_version.create(conn, checkfirst=True)
    v = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc())).first()
    return int(v[0]) if v else 0


def migrate(conn: Connection) -> list[int]:
    """Apply every step newer than the database's version, in order, in the caller's transaction."""
    if conn.dialect.name == "postgresql":  # one migrator at a time
        conn.execute(text("SELECT pg_advisory_xact_lock(727172)"))
    have = current_version(conn)
    applied = []
    for version, description, step in MIGRATIONS:
        if version <= have:
            continue
        step(conn)
        conn.execute(
            schema_version.insert().values(
                version=version, description=description, applied_at=datetime.now(UTC).isoformat()
            )
        )
        applied.append(version)
    return applied
