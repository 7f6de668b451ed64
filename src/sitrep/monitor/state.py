"""What `sitrep watch` remembers between passes, kept in the store (schema migration 5): per source its
HTTP validators, failures and next try; per item (article link or file) what was read, its content hash
and MinHash signature; and the alert outbox. SQLite and PostgreSQL alike (SQLAlchemy Core).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, and_, or_, select

from ..store import Store
from ..store.schema import events, watch_alerts, watch_items, watch_sources


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class WatchState:
    """Reads and writes the watch tables of one `Store` (one writer: the watcher)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---------------------------------------------------------------------------------------- rows
    def _get(self, table: Table, key_col: str, key: str) -> dict[str, Any] | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c[key_col] == key)).mappings().first()
        return dict(row) if row else None

    def _put(self, table: Table, key_col: str, key: str, values: dict[str, Any]) -> None:
        with self.store.transaction() as conn:
            have = conn.execute(select(table.c[key_col]).where(table.c[key_col] == key)).first()
            if have is None:
                conn.execute(table.insert().values({key_col: key, **values}))
            elif values:
                conn.execute(table.update().where(table.c[key_col] == key).values(**values))

    def source(self, source: str) -> dict[str, Any] | None:
        return self._get(watch_sources, "source", source)

    def save_source(self, source: str, **values: Any) -> None:
        self._put(watch_sources, "source", source, values)

    def item(self, key: str) -> dict[str, Any] | None:
        return self._get(watch_items, "key", key)

    def save_item(self, key: str, **values: Any) -> None:
        """Insert or update an item; `first_seen` is set once, `last_seen` every time."""
        now = now_iso()
        values = {"last_seen": now, **values}
        if self.item(key) is None:
            values.setdefault("first_seen", now)
            values.setdefault("failures", 0)
        self._put(watch_items, "key", key, values)

    def due_retries(self, now: float) -> list[dict[str, Any]]:
        """Items whose last fetch failed and whose next try has come."""
        q = select(watch_items).where(
            watch_items.c.status == "failed", or_(watch_items.c.next_try.is_(None), watch_items.c.next_try <= now)
        ).order_by(watch_items.c.next_try, watch_items.c.key)
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def pending_retries(self) -> int:
        q = select(watch_items.c.key).where(watch_items.c.status == "failed")
        with self.store.engine.connect() as conn:
            return len(conn.execute(q).all())

    def signatures(self, since: str | None = None) -> list[tuple[str, list[int]]]:
        """(key, MinHash values) of the items ingested (last seen on or after `since`, an ISO time)."""
        conds = [watch_items.c.status == "ingested", watch_items.c.signature.is_not(None)]
        if since:
            conds.append(watch_items.c.last_seen >= since)
        q = select(watch_items.c.key, watch_items.c.signature).where(and_(*conds))
        with self.store.engine.connect() as conn:
            return [(k, list(sig)) for k, sig in conn.execute(q) if sig]

    def counts(self) -> dict[str, int]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(watch_items.c.status)).scalars().all()
        out: dict[str, int] = {}
        for s in rows:
            out[str(s)] = out.get(str(s), 0) + 1
        return out

    # ---------------------------------------------------------------------------------------- events
    def event_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """The merged events `ids` with the columns alert filters look at, and their data."""
        if not ids:
            return []
        cols = (events.c.id, events.c.country, events.c.event_type, events.c.sub_event_type,
                events.c.plover_event, events.c.status, events.c.n_articles, events.c.data)
        with self.store.engine.connect() as conn:
            rows = {r["id"]: dict(r) for r in conn.execute(select(*cols).where(events.c.id.in_(ids))).mappings()}
        return [rows[i] for i in ids if i in rows]

    # ---------------------------------------------------------------------------------------- alerts
    def queue_alert(self, target: str, event_id: str, kind: str, payload: dict[str, Any]) -> None:
        with self.store.transaction() as conn:
            conn.execute(watch_alerts.insert().values(
                target=target, event_id=event_id, kind=kind, payload=payload, created_at=now_iso(), attempts=0,
                next_try=None,
            ))

    def pending_alerts(self, target: str) -> list[dict[str, Any]]:
        """Undelivered alerts for `target`, oldest first."""
        q = select(watch_alerts).where(
            watch_alerts.c.target == target, watch_alerts.c.delivered_at.is_(None)
        ).order_by(watch_alerts.c.id)
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def alert_done(self, alert_id: int, *, delivered: bool, error: str | None = None,
                   next_try: float | None = None, attempts: int = 1) -> None:
        values: dict[str, Any] = {"attempts": attempts, "last_error": error, "next_try": next_try}
        if delivered:
            values["delivered_at"] = now_iso()
        with self.store.transaction() as conn:
            conn.execute(watch_alerts.update().where(watch_alerts.c.id == alert_id).values(**values))
