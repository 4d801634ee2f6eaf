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
from urllib.parse import quote

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
from test_store import iraq_result, iraq_store_with_one_article_merged, lebanon_result  # noqa: E402

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


# --- hostile strings everywhere a stored string is shown -------------------------------------------

# Each payload, if it ever ran, would set window.__pwned (or open a dialog); each element it would
# create carries data-pwn, so an injection shows in the DOM even where nothing runs. The browser runs
# with the Content-Security-Policy bypassed, so these check the escaping itself; CSP is the second
# wall, checked separately (no violation report means nothing even tried to run).
HOSTILE_STRINGS = [
    "<script data-pwn>window.__pwned='script'</script>",
    "<SCRIPT data-pwn>alert('upper')</SCRIPT>",
    "<img data-pwn src=x onerror=\"window.__pwned='img'\">",
    "<svg data-pwn onload=\"window.__pwned='svg'\"><circle r=9></circle></svg>",
    "<svg><script data-pwn>window.__pwned='svg-script'</script></svg>",
    "<a data-pwn href=\"javascript:window.__pwned='href'\">click</a>",
    "javascript:window.__pwned='bare-url'",
    "<iframe data-pwn srcdoc=\"<script>parent.__pwned='srcdoc'</script>\"></iframe>",
    "<iframe data-pwn src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    "<body data-pwn onload=\"window.__pwned='body'\">",
    "<details data-pwn open ontoggle=\"window.__pwned='details'\">x</details>",
    "<input data-pwn autofocus onfocus=\"window.__pwned='focus'\">",
    "<video data-pwn><source onerror=\"window.__pwned='video'\"></video>",
    "<object data-pwn data=\"javascript:window.__pwned='object'\"></object>",
    "<meta data-pwn http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned='meta'\">",
    "<base data-pwn href=\"javascript:/\">",
    "<style data-pwn>body{background:url(\"javascript:window.__pwned='css'\")}</style>",
    "<div data-pwn style=\"background-image:url(javascript:window.__pwned='style')\">styled</div>",
    "</textarea><script data-pwn>window.__pwned='textarea'</script>",
    "</title><script data-pwn>window.__pwned='title'</script>",
    "\"><script data-pwn>window.__pwned='attr-dq'</script>",
    "'><img data-pwn src=x onerror=\"window.__pwned='attr-sq'\">",
    "</mark><img data-pwn src=x onerror=\"window.__pwned='mark'\">",
    "<!--<img data-pwn src=\"--><img data-pwn src=x onerror=window.__pwned='comment'>",
    "<math><mtext></form><form><mglyph><style></math><img data-pwn src onerror=\"window.__pwned='mxss'\">",
    "{{constructor.constructor('window.__pwned=\"template\"')()}}",
    "${window.__pwned='template-literal'}",
    "\u202egnp.exe\u202c \u200b\u200d\u2066hidden\u2069 \ufeffzero-width and right-to-left",
    "W" * 20_000,  # a huge word
    "%3Cscript%3Ewindow.__pwned%3D'encoded'%3C%2Fscript%3E &lt;script&gt;entity&lt;/script&gt;",
]


def hostile_everywhere_result():
    """One article whose text is made of HOSTILE_STRINGS; each is an event's trigger, its actor's
    canonical name, its place's name (shown in the map popup), a claim's and a statement's text."""
    from tidings.models import (
        Actor, ArticleMeta, ArticleResult, Claim, Event, Place, Span, Statement, article_id_for,
        event_id_for,
    )

    text = "DAMASCUS, March 3 (Reuters) - " + " ".join(
        f"{payload} Rebels attacked post {i}, a spokesman said." for i, payload in enumerate(HOSTILE_STRINGS))
    aid = article_id_for(text)
    events, actors, places, claims, statements = [], [], [], [], []
    cursor = 0
    for i, payload in enumerate(HOSTILE_STRINGS):
        start = text.index(payload, cursor)
        end = start + len(payload)
        cursor = end
        span = Span(text=payload, start=start, end=end)
        rebels = text.index("Rebels", end)
        actor = Actor(text="Rebels", start=rebels, end=rebels + 6, name=payload[:200] + f" #{i}",
                      kind="armed_group")
        place = Place(text=payload, start=start, end=end, name=payload[:200], lat=30 + i * 0.5,
                      lon=35 + i * 0.5, country="SYR", feature="city", precision="town")
        event = Event(id=event_id_for(aid, "ASSAULT", start, end), type="ASSAULT", trigger=span,
                      source_actors=[actor], location=place)
        cue = text.index("said", end)
        events.append(event)
        actors.append(actor)
        places.append(place)
        claims.append(Claim(kind="claim", actor=actor, event_ids=[event.id], evidence=span))
        statements.append(Statement(speaker=actor, cue=Span(text="said", start=cue, end=cue + 4),
                                    content=span, direct=False, event_ids=[event.id]))
    meta = ArticleMeta(id=aid, text=text, title=HOSTILE_STRINGS[0], source=HOSTILE_STRINGS[2],
                       url="javascript:window.__pwned='url'")
    return ArticleResult(article=meta, actors=actors, places=places, events=events, claims=claims,
                         statements=statements)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "events.db"
    with Store.open(path) as store:
        store.add_results([hostile_everywhere_result()])
        events = list(store.events())
    with serving(str(path)) as url:
        yield url, events


def _open_context(browser, **context_options):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, **context_options)
    # Set before any page script: a CSP violation (something tried to run and was stopped) is counted.
    context.add_init_script("window.__violations = 0; document.addEventListener("
                            "'securitypolicyviolation', () => { window.__violations += 1; });")
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return context, opened, dialogs


def _assert_inert(page, dialogs: list[str], where: str) -> None:
    page.wait_for_timeout(50)  # let onload/onerror/ontoggle handlers fire, if any were created
    assert page.evaluate("typeof window.__pwned") == "undefined", f"a payload ran on {where}"
    assert dialogs == [], f"a dialog opened on {where}: {dialogs}"
    assert page.locator("[data-pwn]").count() == 0, f"an injected element on {where}"
    assert page.evaluate("window.__violations") == 0, f"something tried to run on {where}"


def test_hostile_strings_render_inert_on_every_page(hostile_server, page):
    url, events = hostile_server
    assert len(events) == len(HOSTILE_STRINGS)
    result = hostile_everywhere_result()
    browser = page.context.browser  # the module's browser; a fresh context for each pass
    # Every page with the CSP bypassed (the escaping alone), then a sample with the CSP on.
    for options, sample in (({"bypass_csp": True}, len(events)), ({}, 3)):
        context, tab, dialogs = _open_context(browser, **options)
        try:
            tab.goto(url + "/")
            _wait_ready(tab, len(events))
            _assert_inert(tab, dialogs, "the list and map")
            assert tab.locator("#map path.leaflet-interactive").count() == len(events)
            for n in range(sample):  # the map popups
                tab.locator("#map path.leaflet-interactive").nth(n).dispatch_event("click")
                tab.wait_for_selector(".leaflet-popup-content a")
                _assert_inert(tab, dialogs, f"map popup {n}")
            list_text = tab.locator("#event-list").inner_text()
            assert "<script data-pwn>window.__pwned='script'</script>" in list_text  # shown as text

            for event in events[:sample]:
                tab.goto(f"{url}/events/{event.id}")
                tab.wait_for_selector("#event-title")
                _assert_inert(tab, dialogs, f"event page {event.id}")
                assert tab.locator("#event-title").inner_text().endswith(f"“{event.trigger.text}”")
            assert tab.locator(".article-text").inner_text() == result.article.text

            for actor in sorted({a.name for e in events for a in e.source_actors})[:sample]:
                tab.goto(f"{url}/actors/{quote(actor, safe='')}")
                tab.wait_for_selector("#actor-name")
                _assert_inert(tab, dialogs, f"actor page {actor[:40]!r}")
                assert tab.locator("#actor-name").inner_text() == actor

            tab.goto(f"{url}/api/articles/{result.article.id}")  # the article's JSON twin
            _assert_inert(tab, dialogs, "the article JSON")
        finally:
            context.close()


def test_the_list_shows_calendar_dates_and_figures_with_their_qualifiers(tmp_path, page):
    """Issue 19: the table showed TIMEX values ("2024-W19") and dropped qualifiers ("at least 2"
    read as 2). Now a calendar date with its width, and "2+"."""
    iraq = iraq_result()
    ambush = iraq.events[1]
    at_least = ambush.model_copy(update={"casualties": [
        c.model_copy(update={"low": 2, "high": None, "qualifier": "at_least"}) for c in ambush.casualties]})
    path = tmp_path / "events.db"
    with Store.open(path) as store:
        store.add_results([iraq.model_copy(update={"events": [iraq.events[0], at_least]}), lebanon_result()])
    with serving(str(path)) as url:
        page.goto(url + "/")
        _wait_ready(page, 4)
        rows = page.eval_on_selector_all(
            "#event-list tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    by_type_and_date = {(cells[1], cells[0]): (cells[7], cells[8]) for cells in rows}
    assert by_type_and_date[("ASSAULT", "2024-03-02")] == ("–", "2+")   # the ambush: "at least"
    assert by_type_and_date[("ASSAULT", "2024-03-03")] == ("3", "–")    # the strike: exactly 3
    assert ("PROTEST", "2024-05-06 (week)") in by_type_and_date          # "last week": 2024-W19
    assert not any("W" in cells[0] for cells in rows)


def test_the_event_page_shows_each_article_once(tmp_path, page):
    """Issue 14: an event that holds two events of one article (merged by hand here) showed that
    article's text twice. Now once, with the spans of both."""
    path = tmp_path / "events.db"
    merged_id, _ = iraq_store_with_one_article_merged(path)
    with serving(str(path)) as url:
        page.goto(f"{url}/events/{merged_id}")
        assert page.locator("article.report").count() == 1
        marked = page.eval_on_selector_all(".article-text mark", "ms => ms.map(m => m.textContent).join('|')")
        assert "strike" in marked and "ambush" in marked  # both reports' triggers highlighted
        # the figures table: one row for the one article
        assert page.locator("#figures tbody tr").count() == 1
        # the actions table: the mentions of both reports, by what they tell
        told = page.eval_on_selector_all("#actions tbody tr td:nth-child(4)", "cs => cs.map(c => c.innerText).join('|')")
        assert "strike" in told and "ambush" in told
