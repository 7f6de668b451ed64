"""Alerts: new or changed merged events that match a filter are posted as JSON to a webhook.

Alerts go through an outbox in the store (`watch_alerts`): queued when an article is stored, delivered at
the end of the pass, and tried again on later passes (with back-off) when the receiver is down, so none
is lost to a restart or an outage. Payload (``"schema": "sitrep.alert/1"``)::

    {"schema": "sitrep.alert/1", "kind": "new"|"changed", "event": {...merged event...},
     "article": {"id", "url", "title", "source", "published"}, "queued_at": ISO time}
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from .fetch import USER_AGENT, backoff
from .state import WatchState, now_iso


@dataclass(frozen=True)
class AlertFilter:
    """Which events to alert on: each filter given must match (one of its values); none given: all.
    `countries`: ISO 3166-1 alpha-2; `types`: ACLED event type or sub-event type, or PLOVER event;
    `statuses`: reported, claimed, contested, denied, hypothetical."""

    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def matches(self, row: dict[str, Any]) -> bool:
        if self.countries and (row.get("country") or "").upper() not in {c.upper() for c in self.countries}:
            return False
        if self.types:
            have = {str(row.get("event_type") or "").lower(), str(row.get("sub_event_type") or "").lower(),
                    str(row.get("plover_event") or "").lower()} - {""}
            if not have & {t.lower() for t in self.types}:
                return False
        return not (self.statuses and row.get("status") not in self.statuses)

    def describe(self) -> str:
        parts = [f"{name} {'/'.join(vals)}" for name, vals in
                 (("country", self.countries), ("type", self.types), ("status", self.statuses)) if vals]
        return ", ".join(parts) or "all events"


def queue_for_article(state: WatchState, targets: list[str], flt: AlertFilter, event_ids: list[str],
                      article: dict[str, Any], first_time: bool) -> int:
    """Queue one alert per target for each event of the article that matches; returns how many events."""
    if not targets or not event_ids:
        return 0
    n = 0
    for row in state.event_rows(event_ids):
        if not flt.matches(row):
            continue
        kind = "new" if first_time and int(row.get("n_articles") or 1) == 1 else "changed"
        payload = {"schema": "sitrep.alert/1", "kind": kind, "event": row["data"], "article": article,
                   "queued_at": now_iso()}
        for target in targets:
            state.queue_alert(target, row["id"], kind, payload)
        n += 1
    return n


def post_json(url: str, payload: dict[str, Any], timeout: float = 10.0) -> None:
    """POST `payload` as JSON; raises OSError (urllib.error.URLError, HTTPError, timeouts) on failure."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user's webhook
        if not 200 <= resp.status < 300:
            raise urllib.error.HTTPError(url, resp.status, resp.reason, resp.headers, None)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    error: str | None = None


def deliver(state: WatchState, targets: list[str], now: float, timeout: float = 10.0,
            retry_base: float = 60.0) -> Delivery:
    """Send what is due in the outbox; a target that fails is left for a later pass (back-off)."""
    out = Delivery()
    for target in targets:
        pending = state.pending_alerts(target)
        if pending and (pending[0]["next_try"] or 0) > now:
            out.waiting += len(pending)  # the receiver failed lately: wait for its back-off, keep the order
            continue
        for alert in pending:
            attempts = int(alert["attempts"] or 0) + 1
            try:
                post_json(target, alert["payload"], timeout)
            except (OSError, ValueError) as exc:
                msg = f"{target}: {exc}"
                out.failed += 1
                out.error = msg
                state.alert_done(alert["id"], delivered=False, error=msg, attempts=attempts,
                                 next_try=now + backoff(attempts, retry_base))
                break  # the receiver is down: the rest waits too (order kept)
            state.alert_done(alert["id"], delivered=True, attempts=attempts)
            out.sent += 1
    return out
