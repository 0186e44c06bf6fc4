"""The readable text report of an analysis (later components add their sections)."""

from __future__ import annotations

import textwrap

from claimscope.model import Analysis

_WIDTH = 88


def _field(label: str, value: str | None) -> str:
    return f"{label:<10} {value if value else '-'}"


def text_report(analysis: Analysis) -> str:
    a = analysis.article
    lines = [
        "=" * _WIDTH,
        _field("Title", a.title),
        _field("Outlet", a.outlet),
        _field("Section", a.section),
        _field("Published", a.published),
        _field("Author", a.author),
        _field("URL", a.url),
        _field("Source", a.source_id + (f" (id {a.record_id})" if a.record_id else "")),
        _field("Size", f"{len(a.paragraphs)} paragraphs, {len(analysis.sentences)} sentences, "
               f"{len(a.text.split())} words"),
        "",
        f"Headings ({len(a.headings)})",
    ]
    lines += [f"  - {h.text}  [{h.start}:{h.end}]" for h in a.headings] or ["  (none)"]
    lines += ["", f"Removed debris ({len(a.removed)})"]
    lines += [f"  - {r.text[:70]!r}: {r.reason}" for r in a.removed] or ["  (none)"]
    actors = sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.name))
    lines += ["", f"Actors ({len(actors)})"]
    for ent in actors:
        forms = sorted({m.text for m in ent.mentions} - {ent.name})
        also = f"  as {', '.join(repr(f) for f in forms)}" if forms else ""
        lines.append(f"  {len(ent.mentions):>3} x {ent.name} ({ent.label}){also}")
    if not actors:
        lines.append("  (none)")
    lines += ["", "Text"]
    preview = a.text if len(a.text) <= 600 else a.text[:600] + " ..."
    for para in preview.split("\n\n"):
        lines += [*textwrap.wrap(para, _WIDTH, initial_indent="  ", subsequent_indent="  "), ""]
    comps = ", ".join(f"{c.name} {c.version}" for c in analysis.components)
    lines.append(f"Components: {comps}")
    return "\n".join(lines)
