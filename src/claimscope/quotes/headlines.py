"""Attributions in title-case headlines and transcript turns.

Title-case headlines: "Jeb Bush Super PAC Chief Praises Marco Rubio
Donor’s Campaign." The parser reads every capitalised word of such a line as part of a
name, so the tagger, which reads the parse, misses them; this rule reads the words instead:
a run of capitalised words (the speaker), a capitalised present-tense speech verb (the
cue), and what follows it up to the end of the clause (the content).

Transcripts print each turn as a paragraph opening with the speaker's name in capitals and a
colon ("KATE BOULDUAN: Why not debate?"), a name the entity recogniser seldom reads in
capitals; interviews print it in title case ("Stubb: Absolutely."), a name that opens
several paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter

from claimscope.names import first_name_gender, person_gender
from claimscope.quotes import cues
from claimscope.quotes.assemble import Draft
from claimscope.quotes.marks import line_end
from claimscope.quotes.titles import ANY_ROLE

# Confidence of a headline attribution: the verb is read off capitalisation, not a parse.
HEADLINE_CONFIDENCE = 0.7
# A line is a title-case headline when at least this share of its words are capitalised
# (title case capitalises nearly every word; a sentence that opens with names and has a
# few proper nouns stays well below it), and it has this many words.
_TITLE_SHARE = 0.8
_MIN_WORDS, _MAX_WORDS = 4, 25
# The speaker is at most this many words, and the content at least this many.
_MAX_SPEAKER_WORDS = 6
_MIN_CONTENT_WORDS = 2
_WORD = re.compile(r"[^\s]+")
# Words after which a speaker cannot start: the speaker is what follows them ("Mike Pence
# Calls for Special Prosecutor after Report Reveals ...": the speaker is "Report").
_BEFORE_SPEAKER = frozenset(
    "after as while when before amid if since because against and or but the a an of to "
    "in on for with by".split()
)
# Speech forms that, capitalised in a headline, are far more often plural nouns than verbs
# ("Against Claims He Exaggerated", "Remarks Anger Voters").
_NOUNS = frozenset(
    "claims reports remarks comments statements states tweets words questions answers news "
    "promises threats warnings attacks emails letters messages charges".split()
)
_CLAUSE_END = ",;:!?"
# Words that open a clause of their own: the content ends before them.
_SUBORDINATORS = frozenset("after as while when before amid despite since because".split())
# Particles that belong to the verb, not the content.
_PARTICLES = {"calls": ("on", "for"), "weighs": ("in",), "speaks": ("out",), "hints": ("at",),
              "apologizes": ("for",), "presses": ("for",)}


def _is_title_case(words: list[str]) -> bool:
    alpha = [w for w in words if w[:1].isalpha()]
    if not _MIN_WORDS <= len(alpha) <= _MAX_WORDS:
        return False
    capitalised = sum(1 for w in alpha if w[0].isupper())
    return capitalised >= _TITLE_SHARE * len(alpha)


def _bare(word: str) -> str:
    return word.strip(".,;:!?“”\"‘’'()").lower()


def title_case_headlines(text: str) -> list[Draft]:
    """One draft per capitalised speech verb ("Says", "Praises", "Urges", "Slams") of a
    title-case line that follows a run of capitalised words (its speaker), or that is
    coordinated with an attribution before it in the line ("Trump Slams Ryan, Praises
    Putin": both Trump's)."""
    out: list[Draft] = []
    for line in re.finditer(r"[^\n]+", text):
        words = list(_WORD.finditer(line.group()))
        if _is_title_case([w.group() for w in words]):
            out.extend(_line_drafts(text, line.start(), words))
    return out


def _line_drafts(text: str, base: int, words: list[re.Match[str]]) -> list[Draft]:
    """The drafts of one title-case line (``words`` of the line that starts at ``base``)."""
    speech = cues.speech_forms()
    out: list[Draft] = []
    k = 1
    while k < len(words) - _MIN_CONTENT_WORDS + 1:
        w = words[k].group()
        low = _bare(w)
        # A third person's "-s", not a stem's "-ss" ("Press Conference", "Address").
        if not (w[0].isupper() and low.endswith("s") and not low.endswith("ss")
                and low in speech) or low in _NOUNS:
            k += 1
            continue
        speaker = _speaker(base, words, k)
        if speaker is None and out and _coordinated(words, k):
            speaker = out[-1].speaker
        if speaker is None:
            break
        # The content is words[k + 1 : last]: "... Calls for Special Prosecutor [after
        # Report Reveals ...]".
        last = _content_end(words, k, before_speech=False)
        if last - (k + 1) < _MIN_CONTENT_WORDS:
            break
        end = base + words[last - 1].end()
        while end > base and text[end - 1] in ".,;:!?":
            end -= 1
        cue_end = base + words[k].start() + len(w.rstrip(",.:;"))
        content_first = k + 1
        if _bare(words[k + 1].group()) in _PARTICLES.get(low, ()) and last > k + 2:
            cue_end = base + words[k + 1].end()  # "Calls On Obama To Resign"
            content_first = k + 2
        out.append(Draft(
            content=[(base + words[content_first].start(), end)],
            cue=(base + words[k].start(), cue_end),
            speaker=speaker,
            confidence=HEADLINE_CONFIDENCE,
        ))
        k = last
    return out


def _speaker(base: int, words: list[re.Match[str]], k: int) -> tuple[int, int] | None:
    """The run of capitalised words right before the verb ``words[k]``, if any."""
    first = k
    while (
        first > 0
        and k - first < _MAX_SPEAKER_WORDS
        and words[first - 1].group()[:1].isupper()
        and _bare(words[first - 1].group()) not in _BEFORE_SPEAKER
        and words[first - 1].group()[-1] not in _CLAUSE_END
    ):
        first -= 1
    if first == k:
        return None
    return base + words[first].start(), base + words[k - 1].end()


def _coordinated(words: list[re.Match[str]], k: int) -> bool:
    """Whether the verb ``words[k]`` follows "And" or a comma: a second predicate of the
    subject before ("... Ryan, Praises Putin", "... Trump And Denounces Clinton")."""
    before = words[k - 1].group()
    return _bare(before) == "and" or before.endswith(",")


def sentence_case_title(text: str) -> list[Draft]:
    """The title (the text's first line) written as a sentence with a present-tense speech
    verb after its subject: "Pence blames media for Trump's flap.", "Putin chides Turkey and
    praises Trump". Titles drop articles and auxiliaries, and the parser often reads the
    verb as part of a noun phrase ("Pence blames" as a compound), so the tagger misses
    them; this rule reads the words, as ``title_case_headlines`` does. On the titles of the
    PolNeAR training articles 28 of its 41 drafts are exact (most of the rest end the
    content elsewhere: "blasts [Trump] over 'deportation force' idea"). The first verb must
    come within the first ``_MAX_SPEAKER_WORDS + 1`` words; a later one continues the
    title."""
    line = re.match(r"[^\n]*", text)
    assert line is not None
    words = list(_WORD.finditer(line.group()))
    if len(words) < _MIN_WORDS or _is_title_case([w.group() for w in words]):
        return []
    speech = cues.speech_forms()
    out: list[Draft] = []
    k = 1
    while k < min(len(words) - 1, _MAX_SPEAKER_WORDS + 1) or (out and k < len(words) - 1):
        w = words[k].group()
        low = _bare(w)
        if not (w[0].islower() and low.endswith("s") and low in speech) or low in _NOUNS:
            k += 1
            continue
        if out and _coordinated(words, k):
            speaker: tuple[int, int] | None = out[-1].speaker
        else:
            speaker = _subject(words, k)
        if speaker is None:
            break
        first = k + 1
        cue_end = words[k].start() + len(w.rstrip(",.:;"))
        if first < len(words) - 1 and _bare(words[first].group()) in _PARTICLES.get(low, ()):
            cue_end = words[first].end()  # "calls on", "hints at"
            first += 1
        last = _content_end(words, first - 1)
        if last <= first:
            break
        end = words[last - 1].end()
        while end > 0 and text[end - 1] in ".,;:!?":
            end -= 1
        out.append(Draft(
            content=[(words[first].start(), end)],
            cue=(words[k].start(), cue_end),
            speaker=speaker,
            confidence=HEADLINE_CONFIDENCE,
        ))
        k = last + 1 if last < len(words) and _bare(words[last].group()) in ("and", "but") else last
    return out


def _subject(words: list[re.Match[str]], k: int) -> tuple[int, int] | None:
    """The words before the verb ``words[k]`` back to the title's start or to a word that
    opens a clause ("Tensions flare after [Sanders] calls ..."), opening with a capital."""
    first = k
    while first > 0 and _bare(words[first - 1].group()) not in _SUBORDINATORS:
        if words[first - 1].group()[-1] in _CLAUSE_END:
            return None  # "Clinton camp: Trump's rhetoric threatens ...": not its subject
        first -= 1
    if first == k or not words[first].group()[:1].isupper():
        return None
    return words[first].start(), words[k - 1].end()


def _content_end(words: list[re.Match[str]], k: int, before_speech: bool = True) -> int:
    """Index after the last word of the content that follows ``words[k]``: the clause's end,
    a word that opens another clause, or (with ``before_speech``) "and"/"but" before another
    speech verb ("chides Turkey and praises ...")."""
    speech = cues.speech_forms()
    last = k + 1
    while last < len(words):
        word = _bare(words[last].group())
        if last > k + 1 and word in _SUBORDINATORS:
            break
        if (before_speech and last > k + 1 and word in ("and", "but") and last + 1 < len(words)
                and _bare(words[last + 1].group()) in speech):
            break
        last += 1
        if words[last - 1].group()[-1] in _CLAUSE_END:
            break
    return last


# Labels a page puts before a title's colon ("BREAKING: ...", "Watch: ..."), and those of
# fact-check and editorial pages ("Claim: ...", "Verdict: False", "Editor's note: ..."):
# not sources.
PAGE_LABELS = frozenset(
    "breaking exclusive watch video videos photos wow whoa bombshell boom look busted update "
    "updates opinion analysis explainer review live editorial column podcast quiz byline "
    "verdict claim claims rating ruling factcheck fact-check conclusion correction "
    "corrections note source sources photo image related summary context background "
    "disclaimer interview interviews feature features new clarification clarifications "
    "spoiler courtesy commentary profile recap roundup factbox gallery listen audio graphic "
    "graphics".split()
) | {"fact check", "bottom line", "editor's note", "editor’s note", "read more",
     "what we found", "our ruling", "the facts"}

# A paragraph opening with a name in capitals (one to four words, initials allowed) and a
# colon: a turn of a transcript.
_TURN = re.compile(r"(?:^|(?<=\n))([A-Z][A-Z.’'\-]*(?: [A-Z][A-Z.’'\-]*){0,3}):[^\S\n]+(?=\S)")
_MIN_TURN_CHARS = 3


# ... or with a name in title case ("Stubb: Absolutely."), when the same name opens at
# least ``_MIN_TITLE_TURNS`` paragraphs: an interview printed as turns (once, it is as
# likely a label: "Analysis: ...").
_TITLE_TURN = re.compile(
    r"(?:^|(?<=\n))([A-Z][a-z’'\-]+(?: (?:[A-Z]\.|[A-Z][a-z’'\-]+)){0,2}):[^\S\n]+(?=\S)")
_MIN_TITLE_TURNS = 2


def _a_persons_name(text: str, name: str) -> bool:
    """Whether a title-case turn's name is a person's: a full name that opens with a first
    name ("Alexander Stubb"), a first name, or the surname of a full name in the text
    ("Stubb" after "Alexander Stubb"); not a repeated label ("Present Problems:",
    "Possible Solutions:", found on SemEval news)."""
    if re.search(rf"\b(?i:{ANY_ROLE})\s+{re.escape(name)}\b", text):
        # A name the article gives a title: "Foreign Ministry Spokesperson Mao Ning's
        # Regular Press Conference" (a briefing's transcript, 2026-11-30: the first-name
        # table knows no Chinese names).
        return True
    if " " in name:
        return bool(person_gender(name))
    return bool(first_name_gender(name)
                or re.search(rf"\b[A-Z][a-z’'-]+ {re.escape(name)}\b", text))


def transcript_turns(text: str, interview: bool = False) -> list[Draft]:
    """One draft per "NAME: words" paragraph: the name is the speaker, the colon the cue
    and the rest of the paragraph the content. In an ``interview`` (paragraphs opening
    with "Q:"), a title-case turn counts once ("Sandu: Our gas bills tripled")."""
    out: list[Draft] = []
    titled = list(_TITLE_TURN.finditer(text))
    counts = Counter(m.group(1) for m in titled)
    least = 1 if interview else _MIN_TITLE_TURNS
    turns = [*_TURN.finditer(text),
             *(m for m in titled if counts[m.group(1)] >= least
               and _a_persons_name(text, m.group(1)))]
    for m in sorted(turns, key=lambda m: m.start()):
        name = m.group(1)
        if sum(ch.isalpha() for ch in name) < 2 or name.lower() in PAGE_LABELS:
            continue
        end = line_end(text, m.end())
        if end - m.end() < _MIN_TURN_CHARS:
            continue
        colon = m.end(1)
        out.append(Draft(
            content=[(m.end(), end)],
            cue=(colon, colon + 1),
            speaker=(m.start(1), colon),
            confidence=HEADLINE_CONFIDENCE,
            verbatim=True,
        ))
    return out


# A paragraph with no stop that ends with its attribution, as standfirsts do ("Moscow will
# not accept any peace plan ..., the Russian foreign minister has said"): the tagger reads
# such a line whole as content with no cue when it has no full stop (an RT-style story of
# 2026-11-29). The speaker before the verb: a description or a capitalised name, at most
# ``_MAX_SPEAKER_WORDS`` words; or after "says".
_SPEAKER_WORDS = rf"(?:(?:the|a|an)\s+|[A-Z])[\w.'’-]*(?:\s+[\w.'’-]+){{0,{_MAX_SPEAKER_WORDS}}}?"
_LINE_END_CUE = re.compile(
    rf"(?P<content>[^\n]{{15,}}?),\s+(?:(?P<speaker>{_SPEAKER_WORDS})\s+"
    r"(?P<cue>(?:(?:has|have|had)\s+)?(?:said|warned|claimed|insisted|argued|stressed))"
    rf"|(?P<cue2>says|said|warns|warned)\s+(?P<speaker2>{_SPEAKER_WORDS}))(?<![.!?])[ \t]*$",
    re.MULTILINE)
# How far into the text a standfirst stands (characters).
_STANDFIRST_REACH = 1_000


def standfirst_attribution(text: str) -> list[Draft]:
    """Drafts for the paragraphs after the title, within ``_STANDFIRST_REACH`` characters,
    that end with their attribution and no stop (``_LINE_END_CUE``)."""
    title = line_end(text, 0)
    out: list[Draft] = []
    for m in _LINE_END_CUE.finditer(text, title, min(len(text), _STANDFIRST_REACH)):
        if "\n" in text[m.start():m.end()] or (m.start() > 0 and text[m.start() - 1] != "\n"):
            continue
        cue = "cue" if m.group("cue") else "cue2"
        speaker = "speaker" if m.group("speaker") else "speaker2"
        out.append(Draft(
            content=[m.span("content")],
            cue=m.span(cue),
            speaker=m.span(speaker),
            confidence=HEADLINE_CONFIDENCE,
        ))
    return out
