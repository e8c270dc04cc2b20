"""The test PostgreSQL server is real, version 15, and each test gets a database of its own."""

from __future__ import annotations

import psycopg

from tests.pg_fixture import PostgresServer, fresh_database


def test_the_server_is_postgresql_15_and_databases_are_separate(pg_server: PostgresServer, pg_url: str) -> None:
    with psycopg.connect(pg_url) as db:
        version = db.execute("SHOW server_version_num").fetchone()
        assert version is not None and int(version[0]) // 10000 == 15
        db.execute("CREATE TABLE marker (x int)")
    other = fresh_database(pg_server)
    with psycopg.connect(other) as db:
        assert db.execute("SELECT to_regclass('marker')").fetchone() == (None,)
