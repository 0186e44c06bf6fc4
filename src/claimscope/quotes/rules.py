"""Attribution constructions that the parse settles better than the tagger.

- "According to X, ..." / "..., according to X": the cue is "according to", the speaker
  the object of "to", the content the rest of the sentence.
- A speech verb with a subject and a clausal complement inside a direct quote ("Mr. Gates,
  I believe, said that the biggest threat ..."): a nested attribution of the quoted
  speaker's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimscope.quotes import cues
from claimscope.quotes.assemble import Draft, trim
from claimscope.quotes.marks import Quoted

# Confidence of rule-made attributions: the construction is explicit, the parse may err.
RULE_CONFIDENCE = 0.85
_SUBJECTS = ("nsubj", "nsubjpass")
_COMPLEMENTS = ("ccomp",)


def according_to(doc: Any) -> list[Draft]:
    text = doc.text
    out: list[Draft] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        who = list(objs[0].subtree)
        spk = (who[0].idx, who[-1].idx + len(who[-1].text))
        sent = tok.sent
        phrase_start, phrase_end = tok.idx, spk[1]
        before = trim(text, sent.start_char, phrase_start)
        after = trim(text, phrase_end, sent.end_char)
        pieces = [p for p in (before, after) if p[1] - p[0] > 1]
        if not pieces:
            continue
        out.append(Draft(
            content=pieces,
            cue=(tok.idx, to.idx + len(to.text)),
            speaker=spk,
            confidence=RULE_CONFIDENCE,
            cue_token=tok.i,
        ))
    return out


def nested_in_quotes(doc: Any, quoted: Sequence[Quoted]) -> list[Draft]:
    """Speech verbs with a subject and a complement clause inside double-quoted passages."""
    speech = cues.speech_forms()
    out: list[Draft] = []
    passages = [q for q in quoted if q.double]
    for q in passages:
        span = doc.char_span(q.start, q.end, alignment_mode="contract")
        if span is None:
            continue
        for tok in span:
            if tok.lower_ not in speech or tok.pos_ not in ("VERB", "AUX"):
                continue
            subj = [c for c in tok.children if c.dep_ in _SUBJECTS]
            comp = [c for c in tok.children if c.dep_ in _COMPLEMENTS]
            if not subj or not comp or subj[0].lower_ in ("i", "we", "you"):
                continue
            who = list(subj[0].subtree)
            what = list(comp[0].subtree)
            content = trim(doc.text, what[0].idx, min(what[-1].idx + len(what[-1].text),
                                                      q.end))
            if content[1] - content[0] < 3:
                continue
            out.append(Draft(
                content=[content],
                cue=(tok.idx, tok.idx + len(tok.text)),
                speaker=(who[0].idx, who[-1].idx + len(who[-1].text)),
                confidence=RULE_CONFIDENCE,
                cue_token=tok.i,
            ))
    return out


def postposed(doc: Any) -> list[Draft]:
    """"CONTENT, union leader Samuel Osei said.": a speech verb ending its sentence, whose
    clausal complement comes first and whose subject stands between them."""
    speech = cues.speech_forms()
    out: list[Draft] = []
    for tok in doc:
        if tok.lower_ not in speech or tok.pos_ != "VERB":
            continue
        comp = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i]
        subj = [c for c in tok.children if c.dep_ in _SUBJECTS and c.i < tok.i]
        if not comp or not subj or subj[0].i < comp[0].i:
            continue
        what = list(comp[0].subtree)
        who = list(subj[0].subtree)
        content = trim(doc.text, what[0].idx, what[-1].idx + len(what[-1].text))
        if content[1] - content[0] < 3:
            continue
        out.append(Draft(
            content=[content],
            cue=(tok.idx, tok.idx + len(tok.text)),
            speaker=(who[0].idx, who[-1].idx + len(who[-1].text)),
            confidence=RULE_CONFIDENCE * 0.9,
            cue_token=tok.i,
        ))
    return out


def add_missing(drafts: list[Draft], extra: Sequence[Draft]) -> list[Draft]:
    """Add rule drafts whose cue the tagger found no attribution for, and whose content no
    tagger draft already covers."""
    out = list(drafts)
    for rule in extra:
        assert rule.cue is not None
        if any(d.cue is not None and _overlap([d.cue], [rule.cue]) for d in out):
            continue
        if any(_overlap(d.content, rule.content) and d.parent is None and not
               _contains(d.content, rule.content) for d in out):
            continue
        out.append(rule)
    return sorted(out, key=lambda d: min(d.content))


def _contains(outer: Sequence[tuple[int, int]], inner: Sequence[tuple[int, int]]) -> bool:
    lo, hi = min(s for s, _ in outer), max(e for _, e in outer)
    return all(lo <= s and e <= hi for s, e in inner)


def merge(drafts: list[Draft], extra: Sequence[Draft]) -> list[Draft]:
    """Add rule drafts. A tagger draft gives way when it is the same attribution (its cue
    overlaps the rule's), or a misreading of it (its cue lies inside the rule's content or
    speaker, or it has no cue and its content overlaps the rule's). Drafts that merely
    contain the rule's (the quote a nested attribution sits in) stay."""
    out = list(drafts)
    for rule in extra:
        assert rule.cue is not None
        inside = [*rule.content, *([rule.speaker] if rule.speaker else [])]
        out = [
            d for d in out
            if not (
                (d.cue is not None and _overlap([d.cue], [rule.cue]))
                or (d.cue is not None and _overlap(d.content, rule.content)
                    and _overlap([d.cue], inside))
                or (d.cue is None and _overlap(d.content, rule.content))
            )
        ]
        out.append(rule)
    return sorted(out, key=lambda d: min(d.content))


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)
