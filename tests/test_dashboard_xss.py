"""The dashboard shows article text, titles, quotes and names as text, never as HTML.

An article whose text, title, quote, speaker, actor names and place carry `<script>` and
`<img onerror>` payloads is stored and opened in a real browser (Debian's chromium). Nothing
may run and no element may be injected: checked both ways, because the page's Content
Security Policy would block inline handlers even if the rendering were unsafe.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from store_data import coded_document, span_of

from crisislens.api import ApiConfig, create_app
from crisislens.schema import Quote, Speaker
from crisislens.store import Store

IMG = "<img src=x onerror=\"window.__pwned=1;document.title='pwned'\">"
SCRIPT = "<script>window.__pwned=2;document.title='pwned'</script>"
SVG = "<svg onload=\"window.__pwned=3\"></svg>"
ACTOR = f"Militia {IMG}"
PLACE = f"Garissa {SVG}"
SPEAKER = f"Ali {SCRIPT}"
QUOTE = f'"They came at night {IMG} and burned the houses {SCRIPT}"'
TITLE = f"Attack {SCRIPT}{IMG}"
TEXT = (f"Gunmen from the {ACTOR} killed 6 people in {PLACE} on Monday, police said. "
        f"{QUOTE}, said {SPEAKER}, a resident. The attackers left a note reading {SVG} on a wall.")


def _payload_document():
    doc = coded_document("other_d.txt")  # a hand-coded event, re-pointed at the hostile text
    doc.id, doc.text, doc.title, doc.url = "xss", TEXT, TITLE, "javascript:window.__pwned=4"
    doc.source = f"Wire {IMG}"
    event = doc.events[0]
    event.evidence = [span_of(TEXT, "Gunmen from the")]
    event.actor1.name, event.actor1.mentions = ACTOR, [span_of(TEXT, ACTOR)]
    event.actor2 = None
    event.location.name, event.location.mentions = PLACE, [span_of(TEXT, PLACE)]
    event.counts, event.fatalities, event.date = [], 6, "2024-05-08"
    doc.quantities = []
    doc.quotes = [Quote(text=QUOTE, span=span_of(TEXT, QUOTE),
                        speaker=Speaker(name=SPEAKER, role=f"resident {IMG}", span=span_of(TEXT, SPEAKER)))]
    return doc


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("xss") / "xss.duckdb")
    with Store.open(db) as store:
        store.save(_payload_document())
        store.rebuild_incidents()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(ApiConfig(db=db)), host="127.0.0.1", port=port,
                                       log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "the dashboard server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = uv.force_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=true]", timeout=15000)
    page.locator("#list li").first.click()
    page.wait_for_selector("#event:not([hidden]) #event-quotes li")
    page.locator("path.event-marker, .marker-cluster").first.hover(force=True)
    page.wait_for_timeout(300)
    yield page
    context.close()


def test_no_payload_ran(page):
    assert (page.evaluate("window.__pwned"), page.title(), page.dialogs) == (None, "crisislens", [])


@pytest.mark.parametrize("selector", ["#list", "#event", "#totals", ".leaflet-pane"])
def test_no_element_was_injected(page, selector):
    injected = page.evaluate(f"""() => [...document.querySelectorAll('{selector}')].flatMap(root =>
        [...root.querySelectorAll('script, img, svg:not(.leaflet-zoom-animated), iframe, [onerror], [onload]')]
        ).map(e => e.outerHTML)""")
    assert injected == []


@pytest.mark.parametrize("selector, literal", [
    ("#event-text", "killed 6 people in " + PLACE),
    ("#event-text", IMG),
    ("#event-source", TITLE),
    ("#event-source", f"Wire {IMG}"),
    ("#event-fields", ACTOR),
    ("#event-fields", PLACE),
    ("#event-quotes", "They came at night " + IMG),
    ("#event-quotes", SPEAKER),
    ("#event-quotes", f"resident {IMG}"),
])
def test_payloads_are_shown_as_literal_text(page, selector, literal):
    assert literal in page.inner_text(selector)


def test_list_shows_names_as_text(page):
    page.click("#event-close")
    assert ACTOR in page.inner_text("#list")


def test_javascript_urls_are_not_linked(page):
    assert page.locator("#event-source a").count() == 0
