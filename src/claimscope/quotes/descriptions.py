"""Definite descriptions of speakers: which title a person holds, and which organisation
"the company", "the agency" or "Israel's military" stands for.

"The president" is the person introduced as president, not as "Vice President", "Former
President" or "President-elect"; "the minister" not the one introduced as "Prime Minister".
"The company" is the business heard last, "the agency" the public body ("Food and Drug
Administration"), "the bank" an organisation with "Bank" in its name; "the union" one
named with "Union"; "Israel's military" is a country's body, a group named by its mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimscope.components.entities import KNOWN_COMPANIES
from claimscope.ingest.lexicon import OUTLETS
from claimscope.model import Entity

# Words before a title that make it another one ("Vice President", "Deputy Prime Minister",
# "Former President", "ex-president"): a person so introduced holds the plain title only
# when the description names them too. Narrower than the speakers' _TITLE_PARTS: an acting
# or associate official is still called by the title ("Associate Justice Ginsburg ... the
# justice").
_OTHER_TITLE = frozenset({"vice", "deputy", "assistant", "lieutenant", "under", "prime",
                          "former", "ex", "shadow"})
# They may stand a few words before it, in front of a portfolio or a country ("Shadow
# Environment Secretary Victoria Atkins", "Former Russian President Dmitry Medvedev",
# "Deputy Foreign Minister Sergei Ryabkov"), within the same phrase.
_OTHER_TITLE_REACH = 3
_PHRASE_END = re.compile(r"[,;:.()\"“”]")
# ... and words after it ("Attorney General", "President-elect").
_OTHER_TITLE_AFTER = frozenset({"general", "elect"})

# Head nouns of descriptions that stand for an organisation heard before ("the company
# said"), True for a public body, False for a business; and words that make a name a
# public body's.
_PUBLIC = ("agency ministry department regulator commission administration authority watchdog "
           "force")  # "the force said": a police force, "West Yorkshire Police"
_BUSINESS = ("company firm bank airline carrier retailer automaker carmaker drugmaker "
             "manufacturer insurer lender broadcaster conglomerate startup")
_KIND_NOUNS = {**{w: True for w in _PUBLIC.split()}, **{w: False for w in _BUSINESS.split()}}
_PUBLIC_NAME_WORDS = frozenset(
    (_PUBLIC + " office bureau service council committee board court police"
     " government federal national state"
     " centers centres").split())  # "Centers for Disease Control and Prevention"
# Not "the group", which has its own rule (group_head below): the organisation that spoke
# last is not reliably it.
# Heads of descriptions that stand for an organisation only through its name ("the union":
# the Dockworkers Union), whether it spoke or not.
_NAME_NOUNS = frozenset("""
    union party council court committee university foundation institute association
    federation fund alliance coalition club church hospital army navy police bureau office
""".split())
# Nouns that introduce an organisation's name ("the charity Alzheimer's Research UK").
_ORG_NOUNS = frozenset(
    [*_KIND_NOUNS, *_NAME_NOUNS, *"""
    charity group organisation organization nonprofit campaign movement network
    newspaper website outlet tank consultancy""".split()])
# Words of a description: the head and at most two before it ("the Russian defence
# ministry"); a longer one is more than a name for a body.
_MAX_WORDS = 3
# A place's or organisation's bodies that speak for it ("Israel's military").
_BODIES = frozenset("""
    military army navy government forces police ministry cabinet parliament embassy
    authorities prosecutors regulator agency department office court mission
    force guard guards service services command
""".split())
# "the mayor's office", "Israel's military": an owner and what of theirs speaks.
OWNED = re.compile(r"^(.+?)['’]s\s+(.+)$")


def holds_title(around: str, titles: str, modifiers: list[str]) -> bool:
    """Whether the words around a name (lowercase) give it one of the titles (a regex
    alternation), not another title made of it: "the president" is not "Vice President
    Mike Pence", "Former President Donald Trump" or "President-elect Donald Trump", nor "the
    minister" "Prime Minister Rishi Sunak", nor "the attorney's office" that of "Attorney
    General William Barr", unless the description says so too ("the vice president", "the
    former president")."""
    said = set(re.findall(r"[a-z]+", " ".join(modifiers)))
    for found in re.finditer(rf"\b({titles})\b", around):
        after = re.match(r"[\s-]+([a-z]+)", around[found.end() :])
        if after and after.group(1) in _OTHER_TITLE_AFTER and after.group(1) not in said:
            continue
        phrase = _PHRASE_END.split(around[: found.start()])[-1]
        parts = _OTHER_TITLE.intersection(re.findall(r"[a-z]+", phrase)[-_OTHER_TITLE_REACH:])
        if said.issuperset(parts):
            return True
    return False


def body_head(description: str) -> str | None:
    """The head noun of a description that may stand for an organisation ("company" of
    "drug company"), or None."""
    words = description.lower().split()
    if not words or len(words) > _MAX_WORDS:
        return None
    head = words[-1]
    return head if head in _KIND_NOUNS or head in _NAME_NOUNS else None


def of_its_kind(head: str, actor: Entity) -> bool:
    """Whether an organisation that spoke may be "the <head>": its name holds the head
    ("the bank": Deutsche Bank), or it is of the head's kind (a public body for "the
    agency", another for "the company")."""
    if head not in _KIND_NOUNS:
        return False
    name = _name_words(actor)
    return head in name or _KIND_NOUNS[head] == bool(name & _PUBLIC_NAME_WORDS)


# "the group", "the activist group", "the organisation": a group, association or movement
# heard or introduced as a group shortly before (SemEval news, read 2026-11-29: taking the
# organisation named last named 19 such speakers, about half wrongly: an outlet between,
# "according to a report by Fox News", a hashtag inside the quotation, a person the
# recogniser took for an organisation).
_GROUP_HEADS = frozenset({"group", "organization", "organisation"})


def group_head(description: str) -> bool:
    """Whether a description is "the group" or "the <lowercase words> group"."""
    words = description.split()
    return 0 < len(words) <= _MAX_WORDS and words[-1].lower() in _GROUP_HEADS \
        and all(w.islower() for w in words[:-1])


_GROUP_WORDS = re.compile(
    r"\b(?:group|organi[sz]ation|movement|association|coalition|alliance|network|campaign|"
    r"collective|conference|foundation|institute|society|federation|league)\b", re.IGNORECASE)


def group_words(words: str) -> bool:
    """Whether words call an organisation a group ("Working Group", "a group called")."""
    return _GROUP_WORDS.search(words) is not None


def may_be_group(actor: Entity) -> bool:
    """Whether an organisation may be "the group": not an outlet, a platform ("In a post on
    Telegram, the group said"), nor a public body."""
    name = actor.name.lower()
    return actor.label == "ORG" and name not in OUTLETS and name not in KNOWN_COMPANIES \
        and not _name_words(actor) & _PUBLIC_NAME_WORDS


def named_with(head: str, actor: Entity) -> bool:
    """Whether an organisation's name holds the description's head ("the union": the
    Dockworkers Union), or a word that names its kind so ("the union": the British Medical
    Association, a BBC story of 2026-11-30)."""
    name = _name_words(actor)
    return head in name or bool(name & _NAMED_ALSO.get(head, frozenset()))


# Words in the names of organisations of a head's kind that do not hold the head.
_NAMED_ALSO = {"union": frozenset({"association", "federation", "confederation", "congress",
                                   "guild"}),
               "force": frozenset({"police", "constabulary"})}  # "West Yorkshire Police"


def owned_body(words: str) -> tuple[str, str] | None:
    """("Israel", "Israel's military") for a body of a possessor ("Israel's military",
    "Russia's defence ministry"), the possessor's words and the body's name; else None."""
    owned = OWNED.match(words)
    if owned is None or owned.group(2).lower().split()[-1] not in _BODIES:
        return None
    return owned.group(1), " ".join(owned.group(0).split())


@dataclass(frozen=True)
class AdjectiveBody:
    """A body named by a country's or people's adjective: where the adjective stands in
    the words read, and the body's name ("Israeli military")."""

    start: int
    end: int
    name: str


def adjective_body(words: str) -> AdjectiveBody | None:
    """The body ``words`` name by a country's or people's adjective ("The Israeli military",
    "the Russian defence ministry"); else None."""
    found = _ADJECTIVE_BODY.match(words)
    if found is None or found.group(2).lower().split()[-1] not in _BODIES:
        return None
    return AdjectiveBody(found.start(1), found.end(1),
                         f"{found.group(1)} {' '.join(found.group(2).split())}")


_ADJECTIVE_BODY = re.compile(r"(?:[Tt]he\s+)?([A-Z][a-z]+)\s+((?:[a-z-]+\s+)?[a-z]+)$")


def _name_words(actor: Entity) -> frozenset[str]:
    return frozenset(w.strip(".,").lower() for w in actor.name.split())


# "the charity Alzheimer's Research UK", "the think tank Chatham House": a kind of body,
# then its capitalised name.
_KIND_THEN_NAME = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}([a-z-]+)\s+"
    r"((?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|on|the)\s+)?){0,5}[A-Z][\w'’.&-]*)$")


def named_after_kind(words: str) -> str | None:
    """The name in "the charity Alzheimer's Research UK" (a kind of organisation, then its
    capitalised name: news of 2026-11-29, where "UK" had made it the United Kingdom's
    speech), or None."""
    found = _KIND_THEN_NAME.match(words)
    return found.group(2) if found and found.group(1).lower() in _ORG_NOUNS else None


# News epithets for one person: an age, a nationality that names one person.
_AGE_EPITHET = re.compile(r"(?:\w+\s+)?\d{1,3}-year-old")
_PERSON_DEMONYM = re.compile(
    r"(?:\w+\s+)?(?:(?:French|English|Irish|Scots|Welsh|Dutch)(?:man|woman)|Spaniard|Briton|"
    r"Swede|Dane|Finn|Pole|Scot|Turk|Brit|Kiwi|Aussie|Argentine|"
    # nationalities in -an that a singular "the" makes a person ("the Italian said")
    r"Italian|German|American|Brazilian|Argentinian|Australian|Canadian|Norwegian|"
    r"Belgian|Austrian|Croatian|Serbian|Mexican|Colombian|Chilean|Nigerian|Ghanaian|"
    r"Egyptian|Iranian|Ukrainian|Hungarian|Romanian|Georgian|Korean|Kenyan|Ethiopian)")


def is_epithet(description: str) -> bool:
    """Whether a description after "the" is a person's epithet of news style: an age ("the
    46-year-old") or a nationality that names one person ("the Spaniard", "the
    Frenchman"); it then stands for the person who spoke last (a sports story, 2026-11-29:
    both were unresolved, "the Spaniard" a group). Not "the Chinese", "the Syrian [side]"
    or "The Oregonian" (a newspaper): read on SemEval news, such words named a people, a
    man never named, or a paper."""
    words = description.strip()
    return (_AGE_EPITHET.fullmatch(words) is not None
            or _PERSON_DEMONYM.fullmatch(words) is not None)
