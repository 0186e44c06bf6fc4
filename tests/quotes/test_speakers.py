"""Speaker resolution: names, surnames, titles, pronouns, groups, and honest failures."""

from __future__ import annotations

import re

import pytest

from claimscope.model import Entity, Speaker, make_span
from claimscope.quotes.speakers import Resolver

TEXT = (
    "Russian President Vladimir Putin met his Belarusian counterpart Alexander Lukashenko "
    "in Sochi. Putin said the talks went well. The Russian president added that Moscow "
    "never refused to negotiate. He noted that officials in the Kremlin agreed. "
    "Officials declined to comment. She said nothing."
)


def _entity(name: str, label: str, *needles: str) -> Entity:
    """Mentions located by context: "[Putin] said" marks the words in brackets."""
    spans = []
    for needle in needles:
        words = needle[needle.index("[") + 1 : needle.index("]")] if "[" in needle else needle
        start = TEXT.index(needle.replace("[", "").replace("]", "")) + (
            needle.index("[") if "[" in needle else 0
        )
        spans.append(make_span(TEXT, start, start + len(words)))
    return Entity(name, label, tuple(spans))


ENTITIES = [
    _entity("Vladimir Putin", "PERSON", "Vladimir Putin", "[Putin] said"),
    _entity("Alexander Lukashenko", "PERSON", "Alexander Lukashenko"),
    _entity("Kremlin", "ORG", "the Kremlin"),
]


def resolve_all(resolver: Resolver, *mentions: str) -> list[tuple[str, str | None, str]]:
    out = []
    pos = 0
    for m in mentions:
        start = TEXT.index(m, pos)
        pos = start + len(m)
        s = resolver.resolve(start, start + len(m))
        out.append((s.name, s.entity, s.resolution))
    return out


def test_resolution_in_text_order() -> None:
    resolver = Resolver(TEXT, ENTITIES)
    got = resolve_all(resolver, "Putin", "The Russian president", "He", "Officials", "She")
    assert got[0] == ("Vladimir Putin", "Vladimir Putin", "surname")
    assert got[1] == ("Vladimir Putin", "Vladimir Putin", "title")
    assert got[2] == ("Vladimir Putin", "Vladimir Putin", "pronoun")
    assert got[3] == ("Officials", None, "group")
    # No woman is named: "She" stays unresolved rather than becoming Putin.
    assert got[4][1] is None and got[4][2] == "unresolved"


@pytest.mark.parametrize(
    ("description", "expected"),
    [("the president", "Vladimir Putin"), ("the Belarusian counterpart", "Alexander Lukashenko")],
)
def test_titles(description: str, expected: str) -> None:
    text = TEXT + f" Later {description} spoke."
    resolver = Resolver(text, ENTITIES)
    start = text.rindex(description)
    assert resolver.resolve(start, start + len(description)).entity == expected


def test_carried_speaker_for_a_quote_without_words() -> None:
    resolver = Resolver(TEXT, ENTITIES)
    start = TEXT.index("Putin said")
    resolver.resolve(start, start + 5)
    carried = resolver.carried(len(TEXT))
    assert carried is not None and carried.entity == "Vladimir Putin"
    assert carried.mention is None and carried.resolution == "carried"


def test_a_title_word_is_a_surname_after_the_full_name() -> None:
    """"King" after "Steve King" (no entity mention) is his surname, not a bare title."""
    text = "Steve King, a congressman, spoke first. King said the plan would fail."
    resolver = Resolver(text, [])
    resolver.resolve(0, len("Steve King"))
    at = text.index("King said")
    speaker = resolver.resolve(at, at + 4)
    assert (speaker.name, speaker.resolution) == ("Steve King", "surname")


def test_apposition_and_surname_without_entity_mention() -> None:
    text = ("“It is about our children,” Amina Rahman, the foreign minister of one of the island "
            "states, said. Rahman said the money never came.")
    start = text.index("Amina Rahman")
    actor = Entity("Amina Rahman", "PERSON", (make_span(text, start, start + 12),))
    resolver = Resolver(text, [actor])
    first = resolver.resolve(start, text.index(", said"))
    assert first.entity == "Amina Rahman"
    at = text.index("Rahman said")
    second = resolver.resolve(at, at + 6)
    assert (second.entity, second.resolution) == ("Amina Rahman", "surname")


@pytest.mark.parametrize(
    ("mention", "name", "resolution"),
    [("Analysts", "Analysts", "group"), ("Jorge Alvarez", "Jorge Alvarez", "name"),
     # pronouns and titles that open a sentence name no one (this session's scan of
     # SemEval news found "It", "We", "You" and "Congressman" taken as names, confidence 1)
     ("It", "It", "unresolved"), ("We", "We", "unresolved"), ("You", "You", "unresolved"),
     ("Everyone", "Everyone", "unresolved"), ("Congressman", "Congressman", "unresolved"),
     # a title of a body, no one's name (quotes 1.20)
     ("Head of German Intelligence", "Head of German Intelligence", "unresolved")],
)
def test_names_the_recogniser_missed(mention: str, name: str, resolution: str) -> None:
    text = f"{mention} said the plan would fail."
    speaker = Resolver(text, []).resolve(0, len(mention))
    assert (speaker.name, speaker.entity, speaker.resolution) == (name, None, resolution)


@pytest.mark.parametrize("description", [
    # indefinite: someone new, not the president named before
    "a former president",
    "a Russian president",
    # a head noun that is no title or role, though it stands near a name ("Putin said the
    # talks went well")
    "the talks",
    # another title than the one the named person holds
    "the vice president",
])
def test_descriptions_that_name_no_actor(description: str) -> None:
    """Issue 3: "a person close to the process" or "the campaign" is not resolved to a
    person whose name happens to stand near that word (held-out speaker names: 0.873 ->
    0.922 when descriptions stopped resolving so)."""
    text = TEXT + f" Later {description} spoke."
    resolver = Resolver(text, ENTITIES)
    start = text.rindex(description)
    speaker = resolver.resolve(start, start + len(description))
    assert speaker.entity is None


@pytest.mark.parametrize(("mention", "names", "entity"), [
    # a person, then where they are from or work: the person
    ("Jason Gilbert of Cheyenne", [("Jason Gilbert", "PERSON"), ("Cheyenne", "GPE")],
     "Jason Gilbert"),
    ("Jennifer Epstein of Bloomberg News",
     [("Jennifer Epstein", "PERSON"), ("Bloomberg News", "ORG")], "Jennifer Epstein"),
    # a group named in lowercase is not the person it is close to or supports
    ("supporters of Democrat Hillary Clinton", [("Hillary Clinton", "PERSON")], None),
    ("people close to Clinton", [("Clinton", "PERSON")], None),
    ("executives who have worked with Lachlan Murdoch", [("Lachlan Murdoch", "PERSON")], None),
    # a party in parentheses after a name
    ("Gov. Pat McCrory (R)", [("Pat McCrory", "PERSON")], "Pat McCrory"),
    # an organisation whose name holds a preposition
    ("Bank of America", [("Bank of America", "ORG")], "Bank of America"),
    # quotes 1.12: titles before the person placed with "of" (the place had been the
    # speaker; found on SemEval news)
    ("Republican Senator Kevin Cramer of North Dakota",
     [("Kevin Cramer", "PERSON"), ("North Dakota", "GPE")], "Kevin Cramer"),
    ("Gov. Earl Ray Tomblin of West Virginia",
     [("Earl Ray Tomblin", "PERSON"), ("West Virginia", "GPE")], "Earl Ray Tomblin"),
    # quotes 1.17: the recogniser's title before "of" is no person when a person holds
    # the mention's last word (was "Voivode", on SemEval news)
    ("Voivode of Lublin Lech Sprawka",
     [("Voivode", "PERSON"), ("Lech Sprawka", "PERSON")], "Lech Sprawka"),
    # ... and the person named after a description that ends in a body's or place's name
    ("The head of the Polish National Security Bureau, Jacek Siewiera",
     [("Polish National Security Bureau", "ORG"), ("Jacek Siewiera", "PERSON")],
     "Jacek Siewiera"),
    ("NATO's Secretary-General, Jens Stoltenberg",
     [("NATO", "ORG"), ("Jens Stoltenberg", "PERSON")], "Jens Stoltenberg"),
    ("the executive director of Climate Rights International, Brad Adams",
     [("Climate Rights International", "ORG"), ("Brad Adams", "PERSON")], "Brad Adams"),
    # a person named first keeps the head; a place after the comma is no speaker
    ("Jens Stoltenberg, NATO Secretary General",
     [("Jens Stoltenberg", "PERSON"), ("NATO", "ORG")], "Jens Stoltenberg"),
    ("Germany, a major manufacturing hub", [("Germany", "GPE")], "Germany"),
    # a description with an apposition is still no name in its modifiers (quotes 1.12;
    # "the economics student from Lviv" was Lviv, on SemEval news)
    ("the economics student from Lviv, whose videos have logged millions of views",
     [("Lviv", "GPE")], None),
    ("a woman in Worcester, Massachusetts", [("Worcester", "GPE"), ("Massachusetts", "GPE")],
     None),
])
def test_the_head_of_a_mention(mention: str, names: list[tuple[str, str]],
                               entity: str | None) -> None:
    """Issue 3: the speaker is the mention's head, not a name in its modifiers."""
    text = f"{mention} said the plan would fail."
    actors = [Entity(n, label, (make_span(text, text.index(n), text.index(n) + len(n)),))
              for n, label in names]
    assert Resolver(text, actors).resolve(0, len(mention)).entity == entity


LAVROV = ("Russian Foreign Minister Sergei Lavrov met French President Emmanuel Macron. "
          "Later the Russian top diplomat spoke, and the French leader spoke. His office "
          "spoke too. Macron spoke of Russians in general. Then the French president's "
          "office, the foreign minister's spokesman and the general's office spoke.")


@pytest.mark.parametrize(("mention", "name", "entity"), [
    # an epithet of the title the person was introduced with
    ("the Russian top diplomat", "Sergei Lavrov", "Sergei Lavrov"),
    ("the French leader", "Emmanuel Macron", "Emmanuel Macron"),
    # "his office": the office of the person "his" stands for, no actor of its own
    ("His office", "Emmanuel Macron's office", None),
    # quotes 1.18: "the <title>'s office" is the office of the person introduced with the
    # title (the harbor example's "the mayor's office" was lost, unresolved)
    ("the French president's office", "Emmanuel Macron's office", None),
    ("the foreign minister's spokesman", "Sergei Lavrov's spokesman", None),
    # ... not of someone the title word merely stands near
    ("the general's office", "the general's office", None),
])
def test_epithets_and_entourage(mention: str, name: str, entity: str | None) -> None:
    """Issue 3: "the top diplomat" after "Foreign Minister Sergei Lavrov"; "his office"."""
    actors = [Entity(n, "PERSON", (make_span(LAVROV, LAVROV.index(n), LAVROV.index(n) + len(n)),))
              for n in ("Sergei Lavrov", "Emmanuel Macron")]
    at = LAVROV.index("Macron spoke")
    actors[1] = Entity("Emmanuel Macron", "PERSON",
                       (*actors[1].mentions, make_span(LAVROV, at, at + len("Macron"))))
    resolver = Resolver(LAVROV, actors)
    start = LAVROV.index(mention)
    speaker = resolver.resolve(start, start + len(mention))
    assert (speaker.name, speaker.entity) == (name, entity)


@pytest.mark.parametrize(("nested", "expected"), [(False, "Vladimir Putin"),
                                                  (True, "Robert Gates")])
def test_nested_speakers_are_heard_only_inside_quotes(nested: bool, expected: str) -> None:
    text = "Vladimir Putin said: “Robert Gates said it.” He added more."
    entities = [Entity("Vladimir Putin", "PERSON", (make_span(text, 0, 14),)),
                Entity("Robert Gates", "PERSON", (make_span(text, 22, 34),))]
    resolver = Resolver(text, entities)
    resolver.resolve(0, 14)
    resolver.resolve(22, 34, nested=True)
    at = text.index("He added")
    assert resolver.resolve(at, at + 2, nested=nested).entity == expected
    assert resolver.carried(at, nested) == Speaker(expected, expected, None, "carried")


def test_a_pronoun_prefers_the_subject_of_the_sentence_before() -> None:
    """"Mohamed began by attacking Obama. He asked ...": the subject, not the latest person
    (issue 3; found on SemEval news). Without the parse's clues: the latest person."""
    from claimscope import nlp
    from claimscope.quotes.parse_clues import ParseClues

    text = ("Imam Shafayat Mohamed began his speech by attacking President Barack Obama. "
            "He asked the crowd a question.")
    actors = [Entity("Shafayat Mohamed", "PERSON", (make_span(text, 5, 21),)),
              Entity("Barack Obama", "PERSON", (make_span(text, 62, 74),))]
    at = text.index("He asked")
    clues = ParseClues.of(nlp.load()(text))
    assert Resolver(text, actors, clues).resolve(at, at + 2).entity == "Shafayat Mohamed"
    assert Resolver(text, actors).resolve(at, at + 2).entity == "Barack Obama"
    # Within the pronoun's own sentence the latest person still wins.
    same = "Shafayat Mohamed met Barack Obama, and he spoke."
    pair = [Entity("Shafayat Mohamed", "PERSON", (make_span(same, 0, 16),)),
            Entity("Barack Obama", "PERSON", (make_span(same, 21, 33),))]
    he = same.index("he spoke")
    assert Resolver(same, pair, ParseClues.of(nlp.load()(same))).resolve(he, he + 2).entity \
        == "Barack Obama"


@pytest.mark.parametrize(("text", "expected"), [
    # the text moved on to another man, the main subject of the sentence before (was the
    # latest speaker, two sentences back)
    ("Jeb Bush said the order was unlawful. Barack Obama unveiled the actions on Tuesday. "
     "He said they would save lives.", "Barack Obama"),
    ("Cruz said his pick was political. Ben Carson did not choose a team. "
     "He said either could win.", "Ben Carson"),
    # the latest speaker spoke in the sentence before: they keep the pronoun
    ("Jeb Bush said the order was unlawful, and Barack Obama unveiled it. "
     "He said it would fail.", "Jeb Bush"),
    # the other man is no main subject (an object, a reported clause's subject)
    ("Jeb Bush said the order was unlawful. Reporters asked Barack Obama about it. "
     "He said it would fail.", "Jeb Bush"),
    ("Jeb Bush said the order was unlawful. Aides said Barack Obama was angry. "
     "He said it would fail.", "Jeb Bush"),
    # the subject stands in the speaker's own quoted words
    ("Jeb Bush said the order was unlawful. “Barack Obama knows this well.” "
     "He said it would fail.", "Jeb Bush"),
    # a fitting person is named earlier in the pronoun's own sentence
    ("Jeb Bush said the order was unlawful. Ted Cruz won Texas. "
     "Bush has yet to win, but he said he would go on.", "Jeb Bush"),
    # the other person's gender does not fit
    ("Jeb Bush said the order was unlawful. Hillary Clinton unveiled a plan. "
     "He said it would fail.", "Jeb Bush"),
])
def test_a_pronoun_follows_the_text_to_a_new_subject(text: str, expected: str) -> None:
    """Issue 3: "He" after a sentence whose main subject is another fitting person, named
    after the latest speaker spoke, is that person (10 speakers changed on 392 articles of
    PolNeAR, SemEval and the seed, all right by reading). The first sentence's speaker is
    resolved first, as the component does in text order."""
    from claimscope import nlp
    from claimscope.quotes.parse_clues import ParseClues

    actors = []
    for name in ("Jeb Bush", "Barack Obama", "Ben Carson", "Ted Cruz", "Hillary Clinton"):
        surname = name.split()[-1]
        spans = [make_span(text, m.start(), m.end())
                 for m in re.finditer(rf"(?:{name.split()[0]} )?{surname}\b", text)]
        if spans:
            actors.append(Entity(name, "PERSON", tuple(spans)))
    resolver = Resolver(text, actors, ParseClues.of(nlp.load()(text)))
    resolver.resolve(0, text.index(" said"))
    at = text.lower().rindex("he said")
    assert resolver.resolve(at, at + 2).entity == expected


@pytest.mark.parametrize(("mention", "name"), [
    # a description, then the name after its comma (was kept whole, unresolved)
    ("Pulitzer Prize-winning journalist, Seymour Hersh", "Seymour Hersh"),
    ("Her campaign manager, Robby Mook", "Robby Mook"),
    ("The minister of the economy, Mr. Guajardo Villarreal", "Guajardo Villarreal"),
    # the name first: the apposition after it is no name
    ("Amina Rahman, the foreign minister", "Amina Rahman"),
    # a qualifier before the title and name (issue 3; was unresolved on SemEval news)
    ("Biden's 2024 election rival, former President Donald Trump", "Donald Trump"),
    # a description whose comma is followed by no name stays whole
    ("A top strategist, who asked not to be named",
     "A top strategist, who asked not to be named"),
])
def test_a_description_then_a_name(mention: str, name: str) -> None:
    text = f"{mention} said the plan would fail."
    assert Resolver(text, []).resolve(0, len(mention)).name == name


def test_a_one_word_person_the_article_writes_in_lowercase_is_no_antecedent() -> None:
    """The recogniser's "Schools" (PERSON) beside "schools" is no "he" (issue 3; found on
    SemEval news, where "he said" went to "Schools")."""
    text = ("Ray Hurt runs the program in the schools. Schools have taught it since 1939. "
            "He said it works.")
    actors = [Entity("Ray Hurt", "PERSON", (make_span(text, 0, 8),)),
              Entity("Schools", "PERSON", (make_span(text, 42, 49),))]
    at = text.index("He said")
    assert Resolver(text, actors).resolve(at, at + 2).entity == "Ray Hurt"


def test_they_is_left_unresolved() -> None:
    """"They" stood for the last organisation named ("the Kremlin") or the last group that
    spoke; it named the people the recogniser does not know ("officers") too often."""
    text = "The Kremlin said talks failed. Officers arrived at noon. They said it was calm."
    actors = [Entity("Kremlin", "ORG", (make_span(text, 4, 11),))]
    resolver = Resolver(text, actors)
    assert resolver.resolve(0, 11).entity == "Kremlin"
    at = text.index("They said")
    speaker = resolver.resolve(at, at + 4)
    assert (speaker.entity, speaker.resolution) == (None, "unresolved")


@pytest.mark.parametrize(("mention", "named", "entity"), [
    ("Ukrainian president Volodymyr Zelensky yesterday", "Volodymyr Zelensky",
     "Volodymyr Zelensky"),
    ("Former New York City Mayor Michael Bloomberg this week", "Michael Bloomberg",
     "Michael Bloomberg"),
    ("Ambassador Jakob Linulf while addressing the council", "Jakob Linulf", "Jakob Linulf"),
    ("Mr Johnson - who is flying to Kyiv tomorrow", "Johnson", "Boris Johnson"),
    ("Volodymyr Zelensky on Monday", "Volodymyr Zelensky", "Volodymyr Zelensky"),
    # a name that holds such a word keeps it
    ("The Tonight Show", "The Tonight Show", "The Tonight Show"),
])
def test_words_after_the_name_are_no_part_of_it(mention: str, named: str, entity: str) -> None:
    """Issue 3: a time or clause after a speaker's name left the speaker unresolved (the
    mention's last word was no name's); found on SemEval-2025 news."""
    text = f"{mention} said the plan would fail."
    at = text.index(named)
    actor = Entity(entity, "ORG" if "Show" in entity else "PERSON",
                   (make_span(text, at, at + len(named)),))
    assert Resolver(text, [actor]).resolve(0, len(mention)).entity == entity


@pytest.mark.parametrize(("text", "source", "expected"), [
    # an organisation that spoke: its actor
    ("The Kremlin said talks failed. It added that Moscow was ready.", "The Kremlin",
     ("Kremlin", "Kremlin", "pronoun")),
    # a document or body named by a description: its words, unresolved as they were
    ("Half get no aid, the agency said in a statement. It warned of hunger.", "the agency",
     ("the agency", None, "unresolved")),
    # a person spoke last: "it" is not them
    ("Amina Rahman said talks failed. It added that Moscow was ready.", "Amina Rahman",
     ("It", None, "unresolved")),
    # people are no "it" either
    ("Officials said talks failed. It added that Moscow was ready.", "Officials",
     ("It", None, "unresolved")),
    # an expletive "it" stands for no one
    ("The Kremlin said talks failed. It is estimated that 50,000 signed up.", "The Kremlin",
     ("It", None, "unresolved")),
])
def test_it_stands_for_the_organisation_or_document_that_spoke(
        text: str, source: str, expected: tuple[str, str | None, str]) -> None:
    """Issue 3: "it said" was left unresolved (30 speakers on 200 SemEval-2025 articles),
    where it mostly stands for the agency, ministry or statement that spoke before."""
    actors = [Entity("Kremlin", "ORG", (make_span(text, 4, 11),))] if "Kremlin" in text \
        else [Entity("Amina Rahman", "PERSON", (make_span(text, 0, 12),))] \
        if "Amina" in text else []
    resolver = Resolver(text, actors)
    at = text.index(source)
    resolver.resolve(at, at + len(source))
    it = text.index("It ")
    speaker = resolver.resolve(it, it + 2)
    assert (speaker.name, speaker.entity, speaker.resolution) == expected


@pytest.mark.parametrize(("mention", "name"), [
    # a time word after a determiner is no tail: the mention is a description
    ("An earlier report in a New Hampshire paper", "An earlier report in a New Hampshire paper"),
    # two people before the comma: no one name
    ("Clinton and her husband, former President Bill Clinton",
     "Clinton and her husband, former President Bill Clinton"),
])
def test_descriptions_that_look_like_a_name_and_a_tail(mention: str, name: str) -> None:
    """Regressions found while adding tails and qualifiers (issue 3, component 1.8)."""
    text = f"{mention} said the plan would fail."
    speaker = Resolver(text, []).resolve(0, len(mention))
    assert (speaker.name, speaker.entity) == (name, None)


@pytest.mark.parametrize("sentence", ["It’s also clear that taxes rose.",
                                      "It goes without saying that taxes rose.",
                                      "It really does seem that taxes rose."])
def test_an_expletive_it_stands_for_no_one(sentence: str) -> None:
    text = "The Kremlin said talks failed. " + sentence
    actors = [Entity("Kremlin", "ORG", (make_span(text, 4, 11),))]
    resolver = Resolver(text, actors)
    resolver.resolve(0, 11)
    at = text.index("It")
    assert resolver.resolve(at, at + 2).entity is None


def test_it_inside_a_quote_is_no_earlier_speaker() -> None:
    """"“The amendment has a clause,” DuVernay explained. “It says that ...”": "it" inside
    a quote stands for what the quote speaks of (issue 3; a PolNeAR article)."""
    text = "The Kremlin said talks failed. “It says that everyone is free,” he added."
    actors = [Entity("Kremlin", "ORG", (make_span(text, 4, 11),))]
    resolver = Resolver(text, actors)
    resolver.resolve(0, 11)
    at = text.index("It says")
    assert resolver.resolve(at, at + 2, nested=True).entity is None


def test_it_after_an_office_is_the_office() -> None:
    """"..., his office said. ..., it noted.": the office, not an earlier actor."""
    text = ("Moscow said it would respond. Rishi Sunak arrived, his office said. The deal "
            "follows others, it noted.")
    actors = [Entity("Moscow", "GPE", (make_span(text, 0, 6),)),
              Entity("Rishi Sunak", "PERSON", (make_span(text, 30, 41),))]
    resolver = Resolver(text, actors)
    resolver.resolve(0, 6)
    office = text.index("his office")
    assert resolver.resolve(office, office + 10).name == "Rishi Sunak's office"
    it = text.index("it noted")
    assert resolver.resolve(it, it + 2).name == "Rishi Sunak's office"


def test_it_is_no_person_the_recogniser_called_an_organisation() -> None:
    """"Marina Ovsyannikova told reporters ... it said “no war”": "it" is the poster."""
    text = "Marina Ovsyannikova told reporters she slept. In English, it said “no war”."
    actors = [Entity("Ovsyannikova", "ORG", (make_span(text, 7, 19),))]
    resolver = Resolver(text, actors)
    assert resolver.resolve(0, 19).entity == "Ovsyannikova"
    it = text.index("it said")
    assert resolver.resolve(it, it + 2).entity is None


def test_a_description_between_dashes_is_no_name() -> None:
    """"Meta – the parent company of Facebook and Instagram – on Sunday" is Meta."""
    text = "Meta – the parent company of Facebook and Instagram – on Sunday clarified it."
    mention = "Meta – the parent company of Facebook and Instagram – on Sunday"
    actors = [Entity("Meta", "ORG", (make_span(text, 0, 4),)),
              Entity("Facebook and Instagram", "ORG", (make_span(text, 29, 51),))]
    assert Resolver(text, actors).resolve(0, len(mention)).entity == "Meta"


@pytest.mark.parametrize(("mention", "names"), [
    ("Christians in America today", [("United States", "GPE", "America")]),
    ("People who knew Ramirez after her time at Yale",
     [("Deborah Ramirez", "PERSON", "Ramirez"), ("Yale", "ORG", "Yale")]),
])
def test_a_capitalised_group_is_not_the_name_in_its_modifiers(
        mention: str, names: list[tuple[str, str, str]]) -> None:
    """Issue 3: a plural noun for people opening a sentence ("Christians in America",
    "People who knew Ramirez") is a group, like "supporters of Hillary Clinton"."""
    text = f"{mention} said the plan would fail."
    actors = [Entity(n, label, (make_span(text, text.index(w), text.index(w) + len(w)),))
              for n, label, w in names]
    speaker = Resolver(text, actors).resolve(0, len(mention))
    assert speaker.entity is None and speaker.resolution == "group"


@pytest.mark.parametrize(("mention", "name", "entity"), [
    # the group keeps its whole mention as its name
    ("Aides to Clinton", "Aides to Clinton", None),
    # a place ending in "s" opens no group
    ("Massachusetts Secretary of State William Galvin", "William Galvin", "William Galvin"),
])
def test_groups_and_names_opening_with_a_plural_look(mention: str, name: str,
                                                     entity: str | None) -> None:
    text = f"{mention} said the plan would fail."
    actors = [Entity(n, "PERSON", (make_span(text, text.index(n), text.index(n) + len(n)),))
              for n in ("Clinton", "William Galvin") if n in text]
    speaker = Resolver(text, actors).resolve(0, len(mention))
    assert (speaker.name, speaker.entity) == (name, entity)


@pytest.mark.parametrize(("mention", "resolution"), [
    ("Some", "unresolved"), ("Many", "unresolved"),  # were names, confidence 1.0
    ("All of the GOP candidates", "group"), ("Hundreds of voters", "group"),
    ("Most of the time", "unresolved"),
])
def test_words_of_quantity(mention: str, resolution: str) -> None:
    """Issue 3: "Some", "Many", "Both" opening a sentence were read as names; a quantity
    of people is a group."""
    text = f"{mention} said the plan would fail."
    speaker = Resolver(text, []).resolve(0, len(mention))
    assert (speaker.entity, speaker.resolution) == (None, resolution)


def test_a_title_after_a_colon_is_not_the_persons() -> None:
    """"Zelensky Exposed: Former Advisor Reveals ..." gives Zelensky no title "advisor": "the
    former advisor" is not Zelensky (issue 3; found on SemEval news)."""
    text = ("Zelensky Exposed: Former Advisor Reveals How He Thinks\n\nLater the former "
            "advisor spoke.")
    actors = [Entity("Volodymyr Zelensky", "PERSON", (make_span(text, 0, 8),))]
    at = text.index("the former advisor")
    assert Resolver(text, actors).resolve(at, at + 18).entity is None


@pytest.mark.parametrize(("mention", "names", "name"), [
    ("President Yoon and Prime Minister Rishi Sunak",
     [("Yoon", "PERSON"), ("Rishi Sunak", "PERSON")],
     "President Yoon and Prime Minister Rishi Sunak"),
    ("he and Xi", [("Xi", "PERSON")], "he and Xi"),
])
def test_two_actors_joined_by_and_are_a_group(mention: str, names: list[tuple[str, str]],
                                               name: str) -> None:
    """Issue 3: "President Yoon and Prime Minister Rishi Sunak signed ..." was Sunak's alone
    (the last person in the mention); found on SemEval news."""
    text = f"{mention} signed the accord."
    actors = [Entity(n, label, (make_span(text, text.index(n), text.index(n) + len(n)),))
              for n, label in names]
    speaker = Resolver(text, actors).resolve(0, len(mention))
    assert (speaker.name, speaker.entity, speaker.resolution) == (name, None, "group")


def test_a_name_that_holds_and_is_one_actor() -> None:
    text = "The Department of Health and Human Services said the plan would fail."
    mention = "The Department of Health and Human Services"
    actor = Entity("Department of Health and Human Services", "ORG",
                   (make_span(text, 4, len(mention)),))
    assert Resolver(text, [actor]).resolve(0, len(mention)).entity \
        == "Department of Health and Human Services"


def test_capitalised_words_before_a_people_noun_open_a_group() -> None:
    """"Western officials in regular contact with Ukraine told ..." was Ukraine's (issue 3)."""
    text = "Western officials in regular contact with Ukraine told the paper it was over."
    mention = "Western officials in regular contact with Ukraine"
    actor = Entity("Ukraine", "GPE", (make_span(text, 42, 49),))
    speaker = Resolver(text, [actor]).resolve(0, len(mention))
    assert (speaker.entity, speaker.resolution) == (None, "group")


@pytest.mark.parametrize(("mention", "names", "entity"), [
    ("Former CIA and NSA chief Michael Hayden",
     [("CIA", "ORG"), ("NSA", "ORG"), ("Michael Hayden", "PERSON")], "Michael Hayden"),
    ("Comedian and Fox News contributor Tom Shillue",
     [("Fox News", "ORG"), ("Tom Shillue", "PERSON")], "Tom Shillue"),
])
def test_one_person_with_two_titles_is_no_group(mention: str, names: list[tuple[str, str]],
                                               entity: str) -> None:
    text = f"{mention} signed the accord."
    actors = [Entity(n, label, (make_span(text, text.index(n), text.index(n) + len(n)),))
              for n, label in names]
    assert Resolver(text, actors).resolve(0, len(mention)).entity == entity


@pytest.mark.parametrize("mention", ["sources close to her campaign",
                                     "Analysts familiar with the desert kingdom"])
def test_people_described_after_their_noun_are_a_group(mention: str) -> None:
    text = f"{mention} said the plan would fail."
    speaker = Resolver(text, []).resolve(0, len(mention))
    assert (speaker.name, speaker.resolution) == (mention, "group")


def test_one_person_of_a_group_is_no_group() -> None:
    text = "A police spokesperson said the plan would fail."
    assert Resolver(text, []).resolve(0, 22).resolution == "unresolved"


@pytest.mark.parametrize(("headline", "body", "person", "expected"), [
    # The bundled harbor article: the headline's speaker is introduced further down.
    ("Bridge Repairs Will Cost Twice the Estimate, City Engineer Says",
     "The cost has risen, chief city engineer Daniel Reyes told reporters.",
     "Daniel Reyes", "Daniel Reyes"),
    ("Talks Will Go On, President Says",
     "President Joe Biden spoke in Ohio on Monday.", "Joe Biden", "Joe Biden"),
    ("Biden Knew About the Blast, Polish Foreign Minister Says",
     "That is what Polish Foreign Minister Radoslaw Sikorski told a newspaper.",
     "Radoslaw Sikorski", "Radoslaw Sikorski"),
    # Nobody in the article carries the title: no one is guessed.
    ("Talks Will Go On, Senator Says",
     "Mayor Ana Ruiz spoke in Ohio on Monday.", "Ana Ruiz", None),
    # The title near a name is no title of hers (PolNeAR dev: "Judge rejects ...").
    ("Divorce File Stays Sealed, Judge Says",
     "The judge agreed with Ivana Trump that there was no reason to intrude.",
     "Ivana Trump", None),
])
def test_a_headlines_bare_title_is_the_person_introduced_with_it(
        headline: str, body: str, person: str, expected: str | None) -> None:
    """Regression (issue 3): "..., City Engineer Says" kept "City Engineer" as a name,
    since a title was looked up only among the people named before it."""
    text = f"{headline}\n\n{body}"
    start = text.index(person)
    resolver = Resolver(text, [Entity(person, "PERSON", (make_span(text, start,
                                                                    start + len(person)),))])
    mention = headline.rsplit(", ", 1)[1].removesuffix(" Says")
    at = text.index(mention)
    speaker = resolver.resolve(at, at + len(mention))
    assert speaker.entity == expected
    if expected is not None:
        assert speaker.resolution == "title"


@pytest.mark.parametrize(("name", "gender"), [
    # quotes 1.12: the shipped first-name table beside the short lists (found on SemEval
    # news: "she added" had gone to "Nigel Savage", then to "Martin Luther")
    ("Nigel Savage", "m"), ("Martin Luther", "m"), ("Greta Thunberg", "f"),
    ("Vera Jourova", "f"),
    # the short lists decide first; names of both genders have none
    ("Lindsey Graham", "m"), ("Hillary Clinton", "f"), ("Leslie Stahl", ""),
    ("Sasha Johnson", ""),
    # one word is mostly a surname: no gender from the table
    ("Clinton", ""), ("Marshall", ""),
])
def test_a_persons_gender_by_first_name(name: str, gender: str) -> None:
    from claimscope.names import person_gender

    assert person_gender(name) == gender


def test_she_skips_a_man_the_short_lists_do_not_know() -> None:
    text = ("Greta Thunberg spoke at the rally. Nigel Savage criticised her. "
            "She said the book was fake.")
    actors = [Entity(n, "PERSON", (make_span(text, text.index(n), text.index(n) + len(n)),))
              for n in ("Greta Thunberg", "Nigel Savage")]
    resolver = Resolver(text, actors)
    resolver.resolve(text.index("Nigel"), text.index("Nigel") + 12)
    at = text.index("She said")
    assert resolver.resolve(at, at + 3).entity == "Greta Thunberg"


@pytest.mark.parametrize("text", [
    # quotes 1.13: a title after a closing quotation mark is the speaker's, not the name's
    # before it (SemEval news: "the spokesperson" had become Greta Thunberg)
    "“The original was posted by Greta Thunberg with the book,” the spokesperson said.",
    # ... and "a spokesperson for X" is X's spokesperson, not X
    "A spokesperson for Greta Thunberg confirmed it. Later the spokesperson said more.",
])
def test_a_spokesperson_is_not_the_person_spoken_for(text: str) -> None:
    name = "Greta Thunberg"
    actors = [Entity(name, "PERSON", (make_span(text, text.index(name),
                                                 text.index(name) + len(name)),))]
    at = text.rindex("the spokesperson")
    assert Resolver(text, actors).resolve(at, at + len("the spokesperson")).entity is None


def _everywhere(text: str, name: str, label: str = "PERSON", words: str | None = None
                ) -> Entity:
    """An actor mentioned wherever its ``words`` (default: its name) stand in ``text``."""
    return Entity(name, label, tuple(make_span(text, m.start(), m.end())
                                     for m in re.finditer(re.escape(words or name), text)))


def _people(text: str, *names: str) -> list[Entity]:
    return [Entity(n, "PERSON", (make_span(text, text.index(n), text.index(n) + len(n)),))
            for n in names]


@pytest.mark.parametrize(("text", "mention", "name"), [
    ("Senator Grace Ellison leads. Ellison's campaign said so.", "Ellison's campaign",
     "Grace Ellison's campaign"),
    ("Senator Grace Ellison leads. Grace Ellison’s lawyers said so.", "Grace Ellison’s lawyers",
     "Grace Ellison's lawyers"),
    # the owner is no name alone: the office is the prosecutor's, not Bastian's
    ("Grace Ellison of the prosecutor's office said so.",
     "Grace Ellison of the prosecutor's office", "Grace Ellison"),
    # nobody of that name: as before
    ("Senator Grace Ellison leads. Harper's campaign said so.", "Harper's campaign",
     "Harper's campaign"),
])
def test_a_named_actors_people(text: str, mention: str, name: str) -> None:
    """Quotes 1.45 (a poll story, 2026-11-29): "Ellison's campaign dismissed the poll" went
    unresolved, where "His office" was Zelensky's."""
    at = text.index(mention)
    speaker = Resolver(text, _people(text, "Grace Ellison")).resolve(at, at + len(mention))
    assert speaker.name == name


@pytest.mark.parametrize(("text", "description", "entity"), [
    # another title made of the description's head: not the person who holds it
    ("Vice President Mike Pence met governors. The president said no.", "The president",
     None),
    ("Deputy Prime Minister Oliver Dowden visited. The prime minister said no.",
     "The prime minister", None),
    ("Prime Minister Rishi Sunak visited. The minister said no.", "The minister", None),
    ("Former President Donald Trump spoke. The president said no.", "The president", None),
    ("Ex-president Dmitry Medvedev spoke. The president said no.", "The president", None),
    ("President-elect Donald Trump spoke. The president said no.", "The president", None),
    ("Attorney General William Barr spoke. The attorney said no.", "The attorney", None),
    # quotes 1.43: such a word a few words before the title ("former US president")
    ("It praised former US president Donald Trump. The president said no.",
     "The president", None),
    ("Deputy Foreign Minister Sergei Ryabkov spoke. The foreign minister said no.",
     "The foreign minister", None),
    ("Shadow Environment Secretary Victoria Atkins spoke. The environment secretary said no.",
     "The environment secretary", None),
    # the president named before, passing over the vice president named since
    ("President Barack Obama spoke. Vice President Joe Biden agreed. The president said no.",
     "The president", "Barack Obama"),
    # the description that names the other title
    ("Vice President Mike Pence met governors. The vice president said no.",
     "The vice president", "Mike Pence"),
    ("Former President Donald Trump spoke. The former president said no.",
     "The former president", "Donald Trump"),
    ("Deputy Prime Minister Oliver Dowden visited. The deputy prime minister said no.",
     "The deputy prime minister", "Oliver Dowden"),
    # words that do not make another title
    ("Russian President Vladimir Putin spoke. The president said no.", "The president",
     "Vladimir Putin"),
    ("Acting Attorney General Sally Yates spoke. The attorney general said no.",
     "The attorney general", "Sally Yates"),
])
def test_a_title_made_into_another_is_not_the_plain_one(text: str, description: str,
                                                        entity: str | None) -> None:
    """Found on news of 2026-11-29: "the president" went to "Vice President Mike Pence",
    "the prime minister" to "Deputy Prime Minister Oliver Dowden", a headline's "Minister"
    to "Prime Minister Rishi Sunak" (issue 3)."""
    names = [w for w in ("Mike Pence", "Oliver Dowden", "Rishi Sunak", "Donald Trump",
                         "Dmitry Medvedev", "William Barr", "Barack Obama", "Joe Biden",
                         "Vladimir Putin", "Sally Yates") if w in text]
    at = text.rindex(description)
    speaker = Resolver(text, _people(text, *names)).resolve(at, at + len(description))
    assert speaker.entity == entity


# More than the reach of "it" and "the company" (speakers._IT_REACH) of other news.
_FAR = "Officers searched the area for many hours. " * 20


@pytest.mark.parametrize(("text", "orgs", "expected"), [
    # a business noun: the company heard last
    ("Eli Lilly said prices would fall. The company said so.", ["Eli Lilly"], "Eli Lilly"),
    # a public body's noun: the public body heard last, passing over a business
    ("The Food and Drug Administration said it would review it. Pfizer declined to "
     "comment. The agency said so.", ["Food and Drug Administration", "Pfizer"],
     "Food and Drug Administration"),
    # the head in the name
    ("Deutsche Bank said profits rose. The bank said so.", ["Deutsche Bank"],
     "Deutsche Bank"),
    # a business noun never stands for a public body, nor one for a body that did not speak
    ("The Food and Drug Administration said it would review it. The company said so.",
     ["Food and Drug Administration"], None),
    ("Analysts mentioned Eli Lilly. The company said so.", ["Eli Lilly"], None),
    # a head that names no organisation
    ("Eli Lilly said prices would fall. The campaign said so.", ["Eli Lilly"], None),
    # no organisation of the kind spoke, but one is named with the head
    ("Maria Lopez of the Dockworkers Union spoke. The union said so.",
     ["Dockworkers Union"], "Dockworkers Union"),
    ("Maria Lopez of the Dockworkers Union spoke. The party said so.",
     ["Dockworkers Union"], None),
    # quotes 1.43: a union named an association (a BBC story)
    ("The British Medical Association announced a strike. The union said so.",
     ["British Medical Association"], "British Medical Association"),
    # quotes 1.45: the US Centers for Disease Control and Prevention are a public body
    ("The Centers for Disease Control and Prevention said it would review it. The agency "
     "said so.", ["Centers for Disease Control and Prevention"],
     "Centers for Disease Control and Prevention"),
    # quotes 1.45: far from its last words, the one body named with the head that spoke
    # ("According to the force" in a police story's last paragraph); "the force" is a
    # police force
    ("West Yorkshire Police said a man was held. " + _FAR + "The force said so.",
     ["West Yorkshire Police"], "West Yorkshire Police"),
    ("Leeds Police said a man was held. Hull Police said it too. " + _FAR
     + "The force said so.", ["Leeds Police", "Hull Police"], None),
    ("The Food and Drug Administration said it would review it. " + _FAR
     + "The agency said so.", ["Food and Drug Administration"], None),
])
def test_a_description_of_an_organisation_that_spoke(text: str, orgs: list[str],
                                                      expected: str | None) -> None:
    """Quotes 1.20: "The company said", "the agency did not say" stayed unresolved after the
    company or agency had spoken (news of 2026-11-29)."""
    entities = [Entity(o, "ORG", (make_span(text, text.index(o), text.index(o) + len(o)),))
                for o in orgs]
    resolver = Resolver(text, entities)
    for org in orgs:
        at = text.index(org)
        if text.startswith((" said", " declined"), at + len(org)):
            resolver.resolve(at, at + len(org))
    at = text.rindex("The ")
    speaker = resolver.resolve(at, text.index(" said so"))
    assert speaker.entity == expected
    assert speaker.resolution == ("description" if expected else "unresolved")


@pytest.mark.parametrize(("text", "orgs", "expected"), [
    # heard as a speaker just before (an Al Jazeera-style story)
    ("The RSF denied targeting civilians. In a post on Telegram, the group said so.",
     ["RSF", "Telegram"], "RSF"),
    # introduced as a group, or named as one
    ("Jewish groups criticized a group called Democratize SSMU. The group said so.",
     ["Democratize SSMU"], "Democratize SSMU"),
    ("The Diocesan Working Group is rejoicing. The group said so.",
     ["Diocesan Working Group"], "Diocesan Working Group"),
    # an organisation named last but neither heard nor called a group: no one (SemEval
    # news: "the group posted" after "a report by Fox News"; "the group argues" after LNG)
    ("Voto Latino is vocally partisan. Recently the group said so.", ["Voto Latino"], None),
    ("It opposes exports of LNG. Prices rose, the group said so.", ["LNG"], None),
    # an outlet, or a name inside a quotation closed since, is not the group
    ("A group of activists, called the Tyre Extinguishers, struck, according to a report by "
     "Fox News. The group said so.", ["Tyre Extinguishers", "Fox News"], "Tyre Extinguishers"),
    ("The Tyre Extinguishers group struck, according to a report by Fox News. The group said "
     "so.", ["Tyre Extinguishers", "Fox News"], "Tyre Extinguishers"),
    ("\"Welcome to the fun, Lisbon Police!\" the group said so.", ["Lisbon Police"], None),
])
def test_the_group(text: str, orgs: list[str], expected: str | None) -> None:
    """Quotes 1.45: "the group said" went to no one, whichever group had just spoken."""
    entities = [Entity(o, "ORG", (make_span(text, text.index(o), text.index(o) + len(o)),))
                for o in orgs]
    resolver = Resolver(text, entities)
    for org in orgs:
        at = text.index(org)
        if text.startswith(" denied", at + len(org)):
            resolver.resolve(at - 4, at + len(org))  # "The RSF"
    at = text.lower().rindex("the group")
    speaker = resolver.resolve(at, at + len("the group"))
    assert speaker.entity == expected


@pytest.mark.parametrize(("text", "mention", "words", "name", "resolution"), [
    # a wire dateline the tagger took in is no part of the speaker
    ("JERUSALEM (Reuters) - Israel's military said it struck.",
     "JERUSALEM (Reuters) - Israel's military", "Israel's military", "Israel's military",
     "group"),
    ("KIEV, March 3 (RIA Novosti) - Ukraine's army said it held.",
     "KIEV, March 3 (RIA Novosti) - Ukraine's army", "Ukraine's army", "Ukraine's army",
     "group"),
    # a country's body speaks for it, a group named by its mention
    ("Russia's defence ministry said it struck.", "Russia's defence ministry",
     "Russia's defence ministry", "Russia's defence ministry", "group"),
    # ... a person's is no body of a country, but the person's (quotes 1.45)
    ("Biden's office said it struck.", "Biden's office", "Biden's office",
     "Joe Biden's office", "surname"),
])
def test_datelines_and_a_countrys_bodies(text: str, mention: str, words: str, name: str,
                                        resolution: str) -> None:
    """Quotes 1.22: "JERUSALEM (Reuters) - Israel's military" was the speaker, unresolved
    (confidence 0.4), and the attribution fell under the confidence floor (news of
    2026-11-29)."""
    places = [w for w in ("Israel", "Ukraine", "Russia") if w in text]
    entities = [Entity(w, "GPE", (make_span(text, text.index(w), text.index(w) + len(w)),))
                for w in places]
    if "Biden" in text:
        entities.append(Entity("Joe Biden", "PERSON", (make_span(text, 0, 5),)))
    speaker = Resolver(text, entities).resolve(0, len(mention))
    assert speaker.mention is not None and speaker.mention.text == words
    assert (speaker.name, speaker.entity, speaker.resolution) == (name, None, resolution)


@pytest.mark.parametrize(("text", "mention", "entity"), [
    # a document's issuer speaks (quotes 1.25; was unresolved)
    ("The Russian Defence Ministry met. Later a statement from the Russian Defence Ministry "
     "said so.", "a statement from the Russian Defence Ministry", "Russian Defence Ministry"),
    ("The Vatican met. Later the report by the Vatican said so.", "the report by the Vatican",
     "Vatican"),
    # the title of something else is not the one meant
    ("Secretary of State Hillary Clinton spoke. Later a memo from the U.S. Secretary of "
     "Defense said so.", "a memo from the U.S. Secretary of Defense", None),
    ("Secretary of State Hillary Clinton spoke. Later the U.S. Secretary of Defense said so.",
     "the U.S. Secretary of Defense", None),
    # a title introduced without what it is of still fits
    ("President Barack Obama spoke. Later the President of the United States said so.",
     "the President of the United States", "Barack Obama"),
])
def test_documents_and_what_a_title_is_of(text: str, mention: str, entity: str | None) -> None:
    orgs = [w for w in ("Russian Defence Ministry", "Vatican") if w in text]
    people = [w for w in ("Hillary Clinton", "Barack Obama") if w in text]
    entities = [_everywhere(text, o, "ORG") for o in orgs] + _people(text, *people)
    at = text.rindex(mention)
    assert Resolver(text, entities).resolve(at, at + len(mention)).entity == entity


@pytest.mark.parametrize(("text", "description", "entity"), [
    # a lede's role, the person named with the title only later (SemEval news)
    ("Russia pounded 30 villages, the governor said on Monday. Kharkiv regional governor "
     "Oleg Synegubov wrote that 6,000 left.", "the governor", "Oleg Synegubov"),
    ("The judge noted the sentences were harsh. Federal Judge Michael Hogan ruled in 2012.",
     "The judge", "Michael Hogan"),
    # every word of the description in the later title, or no one
    ("The European Council president urged China to act. President Joe Biden met him.",
     "The European Council president", None),
    ("The police officer was charged. Officer Dan Wiley will be tried.",
     "The police officer", None),
    # more words after the head: another role holder
    ("The president of the local mosque spoke. President George Bush came later.",
     "The president of the local mosque", None),
    # a full stop ends the words between a title and a name
    ("The US president wants it. They defy President Trump. Showdown Smith is next.",
     "The US president", None),
])
def test_a_description_named_later(text: str, description: str, entity: str | None) -> None:
    """Quotes 1.43 (issue 3): "..., the governor said" in a lede stayed unresolved when the
    article named the governor with the title only in a later paragraph."""
    names = [w for w in ("Oleg Synegubov", "Michael Hogan", "Joe Biden", "Dan Wiley",
                         "George Bush", "Showdown Smith") if w in text]
    at = text.index(description)
    speaker = Resolver(text, _people(text, *names)).resolve(at, at + len(description))
    assert speaker.entity == entity


_REED = ("Water companies to face fines, says Steve Reed\n\n"
         "{standfirst}\n\n"
         "Bosses could face jail under a new law, {lede}.\n\n"
         "Steve Reed said the bill would end bumper bonuses.")


@pytest.mark.parametrize(("standfirst", "lede", "description", "entity"), [
    # the title line quotes one person; the standfirst and lede call them by a role
    ("Environment secretary says bosses could face jail", "the environment secretary has said",
     "Environment secretary", "Steve Reed"),
    ("Environment secretary says bosses could face jail", "the environment secretary has said",
     "the environment secretary", "Steve Reed"),
    # another person named first: the role may be theirs
    ("Keir Starmer backs the bill", "the environment secretary has said",
     "the environment secretary", None),
    # an indefinite role is someone else
    ("A spokesperson says bosses could face jail", "the environment secretary has said",
     "A spokesperson", None),
])
def test_a_lede_role_is_the_person_the_title_quotes(standfirst: str, lede: str,
                                                    description: str,
                                                    entity: str | None) -> None:
    """Quotes 1.43 (issue 3): a Guardian-style story ("..., says Steve Reed" / "..., the
    environment secretary has said") left the standfirst's and the lede's speaker
    unresolved: the article never names Reed with the title."""
    text = _REED.format(standfirst=standfirst, lede=lede)
    names = [n for n in ("Keir Starmer",) if n in text]
    actors = [_everywhere(text, "Steve Reed"), *_people(text, *names)]
    resolver = Resolver(text, actors)
    title_speaker = text.index("Steve Reed")
    assert resolver.resolve(title_speaker, title_speaker + 10).entity == "Steve Reed"
    at = text.index(description)
    assert resolver.resolve(at, at + len(description)).entity == entity


def test_a_lede_role_is_not_a_person_the_article_titles_otherwise() -> None:
    """Quotes 1.43: the title line's person introduced with another title ("Home Secretary
    Yvette Cooper") is no environment secretary."""
    text = ("Police to get new powers, says Yvette Cooper\n\n"
            "Officers could act sooner, the environment secretary has said.\n\n"
            "Home Secretary Yvette Cooper said the law would change.")
    resolver = Resolver(text, [_everywhere(text, "Yvette Cooper")])
    resolver.resolve(text.index("Yvette"), text.index("Yvette") + 13)
    at = text.index("the environment secretary")
    assert resolver.resolve(at, at + 25).entity is None


@pytest.mark.parametrize(("text", "description", "entity"), [
    # a party's or body's role for the person who spoke just before (a tabloid story)
    ("Nigel Farage slammed the Government.\n\nThe Reform UK leader fumed: \"Pathetic.\"",
     "The Reform UK leader", "Nigel Farage"),
    ("Ayotte said she would vote for him. The Republican incumbent said it was genuine.",
     "The Republican incumbent", "Kelly Ayotte"),
    # the person the sentence goes on to name is someone else
    ("Patti Saris said it was her concern. And the Treason Bar attorney demanded that "
     "Patti Saris act.", "the Treason Bar attorney", None),
    # more than a paragraph since: too far
    ("Nigel Farage slammed the Government.\n\nMigrants arrived.\n\nBoats came.\n\n"
     "The Reform UK leader fumed.", "The Reform UK leader", None),
    # another person named since
    ("Nigel Farage slammed the Government. Keir Starmer replied. The Reform UK leader "
     "fumed.", "The Reform UK leader", None),
    # no capitalised modifier: a title, left to the people introduced with it
    ("Nigel Farage slammed the Government. The leader fumed.", "The leader", None),
])
def test_a_role_for_the_person_just_heard(text: str, description: str,
                                          entity: str | None) -> None:
    """Quotes 1.43 (issue 3): "The Reform UK leader fumed" after "Nigel Farage ... slammed"
    stayed unresolved: the article never gives Farage the title."""
    names = {"Nigel Farage": "Nigel Farage", "Ayotte": "Kelly Ayotte",
             "Patti Saris": "Patti Saris", "Keir Starmer": "Keir Starmer"}
    actors = [_everywhere(text, name, words=words) for words, name in names.items()
              if words in text]
    resolver = Resolver(text, actors)
    first = re.search("Nigel Farage|Ayotte|Patti Saris", text)
    assert first is not None
    resolver.resolve(first.start(), first.end())
    at = text.index(description)
    assert resolver.resolve(at, at + len(description)).entity == entity


@pytest.mark.parametrize(("text", "source", "mention", "name"), [
    # "the insider" calls back the unnamed source heard before, still unnamed
    ("A Home Office source hit back. “It is politics,” the insider told The Sun.",
     "A Home Office source", "the insider", "A Home Office source"),
    ("A senior official said it was over. The official declined to say more.",
     "A senior official", "The official", "A senior official"),
    # another kind of source: no
    ("A Home Office source hit back. “It is politics,” the spokesperson said.",
     "A Home Office source", "the spokesperson", "the spokesperson"),
])
def test_an_unnamed_source_called_back(text: str, source: str, mention: str,
                                       name: str) -> None:
    """Quotes 1.43 (issue 3): "the insider" after "A Home Office source" was a second,
    unrelated source."""
    resolver = Resolver(text, [])
    resolver.resolve(0, len(source))
    at = text.index(mention)
    speaker = resolver.resolve(at, at + len(mention))
    assert (speaker.name, speaker.entity, speaker.resolution) == (name, None, "unresolved")


@pytest.mark.parametrize(("title", "entity"), [
    # a tabloid title's epithet before the surname
    ("Furious Farage blasts ministers", "Nigel Farage"),
    # a first name: another person of that surname
    ("Rishi Farage blasts ministers", None),
])
def test_an_epithet_before_a_surname_in_the_title(title: str, entity: str | None) -> None:
    """Quotes 1.43 (issue 3): "Furious Farage" was a name of its own."""
    text = f"{title}\n\nNigel Farage last night slammed the Government."
    at = text.rindex("Nigel Farage")
    resolver = Resolver(text, [Entity("Nigel Farage", "PERSON", (make_span(text, at, at + 12),))])
    words = " ".join(title.split()[:2])
    assert resolver.resolve(0, len(words)).entity == entity


@pytest.mark.parametrize(("word", "expected"), [
    ("Nigel", True), ("Boris", True), ("Hillary", True), ("Furious", False),
    ("Defiant", False), ("Labour", False),
])
def test_first_names(word: str, expected: bool) -> None:
    from claimscope.names import is_first_name

    assert is_first_name(word) is expected


@pytest.mark.parametrize(("text", "mention", "name"), [
    # a body named by its country's adjective (a Gaza story)
    ("The Israeli military said it targeted Hamas.", "The Israeli military", "Israeli military"),
    ("The Russian defence ministry said so.", "The Russian defence ministry",
     "Russian defence ministry"),
    # an adjective that names no people or place: not so
    ("The Gaza military said so.", "The Gaza military", "The Gaza military"),
])
def test_a_body_named_by_its_countrys_adjective(text: str, mention: str, name: str) -> None:
    """Quotes 1.43 (issue 3): "The Israeli military" was unresolved."""
    adjective = mention.split()[1]
    at = text.index(adjective)
    norp = [Entity(adjective, "NORP", (make_span(text, at, at + len(adjective)),))] \
        if adjective in ("Israeli", "Russian") else []
    speaker = Resolver(text, norp).resolve(0, len(mention))
    assert speaker.name == name


def test_the_spokesperson_of_a_body_called_back() -> None:
    """Quotes 1.43 (a BBC story): "A Department of Health and Social Care spokesperson said
    ... “...,” the spokesperson added" left the second unresolved."""
    text = ("A Department of Health and Social Care spokesperson said it would hurt. "
            "“We made a fair offer,” the spokesperson added.")
    body = "Department of Health and Social Care"
    at = text.index(body)
    resolver = Resolver(text, [Entity(body, "ORG", (make_span(text, at, at + len(body)),))])
    first = resolver.resolve(0, text.index(" said"))
    assert first.entity == body
    at = text.index("the spokesperson")
    speaker = resolver.resolve(at, at + len("the spokesperson"))
    assert (speaker.name, speaker.entity) == (body, body)
