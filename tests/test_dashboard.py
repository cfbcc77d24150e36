"""The dashboard in a real browser (Debian's chromium through Playwright), served by uvicorn."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from playwright.sync_api import expect
from store_data import coded_documents

from crisislens.api import ApiConfig, create_app
from crisislens.store import Store


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("dashboard") / "events.duckdb")
    with Store.open(db) as store:
        for doc in coded_documents():
            store.save(doc)
        store.rebuild_incidents()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(ApiConfig(db=db)), host="127.0.0.1", port=port, log_level="warning",
                            timeout_graceful_shutdown=1)
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = uv.force_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors, page.outside = [], []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: None if req.url.startswith(server) else page.outside.append(req.url))
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=true]", timeout=15000)
    yield page
    context.close()


def test_map_draws_the_offline_basemap(page):
    expect(page.locator(".leaflet-overlay-pane path:not(.event-marker)").nth(100)).to_be_attached()
    assert (page.errors, page.outside) == ([], [])


def test_every_event_is_on_the_map(page):
    expect(page.locator("path.event-marker, .marker-cluster").first).to_be_visible()
    shown = 0
    for _ in range(50):  # the map settles after its first fit; read it once it holds still
        markers = page.locator("path.event-marker").count()
        shown = markers + sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts())
        if shown == 4:
            break
        page.wait_for_timeout(100)
    assert shown == 4


def test_list_and_totals_show_the_events(page):
    assert (page.locator("#list li").count(), page.inner_text("#totals").startswith("4 events")) == (4, True)


def test_timeline_is_drawn(page):
    painted = page.evaluate("""() => {
        const c = document.getElementById('timeline');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < data.length; i += 4) if (data[i]) n++;
        return n; }""")
    assert painted > 100


def test_filter_by_event_type(page):
    page.select_option("#f-event-type", "Protests")
    page.click("#f-apply")
    expect(page.locator("#list li")).to_have_count(1)
    assert "Peaceful protest" in page.inner_text("#list li")


def test_filter_by_text(page):
    page.fill("#f-q", "mourning")
    page.click("#f-apply")
    expect(page.locator("#list li")).to_have_count(1)
    assert "Mandera" in page.inner_text("#list li")


def test_event_view_highlights_the_evidence(page):
    page.locator("#list li", has_text="Peaceful protest").click()
    page.wait_for_selector("#event mark.evidence")
    evidence = "".join(page.locator("#event mark.evidence").all_text_contents())
    assert evidence.startswith("Hundreds of teachers marched through Nairobi")


def test_event_view_shows_quotes_and_figures(page):
    page.locator("#list li", has_text="Al Shabaab").click()
    page.wait_for_selector("#event-quotes li")
    assert ("Halima Noor" in page.inner_text("#event-quotes"), "killed: 15" in page.inner_text("#event-figures")) \
        == (True, True)


def test_event_view_says_who_says_what(page):
    page.locator("#list li", has_text="Unidentified Armed Group").click()
    page.wait_for_selector("#event-statements li")
    said = page.inner_text("#event-statements")
    assert ("Kenya Police Service asserts" in said, "killing 12 people" in said, "toll 12" in said) == (True, True, True)


def test_clicking_a_marker_opens_its_event(page):
    page.select_option("#f-event-type", "Protests")
    page.click("#f-apply")
    expect(page.locator("#list li")).to_have_count(1)
    page.locator("path.event-marker").first.click(force=True)
    page.wait_for_selector("#event:not([hidden]) mark.evidence")
    assert "Nairobi" in page.inner_text("#event-fields")
