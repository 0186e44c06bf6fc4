"""What each page shows, computed from the store: one :class:`Page` per request.

A page's ``data`` is its JSON twin (served at ``.json`` or ``?format=json``); ``extra`` holds
what only the HTML needs (highlight pieces, charts). Both come from the same store reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimscope.errors import ClaimscopeError
from claimscope.store.base import KINDS, ArticleFilter, QueryError, SearchQuery, Store
from claimscope.web.charts import Point, months_chart, numbers_chart
from claimscope.web.highlight import Mark, palette_index, pieces


class NotFound(ClaimscopeError):
    """No stored article, claim or actor by that name."""


class BadRequest(ClaimscopeError):
    """A request parameter that cannot be used (the message says which and why)."""


@dataclass(frozen=True)
class Page:
    template: str
    title: str
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    status: int = 200


@dataclass(frozen=True)
class ListParams:
    """The article list's search box and filters (all optional)."""

    q: str = ""
    kind: str = "article"
    speaker: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    page: int = 1

    def check(self) -> None:
        if self.kind not in KINDS:
            raise BadRequest(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _DATE.fullmatch(value):
                raise BadRequest(f"{name} must be a date as YYYY-MM-DD, not {value!r}")
        if not 1 <= self.page <= 10_000:
            raise BadRequest(f"page must be between 1 and 10000, not {self.page}")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Rows on one page of the article list or of search results.
PAGE_SIZE = 50


def list_page(store: Store, params: ListParams) -> Page:
    params.check()
    filters = {"kind": params.kind, "speaker": params.speaker, "outlet": params.outlet,
               "since": params.since, "until": params.until}
    data: dict[str, Any] = {"query": params.q, "filters": filters, "page": params.page}
    status = 200
    if params.q.strip():
        # FTS5 ranks the best rows first; later pages ask for more rows and skip the first.
        try:
            hits = store.search(SearchQuery(
                params.q, params.kind, params.speaker or None, params.outlet or None,
                params.since or None, params.until or None, limit=PAGE_SIZE * params.page))
        except QueryError as exc:  # shown above the form, which keeps the query to fix
            data["error"] = str(exc)
            hits, status = [], 400
        data["results"] = [h.to_json() for h in hits[PAGE_SIZE * (params.page - 1):]]
        data["mode"] = "search"
    else:
        rows = store.articles(ArticleFilter(
            params.outlet or None, params.speaker or None, params.since or None,
            params.until or None, limit=PAGE_SIZE, offset=PAGE_SIZE * (params.page - 1)))
        data["results"] = [r.to_json() for r in rows]
        data["mode"] = "list"
    data["more"] = len(data["results"]) == PAGE_SIZE
    extra = {"outlets": store.outlets(), "kinds": KINDS}
    return Page("list.html", "Articles", data, extra, status)


def _stored(store: Store, key: str) -> dict[str, Any]:
    analysis = store.article(key)
    if analysis is None:
        raise NotFound(f"no stored article {key!r}")
    return analysis


def article_page(store: Store, key: str) -> Page:
    analysis = _stored(store, key)
    quotes = analysis.get("quotes", [])
    names = [(q.get("speaker") or {}).get("name") for q in quotes]
    slots = palette_index(names)
    marks: list[Mark] = []
    groups: dict[str, dict[str, Any]] = {}
    for q, name in zip(quotes, names, strict=True):
        css = f"sp{slots[name]}" if name is not None else "sp-none"
        marks.extend(Mark(c["start"], c["end"], q["id"], ("quote", css)) for c in q["content"])
        if q.get("cue"):
            marks.append(Mark(q["cue"]["start"], q["cue"]["end"], q["id"], ("cue",)))
        mention = (q.get("speaker") or {}).get("mention")
        if mention:
            marks.append(Mark(mention["start"], mention["end"], q["id"], ("who", css)))
        group = groups.setdefault(name or "", {
            "name": name, "css": css, "entity": (q.get("speaker") or {}).get("entity"),
            "quotes": []})
        group["quotes"].append({
            "id": q["id"], "kind": q["kind"], "confidence": q["confidence"],
            "parent": q.get("parent"), "text": " … ".join(c["text"] for c in q["content"])})
    numbers = {n["id"]: n for n in analysis.get("numbers", [])}
    claims = []
    for c in analysis.get("claims", []):
        marks.append(Mark(c["text"]["start"], c["text"]["end"], c["id"], ("claim",)))
        claims.append({**c, "number_texts": [numbers[n]["span"]["text"] for n in c["numbers"]
                                             if n in numbers]})
    entities = []
    for i, e in enumerate(analysis.get("entities", []), start=1):
        item = f"e{i}"
        marks.extend(Mark(m["start"], m["end"], item, ("ent",)) for m in e["mentions"])
        entities.append({"item": item, "name": e["name"], "label": e["label"],
                         "count": len(e["mentions"])})
    framing = _framing_items(analysis, marks)
    text = analysis["text"]
    extra = {"pieces": pieces(text, marks), "groups": list(groups.values()), "claims": claims,
             "entities": entities, "key": key, "framing": framing}
    title = analysis.get("title") or analysis.get("id") or key
    return Page("article.html", title, {"key": key, "analysis": analysis}, extra)


def _framing_items(analysis: dict[str, Any], marks: list[Mark]) -> dict[str, list[Any]]:
    """The framing component's output as side-panel items, their spans added to ``marks``."""
    out: dict[str, list[Any]] = {"narratives": [], "roles": [], "techniques": []}
    for i, n in enumerate(analysis.get("narratives", []), start=1):
        item = f"n{i}"
        marks.extend(Mark(e["start"], e["end"], item, ("evidence",)) for e in n["evidence"])
        out["narratives"].append({**n, "item": item if n["evidence"] else None})
    for i, r in enumerate(analysis.get("roles", []), start=1):
        item = f"r{i}"
        marks.append(Mark(r["evidence"]["start"], r["evidence"]["end"], item, ("evidence",)))
        out["roles"].append({**r, "item": item})
    for i, t in enumerate(analysis.get("techniques", []), start=1):
        item = f"t{i}"
        marks.append(Mark(t["span"]["start"], t["span"]["end"], item, ("technique",)))
        out["techniques"].append({**t, "item": item})
    return out


def actor_page(store: Store, name: str, limit: int = 200) -> Page:
    record = store.actor(name, limit)
    if not record.quotes and not record.claims:
        raise NotFound(f"no stored quote or claim by {name!r}")
    extra = {"chart": months_chart(record.months), "limit": limit}
    return Page("actor.html", name, record.to_json(), extra)


def claim_page(store: Store, key: str, claim_id: str, limit: int = 20) -> Page:
    analysis = _stored(store, key)
    claim = next((c for c in analysis.get("claims", []) if c["id"] == claim_id), None)
    if claim is None:
        raise NotFound(f"article {key!r} has no claim {claim_id!r}")
    here = _article_summary(key, analysis)
    numbers = _numbers_of(analysis, claim)
    related: list[dict[str, Any]] = []
    cache: dict[str, dict[str, Any]] = {key: analysis}
    for hit in store.related_claims(claim["text"]["text"], limit + 1):
        if hit.article == key and hit.item == claim_id:
            continue
        other = cache.get(hit.article) or store.article(hit.article)
        if other is None:  # deleted between the search and this read
            continue
        cache[hit.article] = other
        found = next((c for c in other.get("claims", []) if c["id"] == hit.item), None)
        related.append({**hit.to_json(), "text": found["text"]["text"] if found else hit.snippet,
                        "numbers": _numbers_of(other, found) if found else []})
    related = related[:limit]
    sources = [(here["published"], here["outlet"], key, claim_id, numbers)] + [
        (r["published"], r["outlet"], r["article"], r["item"], r["numbers"]) for r in related]
    timeline = [{"published": published, "outlet": outlet, "article": article, "claim": cid, **n}
                for published, outlet, article, cid, found_numbers in sources
                for n in found_numbers]
    timeline.sort(key=lambda row: (row["published"] or "9999", row["article"]))
    points = [Point(row["published"], row["value"],
                    f"{row['published']} {row['outlet'] or ''}: {row['text']}")
              for row in timeline if row["published"]]
    data = {"article": here, "claim": {**claim, "numbers": numbers}, "related": related,
            "numbers_over_time": timeline}
    extra = {"chart": numbers_chart(points)}
    return Page("claim.html", claim["text"]["text"][:80], data, extra)


def _article_summary(key: str, analysis: dict[str, Any]) -> dict[str, Any]:
    return {"key": key, "id": analysis.get("id"), "title": analysis.get("title"),
            "outlet": analysis.get("outlet"), "published": analysis.get("published")}


def _numbers_of(analysis: dict[str, Any], claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The quantities of a claim, flattened for tables and the chart."""
    by_id = {n["id"]: n for n in analysis.get("numbers", [])}
    out = []
    for nid in claim.get("numbers", []):
        n = by_id.get(nid)
        if n is not None:
            out.append({"id": nid, "text": n["span"]["text"], "value": n["value"],
                        "unit": n["unit"], "object": n["object"],
                        "approximator": n["approximator"],
                        "time": n["time"]["text"] if n.get("time") else None})
    return out
