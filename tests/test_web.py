"""The map page in headless Chromium (Debian's /usr/bin/chromium via Playwright): it loads, draws event
markers on the basemap, and clicking one shows the evidence highlighted in its article."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"
REQUIRED = bool(os.environ.get("SITREP_REQUIRE_BROWSER"))  # CI: fail instead of skipping
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not REQUIRED and not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, articles: list[dict[str, Any]]) -> Iterator[str]:
    import uvicorn

    from sitrep.api import create_app
    from sitrep.store import Store

    db = str(tmp_path / "web.db")
    s = Store(db)
    for a in articles:
        s.ingest(a)
    s.close()
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
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


def test_page_shows_markers_and_evidence(server: str) -> None:
    if REQUIRED:
        assert Path(CHROMIUM).exists(), f"SITREP_REQUIRE_BROWSER is set but {CHROMIUM} is missing"
        from playwright import sync_api
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # e.g. CSP
            page.goto(server + "/")
            page.wait_for_selector("body[data-loaded='1']", timeout=20_000)
            assert page.locator("#countries path").count() > 150  # the basemap
            markers = page.locator("#markers circle.marker")
            assert markers.count() == 2
            assert page.locator("#event-list tbody tr").count() == 2
            assert page.locator("#timeline rect.bar").count() == 2
            page.locator("#markers circle.st-contested").click()
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
            # filtering by province shows the control timeline
            page.select_option("#f-admin1", "AF-PAN")
            page.click("#filters button[type=submit]")
            sync_api.expect(page.locator("#markers circle.marker")).to_have_count(1, timeout=10_000)
            page.wait_for_selector("#control .contested")
            assert "Taliban claim control from 2021-09-06" in page.locator("#control").inner_text()
            page.locator("#markers circle.marker").click()
            page.wait_for_selector("#detail .article .evidence")
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=False)
            assert not errors, errors
            # the OpenAPI docs render offline from the package's Swagger UI copy
            page.goto(server + "/docs")
            page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
            assert "/api/events" in page.locator(".swagger-ui").inner_text()
        finally:
            browser.close()
    assert SCREENSHOT.exists() and SCREENSHOT.stat().st_size > 10_000
