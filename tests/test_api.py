"""The JSON API and the server-rendered pages, through FastAPI's TestClient (no network).

Exact values come from hand-built results (tests/test_store.py's Iraq and Lebanon stories, plus a
hostile article here); one test runs over the bundled examples as `tidings demo` stores them."""

from __future__ import annotations

import re
import warnings

import pytest

pytest.importorskip("fastapi", reason="fastapi is not installed: the API is untested")
with warnings.catch_warnings():  # starlette suggests httpx2; httpx works the same for these tests
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_store import failed_result, iraq_result, iraq_store_with_one_article_merged, lebanon_result  # noqa: E402

from tidings.api import create_app, highlight  # noqa: E402
from tidings.models import (  # noqa: E402
    Actor, ArticleMeta, ArticleResult, Event, Span, Statement, article_id_for, event_id_for,
)
from tidings.store import Store  # noqa: E402

# An article whose text and names try to inject markup: the pages must show them as text.
HOSTILE_TEXT = ('<script>alert("x")</script> Gunmen <b>attacked</b> a convoy, '
                'said <img src=x onerror=alert(1)>.')


def hostile_result() -> ArticleResult:
    t = HOSTILE_TEXT
    aid = article_id_for(t)
    start = t.index("attacked")
    gunmen = Actor(text="Gunmen", start=t.index("Gunmen"), end=t.index("Gunmen") + 6,
                   name="<i>Gunmen</i>", kind="armed_group", backed_by="<u>IRN</u>")
    event = Event(id=event_id_for(aid, "ASSAULT", start, start + 8), type="ASSAULT",
                  trigger=Span(text="attacked", start=start, end=start + 8), source_actors=[gunmen])
    cue = t.index("said")
    statement = Statement(speaker=gunmen, cue=Span(text="said", start=cue, end=cue + 4), direct=False,
                          content=Span(text=t[cue + 5:-1], start=cue + 5, end=len(t) - 1),
                          event_ids=[event.id])
    return ArticleResult(article=ArticleMeta(id=aid, text=t, title="<script>t()</script>"),
                         actors=[gunmen], events=[event], statements=[statement])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "events.db"
    with Store.open(path) as store:
        store.add_results([iraq_result(), lebanon_result(), failed_result(), hostile_result()])
    with TestClient(create_app(str(path))) as test_client:
        yield test_client


def test_events_are_paged_with_a_cursor(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    assert [e["type"] for e in first["events"]] == ["ASSAULT", "ASSAULT"]
    assert first["next"] is not None
    second = client.get("/api/events", params={"limit": 10, "after": first["next"]}).json()
    # The protest (dated), then the two undated events in id order.
    assert [e["type"] for e in second["events"]][0] == "PROTEST"
    assert sorted(e["type"] for e in second["events"][1:]) == ["ASSAULT", "THREATEN"]
    assert second["next"] is None
    seen = [e["id"] for e in first["events"] + second["events"]]
    assert len(set(seen)) == 5


@pytest.mark.parametrize("params, types", [
    ({"type": "protest"}, ["PROTEST"]),
    ({"since": "2024-03-03", "until": "2024-03-31"}, ["ASSAULT"]),
    ({"country": "irq", "mode": "drone"}, ["ASSAULT"]),
    ({"bbox": "30,30,38,35"}, ["PROTEST"]),
    ({"actor": "Islamic State", "status": "claimed"}, ["ASSAULT"]),
    ({"q": "MARCHED"}, ["PROTEST"]),
    ({"type": "", "q": "", "since": "2024-03-01"}, ["ASSAULT", "ASSAULT", "PROTEST"]),  # "" = no filter
])
def test_event_filters(client, params, types):
    assert [e["type"] for e in client.get("/api/events", params=params).json()["events"]] == types


def test_bad_filters_are_400_with_the_reason(client):
    response = client.get("/api/events", params={"type": "BOMBING"})
    assert response.status_code == 400 and "choose from" in response.json()["detail"]
    assert client.get("/api/events", params={"bbox": "1,2"}).status_code == 400
    assert client.get("/api/events", params={"after": "not-a-cursor"}).status_code == 400
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_timeline_counts(client):
    assert client.get("/api/timeline", params={"by": "month"}).json() == {
        "by": "month", "counts": [{"period": "2024-03", "n": 2}, {"period": "2024-05", "n": 1}]}
    assert client.get("/api/timeline", params={"type": "PROTEST"}).json()["counts"] == [
        {"period": "2024-05-06", "n": 1}]


def test_event_detail_has_reports_evidence_claims_and_figures(client):
    ambush = iraq_result().events[1]
    detail = client.get(f"/api/events/{ambush.id}").json()
    [report] = detail["reports"]
    text = report["article"]["text"]
    for span in report["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]  # every span indexes the text
    assert {s["label"] for s in report["spans"]} == {
        "trigger", "source actor", "location", "date", "injured"}
    assert [(c["kind"], c["actor"]["name"]) for c in detail["claims"]] == [("claim", "Islamic State")]
    assert [(f["killed"], f["injured"]) for f in detail["figures"]] == [(None, 2)]
    assert client.get("/api/events/e-none").status_code == 404


def test_event_detail_lists_each_article_once(tmp_path):
    path = tmp_path / "events.db"
    merged_id, iraq = iraq_store_with_one_article_merged(path)
    strike, ambush = iraq.events
    with TestClient(create_app(str(path))) as test_client:
        detail = test_client.get(f"/api/events/{merged_id}").json()
    [report] = detail["reports"]
    assert sorted(report["event_ids"]) == sorted([strike.id, ambush.id])
    assert {s["text"] for s in report["spans"] if s["label"] == "trigger"} == {"strike", "ambush"}
    assert [c["kind"] for c in detail["claims"]] == ["claim"]  # the ambush's claim, once
    assert len(detail["figures"]) == 1


def test_events_of_opinion_pieces_are_left_out_unless_asked(tmp_path):
    column = lebanon_result()
    column.article.genre = "opinion"
    path = tmp_path / "events.db"
    with Store.open(path) as store:
        store.add_results([iraq_result(), column])
    with TestClient(create_app(str(path))) as test_client:
        shown = test_client.get("/api/events").json()["events"]
        every = test_client.get("/api/events", params={"all_genres": "true"}).json()["events"]
        timeline = test_client.get("/api/timeline", params={"by": "month"}).json()["counts"]
    assert [e["type"] for e in shown] == ["ASSAULT", "ASSAULT"]
    assert [e["type"] for e in every] == ["ASSAULT", "ASSAULT", "PROTEST", "THREATEN"]
    assert timeline == [{"period": "2024-03", "n": 2}]


def test_claims_statements_actors_articles(client):
    claims = client.get("/api/claims", params={"actor": "Islamic State"}).json()
    assert [c["kind"] for c in claims["claims"]] == ["claim"] and claims["next"] is None
    statements = client.get("/api/statements", params={"speaker": "Iraqi Armed Forces"}).json()
    assert [s["cue"]["text"] for s in statements["statements"]] == ["said"]
    actors = client.get("/api/actors", params={"q": "islamic"}).json()["actors"]
    assert [(a["name"], a["mentions"]) for a in actors] == [("Islamic State", 2)]
    actor = client.get("/api/actors/Islamic State").json()
    assert actor["dyads"] == [{"counterpart": "Iraqi Armed Forces", "role": "target", "n": 1,
                               "by_month": {"2024-03": 1}}]
    articles = client.get("/api/articles", params={"limit": 2}).json()
    assert len(articles["articles"]) == 2 and articles["next"] is not None
    iraq = iraq_result()
    assert client.get(f"/api/articles/{iraq.article.id}").json()["article"]["text"] == iraq.article.text


def test_pages_and_their_json_twins_show_the_same_event(client):
    strike = iraq_result().events[0]
    page = client.get(f"/events/{strike.id}")
    twin = client.get(f"/api/events/{strike.id}").json()
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    assert f'href="/api/events/{strike.id}"' in page.text
    # Each highlighted stretch is a piece of the article text: the trigger among them.
    marks = re.findall(r'<mark class="([^"]*)"[^>]*>([^<]*)</mark>', page.text)
    assert ("trigger evidence ", "strike") in marks
    assert twin["event"]["trigger"]["text"] == "strike"
    actor_page = client.get("/actors/Iraqi Armed Forces")
    assert actor_page.status_code == 200 and "Islamic State" in actor_page.text
    assert client.get("/actors/Nobody").status_code == 404


def test_article_text_and_names_are_escaped(client):
    event = hostile_result().events[0]
    page = client.get(f"/events/{event.id}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<i>Gunmen" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;<mark" in page  # the tag around the trigger is text, the mark is ours
    # A relation the text states is shown beside its actor, as text too.
    assert '<span class="relation">(backed by &lt;u&gt;IRN&lt;/u&gt;)</span>' in page


def test_highlight_splits_overlapping_spans():
    spans = [{"label": "evidence", "start": 0, "end": 12}, {"label": "trigger", "start": 6, "end": 12},
             {"label": "date", "start": 10, "end": 99}]  # out of range: ignored, never cut
    assert highlight("drone strike hit", spans) == [
        {"text": "drone ", "labels": ["evidence"]},
        {"text": "strike", "labels": ["evidence", "trigger"]},
        {"text": " hit", "labels": []},
    ]


def test_openapi_docs_and_read_only(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/timeline", "/api/claims", "/api/statements",
            "/api/actors", "/api/actors/{name}", "/api/articles",
            "/api/articles/{article_id}", "/api/decisions"} <= set(schema["paths"])
    # The one write is a decision, and this app (started without a token) refuses it.
    writes = {path: set(ops) - {"get"} for path, ops in schema["paths"].items() if set(ops) - {"get"}}
    assert writes == {"/api/decisions": {"post"}}
    assert client.post("/api/decisions", json={"action": "split", "reports": ["a/e"]}).status_code == 403
    assert client.get("/docs").status_code == 200
    assert client.post("/api/events", json={}).status_code == 405


def test_the_demo_store_serves_every_event_with_its_evidence(demo_db):
    with TestClient(create_app(demo_db)) as demo:
        events = demo.get("/api/events", params={"limit": 1000}).json()["events"]
        assert events, "the bundled examples gave no events"
        for event in events[:10]:
            detail = demo.get(f"/api/events/{event['id']}").json()
            for report in detail["reports"]:
                text = report["article"]["text"]
                assert all(text[s["start"]:s["end"]] == s["text"] for s in report["spans"])
        assert demo.get("/").status_code == 200


def test_serve_binds_loopback_by_default():
    from tidings.cli import build_parser

    args = build_parser().parse_args(["serve", "--db", "events.db"])
    assert (args.command, args.host, args.port) == ("serve", "127.0.0.1", 8000)


def test_country_shapes_are_vendored_geojson_decoded_from_topojson():
    from tidings.web.build_map import TARGET, to_geojson

    # A tiny quantized topology: one square from two delta-encoded arcs, the second one reversed.
    topology = {
        "type": "Topology", "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[0, 0], [0, 2], [2, 0]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, -2]], "id": "999", "properties": {"name": "Square"}}]}},
    }
    [feature] = to_geojson(topology)["features"]
    assert feature["properties"] == {"name": "Square"}
    assert feature["geometry"]["coordinates"] == [[[10, 20], [12, 20], [12, 22], [10, 22], [10, 20]]]
    import json

    shipped = json.loads(TARGET.read_text(encoding="utf-8"))
    names = {f["properties"]["name"] for f in shipped["features"]}
    assert {"Iraq", "Kenya", "Fiji"} <= names and len(names) > 150
