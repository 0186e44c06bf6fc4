"""The words of a speaker mention: where its head stands ("the president of Ukraine"),
whether it names a group ("Officials", "Christians in America", "two Egyptian officials"),
a proper name ("Ms. Ruiz, 41,"), or a pronoun; the word lists and patterns speaker
resolution reads them with.
"""

from __future__ import annotations

import re

from claimscope.components.entities import clean_name, is_title_of
from claimscope.quotes.marks import DASHES
from claimscope.quotes.titles import ROLE_NOUNS

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GROUP_PRONOUNS = frozenset({"they", "them", "their"})

# Plural nouns for people that open a group's mention ("Christians in America",
# "Supporters of Sanders"): a list, not a plural ending ("Massachusetts Secretary of State
# William Galvin" is a person).
PEOPLE = frozenset("""
    people police staff men women children folks officials experts analysts critics
    supporters opponents aides advisers advisors leaders residents voters members lawmakers
    legislators democrats republicans conservatives liberals progressives christians
    muslims jews catholics evangelicals surveys polls sources observers activists
    protesters witnesses investigators prosecutors researchers scientists doctors teachers
    parents students workers citizens locals officers troops soldiers developers delegates
    diplomats economists journalists reporters authorities insiders allies donors families
""".split())
# Singular nouns for a person: a mention ending in one is no group ("a police spokesperson").
_ONE_PERSON = ROLE_NOUNS | {w[:-1] for w in PEOPLE if w.endswith("s")} | {
    "person", "man", "woman", "child"}
# A group's head noun stands within its first words ("Senior Republican officials in ..."),
# before these words.
_MAX_GROUP_HEAD_WORDS = 3
_GROUP_STOPS = frozenset("for of at from with in to who that which whose on by".split())
# Words of quantity that open a mention ("Most of the theories", "Hundreds of voters"): the
# mention is what they count, never the name in its modifiers, and never a name itself.
_QUANTITIES = frozenset("""
    many some most several both others hundreds thousands dozens millions majorities few all
""".split())

_REFLEXIVE = re.compile(r"\s+(themselves|himself|herself|itself|ourselves|alone|too)\W*$", re.I)
# Words after a speaker's name that are no part of it: a time ("Ukrainian president
# Volodymyr Zelensky yesterday", "Mayor Michael Bloomberg this week"), a clause ("Ambassador
# Jakob Linulf while addressing ...") or a relative set off by a dash ("Mr Johnson - who is
# flying to Ukraine"). Found on SemEval news (2026-11-28): the mention's last word was then
# no name's, and the speaker stayed unresolved.
TAIL = re.compile(
    r"(\s+(yesterday|today|tonight|tomorrow|earlier|later|again|recently|now|also|"
    r"(this|last|next|on|late|early)\s+(week|weekend|month|year|morning|afternoon|evening|"
    r"night|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    r"|\s+(while|when|whilst|after|before|during|addressing|speaking)\s"
    rf"|\s+[{DASHES}-]+\s+(who|which|whose|whom)\s)"
)


_DASH_NAME = re.compile(rf"\s[{DASHES}-]+\s+(?=[A-Z])")
AND = re.compile(r"\s(and|&)\s")
_DASH_APPOSITION = re.compile(rf"\s[{DASHES}-]+\s+(?=[a-z])")
APPOSITION = re.compile(rf",|\s\(|\s[{DASHES}-]+\s+(?=[a-z])")
LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
_DETERMINER = re.compile(r"(the|a|an|this|that|one)\s", re.IGNORECASE)
PREPOSITION = re.compile(r"\s(for|of|at|from|with|in|to)\s")
_RELATIVE = re.compile(r"\s(who|that|which)\s")
RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b")
# A dash opening an aside ("A chorus of critics — both abroad and at home —").
DASH_ASIDE = re.compile(rf"\s[{DASHES}-]+\s")
# Capitalised titles, maybe after a qualifier, in front of a name ("Republican Senator ",
# " Archbishop ", " former Gov. "), or nothing.
TITLE_WORDS = re.compile(r"\s*(?:(?:former|then|late|acting)\s+)?(?:[A-Z][\w.'’-]*\s+)*")


def head_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of a speaker mention that holds its head word: the name after a dash
    ("a former US secretary of defense – Mr. Gates") or after a description's comma ("Her
    campaign manager, Robby Mook"), else what comes before an apposition
    ("Amina Rahman, the foreign minister ...", "Sen. Chris Murphy (a Connecticut
    Democrat)"), else, for a description or a group named in lowercase, what comes before
    its first preposition or relative clause ("the spokesperson for Prime Minister Keiko
    Tanaka", "supporters of Democrat Hillary Clinton": the supporters, not Clinton), an
    apposition or not ("the economics student from Lviv, whose videos ..."). Words
    after the name that are no part of it are left out first (``TAIL``)."""
    tail = TAIL.search(text, start, end)
    if tail and tail.start() > start and not _DETERMINER.fullmatch(
            text[start : tail.start()].split()[-1] + " "):  # "An earlier report": no tail
        end = tail.start()
    dash = _DASH_NAME.search(text, start, end)
    if dash:
        return dash.end(), end
    named = described_name(text, start, end)
    if named is not None:
        return named
    dashed = _DASH_APPOSITION.search(text, start, end)  # "Meta – the parent company of ..."
    cut = [k for k in (text.find(",", start, end), text.find(" (", start, end),
                       dashed.start() if dashed else -1) if k > start]
    if cut:
        end = min(cut)
    if _DETERMINER.match(text, start) or text[start : start + 1].islower() \
            or people_word(text, start, end) or _counted(text, start):
        prep = PREPOSITION.search(text, start, end) or _RELATIVE.search(text, start, end)
        if prep and prep.start() > start:
            return start, prep.start()
    return start, end


def described_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name after a description's comma ("Pulitzer Prize-winning journalist, Seymour
    Hersh", "the company's chief executive, Tim Cook"): the description ends in a
    lowercase word and the rest of the mention is a capitalised name."""
    comma = text.find(",", start, end)
    if comma <= start:
        return None
    before = text[start:comma].split()
    if not before or not before[-1][:1].islower():
        return None  # "Amina Rahman, the foreign minister": the name comes first
    if "and" in before:
        return None  # "Clinton and her husband, former President Bill Clinton": both
    name_start = comma + 1
    while name_start < end and text[name_start].isspace():
        name_start += 1
    name_end = end
    while name_end > name_start and text[name_end - 1] in " ,;.":
        name_end -= 1
    qualifier = _QUALIFIER.match(text, name_start, name_end)
    if qualifier:  # "Biden's 2024 election rival, former President Donald Trump"
        name_start = qualifier.end()
    name = text[name_start:name_end]
    if not _NAME.match(name) or name.lower() in _NOT_NAMES:
        return None
    return name_start, name_end


def last_word_start(text: str, start: int, end: int) -> int:
    """Start of the mention's head word: its last word, reflexives ("themselves") aside."""
    m = _REFLEXIVE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    k = end
    while k > start and (text[k - 1].isalnum() or text[k - 1] in "'’-."):
        k -= 1
    return k


_NAME = re.compile(r"^(?:[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+){0,3}$")
# A capitalised word, no determiner or possessive ("Russia's Investigative Committee"),
# right before a place named in a speaker's mention: the place is part of a name
# ("Alzheimer's Research UK").
NAME_GOES_ON = re.compile(
    r"(?<![\w'’])(?!(?:The|A|An|This|That|These|Those|Its|His|Her|Their|Our|Both|All)\b)"
    r"[A-Z][\w-]*[a-z][\w-]* $")
# Lowercase words that may stand before a title and name ("..., former President Donald
# Trump"): they qualify the title; the name is what follows.
_QUALIFIER = re.compile(r"(?:(former|then|late|acting|current|incoming|outgoing|retired|"
                        r"ex-?)\s+)+(?=[A-Z])")
# Capitalised words that open a sentence as speakers without naming anyone ("It said",
# "We believe", "You know", "Everyone agrees"): read as names they took confidence 1.0.
_NOT_NAMES = frozenset("""
    it its we us our you your me my mine this that these those one someone somebody
    anyone anybody everyone everybody nobody none no-one who which whom what
""".split()) | _QUANTITIES


def proper_name(text: str, start: int, end: int) -> str:
    """The capitalised name heading a mention, titles dropped ("Amina Rahman, the foreign
    minister" → "Amina Rahman"); "" when the mention is no name."""
    head_start, head_end = head_span(text, start, end)
    head = text[head_start:head_end].strip()
    if not head[:1].isupper() or _DETERMINER.match(head):
        return ""  # "the spokesperson for ...": a description, not a name
    name = clean_name(head)
    if is_title_of(name):
        return ""  # a title of a place or body, no one's name ("Head of German Intelligence")
    low = name.lower()
    if (not _NAME.match(name) or low in PERSON_PRONOUNS or low in GROUP_PRONOUNS
            or low in _NOT_NAMES):
        return ""
    return name


def people_word(text: str, start: int, end: int) -> bool:
    """Whether the mention's first words, up to a preposition or relative pronoun, hold a
    plural noun for people ("Christians in America", "People who knew Ramirez", "Western
    officials in regular contact with Ukraine", "sources close to her campaign"): a group,
    not the name in its modifiers."""
    words: list[str] = []
    for word in text[start:end].split()[:_MAX_GROUP_HEAD_WORDS + 1]:
        if word in _GROUP_STOPS:
            break
        words.append(word)
    low = [w.lower().strip(",;:") for w in words]
    return len(low) <= _MAX_GROUP_HEAD_WORDS and any(w in PEOPLE for w in low) \
        and low[-1] not in _ONE_PERSON  # "a police spokesperson" is one


def _counted(text: str, start: int) -> bool:
    """Whether the mention opens with a word of quantity ("Most of the theories ...")."""
    words = text[start : start + 30].split(maxsplit=1)
    return bool(words) and words[0].lower() in _QUANTITIES


def counts_people(text: str, start: int, end: int) -> bool:
    """Whether a mention that opens with a word of quantity counts a plural ("All of the
    GOP candidates", "Hundreds of voters"): a group."""
    if not _counted(text, start):
        return False
    of = text.find(" of ", start, end)
    if of < 0:
        return False
    cut = PREPOSITION.search(text, of + 4, end) or _RELATIVE.search(text, of + 4, end)
    words = text[of + 4 : cut.start() if cut else end].lower().split()
    return any(w in PEOPLE or looks_group(w.strip(".,;:'’")) for w in words[-2:])


def one_person(head_word: str) -> bool:
    """Whether a head noun names one person ("representative", "delegate", "witness")."""
    return head_word in _ONE_PERSON


def looks_group(head_word: str) -> bool:
    """A plural head ("officials", "the Americans", "sources") names a group."""
    return head_word.endswith("s") and not head_word.endswith(("ss", "us", "is"))
