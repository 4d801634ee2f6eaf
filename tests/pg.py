"""A throwaway PostgreSQL server for tests: ``initdb`` + ``pg_ctl`` in a temporary folder, on a free
loopback port, stopped and deleted at the end. Uses the server binaries already on the machine
(Debian's ``postgresql-15``); ``find_bin_dir()`` returns None when there are none, and the fixture
in conftest.py then skips with a message saying so."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Debian installs the server outside PATH; newest first.
CANDIDATE_BIN_DIRS = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15, 14, 13)]
# initdb refuses to run as root; as root, the server runs as this system user instead.
SERVER_USER = "postgres"
START_TIMEOUT_S = 30


def find_bin_dir() -> Path | None:
    override = os.environ.get("TIDINGS_PG_BIN")
    for candidate in ([Path(override)] if override else []) + CANDIDATE_BIN_DIRS:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def local_postgres(bin_dir: Path) -> Iterator[str]:
    """Start a server; yield a ``postgresql://`` URL of an empty database; stop it afterwards."""
    as_user: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tidings-pg-") as tmp:
        root = Path(tmp)
        if os.geteuid() == 0:
            entry = pwd.getpwnam(SERVER_USER)  # KeyError names the missing user: a clear failure
            os.chown(root, entry.pw_uid, entry.pw_gid)
            as_user = ["runuser", "-u", SERVER_USER, "--"]
        data, log = root / "data", root / "server.log"
        port = free_port()

        def run(*cmd: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)

        try:
            run(str(bin_dir / "initdb"), "-D", str(data), "-U", "tidings", "--auth=trust",
                "--encoding=UTF8", "--no-sync")
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"initdb failed: {exc.stderr}") from exc
        # Unix socket in the temporary folder (the default /var/run/postgresql may not be writable);
        # fsync off: a test database need not survive a crash.
        options = f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off -c full_page_writes=off"
        try:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                "-w", "-t", str(START_TIMEOUT_S), "start")
        except subprocess.CalledProcessError as exc:
            detail = log.read_text(errors="replace") if log.exists() else exc.stderr
            raise RuntimeError(f"PostgreSQL did not start: {detail}") from exc
        try:
            yield f"postgresql://tidings@127.0.0.1:{port}/postgres"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")


def emptied(url: str) -> str:
    """``url`` after dropping every table in its database (Alembic's too), as a new server has
    none: tests that share the session's server start from what a first run would find."""
    import sqlalchemy as sa

    from tidings.store import database_url

    engine = sa.create_engine(database_url(url))
    with engine.begin() as connection:
        meta = sa.MetaData()
        meta.reflect(connection)
        meta.drop_all(connection)
    engine.dispose()
    return url
