"""Attribution constructions that the parse settles better than the tagger.

- "According to X, ..." / "..., according to X": the cue is "according to", the speaker
  the object of "to", the content the rest of the sentence.
- A speech verb with a subject and a clausal complement inside a direct quote ("Mr. Gates,
  I believe, said that the biggest threat ..."): a nested attribution of the quoted
  speaker's words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy import symbols as spacy_symbols

from claimscope.quotes import cues
from claimscope.quotes.assemble import (
    SUBJECTS,
    Draft,
    clip_to_paragraph,
    contrasted_sibling,
    misattached_sibling,
    reported_by,
    subtree_span,
    token_span,
    trailing_participle,
    trim,
)
from claimscope.quotes.headlines import PAGE_LABELS
from claimscope.quotes.marks import DASHES, Quoted, after_glued_close, paragraph_break
from claimscope.quotes.mentions import DASH_ASIDE

# Confidence of rule-made attributions: the construction is explicit, the parse may err.
RULE_CONFIDENCE = 0.85
# Longest name taken as the speaker of a "Name: statement" headline.
_MAX_NAME_TOKENS = 4


def _clip(text: str, span: tuple[int, int], anchor: int) -> tuple[int, int]:
    return clip_to_paragraph(text, span, anchor) or (anchor, anchor)


# A dash, then up to eight words and the end of the line: the attribution of a quote.
# Horizontal space includes the no-break space pages put around such dashes.
_DASH_SPEAKER = re.compile(
    rf"[^\S\n]*([{DASHES}]|--)[^\S\n]*([\w“‘][^\n{DASHES}]{{0,80}}?)[^\S\n]*[.]?[^\S\n]*(?=\n|$)"
)
_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_AS = re.compile(r"\bas\b", re.IGNORECASE)
_COMPLEMENTS = ("ccomp",)


_VERB_IDS = frozenset({int(spacy_symbols.VERB), int(spacy_symbols.AUX)})


@lru_cache(maxsize=4)
def _speech_ids(strings: Any) -> frozenset[int]:
    """Hashes of the speech-verb forms in a model's string store (hashes never change)."""
    return frozenset(int(strings[f]) for f in cues.speech_forms())


class RuleIndex:
    """What the rules share for one Doc: token starts, and the speech verbs (found by one
    scan of the text, then checked against the parse), so that no rule walks every token."""

    def __init__(self, doc: Any, text: str) -> None:
        self.doc = doc
        self.text = text
        self.starts: list[int] = []
        self.speech: list[Any] = []
        if len(doc):
            idx, lower, pos = doc.to_array(["IDX", "LOWER", "POS"]).T.tolist()
            self.starts = idx
            forms = _speech_ids(doc.vocab.strings)
            self.speech = [
                doc[i] for i, (w, p) in enumerate(zip(lower, pos, strict=True))
                if w in forms and p in _VERB_IDS
            ]
        self.speech_starts = [t.idx for t in self.speech]

    def token_at(self, offset: int) -> Any | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.doc[i] if i >= 0 else None

    def speech_in(self, start: int, end: int) -> list[Any]:
        lo = bisect.bisect_left(self.speech_starts, start)
        hi = bisect.bisect_left(self.speech_starts, end)
        return self.speech[lo:hi]


def _sentence_start(sent: Any, quoted: Sequence[Quoted]) -> int:
    """Where the sentence starts, or the opening mark of the double-quoted passage it starts
    inside: the parser breaks sentences inside quotations (“But he hates them. He's trying
    to kill them,” Hewitt said, according to a transcript), and the attribution covers the
    whole quotation."""
    start = int(sent.start_char)
    for q in quoted:  # in order of their starts
        if q.start >= start:
            break
        if q.double and start < q.end:
            return q.start
    return start


def according_to(ix: RuleIndex, quoted: Sequence[Quoted] = ()) -> list[Draft]:
    doc = ix.doc
    text = ix.text
    out: list[Draft] = []
    for m in _ACCORDING.finditer(text):
        tok = ix.token_at(m.start())
        if tok is None or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        spk = _source_before_clause(doc, objs[0], subtree_span(objs[0]))
        sent = tok.sent
        phrase_start, phrase_end = tok.idx, spk[1]
        before = _clip(text, (_sentence_start(sent, quoted), phrase_start), tok.idx)
        after = _clip(text, (phrase_end, sent.end_char), tok.idx)
        pieces = [p for p in (before, after) if p[1] - p[0] > 1
                  and any(c.isalnum() for c in text[p[0] : p[1]])]
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


def _source_before_clause(doc: Any, head: Any, span: tuple[int, int]) -> tuple[int, int]:
    """The source of "according to" up to its comma when the parser took the next clause's
    subject for its apposition: "According to the Congressional Budget Office, [a shutdown
    of two weeks] would cost ..." (an AP story, 2026-11-30: the subject had become part of
    the source, the content lost it). An apposition closed by its own comma ("According
    to John Smith, a professor at Yale, the plan ...") stays."""
    comma = doc.text.find(",", head.idx + len(head.text), span[1])
    if comma < 0:
        return span
    k = head.right_edge.i + 1  # the word after the source's subtree
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k >= len(doc) or doc[k].is_punct or doc[k].pos_ not in ("VERB", "AUX"):
        return span
    return span[0], comma


# "In his words, ..." (translated Russian and Chinese state media: "По его словам"), the
# pronoun the speaker.
_IN_WORDS = re.compile(
    r"\b(?P<cue>[Ii]n\s+(?P<who>his|her|their)\s+(?:own\s+)?words)\s*,\s*")


def in_their_words(ix: RuleIndex, quoted: Sequence[Quoted] = ()) -> list[Draft]:
    """"In his words, the UN has failed to ...": the cue is "In his words", the speaker the
    pronoun, the content the rest of the sentence, or the quotation that opens there. Only
    opening its sentence: "a “silent donation,” in her words, paying for ..." speaks of the
    words before it (SemEval news)."""
    out: list[Draft] = []
    for m in _IN_WORDS.finditer(ix.text):
        tok = ix.token_at(m.start())
        if tok is None or tok.idx != m.start() or not tok.is_sent_start:
            continue
        content = trim(ix.text, m.end(), tok.sent.end_char)
        opened = next((q for q in quoted if q.start == content[0]), None)
        if opened is not None:
            content = (opened.start, opened.end)
        if content[1] - content[0] < 3:
            continue
        out.append(Draft(
            content=[content],
            cue=m.span("cue"),
            speaker=m.span("who"),
            confidence=RULE_CONFIDENCE,
            cue_token=tok.i,
        ))
    return out


def nested_in_quotes(
    ix: RuleIndex, quoted: Sequence[Quoted], drafts: Sequence[Draft] = ()
) -> list[Draft]:
    """Speech verbs with a subject and a complement clause inside double-quoted passages
    or inside the content of attributions already found ("He noted that ... the Americans
    themselves admit that ...")."""
    doc = ix.doc
    out: list[Draft] = []
    # (start, end, the cue the speech must be reported by: None inside quotation marks)
    ranges: list[tuple[int, int, Any]] = [(q.start, q.end, None) for q in quoted if q.double]
    ranges += [
        (d.content[0][0], d.content[-1][1], doc[d.cue_token])
        for d in drafts
        if d.cue_token is not None
    ]
    seen: set[int] = set()
    for q_start, q_end, outer in ranges:
        for tok in ix.speech_in(q_start, q_end):
            if tok.i in seen:
                continue
            # In indirect speech the inner verb must be part of what the outer cue reports
            # ("noted that ... the Americans admit that ..."), not a clause beside it.
            if outer is not None and not reported_by(outer, tok):
                continue
            seen.add(tok.i)
            subj = [c for c in tok.children if c.dep_ in SUBJECTS]
            comp = [c for c in tok.children if c.dep_ in _COMPLEMENTS]
            if not subj or not comp or subj[0].lower_ in ("i", "we", "you"):
                continue
            what_start, what_end = subtree_span(comp[0])
            content = trim(ix.text, what_start, min(what_end, q_end))
            if content[1] - content[0] < 3:
                continue
            out.append(Draft(
                content=[content],
                cue=token_span(tok),
                speaker=subtree_span(subj[0]),
                confidence=RULE_CONFIDENCE,
                cue_token=tok.i,
            ))
    return out


def postposed(ix: RuleIndex) -> list[Draft]:
    """"CONTENT, union leader Samuel Osei said.": a speech verb ending its sentence, whose
    clausal complement comes first and whose subject stands between them."""
    out: list[Draft] = []
    for tok in ix.speech:
        if tok.pos_ != "VERB":
            continue
        comp = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i]
        subj = [c for c in tok.children if c.dep_ in SUBJECTS and c.i < tok.i]
        if not comp or not subj or subj[0].i < comp[0].i:
            continue
        content = _clip(ix.text, subtree_span(comp[0]), tok.idx)
        if content[1] - content[0] < 3:
            continue
        out.append(Draft(
            content=[content],
            cue=token_span(tok),
            speaker=subtree_span(subj[0]),
            confidence=RULE_CONFIDENCE * 0.9,
            cue_token=tok.i,
        ))
    return out


# "X was quoted [by Y] as saying ...": the verbs, and the speech verbs after "as".
_QUOTED_AS = frozenset({"quoted", "cited"})
_AS_SAYING = frozenset({"saying", "telling", "stating", "warning"})


def quoted_as_saying(ix: RuleIndex) -> list[Draft]:
    """"Sergei Lavrov was quoted by RIA Novosti as saying that the talks had failed": the
    person quoted speaks (PolNeAR's gold: source "Braynard", cue "is quoted as saying"),
    not the outlet, and the passive subject is no content; the cue runs from the auxiliary
    to the speech verb (news of 2026-11-29: the tagger gave "Foreign Minister Sergei
    Lavrov" as content to "was quoted", and the clause to "RIA Novosti as")."""
    out: list[Draft] = []
    for tok in ix.speech:
        prep = tok.head
        verb = prep.head
        if tok.lower_ not in _AS_SAYING or tok.dep_ != "pcomp" or prep.lower_ != "as" \
                or verb.lower_ not in _QUOTED_AS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if subject is None or clause is None or clause.i < tok.i:
            continue
        aux = next((c for c in verb.children if c.dep_ == "auxpass"), verb)
        out.append(Draft(
            content=[_clip(ix.text, subtree_span(clause), tok.idx)],
            cue=(min(aux.idx, verb.idx), tok.idx + len(tok.text)),
            speaker=subtree_span(subject),
            confidence=RULE_CONFIDENCE,
            cue_token=tok.i,
        ))
    return out


# Objects a speech verb in an "as" aside may have: "as Vulture put it".
_ASIDE_OBJECTS = frozenset({"it", "this", "that"})


def as_aside(ix: RuleIndex, quoted: Sequence[Quoted] = ()) -> list[Draft]:
    """"As The Washington Post reported, X." / "X, as Clyburn pointed out." / "As reported
    by Western Journalism, X.": a speech verb in an "as" clause reports the clause it hangs
    from, which is the content; its subject (or the agent of the passive) is the speaker."""
    text = ix.text
    speech = cues.speech_forms()
    out: list[Draft] = []
    for m in _AS.finditer(text):
        mark = ix.token_at(m.start())
        if mark is None or mark.idx != m.start() or mark.dep_ not in ("mark", "advmod"):
            continue
        tok = mark.head
        if tok.i <= mark.i or tok.dep_ != "advcl" or tok.pos_ != "VERB":
            continue
        particles = [c for c in tok.children if c.dep_ == "prt"]
        phrase = " ".join([tok.lower_, *(c.lower_ for c in particles)])
        objects = [c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        if any(c.lower_ not in _ASIDE_OBJECTS for c in objects):
            continue  # "as he explained how tough it is": the object is what was said
        if objects:
            phrase = f"{phrase} {objects[0].lower_}"  # "as Vulture put it"
        if tok.lower_ not in speech and not cues.is_phrase(phrase):
            continue
        subj = [c for c in tok.children if c.dep_ in SUBJECTS]
        agents = [g for c in tok.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"]
        speaker = subj[0] if subj else agents[0] if agents else None
        if speaker is None or speaker.lower_ in ("it", "this", "that", "which", "who"):
            continue
        aside_start, aside_end = subtree_span(tok)
        sent = tok.sent
        pieces = [
            _clip(text, (_sentence_start(sent, quoted), aside_start), tok.idx),
            _clip(text, (aside_end, sent.end_char), tok.idx),
        ]
        content = [p for p in pieces if p[1] - p[0] > 2]
        if not content:
            continue
        cue_end = max(
            [tok.idx + len(tok.text)] + [c.idx + len(c.text) for c in (*particles, *objects)]
        )
        out.append(Draft(
            content=content,
            cue=(tok.idx, cue_end),
            speaker=subtree_span(speaker),
            confidence=RULE_CONFIDENCE * 0.9,
            cue_token=tok.i,
        ))
    return out


# A headline's kicker before the speaker: "EXCLUSIVE – Roger Stone: ...".
_KICKER = re.compile(rf"\s*[A-Z][A-Z ]{{1,20}}\s*[{DASHES}:-]\s*")


def colon_headline(ix: RuleIndex) -> list[Draft]:
    """"Putin: US Uses Cluster Munitions ...": a paragraph opening with a named person or
    organisation and a colon is that actor's statement (the headline form). In the title
    (the text's first paragraph) the source before the colon need not be a recognised
    name: "Poll: ...", "Historians: ...", "Clinton camp: ..." (`_title_source`)."""
    doc = ix.doc
    text = ix.text
    out: list[Draft] = _title_colon(ix)
    taken = {d.cue for d in out}
    brk = paragraph_break(text)
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or len(ent) > _MAX_NAME_TOKENS:
            continue
        para_start = text.rfind(brk, 0, ent.start_char)
        para_start = 0 if para_start < 0 else para_start + len(brk)
        if text[para_start : ent.start_char].strip() and not _KICKER.fullmatch(
                text, para_start, ent.start_char):
            continue
        colon = ent.end_char
        while colon < len(text) and text[colon] in " \t":
            colon += 1
        if colon >= len(text) or text[colon] != ":":
            continue
        if (colon, colon + 1) in taken:
            continue  # the title's colon, read by _title_colon
        stop = text.find(brk, colon)
        if ent.label_ == "GPE" and len(text[colon : len(text) if stop < 0 else stop].split()) \
                > _MAX_PLACE_STATEMENT_WORDS:
            continue  # a dateline ("New Delhi: Ahead of the election, ..."), no statement
        draft = _colon_draft(ix, colon, stop, (ent.start_char, ent.end_char))
        if draft is not None:
            out.append(draft)
    return out


# A place before a colon opens a dateline when a whole paragraph follows; a country's
# statement in the headline form ("Russia: US uses ...") is a line of a few words.
_MAX_PLACE_STATEMENT_WORDS = 25


def _colon_draft(ix: RuleIndex, colon: int, stop: int, speaker: tuple[int, int]
                 ) -> Draft | None:
    """The attribution of what follows ``colon`` up to ``stop`` (-1: the text's end) to
    ``speaker``; none when fewer than three characters follow."""
    text = ix.text
    content = trim(text, colon + 1, len(text) if stop < 0 else stop)
    if content[1] - content[0] < 3:
        return None
    colon_token = ix.token_at(colon)
    return Draft(
        content=[content],
        cue=(colon, colon + 1),
        speaker=speaker,
        confidence=RULE_CONFIDENCE,
        cue_token=colon_token.i if colon_token is not None else None,
    )


# The title's "Source: statement" form. The source is one to five words with no verb (a
# clause is not a source), no determiner first ("The Latest: ...") and no digit, not all
# capitals ("BREAKING: ..."), and not a label of the page's own ("Wow: ...",
# `headlines.PAGE_LABELS`). In the titles of the PolNeAR training articles a colon after
# one to five such words (before the labels were set aside) opens an attribution 63 times
# in 91, the gold's speaker-colon-content form.
_TITLE_SOURCE = re.compile(r"([^\n:.!?\"“”]{1,60}?)[ \t]*:[ \t]*(?=\S)")
_MAX_TITLE_SOURCE_WORDS = 5
_DETERMINERS = frozenset("the a an this that these those my our his her their its".split())
# A live page's label ends so ("Israel-Gaza war live: Blinken arrives ...": a live blog of
# 2026-11-29, where it was the speaker).
_LIVE_PAGES = frozenset({"live", "updates", "blog"})


def _title_source(ix: RuleIndex, start: int, end: int) -> bool:
    """Whether the words at ``start``-``end`` before a title's colon can be its source."""
    words = ix.text[start:end].split()
    if not 1 <= len(words) <= _MAX_TITLE_SOURCE_WORDS:
        return False
    if words[0].lower() in _DETERMINERS or " ".join(words).lower() in PAGE_LABELS:
        return False
    if words[-1].lower() in _LIVE_PAGES:
        return False
    source = ix.text[start:end]
    if any(ch.isdigit() for ch in source) or source.isupper():
        return False
    first = ix.token_at(start)
    if first is None:
        return False
    tokens = ix.doc[first.i:]
    for tok in tokens:
        if tok.idx >= end:
            break
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return True


def _title_colon(ix: RuleIndex) -> list[Draft]:
    """The attribution of a first line "Source: statement" (content to the line's end),
    if its source passes ``_title_source``."""
    text = ix.text
    first = len(text) - len(text.lstrip())
    m = _TITLE_SOURCE.match(text, first)
    if m is None or not _title_source(ix, m.start(1), m.end(1)):
        return []
    colon = text.index(":", m.end(1))
    draft = _colon_draft(ix, colon, text.find("\n", colon), trim(text, m.start(1), m.end(1)))
    return [] if draft is None else [draft]


# A title that names its source after a colon ("No one can predict war's length:
# Zelenskiy", "Sun to cool down in next 30 years: Study"): the source is a recognised name
# or one of these words.
_TRAILING_SOURCE = re.compile(r"([^\n]*\S)[ \t]*:[ \t]*([^\n:]{1,40}?)[ \t]*$", re.MULTILINE)
_SOURCE_WORDS = frozenset("""
    report reports study survey poll expert experts official officials source sources
    analyst analysts scientist scientists researcher researchers police pm minister
    spokesman spokesperson envoy
""".split())
_MAX_TRAILING_SOURCE_WORDS = 3
_MIN_STATEMENT_WORDS = 3


def title_source_after(ix: RuleIndex) -> list[Draft]:
    """The attribution of a first line "statement: Source" to its source, when the
    source is a recognised name (person, organisation, place, group), one or two proper
    nouns, an acronym ("WHO") or a word like "Report" or "Study", and the statement has a
    verb ("Chart of the Week: Clean Energy
    Themes" has none)."""
    text = ix.text
    first = len(text) - len(text.lstrip())
    m = _TRAILING_SOURCE.match(text, first)
    if m is None:
        return []
    statement = trim(text, first, m.end(1))
    source = (m.start(2), m.end(2))
    while text[source[1] - 1] in ". ":
        source = (source[0], source[1] - 1)
    words = text[source[0] : source[1]].split()
    if not 1 <= len(words) <= _MAX_TRAILING_SOURCE_WORDS \
            or not all(w[:1].isupper() for w in words) \
            or len(text[statement[0] : statement[1]].split()) < _MIN_STATEMENT_WORDS:
        return []
    named = any(e.start_char == source[0] and e.label_ in ("PERSON", "ORG", "GPE", "NORP")
                for e in ix.doc.ents) or _proper_nouns(ix, source)
    one = words[0] if len(words) == 1 else ""
    acronym = one.isupper() and 2 <= len(one) <= 5 and one.lower() not in PAGE_LABELS
    if not (named or acronym or one.lower() in _SOURCE_WORDS):
        return []
    head = ix.token_at(statement[0])
    if head is None or not any(t.pos_ in ("VERB", "AUX") for t in ix.doc[head.i:]
                               if t.idx < statement[1]):
        return []
    colon = text.rindex(":", statement[1], source[0])
    colon_token = ix.token_at(colon)
    return [Draft(content=[statement], cue=(colon, colon + 1),
                  speaker=source,
                  confidence=RULE_CONFIDENCE,
                  cue_token=colon_token.i if colon_token is not None else None)]


def _proper_nouns(ix: RuleIndex, span: tuple[int, int]) -> bool:
    """Whether ``span`` is one or two proper nouns (a name the recogniser did not read at a
    line's end: "... war's length: Zelenskiy")."""
    first = ix.token_at(span[0])
    if first is None:
        return False
    tokens = [t for t in ix.doc[first.i : first.i + 3] if t.idx < span[1]]
    return 1 <= len(tokens) <= 2 and all(t.pos_ == "PROPN" for t in tokens)


def dash_attribution(ix: RuleIndex, quoted: Sequence[Quoted]) -> list[Draft]:
    """"“We will not retreat.” — the minister": a quoted passage followed by a dash and a
    short name or description ending its paragraph."""
    text = ix.text
    out: list[Draft] = []
    for q in quoted:
        if not q.double or not q.closed:
            continue
        m = _DASH_SPEAKER.match(text, q.end)
        if not m:
            continue
        content = trim(text, q.start, q.end)
        out.append(Draft(
            content=[content],
            cue=(m.start(1), m.end(1)),
            speaker=(m.start(2), m.end(2)),
            confidence=RULE_CONFIDENCE,
            cue_token=None,
        ))
    return out


# "Thune, asked whether Republicans would compromise, said: ..." (an AP story, 2026-11-30):
# the person asked speaks through the verb after the aside.
_ASKED_ASIDE = re.compile(
    r",\s+(?:when\s+|after\s+being\s+)?(?P<asked>asked)\b[^,;:.!?\"“”]{1,200}?(?P<close>,)"
    r"\s+(?P<cue>said|says|replied|replies|responded|responds|answered|answers|added|adds)\b"
    r"[\s,:]*")


def asked_aside(ix: RuleIndex, drafts: list[Draft], quoted: Sequence[Quoted]) -> list[Draft]:
    """A question asked of the speaker in an aside ("X, asked whether ..., said: “...”"):
    the tagger read "asked" as X's cue and ran its content over the answer. The question
    (up to the aside's comma) keeps "asked" with no speaker, since whoever asked is not
    named (PolNeAR marks it so); the answer is X's, after the verb that follows the aside,
    to the end of its sentence or of the quotation that opens there."""
    text = ix.text
    out = list(drafts)
    for m in _ASKED_ASIDE.finditer(text):
        asked = next((d for d in out if d.cue is not None
                      and d.cue[0] <= m.start("asked") < d.cue[1]), None)
        if asked is None:
            continue
        speaker, asked.speaker = asked.speaker, None
        asked.cue_token = None  # the parser may hang the answer's verb from it: no nesting
        first = asked.content[0][0] if asked.content else m.end("asked")
        question = trim(text, first, m.start("close"))
        asked.content = [question] if first < question[1] else []
        if not asked.content:
            out = [d for d in out if d is not asked]
        tok = ix.token_at(m.start("cue"))
        if tok is None or speaker is None or any(
                d.cue is not None and d.cue[0] <= m.start("cue") < d.cue[1] for d in out):
            continue
        opened = next((q for q in quoted if q.start == m.end()), None)
        answer = trim(text, m.end(), opened.end if opened else tok.sent.end_char)
        if answer[1] - answer[0] < 2:
            continue
        out.append(Draft(content=[answer], cue=m.span("cue"), speaker=speaker,
                         confidence=RULE_CONFIDENCE, cue_token=tok.i))
    return out


def drop_page_labels(text: str, drafts: list[Draft]) -> list[Draft]:
    """Drafts whose speaker is a label of the page before a colon ("Verdict: False",
    "Claim: ..." on a fact-check page; `headlines.PAGE_LABELS`), whichever reader made
    them, left out."""
    return [d for d in drafts
            if d.speaker is None or d.cue is None or text[d.cue[0] : d.cue[1]] != ":"
            or text[d.speaker[0] : d.speaker[1]].strip().lower() not in PAGE_LABELS]


# The words of an editor's note on a quotation ("(emphasis added)", "[bold, links added]").
_EDITORIAL = frozenset("emphasis italics bold links underlining highlighting".split())


def tidy_speakers(text: str, drafts: list[Draft]) -> list[Draft]:
    """Speakers that name no one, and the attributions they make: a speaker span holding
    no letter or digit ("🔵 Read our live blog") or the "'s" of "let's" (the writer's
    imperative, "Let's say you think ...") leaves its draft out; an editor's note
    ("(emphasis added)") is no speaker and cue; a speaker span that opens with a quote's
    closing mark starts after it ("device,”Polyansky explained": Polyansky), and one that
    ends with a relative pronoun stops before it, or is that pronoun when the cue follows
    it ("Peter Morgan, a lawyer, who argued": "who", as PolNeAR marks it); a participle
    phrase opening it is left out ("Briefing the Council, Tom Fletcher")."""
    out: list[Draft] = []
    for d in drafts:
        if d.speaker is not None:
            end = d.speaker[1]
            start = after_glued_close(text, d.speaker[0], end)
            words = text[start:end]
            if not any(ch.isalnum() for ch in words) or _lets(text, start, words):
                continue
            if d.cue is not None and text[d.cue[0] : d.cue[1]].lower() == "added" \
                    and set(re.findall(r"\w+", words.lower())) <= _EDITORIAL:
                # The quotation stays, as no one's until resolved as speakers carry on.
                out.append(replace(d, speaker=None, cue=None, cue_token=None))
                continue
            dangling = _DANGLING_RELATIVE.search(words)
            if dangling is not None and dangling.start() > 0:
                pronoun = (start + dangling.start(1), start + dangling.end(1))
                if d.cue is not None and d.cue[0] >= pronoun[1] \
                        and not text[pronoun[1] : d.cue[0]].strip():
                    start, end = pronoun  # "..., who argued": "who", resolved through its noun
                else:
                    end = start + dangling.start()
            dated = _TRAILING_DATE.search(text, start, end)
            if dated is not None and dated.start() > start:
                end = dated.start()  # "Russian President Vladimir Putin [on Sept. 21]"
            opening = _OPENING_PARTICIPLE.match(text, start, end)
            if opening is not None and opening.end() < end:
                start = opening.end()  # "[Briefing the Council,] Tom Fletcher"
            start = _after_closed_aside(text, start, end)
            if (start, end) != d.speaker:
                d = replace(d, speaker=(start, end))
        out.append(d)
    return out


def _after_closed_aside(text: str, start: int, end: int) -> int:
    """Where a speaker span starts once an aside opened before it is left out: 'Speaking
    for the "A3+" — [Algeria, Mozambique, Sierra Leone and Guyana — the representative of
    Sierra Leone] welcomed' is the representative (UN coverage, 2026-11-29; the speaker
    was Algeria). The span's first spaced dash closes an aside when an odd number of
    them stand between the line's start and the span."""
    inside = DASH_ASIDE.search(text, start, end)
    if inside is None:
        return start
    line = text.rfind("\n", 0, start) + 1
    if len(DASH_ASIDE.findall(text, line, start)) % 2 == 0:
        return start
    after = inside.end()
    return after if text[after:end].strip() else start


# A date the speaker span ends with, the tagger having taken it in ("Russian President
# Vladimir Putin on Sept. 21 accused ...": SemEval news, where the mention, dates and all,
# went unresolved).
_TRAILING_DATE = re.compile(
    r",?\s+on\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\s*$")


# A participle phrase the speaker span opens with, the tagger having taken it in
# ("Briefing the Council, Tom Fletcher, ... said": the speaker was "Briefing the Council",
# UN meetings coverage, 2026-11-29). A lowercase word after the participle ("Browning,
# the chairman" and "Flemming Rose" are names), a name or "the", "a" after the comma
# ("Harrowing pictures from the city, to the north-west of Kyiv" is no such phrase).
_OPENING_PARTICIPLE = re.compile(
    r"[A-Z][a-z]+ing\s+[a-z][^,;:\n]{0,80},\s+(?=[A-Z]|(?:the|a|an)\s)")


# A relative pronoun the speaker span ends with, its clause left out ("said the people,
# who asked not to be identified": "the people, who" was the speaker's name; news of
# 2026-11-29).
# Lowercase only ("the WHO" is the World Health Organization), and not after "of" ("each of
# which" is no name and a pronoun).
_DANGLING_RELATIVE = re.compile(r"(?<!\bof),?\s+(who|which|whose)\s*$")


def _lets(text: str, start: int, words: str) -> bool:
    """Whether ``words`` at ``start`` are the "'s" of "let's"."""
    return words.strip() in ("'s", "’s") and text[max(0, start - 3) : start].lower() == "let"


# Words that open a yes/no question ("Did Biden say ...?").
_QUESTION_OPENERS = frozenset(
    "did does do has have had is was were will would could can".split())


def drop_questions(ix: RuleIndex, drafts: list[Draft], mask: bytearray) -> list[Draft]:
    """Drafts whose cue stands in a yes/no question of the writer's ("Did Biden say the
    war will end?", a fact-check's title): the question asks whether the person said it,
    and a quote would tell the reader they did. A question inside quotation marks keeps
    its attributions (someone quoted asking)."""
    out: list[Draft] = []
    for d in drafts:
        tok = ix.token_at(d.cue[0]) if d.cue is not None else None
        if tok is not None and not mask[tok.idx]:
            sent = tok.sent
            # The cue must be the question's own verb: "Is anyone surprised that an official
            # is suggesting ...?" asks about the surprise, not about the suggestion.
            if tok.i == sent.root.i and sent.text.rstrip(" \n\"'”’").endswith("?"):
                opener = next((t for t in sent if not t.is_punct and not t.is_space), None)
                if opener is not None and opener.lower_ in _QUESTION_OPENERS:
                    continue
        out.append(d)
    return out


# "That said, ...", "That being said, ...", "Having said that, ...": a turn of the writer's
# argument, no attribution (the tagger read "That" as a speaker; found on SemEval news).
_DISCOURSE_SAID = re.compile(r"\b(?:(?:that|this)\s+(?:being\s+)?said|having\s+said\s+"
                             r"(?:that|this))\s*,", re.IGNORECASE)


# "who asked not to be named", "declined to be identified": a source's wish for anonymity,
# no attribution (the tagger read "asked" as a cue of "not to be named"; a police story,
# 2026-11-29).
_ANONYMITY = re.compile(r"\b(?:asked|asking|requested|requesting|declined|declining|wished|"
                        r"preferred|refused)\s+(?:not\s+)?to\s+be\s+(?:named|identified)\b",
                        re.IGNORECASE)


def drop_discourse_markers(text: str, drafts: list[Draft]) -> list[Draft]:
    """Drafts whose cue is the "said" of "That said," and the like, or the "asked" of
    "asked not to be named"."""
    spans = [m.span() for pattern in (_DISCOURSE_SAID, _ANONYMITY)
             for m in pattern.finditer(text)]
    if not spans:
        return drafts
    return [d for d in drafts
            if d.cue is None or not any(s <= d.cue[0] < e for s, e in spans)]


def drop_echoes(drafts: list[Draft]) -> list[Draft]:
    """Nested drafts whose speaker is their parent's own words are the tagger reading a
    second cue into one attribution ("he added that X are regarded as Y"): drop them."""
    keep = [
        d for d in drafts
        if d.parent is None or d.speaker is None or drafts[d.parent].speaker != d.speaker
    ]
    if len(keep) == len(drafts):
        return drafts
    index = {id(d): k for k, d in enumerate(keep)}
    for d in keep:
        parent = drafts[d.parent] if d.parent is not None else None
        d.parent = index.get(id(parent)) if parent is not None else None
    return keep


def add_missing(text: str, drafts: list[Draft], extra: Sequence[Draft]) -> list[Draft]:
    """Add rule drafts whose cue the tagger found no attribution for, and whose content no
    tagger draft already covers."""
    out = list(drafts)
    for rule in extra:
        assert rule.cue is not None
        same = [d for d in out if d.cue is not None and _overlap([d.cue], [rule.cue])]
        for d in same:
            if _rule_reads_more(text, d, rule):
                d.content = list(rule.content)
                # A turn read by the tagger too is still printed as spoken: not cut at its
                # first sentence (a briefing's "Mao Ning: ...", 2026-11-30).
                d.verbatim = d.verbatim or rule.verbatim
        if same:
            continue
        overlapping = [d for d in out if _overlap(d.content, rule.content)]
        # A draft that holds the rule's clause is the quote it is nested in: both stay. A
        # draft inside the clause is a fragment of it (the tagger read "300,000 volunteers
        # have signed up" as speaker and cue): the rule replaces it. A draft that crosses
        # the clause is a reading the rule does not overrule.
        fragments = [d for d in overlapping if _contains(rule.content, d.content)]
        holders = [d for d in overlapping if _contains(d.content, rule.content)]
        if rule.verbatim:
            # An attribution with its own cue and another speaker inside a transcript's
            # turn is the turn's nested speech ("Stubb: ... China calls itself a 'near-Arctic
            # state'"); the turn's own "I think ..." is a fragment of the turn.
            nested = [d for d in fragments if d.cue is not None and d.speaker is not None
                      and text[d.speaker[0] : d.speaker[1]].strip().lower() not in _SELF]
            fragments = [d for d in fragments if not any(d is n for n in nested)]
            holders += nested
        if len(fragments) + len(holders) < len(overlapping):
            continue
        out = [d for d in out if not any(d is f for f in fragments)]
        out.append(rule)
    return sorted(out, key=lambda d: min(d.content))


# A word opening a participle clause ("bringing", "marking").
_PARTICIPLE = re.compile(r"[a-z]+ing\b")


def _rule_reads_more(text: str, tagged: Draft, rule: Draft) -> bool:
    """Whether a rule's draft with the tagger's cue holds what the tagger's draft should:
    the tagger cut the content short ("[As many as 300,000] volunteers ... , Putin
    remarked": the clause the rule read holds it), or read only the participle clause after
    the cue ("X, the companies said on Friday, [bringing the total to $8 billion]") where the
    rule read the clause before it."""
    assert rule.cue is not None
    if len(tagged.content) == 1 and _contains(rule.content, tagged.content):
        return True
    return all(s >= rule.cue[1] and text[s - 2 : s] == ", " and _PARTICIPLE.match(text, s)
               for s, _ in tagged.content) \
        and all(e <= rule.cue[0] for _, e in rule.content)


# Speakers of a turn's own words: the one whose turn it is, or those it speaks to or for.
_SELF = frozenset({"i", "we", "you", "me", "us"})


def _contains(outer: Sequence[tuple[int, int]], inner: Sequence[tuple[int, int]]) -> bool:
    lo, hi = min(s for s, _ in outer), max(e for _, e in outer)
    return all(lo <= s and e <= hi for s, e in inner)


def merge(drafts: list[Draft], extra: Sequence[Draft]) -> list[Draft]:
    """Add rule drafts. A tagger draft gives way when it is the same attribution (its cue
    overlaps the rule's), or a misreading of it (its cue lies inside the rule's content or
    speaker and its content overlaps the rule's, its cue in the rule's content and its
    content in the rule's speaker, or it has no cue and its content overlaps the rule's).
    Drafts that merely contain the rule's (the quote a nested attribution sits in) stay."""
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
                # the statement read as a cue and the source as content ("No one can
                # predict war's length: Zelenskiy")
                or (d.cue is not None and rule.speaker is not None
                    and _overlap(d.content, [rule.speaker])
                    and _overlap([d.cue], rule.content))
                or (d.cue is None and _overlap(d.content, rule.content))
            )
        ]
        out.append(rule)
    return sorted(out, key=lambda d: min(d.content))


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# Words that join a second attribution to the first ("said X and called Y"), cut off the
# first one's content.
_JOINERS = frozenset({"and", "but", "while", "then", "also", "or"})


def _sibling(cue: Any, tok: Any) -> bool:
    """Whether speech verb ``tok`` is a second attribution beside ``cue`` rather than inside
    what it reports: it hangs from the cue through coordination or a participle ("said X and
    called Y", "said X, referring to Y"), with no clausal complement on the way."""
    if misattached_sibling(cue, tok) or contrasted_sibling(cue, tok):
        return True
    node = tok
    for _ in range(_MAX_SIBLING_DEPTH):
        if node.head.i == node.i or node.dep_ not in ("conj", "advcl"):
            return False
        if node.head.i == cue.i:
            return True
        node = node.head
    return False


# Coordination chains are short: "said A, added B and called C" is two links deep.
_MAX_SIBLING_DEPTH = 3


def split_coordinated(ix: RuleIndex, drafts: list[Draft]) -> list[Draft]:
    """Cut a content that runs over a second speech verb coordinated with its cue ("X said
    that A and called B a liar"): A stays, "B a liar" becomes its own attribution by the
    same speaker (or the second verb's own subject)."""
    doc = ix.doc
    text = ix.text
    out: list[Draft] = []
    for d in drafts:
        if d.cue_token is None:
            out.append(d)
            continue
        cue = doc[d.cue_token]
        pieces: list[tuple[int, int]] = []
        extra: list[Draft] = []
        for s, e in d.content:
            verbs = [t for t in ix.speech_in(s, e) if t.i != cue.i
                     and (_sibling(cue, t) or trailing_participle(cue, t))]
            if not verbs:
                pieces.append((s, e))
                continue
            verb = verbs[0]
            cut = min(verb.left_edge.idx, verb.idx)
            words = text[s:cut].rstrip(_EDGE_CHARS).split()
            while words and words[-1].lower() in _JOINERS:
                cut = text.rfind(words.pop(), s, cut)
                words = text[s:cut].rstrip(_EDGE_CHARS).split()
            head = trim(text, s, cut)
            if head[1] - head[0] > 1:
                pieces.append(head)
            rest = trim(text, verb.idx + len(verb.text), e)
            if rest[1] - rest[0] < 3:
                continue
            subj = [c for c in verb.children if c.dep_ in SUBJECTS]
            extra.append(Draft(
                content=[rest],
                cue=token_span(verb),
                speaker=subtree_span(subj[0]) if subj else d.speaker,
                confidence=d.confidence,
                cue_token=verb.i,
            ))
        if pieces:
            d.content = pieces
            out.append(d)
        out.extend(extra)
    return sorted(out, key=lambda d: min(d.content))


_EDGE_CHARS = " \t\n,;:-" + DASHES
