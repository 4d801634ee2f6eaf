"""Hand-made merge and split decisions through their two interfaces: the CLI verbs and the
token-protected API write. The reports are the hand-built outlets of tests/test_store_merge.py."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("fastapi", reason="fastapi is not installed: the API is untested")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_store_merge import key, post, reuters, syria  # noqa: E402

from tidings.api import create_app  # noqa: E402
from tidings.cli import main  # noqa: E402
from tidings.errors import UsageError  # noqa: E402
from tidings.store import Store  # noqa: E402

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "events.db")
    with Store.open(path) as store:
        store.add_results([reuters(), post(), syria()])
    return path


def n_events(db: str) -> int:
    with Store.open(db) as store:
        return store.counts()["events"]


def split_body() -> dict:
    return {"action": "split", "reports": [key(post())], "note": "a different car"}


def test_without_a_token_the_api_refuses_every_write(db):
    with TestClient(create_app(db)) as client:
        answer = client.post("/api/decisions", json=split_body(),
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 403 and "read-only" in answer.json()["detail"]
        assert client.get("/api/decisions").json() == {"decisions": []}
    assert n_events(db) == 2


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-wrong-token", f"Basic {TOKEN}",
                                    f"Bearer {TOKEN}x", "Bearer "])
def test_a_missing_or_wrong_token_gets_401_and_writes_nothing(db, header):
    headers = {"Authorization": header} if header is not None else {}
    with TestClient(create_app(db, token=TOKEN)) as client:
        answer = client.post("/api/decisions", json=split_body(), headers=headers)
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert n_events(db) == 2


def test_the_token_lets_a_split_through_and_it_is_applied(db):
    with TestClient(create_app(db, token=TOKEN)) as client:
        answer = client.post("/api/decisions", json=split_body(),
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 201, answer.text
        assert answer.json()["decision"]["reports"] == [key(post())]
        [made] = client.get("/api/decisions").json()["decisions"]
        assert (made["action"], made["note"]) == ("split", "a different car")
    assert n_events(db) == 3  # the Post's report left the merged strike


@pytest.mark.parametrize("body", [
    {"action": "delete", "reports": ["a/e"]},          # not an action
    {"action": "merge", "reports": []},                # nothing named
    {"action": "merge", "reports": ["a/e"], "sql": "DROP TABLE reports"},  # unknown field
])
def test_malformed_decisions_are_rejected_before_the_store(db, body):
    with TestClient(create_app(db, token=TOKEN)) as client:
        answer = client.post("/api/decisions", json=body,
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 422
    assert n_events(db) == 2


def test_a_short_token_is_refused_at_start_up(db):
    with pytest.raises(UsageError, match="too short"):
        create_app(db, token="abc")


def test_cli_split_then_merge_by_event_id(db, capsys):
    assert main(["split", "--db", db, key(post()), "--note", "a different car"]) == 0
    assert "split decision #" in capsys.readouterr().err
    assert n_events(db) == 3
    with Store.open(db) as store:
        by_article = {e.reports[0].article_id: e.id for e in store.events() if len(e.reports) == 1}
    # Merging the two Baghdad events again by their stored event ids undoes the split.
    assert main(["merge", "--db", db, by_article[post().article.id],
                 by_article[reuters().article.id]]) == 0
    assert n_events(db) == 2


def test_cli_names_what_it_cannot_find(db, capsys):
    assert main(["merge", "--db", db, "e-0000000000000000", key(post())]) == 2
    assert "neither a report" in capsys.readouterr().err
    assert main(["merge", "--db", db, key(post())]) == 2
    assert "at least two reports" in capsys.readouterr().err


def test_serve_reads_the_token_from_a_file_not_the_command_line(tmp_path, monkeypatch):
    from tidings.cli import _api_token

    monkeypatch.delenv("TIDINGS_API_TOKEN", raising=False)
    assert _api_token(None) is None
    monkeypatch.setenv("TIDINGS_API_TOKEN", TOKEN)
    assert _api_token(None) == TOKEN
    path = tmp_path / "token.txt"
    path.write_text("  from-the-file-0123456789\n", encoding="utf-8")
    assert _api_token(path) == "from-the-file-0123456789"
    path.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="empty"):
        _api_token(path)


def test_cli_remerge_follows_edited_settings_and_keeps_splits(db, capsys, monkeypatch):
    from tidings.resolve import dedup

    assert main(["remerge", "--db", db]) == 0  # nothing changed: the same two events
    assert "3 reports re-merged into 2 events (there were 2)" in capsys.readouterr().err
    assert main(["split", "--db", db, key(post())]) == 0
    # A lower threshold, as if data/merge.yaml had been edited: the Baghdad reports would link,
    # but the hand-made split keeps the Daily Post's report apart.
    loose = dedup.resolve_config({"threshold": 0.3, "star_floor": 0.2})
    monkeypatch.setattr(dedup, "load_config", lambda: loose)
    assert main(["remerge", "--db", db]) == 0
    assert n_events(db) == 3
