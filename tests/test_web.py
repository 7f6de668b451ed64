"""The map page in headless Chromium (Debian's /usr/bin/chromium via Playwright): Leaflet map with
clustered markers coloured by status, filters in the URL, paging, exports, the control slider, the
evidence view; screenshots into docs/ from a store of invented events."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import KABUL, make_article

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
DOCS = Path(__file__).resolve().parent.parent / "docs"
SCREENSHOT = DOCS / "screenshot.png"
REQUIRED = bool(os.environ.get("SITREP_REQUIRE_BROWSER"))  # CI: fail instead of skipping
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not REQUIRED and not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed"),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: str) -> Iterator[str]:
    import uvicorn

    from sitrep.api import create_app

    port = _free_port()
    app = create_app(db, allowed_hosts=["127.0.0.1"])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        th.join(timeout=10)


def sync_api() -> Any:
    if REQUIRED:
        assert Path(CHROMIUM).exists(), f"SITREP_REQUIRE_BROWSER is set but {CHROMIUM} is missing"
        from playwright import sync_api as api

        return api
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture
def server(tmp_path: Path, articles: list[dict[str, Any]]) -> Iterator[str]:
    from sitrep.store import Store

    db = str(tmp_path / "web.db")
    s = Store(db)
    for a in articles:
        s.ingest(a)
    # a claim whose stance carries markup: the evidence view must show it as text (issue 20)
    text = "Gunfire was heard near the ministry on Friday, a guard said."
    evil = make_article(
        "x1", text, "2021-09-10", trigger="Gunfire", evidence=text, acled=("Battles", "Armed clash"),
        place={**KABUL, "lat": 34.0, "lon": 71.0, "name": "Torkham"}, day="2021-09-10",
        claims=[({"id": "guard", "name": "a guard"}, "asserts", "said")],
    )
    evil["events"][0]["claims"][0]["stance"] = 'x"><img src=/nope id=injected>'
    s.ingest(evil)
    s.close()
    yield from serve(db)


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from sitrep.web.synth import build

    db = str(tmp_path_factory.mktemp("big") / "synth.db")
    n = build(db, 600, seed=7)
    assert n >= 500
    yield from serve(db)


def _browser(p: Any) -> Any:
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def _page(browser: Any, errors: list[str]) -> Any:
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # e.g. CSP
    return page


def _loaded(page: Any) -> None:
    page.wait_for_selector("body[data-loaded='1']", timeout=20_000)


def _apply(page: Any) -> None:
    page.evaluate("document.body.dataset.loaded = '0'")
    page.click("#filters button[type=submit]")
    _loaded(page)


def test_page_shows_markers_and_evidence(server: str) -> None:
    api = sync_api()
    with api.sync_playwright() as p:
        browser = _browser(p)
        try:
            errors: list[str] = []
            page = _page(browser, errors)
            page.goto(server + "/")
            _loaded(page)
            assert page.locator(".leaflet-container").count() == 1  # Leaflet, not hand-drawn canvas
            page.wait_for_selector("body[data-ready='1']")  # the basemap is drawn after the first events
            assert page.locator(".leaflet-basemap-pane path").count() > 150  # the basemap's countries, in their pane
            markers = page.locator("path.marker")
            assert markers.count() == 3
            assert page.locator("path.marker.st-contested").count() == 1
            assert "showing 1–3 of 3" in page.locator("#list-count").inner_text()
            assert page.locator("#event-list tbody tr").count() == 3
            assert page.locator("#timeline rect.bar").count() == 3
            page.locator("path.marker.st-contested").click()
            page.wait_for_selector("#detail .article .evidence", timeout=10_000)
            detail = page.locator("#detail")
            assert "Non-state actor overtakes territory" in detail.inner_text()
            assert page.locator("#detail .article").count() == 2  # both source articles
            first = page.locator("#detail .article").first
            ev_text = "".join(first.locator(".evidence").all_inner_texts())
            assert "they had captured Panjshir province." in ev_text
            assert first.locator(".trigger").inner_text() == "captured"
            assert page.locator("#detail span.claim.denies").count() == 1
            assert "National Resistance Front" in page.locator("#detail table.claims").inner_text()
            # the claim stance with markup is text, not an element
            page.locator("#event-list tbody tr", has_text="Armed clash").click()
            page.wait_for_selector("#detail .article .evidence")
            assert page.locator("#injected").count() == 0 and page.locator("#detail img").count() == 0
            assert 'x"><img' in page.locator("#detail table.claims").inner_text()
            # filtering by province: one marker, the control timeline, the detail panel cleared, the URL
            page.select_option("#f-admin1", "AF-PAN")
            _apply(page)
            api.expect(page.locator("path.marker")).to_have_count(1, timeout=10_000)
            assert page.locator("#detail .article").count() == 0
            assert parse_qs(urlparse(page.url).query) == {"admin1": ["AF-PAN"]}
            assert "admin1=AF-PAN" in page.locator("#export-csv").get_attribute("href")
            page.wait_for_selector("#control .contested")
            assert "Taliban claim control from 2021-09-06" in page.locator("#control").inner_text()
            page.locator("path.marker").click()
            page.wait_for_selector("#detail .article .evidence")
            assert not errors, errors
            # the OpenAPI docs render offline from the package's Swagger UI copy
            page.goto(server + "/docs")
            page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
            assert "/api/events" in page.locator(".swagger-ui").inner_text()
        finally:
            browser.close()


def _cluster_total(page: Any) -> int:
    counts = page.locator(".cluster span").all_inner_texts()
    return sum(int(c) for c in counts) + page.locator("path.marker").count()


def test_big_store_clusters_filters_slider_export(big_server: str) -> None:
    api = sync_api()
    DOCS.mkdir(exist_ok=True)
    with api.sync_playwright() as p:
        browser = _browser(p)
        try:
            errors: list[str] = []
            page = _page(browser, errors)
            page.goto(big_server + "/")
            _loaded(page)
            page.wait_for_selector("body[data-control='1']")
            assert page.evaluate("window.sitrepEarly.size") == 0  # the page took both answers boot.js asked for
            total = int(page.locator("#counts").inner_text().split()[0].replace(",", ""))
            assert total >= 500
            # clustered with counts: every event with a point is in one cluster or drawn alone
            assert 0 < page.locator(".cluster").count() < 40
            assert _cluster_total(page) == total
            assert f"showing 1–100 of {total}" in page.locator("#list-count").inner_text()
            assert page.locator("#event-list tbody tr").count() == 100
            page.wait_for_timeout(300)
            page.screenshot(path=str(DOCS / "page-overview.png"))
            # paging
            page.click("#page-next")
            api.expect(page.locator("#list-count")).to_contain_text(f"showing 101–200 of {total}")
            assert "offset=100" in page.url
            # filters: actor, keywords, minimum fatalities, all in the URL; the list says "of N"
            page.fill("#f-actor", "dawn liberation")
            page.fill("#f-q", "killing")
            page.fill("#f-min-fatalities", "5")
            _apply(page)
            q = parse_qs(urlparse(page.url).query)
            assert q == {"actor": ["dawn liberation"], "q": ["killing"], "min_fatalities": ["5"]}
            n = int(page.locator("#counts").inner_text().split()[0])
            assert 0 < n < total
            assert f"of {n}" in page.locator("#list-count").inner_text()
            assert _cluster_total(page) == n
            for row in page.locator("#event-list tbody tr").all()[:20]:
                assert int(row.locator("td").nth(5).inner_text()) >= 5
            # export of the same filter
            with page.expect_download() as dl:
                page.click("#export-csv")
            rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text())))
            assert len(rows) == n and all(int(r["fatalities"]) >= 5 for r in rows)
            with page.expect_download() as dl:
                page.click("#export-geojson")
            assert len(json.loads(Path(dl.value.path()).read_text())["features"]) == n
            # reload from the URL: same filter, same count
            page.reload()
            _loaded(page)
            assert page.evaluate("window.sitrepEarly.size") == 0  # boot.js asked for the filtered URLs
            assert page.locator("#f-actor").input_value() == "dawn liberation"
            assert int(page.locator("#counts").inner_text().split()[0]) == n
            page.locator("#event-list tbody tr").first.click()
            page.wait_for_selector("#detail .article .evidence")
            page.screenshot(path=str(DOCS / "page-filtered.png"))
            # the control map and its time slider
            page.click("#f-reset")
            _loaded(page)
            page.select_option("#f-country", "AF")
            _apply(page)
            page.check("#show-control")
            page.wait_for_selector("path.province")
            # provinces with an outline are shaded areas (ISO 3166-2 ids from static/admin1/AF.geojson); the
            # other Afghan provinces are outlines only; Panjshir, missing from the outlines, stays a point
            areas = {e.get_attribute("data-admin1") for e in page.locator("path.province.area").all()}
            assert areas and all(a.startswith("AF-") for a in areas) and "AF-PAN" not in areas
            assert page.locator("path.province-outline").count() >= 20  # every other Afghan province
            assert {e.get_attribute("data-admin1") for e in page.locator("path.province.point").all()} <= {"AF-PAN"}
            slider = page.locator("#control-day")
            last = int(slider.get_attribute("max"))
            assert last > 30
            seen = set()
            for frac in (0.1, 0.5, 1.0):
                slider.fill(str(int(last * frac)))
                day = page.locator("#control-date").inner_text()
                held = tuple(sorted(
                    (e.get_attribute("data-admin1"), e.get_attribute("data-controller"))
                    for e in page.locator("path.province").all()
                ))
                seen.add(held)
                assert f"at={day}" in page.url
            assert len(seen) > 1  # the map changes with the day
            controllers = {c for held in seen for _, c in held}
            assert "local journalist" not in controllers and controllers
            assert page.locator("#control-legend span").count() >= 2
            slider.fill(str(last // 2))
            # its tooltip: who holds it since when (the event clusters above the shading take the pointer
            # at the province's middle, so the event is sent to the province itself)
            page.locator("path.province.area").first.dispatch_event("mouseover")
            page.wait_for_selector(".leaflet-tooltip")
            page.wait_for_timeout(200)
            page.screenshot(path=str(DOCS / "page-control.png"))
            # history on request in the events-per-day chart
            assert page.locator("#timeline").get_attribute("data-unit") == "day"
            page.check("#with-history")
            assert page.locator("#timeline").get_attribute("data-unit") == "month"
            assert "history=1" in page.url
            page.select_option("#f-admin1", "AF-KAB")
            _apply(page)
            page.locator("path.marker, .cluster").first.click()
            page.screenshot(path=str(SCREENSHOT))
            assert not errors, errors
        finally:
            browser.close()
    for name in ("page-overview.png", "page-filtered.png", "page-control.png", "screenshot.png"):
        assert (DOCS / name).stat().st_size > 20_000
