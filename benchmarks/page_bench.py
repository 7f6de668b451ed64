"""Page speed on a large store: first render and filter changes of the map page in Debian's headless
chromium (Playwright), on a store of invented events (`sitrep.web.synth`).

    .venv/bin/python benchmarks/page_bench.py [--articles 12500] [--db /tmp/sitrep-bench-12500.db] [--runs 3]

First render: from navigation to the page's `data-loaded` flag (every marker clustered, list and charts
drawn; the app is started, so its answers are warmed as `sitrep serve` warms them); then the control layer switched on and its slider moved. Filter change: from the Apply click to `data-loaded` again. Prints one
table; the store is kept at --db and reused when it already holds the events.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"

CHANGES = [  # (label, {field: value}) applied in turn, each on top of a reset form
    ("country AF", {"#f-country": "AF"}),
    ("province SY-ID", {"#f-admin1": "SY-ID"}),
    ("status contested", {"#f-status": "contested"}),
    ("actor 'ridge'", {"#f-actor": "ridge"}),
    ("keywords 'roadside device'", {"#f-q": "roadside device"}),
    ("min killed 10", {"#f-min-fatalities": "10"}),
    ("min confidence 0.8", {"#f-min-confidence": "0.8"}),
    ("dates 2024-03-01..2024-03-31", {"#f-since": "2024-03-01", "#f-until": "2024-03-31"}),
    ("timeframe historical", {"#f-timeframe": "historical"}),
    ("reset (all events)", {}),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=12500, help="invented articles (12,500 merge into >10,000 events)")
    ap.add_argument("--db", default=None)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import uvicorn
    from playwright.sync_api import sync_playwright

    from sitrep.api import create_app
    from sitrep.store import Store
    from sitrep.web.synth import build

    db = a.db or f"/tmp/sitrep-bench-{a.articles}.db"
    have = Store(db).count_articles() if Path(db).exists() else 0
    if have != a.articles:
        for p in Path(db).parent.glob(Path(db).name + "*"):
            p.unlink()
        t = time.perf_counter()
        n = build(db, a.articles)
        print(f"built {db}: {a.articles} articles -> {n} events in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    n_events = Store(db).count_events()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/"
    load_before = os.getloadavg()
    first: list[float] = []
    first_cold: list[float] = []
    control: list[float] = []
    slider: list[float] = []
    timings: list[dict[str, int]] = []
    changes: dict[str, list[float]] = {label: [] for label, _ in CHANGES}
    counts: dict[str, str] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(a.runs):
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            t = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-loaded='1']", timeout=60_000)
            first.append(time.perf_counter() - t)
            timings.append(page.evaluate("window.sitrepTimings"))
            # a URL whose filter no one asked for before: nothing cached (almost every event matches)
            cold = browser.new_page(viewport={"width": 1500, "height": 1000})
            t = time.perf_counter()
            cold.goto(f"{url}?min_confidence={0.001 * (len(first) + 1):.3f}")
            cold.wait_for_selector("body[data-loaded='1']", timeout=60_000)
            first_cold.append(time.perf_counter() - t)
            cold.close()
            t = time.perf_counter()
            page.check("#show-control")
            page.wait_for_selector("body[data-control='1']", timeout=60_000)
            page.wait_for_selector("path.province", timeout=60_000)
            control.append(time.perf_counter() - t)
            t = time.perf_counter()
            page.locator("#control-day").fill("40")
            page.wait_for_function("document.getElementById('control-date').textContent.length === 10")
            slider.append(time.perf_counter() - t)
            page.uncheck("#show-control")
            for label, fields in CHANGES:
                page.evaluate("document.getElementById('filters').reset()")
                for sel, val in fields.items():
                    if page.locator(sel).evaluate("e => e.tagName") == "SELECT":
                        page.select_option(sel, val)
                    else:
                        page.fill(sel, val)
                page.evaluate("document.body.dataset.loaded = '0'")
                t = time.perf_counter()
                page.click("#filters button[type=submit]")
                page.wait_for_selector("body[data-loaded='1']", timeout=60_000)
                changes[label].append(time.perf_counter() - t)
                counts[label] = page.locator("#counts").inner_text()
            page.close()
        browser.close()
    srv.should_exit = True

    def fmt(xs: list[float]) -> str:
        # run 1 asks the server for each answer for the first time; later runs may be served from its cache
        return f"median {statistics.median(xs) * 1000:6.0f} ms   max {max(xs) * 1000:6.0f} ms   run 1 {xs[0] * 1000:6.0f} ms"

    load_after = os.getloadavg()
    print(f"store: {n_events} merged events ({db}); {a.runs} run(s); chromium {CHROMIUM}")
    print(f"load average (1, 5, 15 min) before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} on {os.cpu_count()} cores")
    print(f"{'first render (map, list, charts)':40s} {fmt(first)}")
    print(f"{'  of which in the page (last run)':40s} {timings[-1]}")
    print(f"{'first render, a new filter in the URL':40s} {fmt(first_cold)}")
    print(f"{'control layer switched on':40s} {fmt(control)}")
    print(f"{'control slider moved':40s} {fmt(slider)}")
    for label, xs in changes.items():
        print(f"{'filter: ' + label:40s} {fmt(xs)}   ({counts[label]})")
    allc = [x for xs in changes.values() for x in xs]
    print(f"{'every filter change':40s} {fmt(allc)}")
    firsts = [xs[0] for xs in changes.values()]
    print(f"{'every filter change of run 1 (uncached)':40s} median {statistics.median(firsts) * 1000:6.0f} ms   "
          f"max {max(firsts) * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
