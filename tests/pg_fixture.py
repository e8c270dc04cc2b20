"""A real PostgreSQL 15 server for the tests: initdb and pg_ctl in a temporary folder, on a free
loopback port, started once per test session and stopped at its end.

PostgreSQL refuses to run as root, so when the tests run as root (CI does) the server runs as the
``postgres`` OS user that Debian's package creates. The binaries are looked for on PATH and in
Debian's /usr/lib/postgresql/<version>/bin; ``.ci/run`` installs them when missing, so in CI the
PostgreSQL tests never skip. Each test that asks for ``pg_url`` gets a database of its own.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

VERSION = "15"


@dataclass(frozen=True, slots=True)
class PostgresServer:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"


def _binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's versioned one first, else PATH."""
    debian = Path(f"/usr/lib/postgresql/{VERSION}/bin")
    if (debian / "initdb").exists() and (debian / "pg_ctl").exists():
        return debian
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """``command`` run as the ``postgres`` user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    binaries = _binaries()
    if binaries is None:
        if os.environ.get("NEWSDESK_REQUIRE_POSTGRES"):  # CI: a missing server is a failure, never a skip
            pytest.fail(
                f"no PostgreSQL {VERSION} server binaries (initdb, pg_ctl) and NEWSDESK_REQUIRE_POSTGRES is set"
            )
        pytest.skip(
            f"no PostgreSQL {VERSION} server binaries (initdb, pg_ctl): install Debian's postgresql (.ci/run does)"
        )
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    log = folder / "server.log"
    port = _free_port()
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
        text=True,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
    started = subprocess.run(
        _as_server_user(
            [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"]
        ),
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        shown = log.read_text(errors="replace") if log.exists() else started.stderr
        raise RuntimeError(f"the test PostgreSQL server did not start: {shown[-2000:]}")
    try:
        yield PostgresServer("127.0.0.1", port, "postgres")
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


_numbers = itertools.count(1)


def fresh_database(server: PostgresServer, prefix: str = "t", template: str | None = None, name: str = "") -> str:
    """A new database on ``server`` (empty, or a copy of the database ``template``, which no one
    may be connected to), named ``name`` or else numbered after ``prefix``; its URL."""
    import psycopg

    name = name or f"{prefix}_{os.getpid()}_{next(_numbers)}"
    copied = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"{copied}'.encode())
    return server.url(name)


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


# Each PostgreSQL database the session built once (a corpus ingested), kept as a template that
# nobody connects to, by the URL of the copy handed out for reading.
_templates: dict[str, tuple[PostgresServer, str]] = {}


def pristine_copy(url: str) -> str:
    """A writable copy of a session database handed out by ``shared_database``."""
    server, template = _templates[url]
    return fresh_database(server, "copy", template)


def shared_database(server: PostgresServer, name: str, build: Callable[[str], None]) -> str:
    """A database filled once by ``build(url)`` and kept unchanged as a template; the URL of a
    copy of it named ``name`` (as the SQLite file's stem), to read from (``pristine_copy`` gives
    others)."""
    template = fresh_database(server, "template")
    build(template)
    copy = fresh_database(server, template=database_name(template), name=name)
    _templates[copy] = (server, database_name(template))
    return copy


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """The URL of an empty database of this test's own on the session's PostgreSQL server."""
    return fresh_database(pg_server)


STORES = ("sqlite", "postgresql")


@pytest.fixture(params=STORES)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's new store goes, once for each store: a SQLite file, or an empty database
    of its own on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))


def shared_store(request: pytest.FixtureRequest, corpus: str) -> str:
    """The session's ``corpus`` store ("seed", "mixed", "demo") in the store ``request.param`` names:
    its ``<corpus>_sqlite`` file or ``<corpus>_pg`` database. Read it, never write."""
    return str(request.getfixturevalue(f"{corpus}_sqlite" if request.param == "sqlite" else f"{corpus}_pg"))


def writable_store(request: pytest.FixtureRequest, corpus: str, tmp_path: Path) -> str:
    """A copy of the session's ``corpus`` store, in the store ``request.param`` names, that the
    test may write."""
    if request.param == "sqlite":
        return copy_store(request.getfixturevalue(f"{corpus}_sqlite"), tmp_path / f"{corpus}.db")
    return pristine_copy(request.getfixturevalue(f"{corpus}_pg"))


def copy_store(location: str | Path, target: Path) -> str:
    """A copy of a closed store: a SQLite file copied to ``target``, or a PostgreSQL database
    made from it as a template (nobody may be connected to it)."""
    if str(location).startswith("postgresql://"):
        url = str(location)
        server_url, name = url.rsplit("/", 1)
        user_host = server_url.removeprefix("postgresql://")
        user, host_port = user_host.split("@", 1)
        host, port = host_port.rsplit(":", 1)
        return fresh_database(PostgresServer(host, int(port), user), "copy", name)
    shutil.copy(location, target)
    return str(target)


def run_sql(location: str | Path, *statements: str) -> None:
    """Statements run on a store's database directly (to make one as older versions left it)."""
    if str(location).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as db:
            for statement in statements:
                db.execute(statement.encode())
        return
    import sqlite3

    with sqlite3.connect(location) as db:
        for statement in statements:
            db.execute(statement)
    db.close()
