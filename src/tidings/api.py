"""The HTTP interface over a store: a JSON API (OpenAPI at ``/docs``) and the web UI.

``create_app(db)`` builds a FastAPI app; ``tidings serve --db PATH`` runs it on 127.0.0.1.

Read-only unless a write token is given at start-up (``create_app(db, token=...)``; ``tidings serve
--token-file FILE`` or ``TIDINGS_API_TOKEN``). The one kind of write is a person's merge or split
decision (``POST /api/decisions``), and it needs ``Authorization: Bearer TOKEN``: without a
configured token every write is refused with 403, with a wrong or missing token with 401. A browser
cannot send that header cross-site without a CORS preflight, which this app never grants.

Every web page has a JSON twin built by the same function from the same query, so the two cannot
drift (datasette's habit): ``/events/{id}`` and ``/api/events/{id}`` both render
``event_detail(store, id)``; ``/actors/{name}`` and ``/api/actors/{name}`` both render
``actor_detail``. The map page (``/``) draws what ``/api/events`` and ``/api/timeline`` return.

Article text is untrusted: pages are rendered by Jinja2 with autoescaping on, evidence is
highlighted by splitting the text into segments (``highlight``) that the template escapes one by
one, the browser script only ever sets ``textContent``, and a Content-Security-Policy forbids
inline scripts. Only ``POST /api/decisions`` writes to the store.
"""

from __future__ import annotations

import hmac
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import __version__
from .errors import UsageError
from .export import casualty_figures, casualty_total, summary_row
from .models import EVENT_TYPES, Event, MergeDecision
from .store import EVENT_STATUSES, EventFilter, Store

WEB_DIR = Path(__file__).parent / "web"
MAX_PAGE = 1000
# Leaflet positions map panes with inline styles, hence 'unsafe-inline' for styles only; scripts
# come from this server alone, so text that slipped through escaping still could not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'")


@lru_cache(maxsize=1)
def templates() -> Environment:
    return Environment(loader=FileSystemLoader(WEB_DIR / "templates"),
                       autoescape=select_autoescape(["html"], default=True))


# --- what pages and their JSON twins show -------------------------------------------------------


def highlight(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` cut at every span boundary: [{"text", "labels"}], where ``labels`` names the spans
    covering that stretch (empty for plain text). Overlapping spans (an actor inside the evidence)
    give stretches with several labels. The pieces join back to ``text`` exactly."""
    bounds = {0, len(text)}
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]  # a span off the text: skip
    for span in spans:
        bounds.update((span["start"], span["end"]))
    cuts = sorted(bounds)
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        labels = [s["label"] for s in spans if s["start"] <= start and end <= s["end"]]
        segments.append({"text": text[start:end], "labels": list(dict.fromkeys(labels))})
    return segments


def evidence_spans(event: Event) -> list[dict[str, Any]]:
    """Every span an article event's fields were read from, labelled by field."""
    spans: list[dict[str, Any]] = [{"label": "trigger", **event.trigger.model_dump()}]
    spans += [{"label": "evidence", **span.model_dump()} for span in event.evidence]
    spans += [{"label": "source actor", **_span_of(actor)} for actor in event.source_actors]
    spans += [{"label": "target actor", **_span_of(actor)} for actor in event.target_actors]
    if event.location is not None:
        spans.append({"label": "location", **_span_of(event.location)})
    if event.date is not None:
        spans.append({"label": "date", **_span_of(event.date)})
    spans += [{"label": f"{c.kind}", **c.evidence.model_dump()} for c in event.casualties]
    return [s for s in spans if s["end"] > s["start"]]  # a date read from the dateline has no span


def _span_of(found: Any) -> dict[str, Any]:
    return {"text": found.text, "start": found.start, "end": found.end}


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event with, for each report, its article, the spans behind each field, the claims and
    statements about it, and the casualty figures each source gave."""
    event = store.event(event_id)
    if event is None:
        return None
    reports = []
    claims: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    figures = []
    # each article once, however many of its events the stored event holds: their spans together
    by_article: dict[str, list[Any]] = {}
    for report in event.reports:
        by_article.setdefault(report.article_id, []).append(report)
    for article_id, its_reports in by_article.items():
        result = store.article(article_id)
        if result is None:  # the foreign key makes this impossible; say so rather than skip
            raise LookupError(f"report of {event_id} names article {article_id}, not stored")
        article = result.article
        event_ids = [r.event_id for r in its_reports]
        spans: list[dict[str, Any]] = []
        for report in its_reports:
            own = next((e for e in result.events if e.id == report.event_id), None)
            for found in evidence_spans(own) if own else [{"label": "trigger", **report.trigger.model_dump()}]:
                if found not in spans:
                    spans.append(found)
        reports.append({
            "article": {"id": article.id, "title": article.title, "source": article.source,
                        "published": article.published.isoformat() if article.published else None,
                        "url": article.url, "text": article.text, "genre": article.genre},
            "event_id": event_ids[0], "event_ids": event_ids, "spans": spans,
        })
        claims += [{"article_id": article.id, **c.model_dump(mode="json")}
                   for c in result.claims if set(event_ids) & set(c.event_ids)]
        statements += [{"article_id": article.id, **s.model_dump(mode="json")}
                       for s in result.statements if set(event_ids) & set(s.event_ids)]
    for figure in event.figures:
        source = next((r["article"]["source"] for r in reports
                       if r["article"]["id"] == figure.article_id), None)
        texts = casualty_figures([figure.casualties])
        figures.append({"article_id": figure.article_id, "source": source,
                        "killed": casualty_total([figure.casualties], "killed"),
                        "injured": casualty_total([figure.casualties], "injured"),
                        "killed_figure": texts.get("killed"), "injured_figure": texts.get("injured"),
                        "casualties": [c.model_dump(mode="json") for c in figure.casualties]})
    return {"event": event.model_dump(mode="json"), "summary": summary_row(event),
            "reports": reports, "claims": claims, "statements": statements, "figures": figures}


def actor_detail(store: Store, name: str, limit: int = 500) -> dict[str, Any] | None:
    """An actor: its mentions, its events (as source or target), its dyads (the actors on the
    other side, with counts by month: the dyad timeline), and the claims and statements it made."""
    rows, _ = store.actors(name=name, limit=1)
    if not rows:
        return None
    actor = rows[0]
    events, _ = store.event_page(EventFilter(actor=name), limit=limit)
    dyads: dict[tuple[str, str], dict[str, Any]] = {}
    for event in events:
        is_source = any(a.name == name for a in event.source_actors)
        others = event.target_actors if is_source else event.source_actors
        month = event.date.value[:7] if event.date and event.date.value[:4].isdigit() else "undated"
        for other in dict.fromkeys(a.name for a in others if a.name != name):
            dyad = dyads.setdefault((other, "source" if is_source else "target"), {
                "counterpart": other, "role": "source" if is_source else "target", "n": 0,
                "by_month": {}})
            dyad["n"] += 1
            dyad["by_month"][month] = dyad["by_month"].get(month, 0) + 1
    claims, _ = store.claims(actor=name, limit=MAX_PAGE)
    statements, _ = store.statements(speaker=name, limit=MAX_PAGE)
    return {
        "actor": actor,
        "events": [summary_row(e) for e in events],
        "dyads": sorted(dyads.values(), key=lambda d: (-d["n"], d["counterpart"])),
        "claims": [{"article_id": a, **c.model_dump(mode="json")} for a, c in claims],
        "statements": [{"article_id": a, **s.model_dump(mode="json")} for a, s in statements],
    }


def _page(items: list[Any], cursor: str | None, key: str) -> dict[str, Any]:
    return {key: items, "next": cursor}


T = TypeVar("T")


def _found(value: T | None, missing: str) -> T:
    """``value``, or a 404 saying what is ``missing``: one lookup serves a page and its twin."""
    if value is None:
        raise HTTPException(404, missing)
    return value


# --- the app -------------------------------------------------------------------------------------


def create_app(db: str | Path | Store, *, token: str | None = None) -> FastAPI:
    """The API and web UI over ``db`` (a path, a ``postgresql://`` URL, or an open ``Store``).
    With ``token``, ``POST /api/decisions`` accepts requests that carry it as a bearer token."""
    if token is not None and len(token) < 16:
        raise UsageError("the API write token is too short: use at least 16 random characters "
                         "(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")
    store = db if isinstance(db, Store) else Store.open(db)
    # /docs is served below from vendored Swagger UI: FastAPI's default loads it from a CDN, which
    # an offline machine cannot reach.
    app = FastAPI(title="tidings", version=__version__, docs_url=None, redoc_url=None,
                  description="Events, claims and statements read from news, each field with the "
                              "text span it came from. Read-only, except for merge and split "
                              "decisions when the server was started with a write token.")
    app.state.store = store
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.exception_handler(UsageError)
    async def bad_request(_request: Request, exc: UsageError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    def filters(since: str | None, until: str | None, bbox: str | None, country: str | None,
                type: str | None, mode: str | None, actor: str | None, status: str | None,
                q: str | None, all_genres: bool = False) -> EventFilter:
        # Empty form fields arrive as "": they mean "no filter".
        return EventFilter(since=since or None, until=until or None, bbox=bbox or None,
                           country=country or None, type=type or None, mode=mode or None,
                           actor=actor or None, status=status or None, q=q or None,
                           all_genres=all_genres)

    filter_docs = {
        "since": Query(None, description="events dated on or after YYYY-MM-DD"),
        "until": Query(None, description="events dated on or before YYYY-MM-DD"),
        "bbox": Query(None, description="west,south,east,north in degrees"),
        "country": Query(None, description="ISO alpha-3 of the event's location"),
        "type": Query(None, description="PLOVER event type: " + ", ".join(EVENT_TYPES)),
        "mode": Query(None, description="PLOVER mode, e.g. drone"),
        "actor": Query(None, description="canonical actor name, as source or target"),
        "status": Query(None, description="one of " + ", ".join(EVENT_STATUSES)),
        "q": Query(None, description="free text found anywhere in the event"),
        "all_genres": Query(False, description="also the events told only by opinion columns, letters, "
                                               "memoirs or analyses (left out by default)"),
    }

    @app.get("/api/events", tags=["events"], summary="Events, filtered, one keyset page at a time")
    def api_events(since: str | None = filter_docs["since"], until: str | None = filter_docs["until"],
                   bbox: str | None = filter_docs["bbox"], country: str | None = filter_docs["country"],
                   type: str | None = filter_docs["type"], mode: str | None = filter_docs["mode"],
                   actor: str | None = filter_docs["actor"], status: str | None = filter_docs["status"],
                   q: str | None = filter_docs["q"], all_genres: bool = filter_docs["all_genres"],
                   after: str | None = Query(None, description="the `next` cursor of the previous page"),
                   limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        found = filters(since, until, bbox, country, type, mode, actor, status, q, all_genres)
        events, cursor = store.event_page(found, after=after or None, limit=limit)
        # each event with its summary row: the calendar date and the figures as a person reads them
        return _page([{**e.model_dump(mode="json"), "summary": summary_row(e)} for e in events],
                     cursor, "events")

    @app.get("/api/timeline", tags=["events"], summary="Numbers of events by day or month")
    def api_timeline(since: str | None = filter_docs["since"], until: str | None = filter_docs["until"],
                     bbox: str | None = filter_docs["bbox"], country: str | None = filter_docs["country"],
                     type: str | None = filter_docs["type"], mode: str | None = filter_docs["mode"],
                     actor: str | None = filter_docs["actor"], status: str | None = filter_docs["status"],
                     q: str | None = filter_docs["q"], all_genres: bool = filter_docs["all_genres"],
                     by: str = Query("day", pattern="^(day|month)$")) -> dict[str, Any]:
        found = filters(since, until, bbox, country, type, mode, actor, status, q, all_genres)
        counts = store.event_counts(found, by=by)
        return {"by": by, "counts": [{"period": period, "n": n} for period, n in counts]}

    @app.get("/api/events/{event_id}", tags=["events"],
             summary="One event: reports, article text, evidence spans, claims, statements, figures")
    def api_event(event_id: str) -> dict[str, Any]:
        return _found(event_detail(store, event_id), f"no event {event_id}")

    @app.get("/api/claims", tags=["claims"], summary="Claims, denials and accusations")
    def api_claims(actor: str | None = None, kind: str | None = None, event_id: str | None = None,
                   after: str | None = None, limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        found, cursor = store.claims(actor=actor or None, kind=kind or None, event_id=event_id or None,
                                     after=after or None, limit=limit)
        return _page([{"article_id": a, **c.model_dump(mode="json")} for a, c in found], cursor, "claims")

    @app.get("/api/statements", tags=["statements"], summary="Quotations and reported speech")
    def api_statements(speaker: str | None = None, stance: str | None = None,
                       event_id: str | None = None, after: str | None = None,
                       limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        found, cursor = store.statements(speaker=speaker or None, stance=stance or None,
                                         event_id=event_id or None, after=after or None, limit=limit)
        return _page([{"article_id": a, **s.model_dump(mode="json")} for a, s in found], cursor,
                     "statements")

    @app.get("/api/actors", tags=["actors"], summary="Actors by canonical name, with mention counts")
    def api_actors(q: str | None = None, after: str | None = None,
                   limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        found, cursor = store.actors(q=q or None, after=after or None, limit=limit)
        return _page(found, cursor, "actors")

    @app.get("/api/actors/{name:path}", tags=["actors"],
             summary="One actor: events, dyads, claims, statements")
    def api_actor(name: str) -> dict[str, Any]:
        return _found(actor_detail(store, name), f"no actor named {name}")

    @app.get("/api/articles", tags=["articles"], summary="Stored articles (metadata, no text)")
    def api_articles(after: str | None = None,
                     limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        found, cursor = store.articles_page(after=after or None, limit=limit)
        return _page(found, cursor, "articles")

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="One article's stored result (tidings/1), exactly as extracted")
    def api_article(article_id: str) -> dict[str, Any]:
        return _found(store.article(article_id), f"no article {article_id}").model_dump(mode="json")

    def writer(authorization: str | None = Header(None, include_in_schema=False)) -> None:
        """Let a write through only with the start-up token; compare in constant time."""
        if token is None:
            raise HTTPException(403, "this server is read-only: start it with --token-file FILE "
                                     "or TIDINGS_API_TOKEN to accept merge and split decisions")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a write needs the header 'Authorization: Bearer TOKEN' with "
                                     "the token the server was started with",
                                headers={"WWW-Authenticate": "Bearer"})

    @app.get("/api/decisions", tags=["decisions"],
             summary="Merge and split decisions made by hand, oldest first")
    def api_decisions() -> dict[str, Any]:
        return {"decisions": [d.model_dump(mode="json") for d in store.decisions()]}

    @app.post("/api/decisions", tags=["decisions"], status_code=201, dependencies=[Depends(writer)],
              summary="Merge reports into one event, or split them out of theirs (needs the token)")
    def api_add_decision(decision: MergeDecision) -> dict[str, Any]:
        seq = store.add_decision(decision)  # reports not stored yet are allowed: applied on arrival
        return {"seq": seq, "decision": decision.model_dump(mode="json")}

    # --- pages ---

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates().get_template(name).render(version=__version__, **context))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        vendor = "/static/vendor/swagger-ui/"
        response = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="tidings API",
            swagger_js_url=vendor + "swagger-ui-bundle.js", swagger_css_url=vendor + "swagger-ui.css",
            swagger_favicon_url=vendor + "favicon-32x32.png")
        # Swagger UI starts from an inline script; this page shows no article text of its own.
        response.headers["Content-Security-Policy"] = CSP.replace(
            "script-src 'self'", "script-src 'self' 'unsafe-inline'")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index_page() -> HTMLResponse:
        return page("index.html", types=EVENT_TYPES, statuses=EVENT_STATUSES, counts=store.counts())

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str) -> HTMLResponse:
        detail = _found(event_detail(store, event_id), f"no event {event_id}")
        for report in detail["reports"]:
            report["segments"] = highlight(report["article"]["text"], report["spans"])
        return page("event.html", d=detail, json_url="/api/events/" + quote(event_id, safe=""))

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(name: str) -> HTMLResponse:
        detail = _found(actor_detail(store, name), f"no actor named {name}")
        months = sorted({m for d in detail["dyads"] for m in d["by_month"]})
        return page("actor.html", d=detail, months=months, json_url="/api/actors/" + quote(name, safe=""))

    return app

