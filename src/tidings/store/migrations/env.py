"""Alembic environment for the tidings store.

``tidings.store.Store.open`` runs this in code: it passes its own open connection in
``config.attributes["connection"]``, so no alembic.ini is needed and an in-memory SQLite database
migrates on the connection that will use it. For hand use (``alembic -c FILE upgrade head`` with
``script_location = tidings.store:migrations`` and ``sqlalchemy.url`` set) it builds an engine from the
config instead, and ``--sql`` (offline mode) prints the DDL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from tidings.store import VERSION_TABLE

config = context.config

# Our own version table name, so a PostgreSQL database shared with another Alembic project does not
# mix their revision histories. render_as_batch lets future migrations alter SQLite tables (which
# cannot ALTER most things in place) with the same code that runs on PostgreSQL.
OPTIONS = {"version_table": VERSION_TABLE, "render_as_batch": True, "target_metadata": None}


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
