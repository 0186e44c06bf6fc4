"""The readable text report of an analysis (later components add their sections)."""

from __future__ import annotations

import textwrap

from claimscope.model import Analysis, Quantity, Quote

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
    lines += _quotes_section(analysis)
    lines += _claims_section(analysis)
    lines += _framing_section(analysis)
    lines += _labels_section(analysis)
    lines += ["", "Text"]
    preview = a.text if len(a.text) <= 600 else a.text[:600] + " ..."
    for para in preview.split("\n\n"):
        lines += [*textwrap.wrap(para, _WIDTH, initial_indent="  ", subsequent_indent="  "), ""]
    comps = ", ".join(f"{c.name} {c.version}" for c in analysis.components)
    lines.append(f"Components: {comps}")
    return "\n".join(lines)


def _quotes_section(analysis: Analysis) -> list[str]:
    """Quotes grouped by speaker, most quoted first."""
    if not any(c.name == "quotes" for c in analysis.components):
        return []
    groups: dict[str, list[Quote]] = {}
    for q in analysis.quotes:
        who = q.speaker.name if q.speaker else "(no speaker)"
        if q.speaker is not None and q.speaker.resolution == "unresolved":
            who += " (unresolved)"  # groups ("officials") are kept as such, not unresolved
        groups.setdefault(who, []).append(q)
    lines = ["", f"Quotes ({len(analysis.quotes)})"]
    if not analysis.quotes:
        return [*lines, "  (none)"]
    for who, quotes in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"  {who} ({len(quotes)})")
        for q in quotes:
            words = " … ".join(c.text for c in q.content)
            words = words if len(words) <= 160 else words[:157] + "..."
            cue = f"{q.cue.text!r}" if q.cue else "-"
            via = f" as {q.speaker.mention.text!r}" if q.speaker and q.speaker.mention else ""
            nested = f", inside {q.parent}" if q.parent else ""
            lines.append(f"    {q.id} [{q.kind}, cue {cue}{via}, {q.confidence:.2f}{nested}]")
            lines += textwrap.wrap(words, _WIDTH, initial_indent="      ",
                                   subsequent_indent="      ")
    return lines


def _claims_section(analysis: Analysis) -> list[str]:
    """Claims ranked by check-worthiness with claimant and numbers; then every number."""
    names = {c.name for c in analysis.components}
    lines: list[str] = []
    numbers = {n.id: n for n in analysis.numbers}
    if "claims" in names:
        lines += ["", f"Claims ({len(analysis.claims)} of {len(analysis.statements)} statements)"]
        for c in analysis.claims:
            inside = f", in {c.quote}" if c.quote else ""
            denies = " (denies)" if c.stance == "denies" else ""
            lines.append(f"  {c.id} {c.score:.2f}  {c.claimant.name}{denies}{inside}")
            lines += textwrap.wrap(c.text.text, _WIDTH, initial_indent="      ",
                                   subsequent_indent="      ")
            for nid in c.numbers:
                lines.append(f"      number: {_number(numbers[nid])}")
        if not analysis.claims:
            lines.append("  (none)")
    if "numbers" in names:
        lines += ["", f"Numbers ({len(analysis.numbers)})"]
        lines += [f"  {n.id} {_number(n)}" for n in analysis.numbers] or ["  (none)"]
    return lines


def _framing_section(analysis: Analysis) -> list[str]:
    """Narratives, actors' roles and persuasion techniques, each with its evidence."""
    if "framing" not in {c.name for c in analysis.components}:
        return []
    lines = ["", "Narratives"]
    for n in analysis.narratives:
        subs = f" ({'; '.join(n.subnarratives)})" if n.subnarratives else ""
        lines.append(f"  {n.narrative}{subs}  {n.confidence:.2f}")
        for e in n.evidence:
            lines += textwrap.wrap(e.text, _WIDTH, initial_indent="      evidence: ",
                                   subsequent_indent="      ")
    lines += ["", f"Roles ({len(analysis.roles)})"]
    for r in analysis.roles:
        lines.append(f"  {r.entity}: {r.main_role} ({', '.join(r.fine_roles)}) "
                     f"{r.confidence:.2f}, by {r.by}")
        lines += textwrap.wrap(r.evidence.text, _WIDTH, initial_indent="      evidence: ",
                               subsequent_indent="      ")
    lines += ["", f"Persuasion techniques ({len(analysis.techniques)})"]
    for t in analysis.techniques:
        lines.append(f"  {t.technique} {t.confidence:.2f} [{t.span.start}:{t.span.end}]")
        lines += textwrap.wrap(t.span.text, _WIDTH, initial_indent="      ",
                               subsequent_indent="      ")
    if not analysis.techniques:
        lines.append("  (none)")
    return lines


def _labels_section(analysis: Analysis) -> list[str]:
    """Labels of the user's own taxonomy, sentence by sentence."""
    if "taxonomy" not in {c.name for c in analysis.components}:
        return []
    lines = ["", f"Your labels ({len(analysis.labels)})"]
    for label in analysis.labels:
        lines.append(f"  {label.label} ({label.taxonomy}) {label.confidence:.2f}")
        lines += textwrap.wrap(label.span.text, _WIDTH, initial_indent="      ",
                               subsequent_indent="      ")
    return lines if analysis.labels else [*lines, "  (none)"]


def _number(n: Quantity) -> str:
    parts = [f"{n.span.text!r} = {n.value:g}"]
    if n.unit:
        parts.append(n.unit)
    if n.object:
        parts.append(f"of {n.object}")
    if n.approximator:
        parts.append(f"({n.approximator})")
    if n.time:
        parts.append(f"time {n.time.text!r}")
    if n.revises:
        parts.append(f"revises {n.revises}")
    return " ".join(parts)
