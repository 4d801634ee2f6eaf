"""Schema migrations on a populated store, on SQLite and PostgreSQL: step down through every
revision and back up again, and down to base and up to head.

Real wire-style articles (and one that fails, for ``article_errors``) are stored at head. At every
revision on the way down and up, each table the schema still has keeps its rows, and the columns
that exist at every revision of the path keep their content exactly; at head again every stored
article result reads back as it was written. Downgrading to base drops the tables (the schema keeps
nothing there); upgrading to head from it gives a working empty store that takes the same articles
again. Revisions are read from the migrations folder, so a new revision is tested without editing
this file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from pg import emptied

from tidings.store import MIGRATIONS_DIR, VERSION_TABLE, Store, create_store_engine, database_url, schema_revision

STORIES = [
    "MOSUL, Iraq, March 3 (Reuters) - A roadside bomb killed two soldiers and wounded five near "
    "Mosul on Sunday, the Iraqi army said. Islamic State claimed responsibility in a statement on "
    "Telegram.",
    "KABUL, March 3 (AP) - Gunmen attacked a police post in Kabul province on Saturday, killing "
    "four officers, a provincial spokesman said. \"We will find those responsible,\" the governor "
    "told reporters. The Taliban denied any role.",
    "LAGOS, March 3 (AFP) - Hundreds of protesters marched in Lagos on Friday to demand the "
    "release of detained journalists, witnesses said. Police fired tear gas.",
    "WASHINGTON, March 3 (Reuters) - The United States imposed sanctions on three militia leaders "
    "it accused of planning attacks on US troops in Syria, the Treasury said on Monday.",
]


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def revisions() -> list[str]:
    """Every revision id, base first."""
    from alembic.script import ScriptDirectory

    return [script.revision for script in reversed(list(ScriptDirectory.from_config(_config()).walk_revisions()))]


def _migrate(engine: sa.Engine, direction: str, target: str) -> None:
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, target)


def snapshot(engine: sa.Engine) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table but Alembic's: (column names, all rows sorted), read by reflection so that a
    table or column a revision adds is seen too."""
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    meta = sa.MetaData()
    with engine.connect() as connection:
        meta.reflect(connection)
        for name, table in meta.tables.items():
            if name == VERSION_TABLE:
                continue
            columns = sorted(table.c.keys())
            rows = connection.execute(sa.select(*[table.c[c] for c in columns])).all()
            tables[name] = (columns, sorted((tuple(row) for row in rows), key=repr))
    return tables


def _project(snap: tuple[list[str], list[tuple]], keep: set[str]) -> list[tuple]:
    columns, rows = snap
    index = [i for i, c in enumerate(columns) if c in keep]
    return sorted((tuple(row[i] for i in index) for row in rows), key=repr)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "migrate.db")
        return
    url = request.getfixturevalue("postgres_url")
    yield emptied(url)  # an empty database: drop whatever earlier tests left


@pytest.fixture(scope="module")
def results(pipeline):
    from tidings.ingest import article_from_bytes, article_from_text

    articles = [article_from_text(text, f"story{i}.txt") for i, text in enumerate(STORIES)]
    articles.append(article_from_bytes(b"\x00\x01\x02binary\x00\x00", "bad.txt"))  # stored with E002
    stored = list(pipeline.process_many(articles))
    assert [bool(r.errors) for r in stored] == [False] * len(STORIES) + [True]
    return stored


def _populated(db: str, results) -> sa.Engine:
    with Store.open(db) as store:
        added, _ = store.add_results(results)
        assert added == len(results)
    return create_store_engine(database_url(db))


def test_step_by_step_down_and_up_keeps_what_the_schema_keeps(db, results):
    chain = revisions()
    assert chain[0] == "0001"
    engine = _populated(db, results)
    at_head = snapshot(engine)
    assert len(at_head["articles"][1]) == len(results)
    assert len(at_head["article_errors"][1]) >= 1 and len(at_head["reports"][1]) >= len(STORIES)
    assert len(at_head["actors"][1]) > 0 and len(at_head["places"][1]) > 0
    assert len(at_head["claims"][1]) > 0 and len(at_head["statements"][1]) > 0

    # the columns every revision has, table by table: those must come back exactly
    surviving = {name: set(columns) for name, (columns, _) in at_head.items()}
    path = list(reversed(chain[:-1])) + chain[1:]  # head-1 ... 0001 ... head
    steps = [("downgrade", rev) for rev in reversed(chain[:-1])] + [("upgrade", rev) for rev in chain[1:]]
    assert len(steps) == len(path)
    for direction, target in steps:
        _migrate(engine, direction, target)
        with engine.connect() as connection:
            assert schema_revision(connection) == target
        now = snapshot(engine)
        for name in list(surviving):
            if name not in now:
                surviving.pop(name)  # a table this revision does not have: nothing to keep there
                continue
            surviving[name] &= set(now[name][0])
            assert len(now[name][1]) == len(at_head[name][1]), f"{name} at {target} ({direction})"
            assert _project(now[name], surviving[name]) == _project(at_head[name], surviving[name]), \
                f"{name} at {target} ({direction})"

    with engine.connect() as connection:
        assert schema_revision(connection) == chain[-1]
    engine.dispose()
    assert {"articles", "article_errors", "reports", "claims", "statements"} <= set(surviving)
    with Store.open(db) as store:
        for result in results:
            assert store.article(result.article.id) == result
        assert store.counts()["articles"] == len(results)


def test_down_to_base_and_up_to_head_gives_a_working_store(db, results):
    engine = _populated(db, results)
    before = snapshot(engine)
    _migrate(engine, "downgrade", "base")
    with engine.connect() as connection:
        assert schema_revision(connection) is None
        left = set(sa.inspect(connection).get_table_names()) - {VERSION_TABLE}
    assert left == set()  # base has no tables: the schema keeps nothing there
    _migrate(engine, "upgrade", "head")
    with engine.connect() as connection:
        assert schema_revision(connection) == revisions()[-1]
    assert all(rows == [] for _, rows in snapshot(engine).values())
    engine.dispose()
    with Store.open(db) as store:  # the same articles go in again, to the same rows
        assert store.add_results(results) == (len(results), 0)
    after = snapshot(create_store_engine(database_url(db)))
    for name, (columns, rows) in before.items():
        ignore = {"ingested_at"}  # when it was stored: the one column that differs by design
        keep = set(columns) - ignore
        assert _project(after[name], keep) == _project((columns, rows), keep), name
