"""The voices page on a story of our own: a pronoun, a weekday or a thing is never a voice."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsdesk.ingest import ingest_paths
from newsdesk.server import create_app
from newsdesk.store import open_store
from tests.web.conftest import LOCAL
from tests.web.parse import parse

ARTICLE = """\
Marchers reach the border town

Interior Secretary Maria Vance toured the crossing at Puerto Lindo on Monday.
A woman from the coast waited at the gate with her two sons. “We have nowhere else to go,” she said.
“This is not over,” they said.
“The crossing stays shut until further notice,” said Sunday, in a statement.
The 200-mile walk is meant to show that the families are peaceful.
I think that the gates should stay open for the families.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("voices")
    (folder / "march.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "voices.db"
    with open_store(path) as store:
        report = ingest_paths([str(folder / "march.txt")], store)
    assert report.ok, report.failed
    return TestClient(create_app(path), base_url=LOCAL)


def test_pronouns_weekdays_and_things_are_not_voices(client: TestClient) -> None:
    page = parse(client.get("/voices").text)
    assert not page.errors
    headings = [e.position for e in page.elements if e.tag == "h2"]
    names = [" ".join("".join(t for t, open_ in page.chunks if h in open_).split()) for h in headings]
    assert any("woman" in name for name in names), names
    for name in names:
        assert name.split()[0] not in {"They", "they", "I", "we", "Sunday", "The", "It"}, names
    assert not any("Maria Vance" in name for name in names), names  # she toured the crossing, said nothing
    assert any(name.startswith("Unattributed") for name in names), names
