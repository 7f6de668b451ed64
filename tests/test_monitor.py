"""`sitrep watch` and URL inputs (issue 17), against HTTP servers on 127.0.0.1 that the tests start:
invented feeds and invented articles; nothing reaches the internet."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.monitor.alerts import AlertFilter
from sitrep.monitor.cli import parse_duration
from sitrep.monitor.dedupe import NearDuplicates, signature
from sitrep.monitor.fetch import FetchError, backoff, fetch, normalize_link
from sitrep.monitor.sources import expand
from sitrep.monitor.watch import Settings, Watcher
from sitrep.store import Store

BOMB = (
    "A roadside bomb exploded beside the market road in the invented town of Darvaz Khel on Tuesday "
    "morning, killing three people and wounding eleven others, district officials said. The district "
    "governor said the device had been hidden in a handcart left next to a row of fruit stalls. No group "
    "has said it planted the bomb. Police closed the road to the provincial capital for several hours "
    "while investigators searched the area and questioned the stall keepers."
)
CAPTURE = (
    "Fighters of the invented Northern Hills Movement captured a border post in the mountains above the "
    "river crossing at dawn on Monday, the movement said in a statement. Army officers did not confirm "
    "the loss of the post, but two residents of the nearest village said they had seen the flag of the "
    "movement raised over the post by midday. The crossing has been closed to trade since the spring."
)
# the BOMB wire copy as a second outlet ran it: another headline, a credit line, the last sentence cut
BOMB_COPY = "By Invented Wire staff. " + BOMB.rsplit(" Police closed", 1)[0]


def html(title: str, body: str, day: str | None = "2026-11-30") -> bytes:
    meta = f'<meta property="article:published_time" content="{day}T08:00:00Z">' if day else ""
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article><footer>Invented News</footer></body></html>").encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """items: (title, link, description)."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{d}</description>"
        "<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Invented Wire</title>{body}</channel></rss>'.encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    ctype: str = "text/html; charset=utf-8"
    delay: float = 0.0
    validators: bool = True


@dataclass
class Server:
    """A local HTTP server serving `routes`; records every request and every POSTed JSON body."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    posted: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for m, p, h in self.requests if p == path and m == "GET"]


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            srv.requests.append(("GET", path, dict(self.headers.items())))
            route = srv.routes.get(path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.status != 200:
                self.send_response(route.status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            if route.validators and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", route.ctype)
            self.send_header("Content-Length", str(len(route.body)))
            if route.validators:
                self.send_header("ETag", etag)
            self.end_headers()
            try:
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_POST(self) -> None:  # noqa: N802
            n = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(n)
            srv.requests.append(("POST", self.path, dict(self.headers.items())))
            route = srv.routes.get(self.path, Route(status=200))
            if route.status == 200:
                srv.posted.append(json.loads(data))
            self.send_response(route.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    srv.port = httpd.server_address[1]
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield srv
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def watch_db(db_url: str) -> str:
    """A fresh store; on PostgreSQL the watch tables of an earlier test are dropped too."""
    if "://" in db_url:
        from sqlalchemy import text

        from sitrep.store import make_engine

        eng = make_engine(db_url)
        with eng.begin() as conn:
            for t in ("watch_alerts", "watch_items", "watch_sources"):
                conn.execute(text(f"DROP TABLE IF EXISTS {t}"))
        eng.dispose()
    return db_url


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def make_watcher(db: str, specs: list[str], pipeline: Any, clock: Clock | None = None, **kw: Any) -> Watcher:
    settings = Settings(timeout=kw.pop("timeout", 2.0), retry_base=30.0, **kw)
    return Watcher(Store(db), specs, settings, pipeline=pipeline, log=lambda s: None, clock=clock or Clock())


def feed_site(server: Server) -> None:
    server.routes["/a/bomb"] = Route(html("Market bomb", BOMB))
    server.routes["/a/capture"] = Route(html("Border post taken", CAPTURE))
    server.routes["/other/bomb-copy"] = Route(html("Three killed in market blast", BOMB_COPY))
    server.routes["/feed.xml"] = Route(rss([
        ("Market bomb", server.url("/a/bomb"), "A bomb exploded."),
        ("Border post taken", server.url("/a/capture"), "A post was captured."),
        ("Three killed in market blast", server.url("/other/bomb-copy?utm_source=feed"), "Copy."),
    ]), ctype="application/rss+xml")


# ---------------------------------------------------------------------------------------------- watch
def test_watch_ingests_then_adds_nothing_then_rereads_a_changed_article(
    server: Server, watch_db: str, fake_pipeline: Any
) -> None:
    feed_site(server)
    w = make_watcher(watch_db, [server.url("/feed.xml")], fake_pipeline)
    r1 = w.run_pass()
    assert (r1.new, r1.duplicates, r1.failed) == (2, 1, 0), r1.line()
    assert r1.events >= 2
    assert w.store.count_articles() == 2
    ids = {normalize_link(server.url("/a/bomb")), normalize_link(server.url("/a/capture"))}
    ev = w.store.query_events(type="Explosions/Remote violence")
    assert ev and {s["id"] for s in ev[0]["sources"]} <= ids
    assert ev[0]["sources"][0]["published"] == "2026-11-30"  # from the page's metadata

    r2 = w.run_pass()
    assert (r2.new, r2.reread, r2.duplicates, r2.unchanged_sources) == (0, 0, 0, 1), r2.line()
    assert "If-None-Match" in server.hits("/feed.xml")[-1]  # a conditional request, answered 304
    assert len(server.hits("/a/bomb")) == 1  # the article was not fetched again
    assert w.store.count_articles() == 2

    # the outlet updates the bomb story (the toll rises) and its feed entry
    server.routes["/a/bomb"] = Route(html("Market bomb", BOMB.replace("killing three", "killing five")))
    server.routes["/feed.xml"] = Route(rss([
        ("Market bomb: toll rises", server.url("/a/bomb"), "A bomb exploded; five dead."),
        ("Border post taken", server.url("/a/capture"), "A post was captured."),
        ("Three killed in market blast", server.url("/other/bomb-copy?utm_source=feed"), "Copy."),
    ]), ctype="application/rss+xml")
    r3 = w.run_pass()
    assert (r3.new, r3.reread) == (0, 1), r3.line()
    assert w.store.count_articles() == 2
    ev = w.store.get_event(w.store.article_event_ids(normalize_link(server.url("/a/bomb")))[0])
    assert ev is not None and "killing five" in json.dumps(ev)
    w.store.close()


def test_failures_are_reported_and_retried_later(server: Server, watch_db: str, fake_pipeline: Any) -> None:
    server.routes["/a/flaky"] = Route(status=500)
    server.routes["/a/slow"] = Route(html("Border post taken", CAPTURE), delay=1.5)
    server.routes["/feed.xml"] = Route(rss([
        ("Market bomb", server.url("/a/flaky"), "x"), ("Border post", server.url("/a/slow"), "y"),
    ]), ctype="application/rss+xml")
    clock = Clock()
    w = make_watcher(watch_db, [server.url("/feed.xml")], fake_pipeline, clock, timeout=0.4)
    r1 = w.run_pass()
    assert (r1.new, r1.failed, r1.retries_pending) == (0, 2, 2), r1.line()
    line = r1.line()
    assert "HTTP 500" in line and "timed out" in line and "2 to retry later" in line

    r2 = w.run_pass()  # too early: nothing is fetched again
    assert r2.failed == 0 and len(server.hits("/a/flaky")) == 1 and r2.retries_pending == 2

    server.routes["/a/flaky"] = Route(html("Market bomb", BOMB))
    server.routes["/a/slow"] = Route(html("Border post taken", CAPTURE))
    clock.t += 31  # past the first back-off (30 s)
    r3 = w.run_pass()
    assert (r3.new, r3.failed, r3.retries_pending) == (2, 0, 0), r3.line()
    assert w.store.count_articles() == 2
    w.store.close()


def test_a_failing_feed_backs_off(server: Server, watch_db: str, fake_pipeline: Any) -> None:
    server.routes["/feed.xml"] = Route(status=503)
    clock = Clock()
    w = make_watcher(watch_db, [server.url("/feed.xml")], fake_pipeline, clock)
    r1 = w.run_pass()
    assert r1.failed == 1 and "HTTP 503" in r1.line()
    r2 = w.run_pass()
    assert r2.waiting_sources == 1 and len(server.hits("/feed.xml")) == 1
    clock.t += 31
    r3 = w.run_pass()
    assert r3.failed == 1 and len(server.hits("/feed.xml")) == 2 and "try 2, next in 60s" in r3.line()
    w.store.close()


def test_alerts_reach_the_receiver_with_the_filter_applied(server: Server, watch_db: str, fake_pipeline: Any) -> None:
    feed_site(server)
    server.routes["/hook"] = Route(status=500)  # the receiver is down at first
    clock = Clock()
    w = make_watcher(watch_db, [server.url("/feed.xml")], fake_pipeline, clock,
                     alert_urls=(server.url("/hook"),), alert_filter=AlertFilter(types=("Explosions/Remote violence",)))
    r1 = w.run_pass()
    assert r1.alerts_failed == 1 and server.posted == []
    server.routes["/hook"] = Route(status=200)
    clock.t += 31
    r2 = w.run_pass()
    assert r2.alerts_sent == 1, r2.line()
    (alert,) = server.posted
    assert alert["schema"] == "sitrep.alert/1" and alert["kind"] == "new"
    assert alert["event"]["acled"]["event_type"] == "Explosions/Remote violence"  # the capture is filtered out
    assert alert["article"]["url"].endswith("/a/bomb")
    assert w.run_pass().alerts_sent == 0  # nothing new: nothing sent again
    w.store.close()


def test_alert_filter_matching() -> None:
    row = {"country": "AF", "event_type": "Battles", "sub_event_type": "Armed clash", "plover_event": "ASSAULT",
           "status": "claimed"}
    assert AlertFilter().matches(row)
    assert AlertFilter(countries=("af",), types=("assault",)).matches(row)
    assert not AlertFilter(countries=("KE",)).matches(row)
    assert not AlertFilter(statuses=("reported",)).matches(row)
    assert AlertFilter(types=("Riots", "Armed clash")).matches(row)


def test_watch_folder_and_listing(tmp_path: Path, server: Server, watch_db: str, fake_pipeline: Any) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bomb.txt").write_text(BOMB, encoding="utf-8")
    (inbox / "saved-page").write_bytes(html("Border post taken", CAPTURE))  # no suffix: sniffed as HTML
    (inbox / ".partial").write_text(BOMB_COPY, encoding="utf-8")  # hidden: not read
    server.routes["/a/other"] = Route(html("Talks", "Delegates of the two invented provinces met in the "
                                          "capital on Friday to discuss the reopening of the river crossing."))
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# what to follow\n{inbox}\n{server.url('/a/other')}\n", encoding="utf-8")
    w = make_watcher(watch_db, [str(listing)], fake_pipeline)
    r1 = w.run_pass()
    assert (r1.sources, r1.new, r1.duplicates) == (2, 3, 0), r1.line()
    assert "saved-page" in _article_ids(w.store)
    r2 = w.run_pass()
    assert (r2.new, r2.reread) == (0, 0), r2.line()
    (inbox / "bomb.txt").write_text(BOMB.replace("three", "four"), encoding="utf-8")
    (inbox / "copy.txt").write_text(BOMB_COPY, encoding="utf-8")
    r3 = w.run_pass()
    assert (r3.new, r3.reread, r3.duplicates) == (0, 1, 1), r3.line()
    w.store.close()


def test_watch_store_failure_costs_one_article_and_is_retried(
    tmp_path: Path, watch_db: str, fake_pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # watch stores through Store.ingest_stream: one article the store refuses (rolled back whole) is
    # reported, the others of the pass are stored, and the refused one is stored on the next pass
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-bomb.txt").write_text(BOMB, encoding="utf-8")
    (inbox / "b-capture.txt").write_text(CAPTURE, encoding="utf-8")
    (inbox / "c-talks.txt").write_text("Delegates of two invented provinces met on Friday to talk about the "
                                       "river crossing; a bomb scare delayed the start by an hour.", encoding="utf-8")
    real = Store._add_mention

    def refuse(self: Store, conn: Any, aid: str, *a: Any, **kw: Any) -> Any:
        if aid == "b-capture":
            raise RuntimeError("invented store failure")
        return real(self, conn, aid, *a, **kw)

    monkeypatch.setattr(Store, "_add_mention", refuse)
    w = make_watcher(watch_db, [str(inbox)], fake_pipeline)
    r1 = w.run_pass()
    assert (r1.new, r1.failed) == (2, 1), r1.line()
    assert "could not store: RuntimeError: invented store failure" in r1.line()
    assert _article_ids(w.store) == {"a-bomb", "c-talks"}
    monkeypatch.setattr(Store, "_add_mention", real)
    r2 = w.run_pass()
    assert (r2.new, r2.failed) == (1, 0), r2.line()
    assert _article_ids(w.store) == {"a-bomb", "b-capture", "c-talks"}
    w.store.close()


def test_not_english_article_is_skipped_and_said(server: Server, watch_db: str, fake_pipeline: Any) -> None:
    french = ("Des hommes armés ont attaqué un poste frontalier dans les montagnes lundi à l'aube, selon un "
              "communiqué du mouvement. Les officiers de l'armée n'ont pas confirmé la perte du poste.")
    server.routes["/fr"] = Route(html("Poste attaqué", french))
    w = make_watcher(watch_db, [server.url("/fr")], fake_pipeline)
    r = w.run_pass()
    assert (r.new, r.not_english) == (0, 1) and "not English: fr, skipped" in r.line()
    w.store.close()


def _article_ids(store: Store) -> set[str]:
    from sqlalchemy import select

    from sitrep.store.schema import articles

    with store.engine.connect() as conn:
        return set(conn.execute(select(articles.c.id)).scalars())


# ---------------------------------------------------------------------------------------------- CLI
def test_extract_and_ingest_url(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                fake_pipeline: Any) -> None:
    import sitrep.pipeline
    from sitrep.cli import main

    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    server.routes["/story"] = Route(html("Market bomb", BOMB, day="2026-10-02"), ctype="text/plain")
    r = CliRunner().invoke(main, ["extract", server.url("/story")])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["id"] == server.url("/story") and doc["published"] == "2026-10-02"
    assert doc["url"] == server.url("/story") and doc["events"]
    r = CliRunner().invoke(main, ["extract", server.url("/gone")])
    assert r.exit_code == 1 and "could not fetch: HTTP 404" in r.stderr

    db = tmp_path / "u.db"
    r = CliRunner().invoke(main, ["ingest", server.url("/story"), "--db", str(db), "--no-progress"])
    assert r.exit_code == 2 and not db.exists()  # a missing store is refused ...
    r = CliRunner().invoke(main, ["ingest", server.url("/story"), "--db", str(db), "--no-progress", "--create"])
    assert r.exit_code == 0 and "1 article(s) added" in r.stderr  # ... unless asked to create it


def test_watch_command_refuses_a_missing_store(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               fake_pipeline: Any) -> None:
    import sitrep.pipeline
    from sitrep.cli import main

    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    feed_site(server)
    db = tmp_path / "typo.db"
    r = CliRunner().invoke(main, ["watch", server.url("/feed.xml"), "--db", str(db), "--once"])
    assert r.exit_code == 2 and "no such database" in r.stderr and not db.exists()
    r = CliRunner().invoke(main, ["watch", server.url("/feed.xml"), "--db", str(db), "--once", "--create",
                                  "--host-delay", "0"])
    assert r.exit_code == 0, r.output
    assert "pass 1: 1 source(s)" in r.stderr and "2 new" in r.stderr and "1 near-duplicate(s)" in r.stderr
    r = CliRunner().invoke(main, ["events", "--db", str(db)])
    assert r.exit_code == 0 and "2 event(s)" in r.stderr


_WATCH_SCRIPT = """
import sys
import sitrep.pipeline

class Passthrough:
    batch_size = 16
    def pipe(self, docs):
        yield from docs

sitrep.pipeline.default_pipeline = lambda: Passthrough()
from sitrep.cli import main
main(sys.argv[1:])
"""


def test_sigterm_gives_a_clean_shutdown(server: Server, tmp_path: Path) -> None:
    feed_site(server)
    db = tmp_path / "svc.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WATCH_SCRIPT, "watch", server.url("/feed.xml"), "--db", str(db), "--create",
         "--interval", "1h", "--host-delay", "0"],
        stderr=subprocess.PIPE, text=True, env=env,
    )
    assert proc.stderr is not None
    lines = []
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if "pass 1:" in line:
            break
    assert any("pass 1:" in x for x in lines), lines
    proc.send_signal(signal.SIGTERM)
    _, rest = proc.communicate(timeout=20)
    assert proc.returncode == 0, rest
    assert "stopped by SIGTERM after 1 pass(es)" in rest and "Traceback" not in rest
    assert Store(str(db)).count_articles() == 2


# ---------------------------------------------------------------------------------------------- parts
def test_fetch_conditional_and_errors(server: Server) -> None:
    server.routes["/p"] = Route(b"<p>hello</p>")
    first = fetch(server.url("/p"))
    assert first.status == 200 and first.etag
    again = fetch(server.url("/p"), etag=first.etag)
    assert again.not_modified
    with pytest.raises(FetchError) as exc:
        fetch(server.url("/missing"))
    assert exc.value.status == 404 and not exc.value.retryable
    server.routes["/busy"] = Route(status=503)
    with pytest.raises(FetchError) as exc:
        fetch(server.url("/busy"))
    assert exc.value.retryable
    with pytest.raises(FetchError):
        fetch("ftp://127.0.0.1/x")


def test_backoff_durations_links() -> None:
    assert [backoff(n, 60, 400) for n in (0, 1, 2, 3, 4)] == [0, 60, 120, 240, 400]
    assert parse_duration("15m") == 900 and parse_duration("1h30m") == 5400 and parse_duration("45") == 45
    with pytest.raises(ValueError):
        parse_duration("soon")
    assert normalize_link("HTTP://Example.ORG/a?id=3&utm_source=rss#top") == "http://example.org/a?id=3"


def test_near_duplicates() -> None:
    a, b, c = signature(BOMB), signature(BOMB_COPY), signature(CAPTURE)
    assert a and b and c
    idx = NearDuplicates([("bomb", a)])
    found = idx.find(b)
    assert found is not None and found[0] == "bomb"
    assert idx.find(c) is None
    assert idx.find(a, exclude="bomb") is None
    assert signature("Too short to compare.") is None


def test_sources_expand(tmp_path: Path) -> None:
    art = tmp_path / "article.txt"
    art.write_text(BOMB, encoding="utf-8")
    lst = tmp_path / "follow.txt"
    lst.write_text("https://example.invalid/feed.xml\narticle.txt\n", encoding="utf-8")
    srcs, problems = expand([str(lst), str(tmp_path / "nope")])
    assert [(s.kind, Path(s.spec).name) for s in srcs] == [("url", "feed.xml"), ("file", "article.txt")]
    assert problems and "no such file" in problems[0]
    srcs, _ = expand([str(art)])
    assert [s.kind for s in srcs] == ["file"]
