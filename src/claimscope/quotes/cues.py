"""The cue lexicon: words and phrases that introduce an attribution.

Two families: *speech* cues (say, tell, point out, according to, tweet ...) and *other*
attribution cues (believe, want, expect, show, find ...), which PolNeAR also annotates.
Verbs are listed by lemma and inflected here, so that every form is known without a
lemmatizer. ``benchmarks/cue_lexicon.py`` measures the lexicon's coverage of PolNeAR cues.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimscope.quotes.marks import DASHES

SPEECH_VERBS = """
say tell add note state claim argue explain announce declare insist warn reply respond
answer ask tweet write post report reveal disclose admit acknowledge concede confirm deny
suggest propose recommend urge call describe characterize characterise label brand dub term
praise criticize criticise condemn denounce accuse blame charge allege assert maintain
contend stress emphasize emphasise underline underscore highlight reiterate repeat recall
recount remind predict forecast estimate promise pledge vow swear threaten boast brag
complain lament protest object dispute question challenge counter rebut retort quip joke
remark observe comment mention cite quote testify tout hail laud applaud commend thank
apologize apologise concede conclude continue summarize summarise
caution advise inform notify tell brief imply hint speculate guess
announce proclaim affirm attest certify reassure assure vouch guarantee contend plead
beg demand request order instruct command invite encourage press lobby campaign demand
reject dismiss scoff slam blast attack rip chide scold rebuke lambast decry deride mock
ridicule tease taunt defend justify rationalize rationalise excuse clarify elaborate
specify detail outline spell recount narrate relate describe portray depict frame cast
shout scream yell whisper mutter murmur exclaim cry sigh groan gasp stammer tell
telephone phone email text message broadcast publish print headline editorialize
acknowledge confess admit concede agree disagree concur echo """.split()

OTHER_VERBS = """
believe think feel consider reckon suppose presume assume expect anticipate hope wish want
fear worry doubt suspect know understand realize realise learn discover find determine
conclude decide judge deem regard view see show demonstrate prove reveal suggest indicate
seem appear look sound plan intend aim seek try hope mean signal imply estimate project
calculate count predict signal indicate endorse back support oppose veto refuse decline
prove demonstrate """.split()

# Multi-word cues (matched on lowercased token sequences).
PHRASES = (
    "according to", "point out", "pointed out", "points out", "pointing out", "went on to say",
    "go on to say", "goes on to say", "in a statement", "in an interview", "in a tweet",
    "told reporters", "told journalists", "speaking to reporters", "speaking to journalists",
    "in a post", "in remarks", "as saying", "was quoted as saying", "is quoted as saying",
    "made clear", "make clear", "makes clear", "made it clear", "spoke of", "speaks of",
    "weighed in", "chimed in", "followed up", "went on", "set out", "lay out", "laid out",
    "put it", "as put by", "in the words of", "quoted by", "cited by", "reported by",
    "called for", "calls for", "called on", "calls on", "referring to", "refers to",
    "referred to", "took aim at", "lashed out at", "hit back", "hits back", "fired back",
    "shot back", "pushed back", "noted that", "it is believed", "is expected to",
)

_IRREGULAR = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"), "think": ("thinks", "thought"),
    "know": ("knows", "knew", "known"), "see": ("sees", "saw", "seen"),
    "find": ("finds", "found"), "feel": ("feels", "felt"), "mean": ("means", "meant"),
    "understand": ("understands", "understood"), "swear": ("swears", "swore", "sworn"),
    "begin": ("begins", "began", "begun"), "show": ("shows", "showed", "shown"),
    "speak": ("speaks", "spoke", "spoken"), "hear": ("hears", "heard"),
    "teach": ("teaches", "taught"), "lead": ("leads", "led"), "put": ("puts", "put"),
    "forecast": ("forecasts", "forecast"), "broadcast": ("broadcasts", "broadcast"),
    "cast": ("casts", "cast"), "set": ("sets", "set"), "lay": ("lays", "laid"),
    "spell": ("spells", "spelled", "spelt"), "learn": ("learns", "learned", "learnt"),
    "cry": ("cries", "cried"), "reply": ("replies", "replied"), "deny": ("denies", "denied"),
    "imply": ("implies", "implied"), "try": ("tries", "tried"), "specify": ("specifies",
                                                                            "specified"),
    "clarify": ("clarifies", "clarified"), "certify": ("certifies", "certified"),
    "testify": ("testifies", "testified"), "worry": ("worries", "worried"),
    "ridicule": ("ridicules", "ridiculed"), "rebut": ("rebuts", "rebutted"),
    "admit": ("admits", "admitted"), "quip": ("quips", "quipped"), "veto": ("vetoes",
                                                                          "vetoed"),
    "stammer": ("stammers", "stammered"), "plan": ("plans", "planned"),
    "rip": ("rips", "ripped"), "regret": ("regrets", "regretted"),
    "commit": ("commits", "committed"), "refer": ("refers", "referred"),
    "concur": ("concurs", "concurred"), "prefer": ("prefers", "preferred"),
}
_VOWELS = set("aeiou")


def inflect(lemma: str) -> set[str]:
    """The lemma and its regular forms (third person, past, gerund)."""
    if lemma in _IRREGULAR:
        forms = set(_IRREGULAR[lemma])
        forms.add(lemma)
        forms.add(_gerund(lemma))
        return forms
    forms = {lemma, _third(lemma), _past(lemma), _gerund(lemma)}
    return forms


def _third(v: str) -> str:
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        return v + "es"
    if v.endswith("y") and v[-2] not in _VOWELS:
        return v[:-1] + "ies"
    return v + "s"


def _past(v: str) -> str:
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and v[-2] not in _VOWELS:
        return v[:-1] + "ied"
    return v + "ed"


def _gerund(v: str) -> str:
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    return v + "ing"


@lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    return frozenset(f for lemma in SPEECH_VERBS for f in inflect(lemma))


@lru_cache(maxsize=1)
def all_forms() -> frozenset[str]:
    return speech_forms() | frozenset(f for lemma in OTHER_VERBS for f in inflect(lemma))


def is_phrase(words: str) -> bool:
    """Whether lowercased words separated by single spaces are a multi-word cue
    ("pointed out", "put it")."""
    return words in _PHRASE_SET


_PHRASE_SET = frozenset(PHRASES)
_PHRASE_RE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b"
)


def lexicon_size() -> int:
    return len(set(SPEECH_VERBS) | set(OTHER_VERBS)) + len(PHRASES)


def is_speech_cue(cue_text: str) -> bool:
    """Whether a cue (one or more words, any form) is a speech cue ("said in a statement",
    "according to", ":") rather than belief, intention or evidence ("thinks", "shows")."""
    low = cue_text.lower().strip()
    if not low or low.strip(" :-" + DASHES) == "":
        return True  # a colon or dash introduction
    if _PHRASE_RE.search(low):
        phrase = _PHRASE_RE.search(low)
        assert phrase is not None
        if phrase.group(1) not in ("it is believed", "is expected to"):
            return True
    words = re.findall(r"[a-z]+", low)
    speech = speech_forms()
    return any(w in speech for w in words)


def phrase_spans(text_lower: str) -> list[tuple[int, int]]:
    """Character spans of the multi-word cues in lowercased text."""
    return [(m.start(1), m.end(1)) for m in _PHRASE_RE.finditer(text_lower)]


@lru_cache(maxsize=1)
def _speech_re() -> re.Pattern[str]:
    forms = sorted(speech_forms(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def speech_offsets(text_lower: str, start: int = 0, end: int | None = None) -> list[int]:
    """Start offsets of speech-verb forms in lowercased text (a C-speed scan: rules look at
    these tokens only, not at every token of the article)."""
    stop = len(text_lower) if end is None else end
    return [m.start() for m in _speech_re().finditer(text_lower, start, stop)]
