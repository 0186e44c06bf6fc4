"""The web app: the corpus browsed in a page, every page also served as JSON.

Read-only unless started with a token: the one endpoint that writes (``POST /api/articles``,
analyse and store an article) needs ``Authorization: Bearer TOKEN``. Article text is hostile
input: templates escape everything (Jinja autoescape), nothing from an article becomes
markup, and a Content-Security-Policy allows only this app's own scripts and styles.
"""

from __future__ import annotations

import hmac
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from claimscope.errors import ClaimscopeError, InputError
from claimscope.store import QueryError, Store, open_existing, open_store
from claimscope.web import views
from claimscope.web.charts import format_number
from claimscope.web.views import BadRequest, ListParams, NotFound, Page

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# An uploaded article larger than this is refused before it is parsed (the CLI's reader
# takes up to 20 MB from disk; an upload is one article typed or pasted by a person).
MAX_UPLOAD_BYTES = 5_000_000

API = [
    ("GET", "/", "article list; ?q= searches (FTS5 syntax) with kind, speaker, outlet, since, "
     "until, page"),
    ("GET", "/index.json", "the same as JSON"),
    ("GET", "/article/KEY", "an article with its quotes, claims and entities highlighted"),
    ("GET", "/article/KEY.json", "the stored analysis"),
    ("GET", "/article/KEY/claim/ID", "a claim, where else it appears, its numbers over time"),
    ("GET", "/article/KEY/claim/ID.json", "the same as JSON"),
    ("GET", "/actor/NAME", "every quote and claim by an actor, per month"),
    ("GET", "/actor/NAME.json", "the same as JSON"),
    ("POST", "/api/articles", "analyse and store one article given as a JSON record "
     "({\"text\": ..., \"title\": ...}); needs Authorization: Bearer TOKEN"),
]


@dataclass(frozen=True)
class WebOptions:
    db: str
    token: str | None = None  # None: read-only (writes answer 403)


def _split_json(name: str) -> tuple[str, bool]:
    """``name`` without a ``.json`` suffix, and whether it had one."""
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def _wants_json(request: Request, suffix: bool) -> bool:
    return suffix or request.query_params.get("format") == "json"


def _path(value: str) -> str:
    """A value quoted as one URL path segment (slashes included)."""
    return quote(value, safe="")


def _safe_url(value: str | None) -> str | None:
    """An article's URL as a link target only when it is http(s); anything else (a
    ``javascript:`` URL) is shown as text, never linked."""
    if value and urlsplit(value).scheme.lower() in ("http", "https"):
        return value
    return None


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet (matches between [ and ]) as (text, is_match) parts."""
    parts: list[tuple[str, bool]] = []
    for match in re.finditer(r"\[([^\[\]]*)\]|[^\[]+|\[", snippet):
        if match.group(1) is not None:
            parts.append((match.group(1), True))
        else:
            parts.append((match.group(0), False))
    return parts


def create_app(options: WebOptions) -> FastAPI:
    open_existing(options.db).close()  # a missing or unreachable database fails here
    env = Environment(loader=PackageLoader("claimscope.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["path"] = _path
    env.filters["safe_url"] = _safe_url
    env.filters["snippet_parts"] = snippet_parts
    env.filters["number"] = format_number
    app = FastAPI(title="claimscope", docs_url=None, redoc_url=None)
    static = os.path.join(os.path.dirname(__file__), "static")
    app.mount("/static", StaticFiles(directory=static), name="static")

    @contextmanager
    def store() -> Iterator[Store]:
        # One connection per request: SQLite connections belong to one thread, and opening
        # one costs well under a millisecond next to the page's queries.
        s = open_store(options.db)
        try:
            yield s
        finally:
            s.close()

    def render(request: Request, page: Page, as_json: bool) -> Response:
        if _wants_json(request, as_json):
            return JSONResponse(page.data, status_code=page.status)
        html = env.get_template(page.template).render(
            page=page, data=page.data, path=request.url.path, **page.extra)
        return HTMLResponse(html, status_code=page.status)

    def serve(request: Request, as_json: bool, make: Callable[[Store], Page]) -> Response:
        try:
            with store() as s:
                return render(request, make(s), as_json)
        except NotFound as exc:
            return error(request, as_json, 404, str(exc))
        except (BadRequest, QueryError) as exc:
            return error(request, as_json, 400, str(exc))

    def error(request: Request, as_json: bool, status: int, message: str) -> Response:
        return render(request, Page("error.html", "Error", {"error": message}, status=status),
                      as_json)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, q: str = "", kind: str = "article", speaker: str = "",
              outlet: str = "", since: str = "", until: str = "", page: int = 1) -> Response:
        params = ListParams(q, kind, speaker, outlet, since, until, page)
        return serve(request, False, lambda s: views.list_page(s, params))

    @app.get("/index.json")
    def index_json(request: Request, q: str = "", kind: str = "article", speaker: str = "",
                   outlet: str = "", since: str = "", until: str = "", page: int = 1) -> Response:
        params = ListParams(q, kind, speaker, outlet, since, until, page)
        return serve(request, True, lambda s: views.list_page(s, params))

    @app.get("/article/{key}", response_class=HTMLResponse)
    def article(request: Request, key: str) -> Response:
        key, as_json = _split_json(key)
        return serve(request, as_json, lambda s: views.article_page(s, key))

    @app.get("/article/{key}/claim/{claim_id}", response_class=HTMLResponse)
    def claim(request: Request, key: str, claim_id: str) -> Response:
        claim_id, as_json = _split_json(claim_id)
        return serve(request, as_json, lambda s: views.claim_page(s, key, claim_id))

    @app.get("/actor/{name:path}", response_class=HTMLResponse)
    def actor(request: Request, name: str) -> Response:
        name, as_json = _split_json(name)
        return serve(request, as_json, lambda s: views.actor_page(s, name))

    @app.get("/api", response_class=HTMLResponse)
    def api(request: Request) -> Response:
        endpoints = [{"method": m, "path": p, "what": w} for m, p, w in API]
        page = Page("api.html", "JSON API", {"endpoints": endpoints,
                                             "writes": options.token is not None})
        return render(request, page, False)

    @app.post("/api/articles")
    async def upload(request: Request) -> Response:
        if options.token is None:
            return JSONResponse({"error": "this server is read-only (start it with a token "
                                          "to accept articles)"}, status_code=403)
        given = request.headers.get("authorization", "")
        expected = f"Bearer {options.token}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return JSONResponse({"error": "a valid 'Authorization: Bearer TOKEN' header is "
                                          "needed to write"}, status_code=401)
        body = await request.body()
        if len(body) > MAX_UPLOAD_BYTES:
            return JSONResponse({"error": f"article larger than {MAX_UPLOAD_BYTES} bytes"},
                                status_code=413)
        try:
            record = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return JSONResponse({"error": f"body is not JSON: {exc}"}, status_code=400)
        if not isinstance(record, dict):
            return JSONResponse({"error": "body must be a JSON object with a 'text' field"},
                                status_code=400)
        try:
            key = await run_in_threadpool(_analyse_and_store, options.db, record)
        except InputError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        return JSONResponse({"key": key, "url": f"/article/{key}"}, status_code=201)

    @app.exception_handler(ClaimscopeError)
    async def claimscope_error(request: Request, exc: ClaimscopeError) -> Response:
        return JSONResponse({"error": str(exc)}, status_code=500)

    return app


def _analyse_and_store(db: str, record: dict[str, Any]) -> str:
    from claimscope.api import analyze
    from claimscope.ingest import read
    from claimscope.model import content_hash

    analysis = analyze(read(record, source_id="<upload>"))
    s = open_store(db)
    try:
        s.put([analysis])
    finally:
        s.close()
    return content_hash(analysis.article.text)
