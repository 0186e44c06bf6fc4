"""The web app over a stored corpus: pages, JSON twins, errors, security (issue 5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimscope.store import SQLiteStore, StoreError
from claimscope.web import WebOptions, create_app
from claimscope.web.app import CSP, snippet_parts

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def client(corpus_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebOptions(corpus_db))) as c:
        yield c


@pytest.fixture(scope="module")
def seed_key(corpus_db: str) -> str:
    store = SQLiteStore(corpus_db)
    try:
        row = store.db.execute("SELECT key FROM articles WHERE outlet = 'Sputnik'").fetchone()
    finally:
        store.close()
    return str(row[0])


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        create_app(WebOptions(str(tmp_path / "none.db")))


def test_article_list(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Putin: US Uses Cluster Munitions" in page.text
    listed = client.get("/index.json").json()
    assert listed["mode"] == "list" and len(listed["results"]) == 6
    assert {"key", "id", "title", "outlet", "published", "quotes", "claims"} <= set(
        listed["results"][0])


@pytest.mark.parametrize(("params", "must_contain"), [
    ("q=cluster", "Putin: US Uses Cluster Munitions"),
    ("q=negotiate&kind=quote", "Vladimir Putin"),
    ("q=contracts&kind=claim&speaker=putin", "signed <mark>contracts</mark>"),
    ("outlet=Sputnik", "Sputnik"),
])
def test_search_and_filters(client: TestClient, params: str, must_contain: str) -> None:
    page = client.get(f"/?{params}")
    assert page.status_code == 200
    assert must_contain in page.text
    data = client.get(f"/index.json?{params}").json()
    assert data["results"]


@pytest.mark.parametrize(("params", "message"), [
    ("q=%22unbalanced", "cannot search for"),
    ("since=yesterday", "since must be a date"),
    ("kind=everything", "kind must be one of"),
])
def test_bad_requests_get_a_clear_message(client: TestClient, params: str, message: str) -> None:
    page = client.get(f"/?{params}")
    assert page.status_code == 400
    assert message in page.text and "Traceback" not in page.text
    assert message in client.get(f"/index.json?{params}").json()["error"]


def test_article_page_highlights_quotes_claims_and_entities(
        client: TestClient, seed_key: str) -> None:
    page = client.get(f"/article/{seed_key}")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'class="quote sp0[^"]*" data-items="q\d+', html)
    assert 'class="claim"' in html or " claim" in html
    assert 'data-item="q1"' in html and 'href="/actor/Vladimir%20Putin"' in html
    assert 'id="removed"' in html and "section label" in html
    assert "/claim/c1" in html


def test_every_page_has_a_json_twin(client: TestClient, seed_key: str) -> None:
    for path in (f"/article/{seed_key}", f"/article/{seed_key}/claim/c1",
                 "/actor/Vladimir%20Putin"):
        by_suffix = client.get(f"{path}.json")
        by_param = client.get(f"{path}?format=json")
        assert by_suffix.status_code == by_param.status_code == 200
        assert by_suffix.headers["content-type"].startswith("application/json")
        assert by_suffix.json() == by_param.json()
    article = client.get(f"/article/{seed_key}.json").json()
    assert article["analysis"]["outlet"] == "Sputnik"
    assert client.get("/?format=json").json() == client.get("/index.json").json()


def test_actor_page(client: TestClient) -> None:
    data = client.get("/actor/Vladimir%20Putin.json").json()
    assert data["total_quotes"] >= 10 and data["total_claims"] >= 3
    assert all(q["who"] == "Vladimir Putin" for q in data["quotes"])
    assert "Vladimir Putin" in client.get("/actor/Vladimir%20Putin").text


def test_claim_page_shows_numbers_and_where_else(client: TestClient, seed_key: str) -> None:
    claims = client.get(f"/article/{seed_key}.json").json()["analysis"]["claims"]
    with_number = next(c for c in claims if c["numbers"])
    data = client.get(f"/article/{seed_key}/claim/{with_number['id']}.json").json()
    assert data["claim"]["claimant"]["name"] == "Vladimir Putin"
    assert any(n["object"] == "signed contracts" for n in data["numbers_over_time"])
    assert all({"article", "item", "text", "numbers"} <= set(r) for r in data["related"])


@pytest.mark.parametrize("path", [
    "/article/nope", "/article/nope.json", "/actor/Nobody%20Atall", "/article/nope/claim/c1",
])
def test_unknown_things_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_security_headers_on_every_response(client: TestClient, seed_key: str) -> None:
    for path in ("/", f"/article/{seed_key}", "/index.json", "/static/htmx.min.js", "/nope"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP


def test_hostile_article_is_escaped(client: TestClient) -> None:
    listed = client.get("/index.json?outlet=%3Cb%3EEvil%3C/b%3E%20Outlet").json()["results"]
    key = listed[0]["key"]
    html = client.get(f"/article/{key}").text
    assert "<script>window" not in html and "&lt;script&gt;window" in html
    assert "<img src=x" not in html and "<iframe" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html and "<b>Evil</b>" not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/htmx.min.js" defer>',
                       '<script src="/static/claimscope.js" defer>']
    search = client.get("/?q=script").text
    assert "<script>window" not in search


def test_htmx_is_vendored_and_nothing_loads_from_elsewhere(client: TestClient) -> None:
    assert client.get("/static/htmx.min.js").text.startswith("var htmx=")
    html = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_writes_are_refused_without_a_token(client: TestClient) -> None:
    answer = client.post("/api/articles", json={"text": "The mayor said it was fine."})
    assert answer.status_code == 403 and "read-only" in answer.json()["error"]


def test_upload_needs_the_right_token(corpus_db: str, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(corpus_db, db)
    with TestClient(create_app(WebOptions(str(db), token=TOKEN))) as c:
        record = {"text": "The mayor said on Monday that the bridge would cost $9 million.",
                  "title": "Bridge", "outlet": "Upload Daily"}
        assert c.post("/api/articles", json=record).status_code == 401
        wrong = {"Authorization": "Bearer wrong-token-0123456789"}
        assert c.post("/api/articles", json=record, headers=wrong).status_code == 401
        good = {"Authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/articles", content=b"not json", headers=good).status_code == 400
        assert c.post("/api/articles", json={"title": "no text"}, headers=good).status_code == 422
        made = c.post("/api/articles", json=record, headers=good)
        assert made.status_code == 201
        stored = c.get(made.json()["url"] + ".json").json()["analysis"]
        assert stored["outlet"] == "Upload Daily"


def test_a_denied_claim_says_so(corpus_db: str, tmp_path: Path) -> None:
    """Issue 4: "The group denied targeting civilians" is no claim the group makes."""
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(corpus_db, db)
    with TestClient(create_app(WebOptions(str(db), token=TOKEN))) as c:
        record = {"text": "Fighters shelled the camp for hours, residents said on Friday.\n\n"
                          "The paramilitary group denied targeting civilians in the attack "
                          "on the camp.\n", "title": "Camp", "outlet": "Denial Daily"}
        made = c.post("/api/articles", json=record,
                      headers={"Authorization": f"Bearer {TOKEN}"})
        assert made.status_code == 201
        claims = c.get(made.json()["url"] + ".json").json()["analysis"]["claims"]
        denied = next(x for x in claims if x["stance"] == "denies")
        asserted = next(x for x in claims if x["stance"] == "asserts")
        assert "denied by" in c.get(f"{made.json()['url']}/claim/{denied['id']}").text
        assert "claimed by" in c.get(f"{made.json()['url']}/claim/{asserted['id']}").text
        assert " denies " in c.get(made.json()["url"]).text


@pytest.mark.parametrize(("snippet", "parts"), [
    ("a [b] c", [("a ", False), ("b", True), (" c", False)]),
    ("[x][y]", [("x", True), ("y", True)]),
    ("odd [ bracket", [("odd ", False), ("[", False), (" bracket", False)]),
])
def test_snippet_parts(snippet: str, parts: list[tuple[str, bool]]) -> None:
    assert snippet_parts(snippet) == parts


def test_article_page_shows_framing_with_clickable_evidence(
        client: TestClient, seed_key: str) -> None:
    html = client.get(f"/article/{seed_key}").text
    data = client.get(f"/article/{seed_key}.json").json()["analysis"]
    assert 'id="framing"' in html
    for i, role in enumerate(data["roles"], start=1):
        assert f'data-item="r{i}"' in html and role["entity"] in html
        assert re.search(rf'data-items="[^"]*\br{i}\b', html)
