"""Speaker resolution: from the words that name a speaker to an actor of the article.

No coreference model installs offline, so this is ours, on top of the parse and the
article's actors (``entities``):
- a mention that overlaps an actor's mention resolves to that actor ("Putin" → Vladimir
  Putin; "a former US secretary of defense – Mr. Gates" → Gates, the person in it);
- a definite description ("the president", "the Russian president", "the minister")
  resolves to the most recent person introduced with that title ("Russian President
  Vladimir Putin"), preferring one whose title words match its modifiers; only titles and
  roles do ("the campaign" or "the poll" names no person), and an indefinite description
  ("a person close to the process") never resolves to a named actor;
- a pronoun resolves to the most recent compatible speaker (outside quotes, for a pronoun
  outside them: "... what Obama said?” He then cited ..." is not Obama), else the most
  recent person named before it, or, when that one stands in an earlier sentence, that
  sentence's subject if it fits ("Mohamed began by attacking Obama. He asked ...":
  Mohamed); "they" is left unresolved (it stands for unnamed people too often);
- groups and organisations ("the Kremlin", "officials") keep their own name; what cannot
  be resolved keeps its mention with ``entity`` None and a lower confidence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from claimscope.components.entities import clean_name
from claimscope.datelines import after_dateline
from claimscope.model import Entity, Span, Speaker, make_span
from claimscope.names import first_name_gender, is_first_name, person_gender
from claimscope.quotes import mentions
from claimscope.quotes.descriptions import (
    OWNED,
    adjective_body,
    body_head,
    group_head,
    group_words,
    holds_title,
    is_epithet,
    may_be_group,
    named_after_kind,
    named_with,
    of_its_kind,
    owned_body,
)
from claimscope.quotes.gender import introduced_gender, role_gender
from claimscope.quotes.marks import DOUBLE_MARKS, line_end, paragraph_breaks
from claimscope.quotes.parse_clues import ParseClues
from claimscope.quotes.titles import (
    EPITHETS,
    ROLE_NOUNS,
    SENTENCE_GAP,
    TITLE_PARTS,
    TITLE_WINDOW,
    introduced_as,
    titled_otherwise,
)

# A definite description ("the president", "his counterpart") may name an actor introduced
# before; an indefinite one ("a person close to the process", "a source at the station")
# brings in someone new, so it never resolves to a named actor.
_DESCRIPTION = re.compile(r"^(the|this|that|his|her|their|its)\s+(.+)$", re.IGNORECASE)
# A title line's speaker stands for a role description in the paragraphs after it: a
# standfirst and a lede (``Resolver._headline_person``) ...
_LEAD_PARAGRAPHS = 2
# ... a description of a few words ("the shadow environment secretary").
_MAX_ROLE_WORDS = 4
# Heads of an unnamed source's description, by kind: "the insider" may call back "a
# Home Office source", "the spokeswoman" "a White House spokesperson".
_UNNAMED = {"source": "source", "insider": "source", "official": "official",
            "spokesman": "spokesperson", "spokeswoman": "spokesperson",
            "spokesperson": "spokesperson", "aide": "aide", "diplomat": "diplomat"}
_INDEFINITE = re.compile(r"(a|an|one|another|some|any)\s", re.IGNORECASE)
# A bare capitalised title as a speaker ("..., City Engineer Says" closing a title-case
# headline): up to three capitalised words, the last a role noun.
_BARE_TITLE = re.compile(r"^(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+$")
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_THE = re.compile(r"the\s+", re.IGNORECASE)
# Where an apposition after a name ends: its sentence, line, a colon or a quotation mark.
_APPOSITION_END = re.compile(r"[.?!:;\n\"“”]")

# "It" after these words is no one ("It is estimated", "it was confirmed", "It appears").
_EXPLETIVE = re.compile(
    r"((?:\s+\w+ly)?\s+(is|was|has|had|seems|seemed|appears|appeared|could|would|may|might|"
    r"will|can|must|should|remains|became|becomes|does|did|do|goes\s+without|turns\s+out)"
    r"|['’](s|d|ll))\b", re.I)
# How far back (characters) a referential "it" looks for the organisation or document it
# stands for: news paragraphs run to about 300-500 characters, and "it said" follows its
# source within the same or the next paragraph.
_IT_REACH = 800
# How far before an organisation's name a word introducing it as a group stands ("a group
# called Democratize SSMU", "the climate activist group Stopp Oljeletinga"): a phrase.
_GROUP_CUE_REACH = 40
# What a title is of, after the description's head ("the U.S. Secretary [of Defense]"):
# a person introduced with the title of something else is not the one meant.
_PORTFOLIO = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w-]+)")
# A document and who issued it ("a statement from the Russian Defence Ministry", "a post
# by Zelensky", "the report of the commission"): the issuer speaks.
_DOCUMENT_FROM = re.compile(
    r"^(?:a|an|the)\s+(?:[\w-]+\s+)?(?:statement|report|post|letter|tweet|press release|"
    r"filing|memo|email|video|transcript|briefing|announcement|communique|notice)"
    r"\s+(?:from|by|of)\s+(.+)$", re.IGNORECASE)
# Resolutions that always name a person.
_PERSON_RESOLUTIONS = frozenset({"surname", "title", "carried"})
# How an organisation heard is named: "The RSF denied" (by its name), "the agency said".
_GROUP_RESOLUTIONS = frozenset({"group", "description"})
# How a speaker the recogniser missed is called back after its name: by surname, epithet
# or pronoun.
_UNLISTED_AGAIN = ("surname", "description", "pronoun")
# One person described by whose they are ("the representative of the Russian Federation",
# "a spokesman for Acme", "China's delegate"): the head noun is group 1 or 2. Not any
# description: a pronoun after "The Democratic presidential nominee", "a 2008 Clinton
# veteran", "the source" or "the woman" stood in all six PolNeAR held-out cases for the
# person named before them (read 2026-11-29).
_WHOSE_ONE = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+([\w-]+)\s+(?:of|for|from|at)\s+(?:the\s+)?[A-Z]"
    r"|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+([\w-]+)\Z")

# Confidence of the speaker link by how it was resolved.
CONFIDENCE = {
    "name": 1.0, "surname": 0.95, "group": 0.9, "title": 0.8, "pronoun": 0.75,
    "carried": 0.6, "description": 0.7, "unresolved": 0.4,
}


@dataclass(frozen=True, slots=True)
class _Said:
    """A resolved speaker: where its mention starts, the actor, and whether it speaks
    inside another's quote."""

    offset: int
    actor: Entity
    nested: bool


@dataclass(frozen=True, slots=True)
class _Heard:
    """A speaker as resolved, where its mention starts, and whether it is nested."""

    offset: int
    speaker: Speaker
    nested: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    entity: Entity
    span: Span


class Resolver:
    """Resolves speaker mentions of one article, in text order."""

    def __init__(self, text: str, entities: Sequence[Entity],
                 parse: ParseClues | None = None) -> None:
        """``parse``: where the parse puts sentences and subjects (pronouns then prefer
        the subject of the sentence before them to its other persons)."""
        self.text = text
        self.parse = parse
        self.mentions = sorted(
            (_Mention(e, m) for e in entities for m in e.mentions), key=lambda x: x.span.start
        )
        self.mention_starts = [m.span.start for m in self.mentions]
        self.history: list[_Said] = []  # resolved speakers, in the order resolved
        self.spoken: list[_Heard] = []  # every speaker, resolved or not, in that order
        self.actors = {e.name: e for e in entities}
        self.names: list[str] = []  # speakers' names that are no article actor
        self.gender: dict[str, str] = {}

    def resolve(self, start: int, end: int, nested: bool = False) -> Speaker:
        """``nested``: the speaker of an attribution inside another's content ("Gates
        said ..." inside Putin's quote); a pronoun outside such content never stands for
        them ("... what President Obama said?” He then cited ...": the outer speaker)."""
        start = after_dateline(self.text, start, end)  # "JERUSALEM (Reuters) - Israel's ..."
        speaker = self._resolve(start, end, nested)
        self.spoken.append(_Heard(start, speaker, nested))
        return speaker

    def _resolve(self, start: int, end: int, nested: bool) -> Speaker:
        mention = make_span(self.text, start, end)
        words = mention.text.strip()
        low = words.lower()
        if low == "it" and not nested and not _EXPLETIVE.match(self.text, end):
            # "The agency said ... It warned ...": the latest speaker that is no person.
            antecedent = self._thing_heard(start, nested)
            if antecedent is not None:
                actor = self.actors.get(antecedent.entity or "")
                if actor is not None:
                    return self._done(start, actor, mention, "pronoun", nested)
                return Speaker(antecedent.name, None, mention, antecedent.resolution)
        if self._coordinated(start, end):
            # "President Yoon and Prime Minister Rishi Sunak signed ...": both, a group.
            head_start, head_end = mentions.head_span(self.text, start, end)
            return Speaker(self.text[head_start:head_end].strip(" ,;:"), None, mention, "group")
        epithet = _THE.match(words)
        if epithet and is_epithet(words[epithet.end() :]):
            unlisted = self._unlisted_just_heard(start, nested)
            if unlisted is not None:
                return Speaker(unlisted, None, mention, "description")
            said = self._last_heard(start, nested)
            # A person the text has moved on to since, the subject of a sentence ("Chelsea
            # head coach Enzo Maresca was pleased. ... the Italian said"), else the speaker.
            since = self._subject_since(said.offset + 1 if said is not None
                                        else self.text.rfind("\n", 0, start) + 1, start)
            if since is not None:
                return self._done(start, since, mention, "description", nested)
            if said is not None and said.actor.label == "PERSON":
                return self._done(start, said.actor, mention, "description", nested)
        owned = OWNED.match(words)
        if owned and owned.group(2).lower() in _ENTOURAGE and _NAME_ONLY.match(owned.group(1)):
            # "Ellison's campaign", "Donald Trump's lawyers" (a poll story, 2026-11-29:
            # unresolved): the named actor's people, as "his office" is.
            at = start + mention.text.index(words)
            owner_said = self._resolve(at, at + len(owned.group(1)), nested)
            if owner_said.entity is not None \
                    and owner_said.resolution in ("name", "surname", "group"):
                return Speaker(f"{owner_said.name}'s {owned.group(2).lower()}", None, mention,
                               owner_said.resolution)
        found = (self._person_of(start, end) or self._appositive_person(start, end)
                 or self._overlapping(start, end))
        if found is not None:
            return self._done(start, found, mention, _named_kind(found, low), nested)
        source = _DOCUMENT_FROM.match(words)
        if source is not None:
            # "a statement from the Russian Defence Ministry": the ministry, named so.
            at = start + mention.text.index(words) + source.start(1)
            found_source = self._resolve(at, end, nested)
            if found_source.resolution != "unresolved":
                return Speaker(found_source.name, found_source.entity, mention,
                               found_source.resolution)
        if low in mentions.PERSON_PRONOUNS or low in mentions.GROUP_PRONOUNS:
            unlisted = (self._unlisted_person(start, low, nested)
                        or self._described_just_heard(start, low, nested))
            if unlisted is not None:
                return Speaker(unlisted, None, mention, "pronoun")
            actor = self._pronoun(start, low, nested)
            if actor is not None:
                return self._done(start, actor, mention, "pronoun", nested)
            return Speaker(words, None, mention, "unresolved")
        head_start, head_end = mentions.head_span(self.text, start, end)
        m = _DESCRIPTION.match(self.text[head_start:head_end].strip())
        if (m and m.group(1).lower() in mentions.PERSON_PRONOUNS
                and m.group(2).lower() in _ENTOURAGE):
            # "His office claimed ...": the office of the person "his" stands for.
            owner = self._pronoun(start, m.group(1).lower(), nested)
            if owner is not None:
                return Speaker(f"{owner.name}'s {m.group(2).lower()}", None, mention,
                               "pronoun")
        if m and m.group(1).lower() == "the":
            # "The mayor's office said ...": the office of the person the title stands for.
            # Only through a person introduced with the title ("Mayor Thomas Lindqvist"):
            # "the Russian prosecutor general's office" is no office of Nick Clegg, quoted
            # on "Russians in general".
            owned = OWNED.match(m.group(2))
            if owned and owned.group(2).lower() in _ENTOURAGE:
                actor = self._titled(start, owned.group(1))
                title = re.escape(owned.group(1).lower().split()[-1])
                if actor is not None and any(introduced_as(self.text, s, title)
                                             for s in actor.mentions):
                    return Speaker(f"{actor.name}'s {owned.group(2).lower()}", None, mention,
                                   "title")
        if m:
            portfolio = _PORTFOLIO.match(self.text, head_end, end)
            actor = self._titled(start, m.group(2),
                                 portfolio=portfolio.group(1).lower() if portfolio else None)
            if actor is not None:
                return self._done(start, actor, mention, "title", nested)
            if m.group(1).lower() == "the":
                body = (self._group_named_before(start, nested)
                        if group_head(m.group(2)) and not self.text[head_end:end].strip()
                        else self._body_heard(start, m.group(2), nested))
                if body is not None:
                    return self._done(start, body, mention, "description", nested)
                echo = self._named_so_before(start, m.group(2), nested)
                if echo is not None:
                    return Speaker(echo.name, echo.entity, mention, "description")
                # A lede names the person only later: "..., the governor said on Monday."
                # / "Kharkiv regional governor Oleg Synegubov wrote ..." (SemEval news,
                # 2026-11-29): the first person introduced with the title after it.
                # Not when more words follow the head ("the president of the local
                # mosque"), and only a person whose title holds every word of the
                # description's ("The European Council president" is no "President Joe
                # Biden", "the police officer" no "Officer Wiley").
                later = (self._titled(start, m.group(2), ahead=(start, end), every_word=True,
                                      portfolio=portfolio.group(1).lower() if portfolio else None)
                         if portfolio or not self.text[head_end:end].strip() else None)
                if later is not None:
                    return self._done(start, later, mention, "title", nested)
                # Nor when words follow the head: "The representative of the Russian
                # Federation" is no person the title quotes (UN meetings coverage).
                lead = (self._headline_person(start, m.group(2), nested)
                        or self._speaker_just_heard(start, m.group(2), nested)
                        ) if not self.text[head_end:end].strip() else None
                if lead is not None:
                    return self._done(start, lead, mention, "description", nested)
                unnamed = self._unnamed_heard(start, m.group(2), nested)
                if unnamed is not None:
                    return Speaker(unnamed.name, unnamed.entity, mention, unnamed.resolution)
        elif (_BARE_TITLE.match(words) and words.split()[-1].lower() in ROLE_NOUNS
              and self._by_surname(words) is None):
            # A headline's speaker comes before the article introduces them: the person
            # introduced with that title anywhere in the article ("chief city engineer
            # Daniel Reyes" for "City Engineer Says"); a surname ("King") stays a name.
            actor = self._titled(start, words, ahead=(start, end))
            if actor is not None:
                return self._done(start, actor, mention, "title", nested)
        if m is None and not _INDEFINITE.match(words):
            # A standfirst's bare role: "Environment secretary says bosses could face jail".
            lead = self._headline_person(start, words, nested)
            if lead is not None:
                return self._done(start, lead, mention, "description", nested)
        named = named_after_kind(self.text[head_start:head_end].strip())
        if named is not None:
            # "The charity Alzheimer's Research UK said": the organisation, named so.
            return Speaker(named, None, mention, "group")
        owned_body = self._body_of_place(
            head_start, head_end,
            whole=mentions.PREPOSITION.match(" " + self.text[head_end:end].lstrip()) is None)
        if owned_body is not None:
            return Speaker(owned_body, None, mention, "group")
        name = mentions.proper_name(self.text, start, end)
        if name:
            return self._named(name, mention, nested)
        head_word = self.text[mentions.last_word_start(self.text, head_start, head_end) : head_end]
        kind = ("group" if mentions.looks_group(head_word.strip().lower())
                or mentions.people_word(self.text, start, end)
                or mentions.counts_people(self.text, start, end)
                else "unresolved")
        if kind == "group" or words[:1].islower():
            # "two Egyptian officials, who spoke on condition of anonymity ...": the group,
            # not the clause about it; "the representative of the United Kingdom, which
            # holds the Council presidency": the person so described.
            clause = mentions.RELATIVE_CLAUSE.search(words)
            words = words[: clause.start()] if clause and clause.start() > 0 else words
        return Speaker(_without_aside(words), None, mention, kind)

    def through(self, antecedent: tuple[int, int], mention: tuple[int, int],
                nested: bool = False) -> Speaker:
        """A relative pronoun's speaker ("who said"): resolved as the noun it stands for,
        the pronoun kept as the mention."""
        found = self.resolve(*antecedent, nested=nested)
        actor = self.actors.get(found.entity or "")
        pronoun = self.text[mention[0] : mention[1]].lower()
        if actor is not None and ((pronoun == "which" and actor.label == "PERSON")
                                  or (pronoun == "who" and actor.label in _PLACE_LABELS)):
            # "which" is no person ("the 2022 film Navalny, which ..."), "who" no place ("a
            # figure ... in Britain who was named")
            return Speaker(self.text[antecedent[0] : antecedent[1]], None,
                           make_span(self.text, *mention), "unresolved")
        kind = "pronoun" if found.entity is not None else found.resolution
        return Speaker(found.name, found.entity, make_span(self.text, *mention), kind)

    def _named(self, name: str, mention: Span, nested: bool) -> Speaker:
        """A name the entity recogniser missed: in the title, the actor of that name when it
        recognised the name elsewhere ("Acme Health" in a title, "Acme Health, Inc." in
        the lede),
        else kept as the speaker's name (no actor); a surname joined to a full name said
        before ("Rahman" after "Amina Rahman")."""
        in_title = mention.start < self._title_end
        actor = self.actors.get(name) if " " in name and in_title else None
        if actor is not None:
            return self._done(mention.start, actor, mention,
                              _named_kind(actor, name.lower()), nested)
        if " " not in name:
            person = self._by_surname(name)
            if person is not None:
                return self._done(mention.start, person, mention, "surname", nested)
            for earlier in reversed(self.names):
                if earlier.split()[-1] == name:
                    return Speaker(earlier, None, mention, "surname")
            if name.endswith("s") or name.lower() in mentions.PEOPLE:  # "Officials", "People"
                # The mention names the group ("Aides to Clinton"), up to an apposition
                # ("Carmakers, which are ...") or a tail.
                end = min([mention.end, *(m.start() for m in (
                    mentions.TAIL.search(self.text, mention.start, mention.end),
                    mentions.APPOSITION.search(self.text, mention.start, mention.end)) if m)])
                return Speaker(clean_name(self.text[mention.start : end]), None, mention,
                               "group")
            if name.lower() in ROLE_NOUNS:
                # A title alone and no one of that surname before ("Congressman Says
                # ..." opening a headline): it names no one yet.
                return Speaker(name, None, mention, "unresolved")
        words = name.split()
        if len(words) == 2 and in_title and not is_first_name(words[0]):
            # A tabloid title's epithet before a surname: "Furious Farage blasts ..." is
            # Nigel Farage (2026-11-30); a first name ("Hunter Biden") is another person.
            person = self._by_surname(words[1])
            if person is not None and person.name.split()[0] != words[0]:
                return self._done(mention.start, person, mention, "surname", nested)
        self.names.append(name)
        return Speaker(name, None, mention, "name")

    def _by_surname(self, name: str) -> Entity | None:
        """The person mentioned last in the article whose last name is ``name``, in any case
        when ``name`` is in capitals (a transcript's "MS. JEAN-PIERRE:")."""
        capitals = name.isupper()
        for m in reversed(self.mentions):
            if m.entity.label != "PERSON":
                continue
            last = m.entity.name.split()[-1]
            if last == name or (capitals and last.upper() == name):
                return m.entity
        return None

    def carried(self, offset: int, nested: bool = False) -> Speaker | None:
        """The most recent speaker before ``offset``, for a quote with no speaker words."""
        said = self._last_heard(offset, nested)
        return None if said is None else Speaker(said.actor.name, said.actor.name, None,
                                                 "carried")

    def _heard_near(self, offset: int, nested: bool) -> Iterator[_Heard]:
        """The speakers heard within ``_IT_REACH`` characters before ``offset``, latest
        first; nested ones only for a nested mention."""
        for heard in reversed(self.spoken):
            if heard.offset >= offset or (heard.nested and not nested):
                continue
            if offset - heard.offset > _IT_REACH:
                return
            yield heard

    def _thing_heard(self, offset: int, nested: bool) -> Speaker | None:
        """The latest speaker before ``offset``, within ``_IT_REACH`` characters, that "it"
        may stand for: an organisation, a place or a document ("the agency", "the
        report"), not a person, a group of people or a pronoun."""
        for heard in self._heard_near(offset, nested):
            speaker = heard.speaker
            if speaker.mention is None or speaker.resolution in _PERSON_RESOLUTIONS:
                continue
            if speaker.resolution == "pronoun" and speaker.entity is None:
                return speaker  # "his office said ... it noted": the office
            actor = self.actors.get(speaker.entity or "")
            if actor is not None:
                if actor.label != "PERSON" and not _first_named(actor) \
                        and not first_name_gender(speaker.mention.text):
                    return speaker
                continue
            words = speaker.mention.text.lower()
            head = mentions.last_word_start(self.text, *mentions.head_span(
                self.text, speaker.mention.start, speaker.mention.end))
            head_word = (self.text[head : head + 40].split() or [""])[0].lower().strip(".,;:")
            if speaker.resolution == "unresolved" and _DESCRIPTION.match(words) \
                    and words.split()[0] in {"the", "this", "its"} \
                    and head_word not in ROLE_NOUNS and not mentions.looks_group(head_word):
                return speaker
        return None

    def _body_heard(self, offset: int, description: str, nested: bool) -> Entity | None:
        """The organisation a description stands for ("the company", "the agency", "the
        union"; ``descriptions``): the latest one heard within ``_IT_REACH`` characters
        that is of its kind, else the latest one named with its head within that reach;
        None when the head names no organisation or nothing fits."""
        head = body_head(description)
        if head is None:
            return None
        for heard in self._heard_near(offset, nested):
            actor = self.actors.get(heard.speaker.entity or "")
            if actor is not None and actor.label == "ORG" and not _first_named(actor) \
                    and of_its_kind(head, actor):
                return actor
        at = bisect.bisect_left(self.mention_starts, offset)
        for m in reversed(self.mentions[:at]):
            if offset - m.span.start > _IT_REACH:
                break
            if m.entity.label == "ORG" and named_with(head, m.entity):
                return m.entity
        # Far from the body's last words ("The force said" in the third paragraph,
        # "According to the force" in the last; a police story, 2026-11-29): the one
        # organisation named with the head heard anywhere before, if only one, for a bare
        # "the <head>" ("the Obama administration" is no Nuclear Regulatory Commission).
        if description.lower().split() == [head]:
            earlier = {a.name: a for a in (self.actors.get(h.speaker.entity or "")
                                           for h in self.spoken
                                           if h.offset < offset and (nested or not h.nested))
                       if a is not None and a.label == "ORG" and named_with(head, a)}
            if len(earlier) == 1:
                return next(iter(earlier.values()))
        # A lede names the body only later ("..., the union said." / "..., general
        # secretary of the Dockworkers Union"; a port strike story, 2026-11-29): the one
        # organisation the article names with the head, if only one.
        # Not someone's body ("the local mayor's office" is no U.K. Foreign Office named
        # later), nor an office, a word too common in names.
        if OWNED.match(description) or head == "office":
            return None
        later = {m.entity.name: m.entity for m in self.mentions[at:]
                 if m.entity.label == "ORG" and named_with(head, m.entity)}
        return next(iter(later.values())) if len(later) == 1 else None

    def _group_named_before(self, offset: int, nested: bool) -> Entity | None:
        """The organisation "the group" stands for: the one named or heard last within
        ``_IT_REACH`` characters before ``offset`` that may be a group
        (``descriptions.may_be_group``; not named inside a quotation closed since, not a
        person the recogniser took for one), when it was heard as a speaker ("The RSF
        denied ... In a post on Telegram, the group said") or introduced as a group ("a
        group called Democratize SSMU", "Diocesan Working Group"); None otherwise, where
        the organisation named last is not the group as often as it is (SemEval news,
        2026-11-29: "the group posted" after "a report by Fox News" and a hashtag quoted)."""
        heard = [(h.offset, actor) for h in self._heard_near(offset, nested)
                 for actor in [self.actors.get(h.speaker.entity or "")]
                 if actor is not None and h.speaker.resolution in _GROUP_RESOLUTIONS
                 and may_be_group(actor) and not _first_named(actor)
                 and not _by_last_word(h.speaker, actor)]
        at = bisect.bisect_left(self.mention_starts, offset)
        named: tuple[int, Entity] | None = None
        for m in reversed(self.mentions[:at]):
            if offset - m.span.start > _IT_REACH:
                break
            if may_be_group(m.entity) and not _first_named(m.entity) \
                    and sum(ch in DOUBLE_MARKS for ch in self.text[m.span.end : offset]) % 2 == 0:
                named = (m.span.start, m.entity)
                break
        latest = max([*heard[:1], *([named] if named else [])], key=lambda f: f[0],
                     default=None)
        if latest is None:
            return None
        actor = latest[1]
        if any(a is actor for _, a in heard):
            return actor
        around = self.text[max(0, latest[0] - _GROUP_CUE_REACH) : latest[0]] \
            + self.text[latest[0] : latest[0] + len(actor.name) + _GROUP_CUE_REACH // 4]
        return actor if group_words(actor.name) or group_words(around) else None

    def _named_so_before(self, offset: int, description: str, nested: bool) -> Speaker | None:
        """A speaker heard within ``_IT_REACH`` characters whose name is the description's
        words after an owner's: "Ukraine's air force said ... “...,” the air force said"
        (news of 2026-11-29: unresolved, the quote fell under the minimum confidence)."""
        words = description.lower().split()
        if not words:
            return None
        for heard in self._heard_near(offset, nested):
            name = heard.speaker.name.lower().replace("’", "'").split()
            # Only a body named with its owner ("Ukraine's air force"): "A new ad from
            # Donald Trump's presidential campaign" is no "the campaign", nor "A Bloomberg
            # poll" "the poll" (PolNeAR dev).
            if len(name) > len(words) and name[-len(words) :] == words \
                    and name[-len(words) - 1].endswith("'s"):
                return heard.speaker
        return None

    def _headline_person(self, offset: int, description: str, nested: bool) -> Entity | None:
        """The person the title line quotes, for a role description in the lines after it:
        "..., says Steve Reed" / "Environment secretary says ..." / "..., the environment
        secretary has said." (a Guardian story, 2026-11-30: both unresolved; the article
        never names Reed with the title). Only in the title's next ``_LEAD_PARAGRAPHS``
        paragraphs, before any other person is named there, for a title line quoting one
        person, and one the article names with no other title; None otherwise."""
        words = description.lower().split()
        if nested or not words or words[-1] not in ROLE_NOUNS or len(words) > _MAX_ROLE_WORDS:
            return None
        title_end = self._title_end
        if not title_end < offset < self._lead_end:
            return None
        quoted = {h.speaker.entity for h in self.spoken
                  if h.offset < title_end and not h.nested and h.speaker.entity}
        people = [a for a in map(self.actors.get, quoted) if a is not None]
        if len(people) != 1 or len(quoted) != 1 or people[0].label != "PERSON":
            return None
        person = people[0]
        if self._other_person_between(person, title_end, offset) \
                or titled_otherwise(self.text, person, words):
            return None
        return person

    def _speaker_just_heard(self, offset: int, description: str,
                            nested: bool) -> Entity | None:
        """The person who spoke just before, for a role description naming a party or
        body ("NIGEL Farage last night slammed ..." / "The Reform UK leader fumed: ...", a
        tabloid story, 2026-11-30): the latest resolved speaker, when a person, heard
        at most one paragraph before, no other person named since, and named with no
        other title in the article; None otherwise. A description without a capitalised
        modifier ("the president") is left to the titles."""
        words = description.split()
        if (not 2 <= len(words) <= _MAX_ROLE_WORDS or words[-1].lower() not in ROLE_NOUNS
                or not any(w[:1].isupper() for w in words[:-1])):
            return None
        said = self._last_heard(offset, nested)
        if said is None or said.actor.label != "PERSON":
            return None
        between = self.text[said.offset : offset]
        gap = SENTENCE_GAP.search(self.text, offset)
        sentence_end = gap.start() if gap else len(self.text)
        if len(paragraph_breaks(self.text).findall(between)) > 1 \
                or self._other_person_between(said.actor, said.offset, offset) \
                or titled_otherwise(self.text, said.actor, [w.lower() for w in words]) \
                or any(offset < m.start < sentence_end for m in said.actor.mentions):
            # ... nor a person the sentence names after it: "the Treason Bar attorney
            # demanded that Kritarch Saris create ..." is no Saris (SemEval news).
            return None
        return said.actor

    def _unnamed_heard(self, offset: int, description: str, nested: bool) -> Speaker | None:
        """An unnamed source heard before, for "the source", "the insider", "the official":
        "A Home Office source hit back ... “...,” the insider told The Sun." (a tabloid
        story, 2026-11-30: two sources). Named so, and unresolved as that source is: the
        article names no one. The latest speaker within
        ``_IT_REACH`` characters introduced with an indefinite article and a head of the
        same kind; None otherwise."""
        words = description.lower().split()
        kind = _UNNAMED.get(words[-1]) if words and len(words) <= _MAX_ROLE_WORDS else None
        if kind is None:
            return None
        for heard in self._heard_near(offset, nested):
            speaker = heard.speaker
            if speaker.mention is None or speaker.resolution == "pronoun":
                continue
            said = speaker.mention.text.strip(" ,.:;")
            # "A Department of Health and Social Care spokesperson said ... “...,” the
            # spokesperson added" (a BBC story, 2026-11-30): the department's.
            if (said and _UNNAMED.get(said.split()[-1].lower()) == kind
                    and _INDEFINITE.match(said)):
                return speaker
        return None

    def _other_person_between(self, person: Entity, start: int, end: int) -> bool:
        """Whether a person other than ``person`` is named between the offsets."""
        return any(m.entity.label == "PERSON" and m.entity is not person
                   and start <= m.span.start < end for m in self.mentions)

    @cached_property
    def _title_end(self) -> int:
        """Where the title line (the text's first) ends."""
        return line_end(self.text, 0)

    @cached_property
    def _lead_end(self) -> int:
        """Where the title's next ``_LEAD_PARAGRAPHS`` paragraphs end."""
        breaks = itertools.islice(paragraph_breaks(self.text).finditer(self.text),
                                  _LEAD_PARAGRAPHS + 1)
        ends = [b.start() for b in breaks]
        return ends[-1] if len(ends) > _LEAD_PARAGRAPHS else len(self.text)

    def _body_of_place(self, start: int, end: int, whole: bool = True) -> str | None:
        """"Israel's military": a country's or organisation's body (``descriptions``),
        named by the mention; None for anything else, a person's office included.
        ``whole``: whether no phrase after [start, end) names it further ("Russian
        authorities in Crimea" is no "Russian authorities")."""
        owned = owned_body(self.text[start:end])
        if owned is None:
            # "The Israeli military said" (a Gaza story, 2026-11-30: unresolved): a body
            # named by its country's adjective, when that is a people or a place.
            by_adjective = adjective_body(self.text[start:end]) if whole else None
            if by_adjective is None or "\n" in self.text[start:end]:
                return None
            lo, hi = start + by_adjective.start, start + by_adjective.end
            return by_adjective.name if any(
                m.span.start == lo and m.span.end == hi and m.entity.label in ("NORP", "GPE")
                for m in self.mentions) else None
        possessor_end = start + len(owned[0])
        if not any(m.span.start == start and m.span.end == possessor_end
                   and m.entity.label in _GROUP_LABELS for m in self.mentions):
            return None
        return owned[1]

    def _last_heard(self, offset: int, nested: bool) -> _Said | None:
        """The latest speaker resolved before ``offset`` that a mention there may stand
        for: not one of a nested attribution unless the mention is nested itself."""
        for said in reversed(self.history):
            if said.offset < offset and (nested or not said.nested):
                return said
        return None

    def _done(self, offset: int, actor: Entity, mention: Span, kind: str,
              nested: bool) -> Speaker:
        self.history.append(_Said(offset, actor, nested))
        if kind == "pronoun" and actor.label == "PERSON":
            self.gender.setdefault(actor.name,
                                   mentions.PERSON_PRONOUNS.get(mention.text.lower(), ""))
        return Speaker(actor.name, actor.name, mention, kind)

    def _person_of(self, start: int, end: int) -> Entity | None:
        """A person named first, maybe after capitalised titles, then placed ("Jason
        Gilbert of Cheyenne", "Jennifer Epstein of Bloomberg News", "Republican Senator
        Kevin Cramer of North Dakota"): the person, not the place or the employer. Not
        when another person holds the mention's last word: the first was the recogniser's
        title ("The Voivode of Lublin Lech Sprawka")."""
        last = mentions.last_word_start(self.text, start, end)
        for m in self.mentions:
            if m.entity.label == "PERSON" and start <= m.span.start < m.span.end < end \
                    and mentions.TITLE_WORDS.fullmatch(self.text, start, m.span.start) \
                    and mentions.PREPOSITION.match(self.text, m.span.end):
                if any(o.entity.label == "PERSON" and o.span.start > m.span.end
                       and o.span.start <= last < o.span.end for o in self.mentions):
                    return None
                return m.entity
        return None

    def _appositive_person(self, start: int, end: int) -> Entity | None:
        """The person named after a description's comma, when the description names no
        person and ends in a name of a body or place ("The head of the Polish National
        Security Bureau, Jacek Siewiera", "NATO's Secretary-General, Jens Stoltenberg"; a
        description ending in a lowercase word is ``mentions.described_name``'s)."""
        comma = self.text.find(",", start, end)
        if comma < 0:
            return None
        inside = [m for m in self.mentions if start <= m.span.start and m.span.end <= end]
        if any(m.entity.label == "PERSON" and m.span.start < comma for m in inside):
            return None
        for m in inside:
            if m.entity.label == "PERSON" and m.span.start > comma \
                    and mentions.TITLE_WORDS.fullmatch(self.text, comma + 1, m.span.start) \
                    and not self.text[m.span.end : end].strip(" ,;.:"):
                return m.entity
        return None

    def _coordinated(self, start: int, end: int) -> bool:
        """Whether the mention's head joins two actors with "and": a person (or "he") and
        anyone ("Trump and House Speaker Paul Ryan", "he and Xi", "Berg and the AMA"), or
        two organisations or places named right after one another ("Moscow and the West").
        One person with two titles is not two ("Former CIA and NSA chief Michael Hayden",
        "Comedian and Fox News contributor Tom Shillue"), nor a name holding the "and"
        ("Department of Health and Human Services")."""
        head_start, head_end = mentions.head_span(self.text, start, end)
        joint = mentions.AND.search(self.text, head_start, head_end)
        if joint is None:
            return False
        inside = [m for m in self.mentions
                  if m.span.start < head_end and head_start < m.span.end]
        if any(m.span.start < joint.start() < m.span.end for m in inside):
            return False
        last = mentions.last_word_start(self.text, head_start, head_end)
        right = next((m for m in inside if m.span.start <= last < m.span.end), None)
        if right is None:
            return False
        left_words = self.text[head_start : joint.start()].rstrip(" ,")
        if left_words.strip().lower() in mentions.PERSON_PRONOUNS:
            return True
        left = next((m for m in inside if m.span.end == head_start + len(left_words)), None)
        if left is None:
            return False
        if left.entity.label == "PERSON":
            return True
        between = self.text[joint.end() : right.span.start].strip().lower()
        return right.entity.label != "PERSON" and between in ("", "the")

    def _overlapping(self, start: int, end: int) -> Entity | None:
        """The actor named inside the mention; a person wins over places and groups, and
        the last-named (the head of "a former US secretary of defense – Mr. Gates")."""
        inside = [m for m in self.mentions if m.span.start < end and start < m.span.end]
        # The actor must hold the mention's head word (see _head_end): "the Russian
        # president" names a president, not the NORP "Russian".
        head_start, head_end = mentions.head_span(self.text, start, end)
        last = mentions.last_word_start(self.text, head_start, head_end)
        inside = [m for m in inside if m.span.start <= last < m.span.end]
        if not inside:
            return None
        people = [m for m in inside if m.entity.label == "PERSON"]
        pick = (people or inside)[-1]
        if not people and pick.entity.label == "GPE" and mentions.NAME_GOES_ON.search(
                self.text, max(start, pick.span.start - 40), pick.span.start):
            # A place ending a longer name the recogniser missed ("The charity Alzheimer's
            # Research UK" is no speech of the United Kingdom, nor "Tennis Australia" of
            # Australia; news of 2026-11-29). Not for groups and organisations: "Senate
            # Democrats", "House Republicans" are the party's.
            return None
        return pick.entity

    def _pronoun(self, offset: int, pronoun: str, nested: bool) -> Entity | None:
        if pronoun not in mentions.PERSON_PRONOUNS:
            # "They" stands for people the recogniser does not name ("officers",
            # "researchers", "Steinle's family") more often than for the last group named
            # or the last group that spoke: of ten such resolutions read on SemEval news
            # (2026-11-28) one or two were right through the last organisation named,
            # three through the last group speaker. It is left unresolved.
            return None
        gender = mentions.PERSON_PRONOUNS[pronoun]
        said = self._last_heard(offset, nested)
        # Only the latest speaker is preferred; else the persons named before.
        if said is not None and said.actor.label == "PERSON" \
                and self._gender_ok(said.actor, gender):
            return self._new_topic(offset, said, gender) or said.actor
        fits = (m for m in reversed(self.mentions) if m.span.end <= offset
                and m.entity.label == "PERSON" and self._gender_ok(m.entity, gender)
                and not self._common_word(m.entity))
        latest = next(fits, None)
        if latest is None or self.parse is None:
            return None if latest is None else latest.entity
        sentence = self.parse.sentence(latest.span.start)
        if sentence == self.parse.sentence(offset):
            return latest.entity
        # The nearest sentence before that names a fitting actor: its subject, when one
        # of them is ("Mohamed began by attacking Obama. He asked ...": Mohamed).
        for m in itertools.chain([latest], fits):
            if self.parse.sentence(m.span.start) != sentence:
                break
            if self.parse.is_subject(m.span.start, m.span.end):
                return m.entity
        return latest.entity

    def _unlisted_person(self, offset: int, pronoun: str, nested: bool) -> str | None:
        """The name of the speaker just before ``offset`` when the recogniser missed it (no
        actor) and its gender is known and the pronoun's: from a kinship or role noun
        before it or from its first name ("Lopez's mother, Ana, said ... “...,” she
        said": Ana, not the last person the recogniser found, her daughter)."""
        gender = mentions.PERSON_PRONOUNS.get(pronoun, "")
        last = next((h for h in reversed(self.spoken) if h.offset < offset
                     and (nested or not h.nested)), None)
        if not gender or last is None or last.speaker.entity is not None \
                or last.speaker.mention is None:
            return None
        name = last.speaker.name
        if last.speaker.resolution in _UNLISTED_AGAIN and name in self.names:
            # called back by surname, epithet or pronoun ("Arteta", "The Spaniard", "he")
            return name if person_gender(name) == gender else None
        if last.speaker.resolution != "name":
            return None
        at = last.speaker.mention.text.rfind(name)
        if at < 0:
            return None
        begin = last.speaker.mention.start + at
        known = role_gender(self.text[max(0, begin - TITLE_WINDOW) : begin]) \
            or person_gender(name)
        return name if known == gender else None

    def _unlisted_just_heard(self, offset: int, nested: bool) -> str | None:
        """The person the recogniser missed (no actor) who spoke last before ``offset``,
        after every resolved speaker, named with a first name, and no person the subject of
        a sentence since ("Mikel Arteta", for "The Spaniard admitted ..."; a sports story,
        2026-11-29); else None."""
        last = next(self._heard_near(offset, nested), None)
        if last is None or last.speaker.entity is not None or last.speaker.mention is None \
                or last.speaker.resolution not in ("name", *_UNLISTED_AGAIN) \
                or last.speaker.name not in self.names or not person_gender(last.speaker.name):
            return None
        said = self._last_heard(offset, nested)
        if said is not None and said.offset >= last.offset:
            return None
        moved_on = self._subject_since(last.offset + 1, offset)  # "Enzo Maresca was pleased."
        return None if moved_on is not None else last.speaker.name

    def _subject_since(self, start: int, end: int) -> Entity | None:
        """The last person named between the offsets as the main subject of a sentence."""
        if self.parse is None:
            return None
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        for m in reversed(self.mentions[lo:hi]):
            if m.entity.label == "PERSON" \
                    and self.parse.is_main_subject(m.span.start, m.span.end):
                return m.entity
        return None

    def _described_just_heard(self, offset: int, pronoun: str, nested: bool) -> str | None:
        """The unnamed person who spoke just before a pronoun, as described ("The
        representative of the Russian Federation cautioned ... He said that ...": that
        representative, not the person named before; UN meetings coverage, 2026-11-29):
        the latest speaker, left unresolved, heard after every resolved speaker, within
        ``_IT_REACH`` characters, described as one person of a named country or body
        (``_WHOSE_ONE``), with no person the pronoun fits named since and no other gender
        in its words."""
        gender = mentions.PERSON_PRONOUNS.get(pronoun, "")
        last = next(self._heard_near(offset, nested), None)
        if not gender or last is None or last.speaker.resolution != "unresolved" \
                or last.speaker.entity is not None or last.speaker.mention is None:
            return None
        said = self._last_heard(offset, nested)
        if said is not None and said.offset >= last.offset:
            return None
        mention = last.speaker.mention
        whose = _WHOSE_ONE.match(mention.text)
        if whose is None or not mentions.one_person((whose.group(1) or whose.group(2)).lower()) \
                or role_gender(whose.group(0)) not in ("", gender):
            return None
        if whose.group(2) and any(  # "Sarah Lucy's son" is kin, no representative
                m.entity.label == "PERSON" and mention.start <= m.span.start < mention.end
                for m in self.mentions):
            return None
        first = bisect.bisect_left(self.mention_starts, mention.end)
        for m in itertools.islice(self.mentions, first, None):
            if m.span.start >= offset:
                break
            if m.entity.label == "PERSON" and self._gender_ok(m.entity, gender):
                return None
        return last.speaker.name

    def _new_topic(self, offset: int, said: _Said, gender: str) -> Entity | None:
        """Another fitting person who is the main subject of the sentence just before the
        pronoun's, named after the latest speaker spoke and in no sentence of theirs:
        the text has moved on to them ("Trump said ... Pence visited Ohio on Monday. He
        said ...": Pence). Not a subject after a quotation mark in that sentence (the
        speaker's own words: "“Putin fully understands ...” / He speculated": the
        speaker), nor when a fitting person is named earlier in the pronoun's sentence
        ("Rubio has yet to win, but his speech ...")."""
        if self.parse is None:
            return None
        own = self.parse.sentence(offset)
        before = own - 1
        if before < 0 or self.parse.sentence(said.offset) >= before:
            return None
        found = None
        first = bisect.bisect_right(self.mention_starts, said.offset)
        for m in itertools.islice(self.mentions, first, None):
            if m.span.start >= offset:
                break
            at = self.parse.sentence(m.span.start)
            if at < before \
                    or m.entity.label != "PERSON" or not self._gender_ok(m.entity, gender) \
                    or self._common_word(m.entity):
                continue
            if at == own:
                return None
            if found is None and m.entity is not said.actor \
                    and self.parse.is_main_subject(m.span.start, m.span.end) \
                    and not DOUBLE_MARKS.intersection(
                        self.text[self.parse.sentence_starts[before] : m.span.start]):
                found = m.entity
        return found

    def _common_word(self, actor: Entity) -> bool:
        """A one-word "person" the article also writes in lowercase ("Schools" beside
        "schools"): the recogniser's mistake, no antecedent for "he" or "she"."""
        return " " not in actor.name and actor.name.lower() in self._lowercase_words

    @cached_property
    def _lowercase_words(self) -> frozenset[str]:
        return frozenset(mentions.LOWERCASE_WORD.findall(self.text))

    def _gender_ok(self, actor: Entity, gender: str) -> bool:
        if not gender:
            return True
        known = self.gender.get(actor.name) or introduced_gender(
            self.text, actor.mentions[0].start, actor.name)
        return not known or known == gender

    def _titled(self, offset: int, description: str,
                ahead: tuple[int, int] | None = None,
                portfolio: str | None = None, every_word: bool = False) -> Entity | None:
        """The most recent person introduced with the description's head noun as title,
        when the head is a title or role (``ROLE_NOUNS``); with ``ahead`` (the span of the
        mention), the first such person anywhere in the text, the mention's own words not
        counting as anyone's title ("Biden Knew ..., Polish Foreign Minister Says");
        with ``portfolio`` ("defense" of "the Secretary of Defense"), not a person introduced
        with the title of something else ("Secretary of State Hillary Clinton"); with
        ``every_word``, only a person whose title's words hold each of the description's."""
        text = self.text
        if ahead is not None:
            text = text[: ahead[0]] + " " * (ahead[1] - ahead[0]) + text[ahead[1] :]
        words = description.lower().split()
        if not words or words[-1].strip(".,;:") not in ROLE_NOUNS:
            return None
        head, modifiers = words[-1], words[:-1]
        # "the official" without a proper modifier ("Kremlin") keeps to people introduced
        # as officials (the lede's "a Chinese official" is Li Qun): with other titles it
        # took named ministers for unnamed officials on SemEval news ("the second
        # official": Antony Blinken).
        proper = any(w[:1].isupper() for w in description.split()[:-1])
        epithets = EPITHETS.get(head, ()) if head != "official" or proper else ()
        titles = "|".join(re.escape(t) for t in (head, *epithets))
        # The title, then "for" or "to" and at most three words before the name.
        title_for = re.compile(rf"\b(?:{titles})\s+(?:for|to)\s+(?:[\w.'’-]+\s+){{0,3}}$")
        best: tuple[int, int, Entity] | None = None  # (modifier matches, position, actor)
        people = [m for m in self.mentions if m.entity.label == "PERSON"]
        for k, m in enumerate(people):
            if m.span.start >= offset and ahead is None:
                continue
            # The title window stops at the neighbouring names: "President Putin met his
            # counterpart Lukashenko" gives "president" to Putin only.
            lo = max(m.span.start - TITLE_WINDOW, people[k - 1].span.end if k else 0)
            hi = min(m.span.end + TITLE_WINDOW,
                     people[k + 1].span.start if k + 1 < len(people) else len(text))
            # "A spokesperson for Thunberg", "an aide to Clinton": the title is someone
            # else's, the name their employer's.
            before = title_for.sub(" ", text[lo : m.span.start].lower())
            inside = m.span.text.lower()
            after = text[m.span.end : max(hi, m.span.end)].lower()
            # A title stands before the name or in an apposition after it, not past the
            # end of its sentence, line, a colon ("Zelensky Exposed: Former Advisor ...") or
            # a quotation mark ("posted by Greta with ‘The Climate Book,’” the spokesperson
            # said": her spokesperson).
            # Not in a question ("Q: Karine, does the President support it?" gave her the
            # title; a press briefing, 2026-11-29), nor before the name past a question or
            # colon (a transcript's turn); a line break there is no end ("..., a Chinese
            # official has said.\n\nLi Qun, ...": the lede's official is Li Qun), nor a stop
            # ("Sen. Bernie Sanders").
            before = re.split(r"[?!:]", before)[-1]
            stop = _APPOSITION_END.search(after)
            tail = after[: stop.start()] if stop else after
            if stop is not None and stop.group() in "?!":
                tail = ""
            around = before + " " + inside + " " + tail
            if not holds_title(around, titles, modifiers) and not (
                    proper and _COUNTERPART.search(before) is not None
                    and all(re.search(rf"\b{re.escape(w)}\b", before) for w in modifiers)):
                # A counterpart holds the office of whom they meet, with the modifier the
                # description names: "his Turkish counterpart Hakan Fidan" is "the Turkish
                # diplomat" (an RT-style story, 2026-11-29: it was Sergey Lavrov, "Foreign
                # Minister" there).
                continue
            if portfolio is not None and any(
                    other != portfolio for other in re.findall(
                        rf"\b(?:{titles})\s+of\s+(?:the\s+)?([\w-]+)", around)):
                continue  # "the Secretary of Defense" is not the Secretary of State
            if ahead is not None and not introduced_as(text, m.span, titles):
                # Looking ahead, from a headline, only a title joined to the name counts
                # ("The judge agreed with Ivana Trump" is no judge Ivana Trump).
                continue
            score = sum(1 for w in modifiers if w in around)
            if every_word and not all(re.search(rf"\b{re.escape(w)}\b", around)
                                      for w in modifiers):
                continue
            # Back: the latest before the mention; ahead: the first.
            order = -m.span.start if ahead is not None else m.span.start
            if best is None or (score, order) > (best[0], best[1]):
                best = (score, order, m.entity)
        if best is not None and best[0] == 0 and TITLE_PARTS.intersection(modifiers):
            return None  # "the vice president" is not the president named before
        return best[2] if best else None


_COUNTERPART = re.compile(r"\bcounterparts?\s+$")
# A name and maybe its titles, capitalised words only, no determiner: "Donald Trump",
# "Florida Governor Rick Scott"; not "Alex Bastian of the San Francisco prosecutor" (the
# office is the prosecutor's), "The Special Counsel", "Josh Blackman, one of Defense
# Distributed" (SemEval news, 2026-11-29).
_NAME_ONLY = re.compile(r"(?!(?:The|A|An|This|That)\s)(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*$")
# What a person's "his"/"her" or name may introduce as a speaker of its own ("his office
# said", "Ellison's campaign").
_ENTOURAGE = frozenset({"office", "campaign", "spokesman", "spokeswoman", "spokesperson",
                        "aides", "team", "lawyer", "lawyers", "attorney", "staff",
                        "representative", "press secretary"})


def _without_aside(words: str) -> str:
    """An unnamed speaker's words without an aside between dashes ("A London borough –
    which has the highest percentage of Muslims in the UK", "such desperate — and
    terrifying — measures": SemEval news, 2026-11-29)."""
    aside = mentions.DASH_ASIDE.search(words)
    if aside is None or aside.start() == 0:
        return words
    closing = mentions.DASH_ASIDE.search(words, aside.end())
    rest = words[closing.end() :].strip() if closing else ""
    return words[: aside.start()] + (" " + rest if rest else "")


def _named_kind(actor: Entity, words: str) -> str:
    """How a mention (``words``, lowercase) naming ``actor`` resolved: by the full name, a
    surname (a person named by less than the name), or as a group (an organisation or
    people; a place is named)."""
    if actor.label in _GROUP_LABELS:
        return "group" if actor.label != "GPE" else "name"
    return "name" if actor.name.lower() in words or actor.label != "PERSON" else "surname"


def _by_last_word(speaker: Speaker, actor: Entity) -> bool:
    """Whether a speaker is called by the last word alone of a name of several: a person the
    recogniser took for an organisation ("Ramzi said", of "Hakima Ramzi")."""
    words = actor.name.split()
    return speaker.mention is not None and len(words) >= 2 \
        and speaker.mention.text.strip() == words[-1]


def _first_named(actor: Entity) -> bool:
    """Whether one of the actor's mentions opens with a common first name: a person the
    recogniser labelled a place or organisation ("Marina Ovsyannikova")."""
    return any(first_name_gender(m.text) for m in actor.mentions)


def confidence(speaker: Speaker | None) -> float:
    if speaker is None:
        return CONFIDENCE["unresolved"]
    return CONFIDENCE.get(speaker.resolution, 0.5)
