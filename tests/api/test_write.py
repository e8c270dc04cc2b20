"""Adding articles over HTTP: refused without --write or the token, bounded, in memory, and
reflected in the story as soon as the request returns."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from newsdesk.settings import Settings
from tests.api.conftest import TOKEN, copy_db

LOCAL = "http://localhost"  # the app answers loopback hosts only

AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Our own fictional story, in a few articles.
FERRY = (
    "Ferry strike ends in Harrowmouth\n\n"
    "The Quillborough ferry service resumed on Monday after a three-week strike, the operator "
    "Calder Lines said. “We are glad the boats are running again,” said Maren Tolby, the harbour "
    "master of Harrowmouth. The union had asked for a new rota and a pay rise of four percent.\n"
)
BRIDGE = (
    "Harrowmouth council votes on bridge\n\n"
    "Harrowmouth council voted on Tuesday to study a fixed bridge to Quillborough island, the "
    "council leader Ivo Marsh said. Calder Lines, which runs the ferries, called the plan premature.\n"
)
XSS = (
    "Scripted headline\n\n"
    'The council published a note that read <script>alert("owned")</script> and '
    "<img src=x onerror=alert(1)> on its website, Ivo Marsh told reporters on Wednesday.\n"
)


@pytest.fixture(scope="module")
def writable(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A server with --write and a token, over a copy of the demo database (spaCy loaded once)."""
    db = copy_db(demo_db, tmp_path_factory.mktemp("write") / "story.db")
    with TestClient(create_app(db, write=True, token=TOKEN, max_body=64 * 1024), base_url=LOCAL) as client:
        yield client


@pytest.fixture
def fresh(tmp_path: Path) -> TestClient:
    """A server with --write over a new, empty database, without NLP (fast)."""
    return TestClient(
        create_app(tmp_path / "fresh.db", write=True, token=TOKEN, settings=Settings(nlp=False)), base_url=LOCAL
    )


def test_read_only_server_refuses_writes(demo: TestClient) -> None:
    for path, kwargs in (
        ("/api/documents", {"json": {"text": FERRY}}),
        ("/api/documents/upload", {"files": {"files": ("a.txt", FERRY.encode())}}),
    ):
        response = demo.post(path, headers=AUTH, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]
    assert demo.get("/api").json()["write"] is False


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-wrong-token"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ],
)
def test_writes_need_the_token(fresh: TestClient, headers: dict[str, str]) -> None:
    response = fresh.post("/api/documents", json={"text": FERRY}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]
    assert fresh.get("/api/documents").json()["total"] == 0


def test_write_needs_a_token_to_start() -> None:
    with pytest.raises(ValueError, match="token"):
        create_app("unused.db", write=True)


def test_pasted_article_is_stored_and_served_at_once(writable: TestClient) -> None:
    before = writable.get("/api/documents").json()["total"]
    counted = writable.get("/api").json()["counts"]  # remembered until the database changes
    assert counted["documents"] == before
    response = writable.post("/api/documents", json={"text": FERRY, "outlet": "Harbour Gazette"}, headers=AUTH)
    assert response.status_code == 201, response.text
    report = response.json()
    assert len(report["stored"]) == 1 and report["present"] == [] and report["failed"] == []
    doc = report["stored"][0]
    assert writable.get("/api/documents").json()["total"] == before + 1
    counts = writable.get("/api").json()["counts"]
    assert counts["documents"] == before + 1 and counts["quotes"] > counted["quotes"]
    detail = writable.get(f"/api/documents/{doc}").json()
    assert detail["text"] == FERRY and detail["outlet"] == "Harbour Gazette" and detail["source"] == "pasted"
    hits = writable.get("/api/search", params={"q": "Quillborough"}).json()
    assert doc in [hit["document"]["id"] for hit in hits["items"]]
    # The corpus stages ran again: the new article's speaker is an entity with a quote.
    assert any(q["speaker"]["name"] == "Maren Tolby" for q in detail["quotes"])
    people = writable.get("/api/entities", params={"name": "Tolby"}).json()["items"]
    assert [p["mentions"][0]["doc"] for p in people] == [doc]
    again = writable.post("/api/documents", json={"text": FERRY + "\n\n"}, headers=AUTH)
    assert again.status_code == 200
    assert again.json() == {"stored": [], "present": [doc], "failed": []}
    assert writable.get("/api/documents").json()["total"] == before + 1


def test_uploaded_files_are_read_in_memory_as_labels(writable: TestClient, tmp_path: Path) -> None:
    jsonl = b'{"text": "The Harrowmouth lifeboat crew rescued two sailors near Quillborough on Thursday.", "outlet": "Coast Radio"}\n'
    cwd = os.getcwd()
    response = writable.post(
        "/api/documents/upload",
        files=[
            ("files", ("../../../tmp/evil/bridge.txt", BRIDGE.encode("cp1252"))),
            ("files", ("C:\\Users\\x\\lifeboat.jsonl", jsonl)),
            ("files", ("ferry.txt", FERRY.encode())),
        ],
        headers=AUTH,
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert len(report["stored"]) == 2 and len(report["present"]) == 1 and report["failed"] == []
    sources = {writable.get(f"/api/documents/{doc}").json()["source"] for doc in report["stored"]}
    assert sources == {"bridge.txt", "lifeboat.jsonl:1"}
    assert os.getcwd() == cwd and not Path("/tmp/evil").exists() and not (tmp_path / "bridge.txt").exists()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image)"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "only whitespace"),
        (
            "broken.txt",
            "Caf\u00e9 menu: cr\u00e8me br\u00fbl\u00e9e ".encode() * 3 + b"\xff\xfe\xfa more",
            "invalid UTF-8",
        ),
        ("nul.txt", b"text\x00with\x00nul bytes", "NUL bytes"),
        ("report.pdf", b"%PDF-1.7 whatever", "unsupported file type '.pdf'"),
        ("bad.jsonl", b"{not json}\n", "not valid JSON"),
    ],
)
def test_unreadable_uploads_are_422_naming_the_file(fresh: TestClient, name: str, data: bytes, reason: str) -> None:
    response = fresh.post("/api/documents/upload", files={"files": (name, data)}, headers=AUTH)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["stored"] == [] and len(body["failed"]) == 1
    assert body["failed"][0]["source"].startswith(name)
    assert reason in body["failed"][0]["reason"] and name in body["detail"]
    assert fresh.get("/api/documents").json()["total"] == 0


def test_one_bad_file_costs_only_itself(fresh: TestClient) -> None:
    response = fresh.post(
        "/api/documents/upload",
        files=[("files", ("good.txt", BRIDGE.encode())), ("files", ("bad.txt", b"\x7fELF\x02\x01\x01"))],
        headers=AUTH,
    )
    assert response.status_code == 201
    report = response.json()
    assert len(report["stored"]) == 1 and [f["source"] for f in report["failed"]] == ["bad.txt"]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"text": ""}, "empty file"),
        ({"text": " \n\n "}, "only whitespace"),
        ({"text": "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f" * 20}, "binary content"),
    ],
)
def test_bad_pastes_are_422(fresh: TestClient, payload: dict[str, str], reason: str) -> None:
    response = fresh.post("/api/documents", json=payload, headers=AUTH)
    assert response.status_code == 422
    assert reason in response.json()["failed"][0]["reason"]


@pytest.mark.parametrize(
    "content", [b"not json", b'{"title": "no text"}', b'["a list"]', b'{"text": 42}', b'{"text": "\\ud800 lone"}']
)
def test_malformed_json_is_422_with_a_message(fresh: TestClient, content: bytes) -> None:
    response = fresh.post("/api/documents", content=content, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail


def test_oversize_bodies_are_413(writable: TestClient) -> None:
    big = "word " * 20_000  # over the 64 KiB limit of this server
    response = writable.post("/api/documents", json={"text": big}, headers=AUTH)
    assert response.status_code == 413 and "limit" in response.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while it streams
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    streamed = writable.post("/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    upload = writable.post("/api/documents/upload", files={"files": ("big.txt", big.encode())}, headers=AUTH)
    assert upload.status_code == 413


def test_upload_needs_multipart_files(fresh: TestClient) -> None:
    assert fresh.post("/api/documents/upload", json={"text": FERRY}, headers=AUTH).status_code == 415
    assert fresh.post("/api/documents/upload", data={"note": "a form"}, headers=AUTH).status_code == 415
    response = fresh.post("/api/documents/upload", files=[("note", (None, b"a field, no file"))], headers=AUTH)
    assert response.status_code == 422 and "no file" in response.json()["detail"]


def test_script_in_an_article_comes_back_verbatim_as_json(fresh: TestClient) -> None:
    stored = fresh.post("/api/documents", json={"text": XSS, "title": "<b>bold</b>"}, headers=AUTH).json()["stored"]
    response = fresh.get(f"/api/documents/{stored[0]}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["text"] == XSS and response.json()["title"] == "<b>bold</b>"
    assert '<script>alert(\\"owned\\")</script>' in response.text
    page = fresh.get("/api/briefing", params={"format": "html"}).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\story.html", "story.html"),
        ("\x00evil\n\r.txt", "evil.txt"),
        ("rm -rf $(x);.md", "rm -rf _(x)_.md"),
        ("Привет мир.txt", "Привет мир.txt"),
        ("..", "upload.txt"),
        ("", "upload.txt"),
        (None, "upload.txt"),
        ("a" * 300 + ".jsonl", "a" * 114 + ".jsonl"),
    ],
)
def test_upload_names_become_safe_labels(name: str | None, label: str) -> None:
    from newsdesk.ingest.memory import MAX_LABEL, safe_label

    assert safe_label(name) == label
    assert len(safe_label(name)) <= MAX_LABEL and "/" not in safe_label(name)


def test_hostile_uploads_fail_alone_with_their_status_and_the_good_ones_are_stored(fresh: TestClient) -> None:
    """Deep JSON and an over-long text once answered 500 and lost the whole upload (issue 15, F6)."""
    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
    long = ("Report\n\n" + "The ferry was late again on Tuesday. " * 3_000).encode()  # 111,000 characters
    files = [
        ("files", ("deep.jsonl", deep)),
        ("files", ("long.txt", long)),
        ("files", ("nothing.txt", "\u200b\u200b\u200b".encode())),
        ("files", ("ferry-late.txt", FERRY.replace("Monday", "Thursday").encode())),
    ]
    response = fresh.post("/api/documents/upload", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    report = response.json()
    assert len(report["stored"]) == 1
    failed = {f["source"].split(":")[0]: f for f in report["failed"]}
    assert failed["deep.jsonl"]["status"] == 422 and "nested too deeply" in failed["deep.jsonl"]["reason"]
    assert failed["long.txt"]["status"] == 413 and "100,000" in failed["long.txt"]["reason"]
    assert failed["nothing.txt"]["status"] == 422 and "no text" in failed["nothing.txt"]["reason"]


def test_requests_for_another_host_are_refused(tmp_path: Path) -> None:
    """A DNS-rebinding page reaches the loopback server under its own name: 400."""
    app = create_app(tmp_path / "h.db", allowed_hosts=("newsroom.example",))
    assert TestClient(app, base_url="http://attacker.example").get("/api").status_code == 400
    for host in ("http://localhost:8000", "http://127.0.0.1", "http://[::1]:8000", "http://newsroom.example"):
        assert TestClient(app, base_url=host).get("/api").status_code == 200, host


def test_a_database_damaged_while_serving_answers_503_with_the_reason(demo_sqlite: Path, tmp_path: Path) -> None:
    import sqlite3

    db = copy_db(demo_sqlite, tmp_path / "damaged.db")
    client = TestClient(create_app(db), base_url=LOCAL)
    assert client.get("/api/documents").status_code == 200
    with sqlite3.connect(db) as handle:
        handle.execute("UPDATE entities SET type_votes = 'not json'")
    handle.close()
    response = client.get("/api/entities")
    assert response.status_code == 503 and "damaged data" in response.json()["detail"]
