"""``newsdesk serve``: its help, what it refuses before starting, and one real start on a free
loopback port, stopped at once."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from newsdesk.cli import _loopback, main
from tests.api.conftest import TOKEN


def test_help_names_the_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--write", "--token", "NEWSDESK_TOKEN", "127.0.0.1", "8000"):
        assert option in result.output


def test_write_without_a_token_is_refused(demo_db: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(demo_db), "--write"], env={"NEWSDESK_TOKEN": ""})
    assert result.exit_code == 2
    assert "--write needs a token" in result.output
    short = CliRunner().invoke(main, ["serve", "--db", str(demo_db), "--write", "--token", "abc"])
    assert short.exit_code == 2 and "too short" in short.output


def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    assert "no such database" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()


def test_an_unusable_database_exits_3(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, just some bytes" * 100)
    result = CliRunner().invoke(main, ["serve", "--db", str(junk)])
    assert result.exit_code == 3
    assert "damaged" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_port_in_use_is_a_clear_error(demo_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(demo_db), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_loopback_hosts() -> None:
    assert _loopback("127.0.0.1") and _loopback("localhost") and _loopback("::1") and _loopback("127.0.0.2")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.4") and not _loopback("example.org")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_starts_answers_and_stops(demo_db: Path, stop: signal.Signals) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsdesk", "serve", "--db", str(demo_db), "--port", str(port), "--write"]
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NEWSDESK_TOKEN": TOKEN},
    )
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 60)
        assert ready, "no line from the server"
        line = server.stdout.readline().strip()
        assert line == f"newsdesk: serving {demo_db} at http://127.0.0.1:{port}/ (Ctrl-C to stop)"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api", timeout=30)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["write"] is True
        schema = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=30).json()
        assert schema["info"]["title"] == "newsdesk"
        refused = httpx.post(f"http://127.0.0.1:{port}/api/documents", json={"text": "x"}, timeout=30)
        assert refused.status_code == 401
    finally:
        server.send_signal(stop)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0  # a stop, not a death by the signal (make would report it)
    assert server.stderr is not None
    errors = server.stderr.read()
    assert "newsdesk: stopped" in errors and "Traceback" not in errors
