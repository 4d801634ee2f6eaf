"""The web UI in a real browser: Playwright for Python driving Debian's /usr/bin/chromium, headless
(never a downloaded browser), against `tidings serve`'s app on a free loopback port.

Load the map page, filter, open an event, check the highlighted evidence, and check that hostile
article text stays text. Screenshots go to build/screenshots/ (git-ignored) for the reviewer."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (make test does) to run the browser "
                "tests", allow_module_level=True)
pytest.importorskip("playwright.sync_api",
                    reason="playwright (Python) is not installed: browser tests skipped")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed: browser tests skipped")

from playwright.sync_api import sync_playwright  # noqa: E402
from test_api import hostile_result  # noqa: E402
from test_store import iraq_result, lebanon_result  # noqa: E402

from tidings.api import create_app  # noqa: E402
from tidings.store import Store  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
# ENVIRONMENT.md's flags; Playwright adds --headless and a fresh temporary --user-data-dir itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db: str) -> Iterator[str]:
    """`tidings serve`'s app over ``db`` in a thread, on a free loopback port; yields its URL."""
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                            timeout_graceful_shutdown=1)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "events.db"
    with Store.open(path) as store:
        store.add_results([iraq_result(), lebanon_result(), hostile_result()])
    with serving(str(path)) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        opened = context.new_page()
        opened.set_default_timeout(TIMEOUT_MS)
        dialogs: list[str] = []
        opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.dialogs = dialogs  # type: ignore[attr-defined]
        yield opened
        browser.close()


def _wait_ready(page, rows: int) -> None:
    page.wait_for_function(
        "n => document.body.dataset.ready === '1' && "
        "document.querySelectorAll('#event-list tbody tr').length === n", arg=rows)


def test_map_timeline_filter_and_event_page(server, page):
    page.goto(server + "/")
    _wait_ready(page, 5)
    # Markers: the Qaim strike and the Beirut protest have coordinates; the rest do not.
    assert page.locator("#map path.leaflet-interactive").count() == 2
    assert page.locator("#timeline rect").count() == 3  # 2 March, 3 March, 6 May
    page.wait_for_function("document.querySelectorAll('#map path').length > 100")  # country shapes
    page.screenshot(path=str(SCREENSHOTS / "01-map.png"), full_page=True)

    page.select_option("#filters select[name=type]", "PROTEST")
    _wait_ready(page, 1)
    assert page.locator("#timeline rect").count() == 1
    assert page.locator("#map path.leaflet-interactive").count() == 1
    assert "type=PROTEST" in page.url  # the filter is in the address, so it can be shared
    page.screenshot(path=str(SCREENSHOTS / "02-filtered.png"), full_page=True)

    page.click("#event-list tbody tr a")
    page.wait_for_selector("#event-title")
    assert page.locator(".article-text mark.trigger").first.inner_text() == "marched"
    assert page.locator(".article-text mark.location").first.inner_text() == "Beirut"
    assert page.locator(".article-text mark.date").first.inner_text() == "last week"
    page.screenshot(path=str(SCREENSHOTS / "03-event.png"), full_page=True)


def test_event_page_highlights_each_field_and_links_the_actor(server, page):
    strike = iraq_result().events[0]
    page.goto(f"{server}/events/{strike.id}")
    assert page.locator(".article-text mark.source-actor").first.inner_text() == "the Iraqi military"
    # Overlapping spans cut a field into pieces ("killed " | "three", where the target begins).
    killed = page.eval_on_selector_all(".article-text mark.killed",
                                       "ms => ms.map(m => m.textContent).join('')")
    assert killed == "killed three"
    assert page.locator("#statements li").count() == 1
    page.click("a.actor >> text=Iraqi Armed Forces")
    page.wait_for_selector("#actor-name")
    assert page.locator("#dyads tbody tr td a").first.inner_text() == "Islamic State"
    page.screenshot(path=str(SCREENSHOTS / "04-actor.png"), full_page=True)


def test_hostile_article_text_is_shown_not_run(server, page):
    event = hostile_result().events[0]
    page.goto(f"{server}/events/{event.id}")
    page.wait_for_selector("mark.trigger")
    assert page.dialogs == []  # type: ignore[attr-defined]
    text = page.locator(".article-text").inner_text()
    assert text.startswith('<script>alert("x")</script> Gunmen <b>attacked</b>')
    assert page.locator(".article-text script, .article-text img, .article-text b").count() == 0
    page.goto(server + "/?actor=%3Ci%3EGunmen%3C%2Fi%3E")
    _wait_ready(page, 1)
    assert page.locator("#event-list tbody tr td").nth(4).inner_text() == "<i>Gunmen</i>"
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_chromium_is_the_system_one():
    assert shutil.which("chromium") or CHROMIUM.is_file()


def test_api_docs_render_offline(server, page):
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(server + "/docs")
    page.get_by_text("/api/events/{event_id}", exact=True).wait_for()
    assert failed == []  # everything Swagger UI needs is vendored; nothing is fetched elsewhere
    page.screenshot(path=str(SCREENSHOTS / "05-docs.png"))


def test_the_bundled_examples_on_the_map(demo_db, page):
    """What a new user sees after `tidings demo` and `tidings serve`: every stored event listed,
    a marker for each event with coordinates."""
    with Store(demo_db) as store:
        events = list(store.events())
    located = [e for e in events if e.location and e.location.lat is not None]
    with serving(demo_db) as url:
        page.goto(url + "/")
        _wait_ready(page, len(events))
        assert page.locator("#map path.leaflet-interactive").count() == len(located)
        page.wait_for_function("document.querySelectorAll('#map path').length > 100")
        page.screenshot(path=str(SCREENSHOTS / "00-demo-map.png"), full_page=True)
