"""Actors: mentions grouped under one canonical name."""

from __future__ import annotations

import pytest

import claimscope
from claimscope.components.entities import clean_name, group_entities


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("the United States", "United States"),
        ("Putin's", "Putin"),
        ("Mr. Biden", "Biden"),
        ("Foreign Minister Sergei Lavrov", "Sergei Lavrov"),
        ("the White House", "White House"),
        # abbreviated ranks and titles (entities 1.2; found on SemEval news)
        ("Treasury Chief Sec Simon Clarke", "Simon Clarke"),
        ("Col. Yuri Ignat", "Yuri Ignat"),
        ("Lt. Gen. Keith Kellogg", "Keith Kellogg"),
        # entities 1.7: a title before a body's last word is part of the body's name (was
        # "Department", "Motors": found on SemEval news, 64 "Justice Department" mentions)
        ("the Justice Department's", "Justice Department"),
        ("General Motors", "General Motors"),
        ("Prince George's County", "Prince George's County"),
        # ... and a title "of" a place, with no one named after it, stays whole (was "of
        # Buenos Aires"); with a person after it, the person
        ("Archbishop of Buenos Aires", "Archbishop of Buenos Aires"),
        ("Head of German Intelligence", "Head of German Intelligence"),
        ("Secretary of State Antony Blinken", "Antony Blinken"),
        ("Secretary of the Treasury Janet Yellen", "Janet Yellen"),
        # entities 1.11: more abbreviated ranks ("Fr. Weinandy" was an organisation)
        ("Fr. Thomas Weinandy", "Thomas Weinandy"),
        ("Det. Ann Brown", "Ann Brown"),
        # entities 1.13: a sports or press title opening a sentence ("Manager Mikel Arteta")
        ("Manager Mikel Arteta", "Mikel Arteta"),
        ("Spokesman John Kirby", "John Kirby"),
    ],
)
def test_clean_name(mention: str, name: str) -> None:
    assert clean_name(mention) == name


def test_grouping_by_surname_alias_and_acronym() -> None:
    text = ("Russian President Vladimir Putin met US officials. Putin said the United States "
            "and the US Army disagreed. The European Union and the EU differ.")
    spans = []
    for needle, label in [("Russian President Vladimir Putin", "PERSON"), ("US", "GPE"),
                          ("Putin", "PERSON"), ("the United States", "GPE"),
                          ("the US Army", "ORG"), ("The European Union", "ORG"),
                          ("the EU", "ORG")]:
        start = text.index(needle, spans[-1][0] + 1 if spans else 0)
        spans.append((start, start + len(needle), label))
    spans.sort()
    actors = {e.name: [m.text for m in e.mentions] for e in group_entities(text, spans)}
    assert actors["Vladimir Putin"] == ["Russian President Vladimir Putin", "Putin"]
    assert actors["United States"] == ["US", "the United States"]
    assert actors["European Union"] == ["The European Union", "the EU"]


HEADED = ("Putin: US Uses Cluster Munitions\n\nPutin spoke in Sochi.\n\n"
          "On Relations With North Korea\n\nNorth Korea is our neighbor, Putin said.")


@pytest.mark.parametrize(("mention", "label", "kept"), [
    # named only in a heading, and not in the body: the title case misled the recogniser
    ("Relations With North Korea", "ORG", False),
    ("Cluster Munitions", "ORG", False),
    # named in a heading and in the body: kept, with both mentions
    ("Putin", "PERSON", True),
    ("North Korea", "GPE", True),
])
def test_actors_named_only_in_headings_need_the_body(mention: str, label: str,
                                                     kept: bool) -> None:
    """Regression (the seed's "On Relations With North Korea" was an organisation)."""
    from claimscope.model import make_span

    start = HEADED.index(mention)
    ents = [(start, start + len(mention), label)]
    body = HEADED.find(mention, HEADED.index("\n\n") + 2)
    if kept and body != start:
        ents.append((body, body + len(mention), label))
    title = make_span(HEADED, 0, HEADED.index("\n"))
    heading_start = HEADED.index("On Relations")
    heading = make_span(HEADED, heading_start, HEADED.index("\n", heading_start))
    names = [e.name for e in group_entities(HEADED, sorted(ents), [title, heading])]
    assert (names == [mention]) is kept
    assert [e.name for e in group_entities(HEADED, sorted(ents))] == [mention]


def test_seed_actors(seed_path) -> None:  # type: ignore[no-untyped-def]
    analysis = claimscope.analyze(claimscope.read(seed_path))
    actors = {e.name: e for e in analysis.entities}
    putin = actors["Vladimir Putin"]
    assert putin.label == "PERSON"
    assert len(putin.mentions) >= 8
    assert {m.text for m in putin.mentions} >= {"Putin"}
    assert len(actors["United States"].mentions) >= 5
    assert "Alexander Lukashenko" in actors
    assert "Putin" not in actors
    assert "Relations With North Korea" not in actors  # a subheading's words


def test_a_mention_keeps_its_opening_bracket() -> None:
    """The seed's "[North] Korea" came out as the mention "North] Korea"."""
    text = "“[North] Korea is our neighbor,” Putin said."
    start = text.index("North")
    (actor,) = group_entities(text, [(start, text.index(" is"), "GPE")])
    assert (actor.name, actor.mentions[0].text) == ("North Korea", "[North] Korea")


def test_a_mention_drops_a_closing_mark_glued_to_its_front() -> None:
    """Regression (issue 3): "device,”Polyansky" (one word to the tokenizer) was an actor of
    its own beside "Dmitry Polyansky"."""
    text = "Dmitry Polyansky spoke. “It is not a complex device,”Polyansky said."
    glued = text.index("device")
    actors = group_entities(text, [(0, 16, "PERSON"), (glued, text.index(" said"), "PERSON")])
    assert [(a.name, [m.text for m in a.mentions]) for a in actors] == [
        ("Dmitry Polyansky", ["Dmitry Polyansky", "Polyansky"])]


def test_a_surname_joins_a_full_name_written_in_two_cases() -> None:
    """Entities 1.2: "BORIS Johnson" beside "Boris Johnson" left "Mr Johnson" an actor of
    its own, so his quotes went to "Johnson" (found on SemEval news)."""
    text = "Boris Johnson spoke. BORIS Johnson demanded more. Mr Johnson said it twice."
    spans = [(0, 13, "PERSON"), (21, 34, "PERSON"), (text.index("Mr Johnson"),
                                                     text.index("Mr Johnson") + 10, "PERSON")]
    actors = {e.name: [m.text for m in e.mentions] for e in group_entities(text, spans)}
    assert actors == {"Boris Johnson": ["Boris Johnson", "BORIS Johnson", "Mr Johnson"]}


def _actors(text: str, needles: list[str]) -> dict[str, list[str]]:
    spans, at = [], 0
    for needle in needles:
        start = text.index(needle, at)
        spans.append((start, start + len(needle), "PERSON"))
        at = start + len(needle)
    return {e.name: [m.text for m in e.mentions] for e in group_entities(text, spans)}


@pytest.mark.parametrize(("text", "needles", "expected"), [
    # Entities 1.3: two people of one family stay two actors ("Bill Clinton" had become a
    # mention of "Hillary Clinton", the more frequent form; found on PolNeAR news).
    ("Hillary Clinton spoke. Hillary Clinton won. Bill Clinton cheered.",
     ["Hillary Clinton", "Hillary Clinton", "Bill Clinton"],
     {"Hillary Clinton": ["Hillary Clinton", "Hillary Clinton"],
      "Bill Clinton": ["Bill Clinton"]}),
    # a professor quoted five times had become the foreign minister (SemEval news)
    ("Cong Yi, a professor, said it. Wang Yi flew in. Wang Yi met Cong Yi.",
     ["Cong Yi", "Wang Yi", "Wang Yi", "Cong Yi"],
     {"Cong Yi": ["Cong Yi", "Cong Yi"], "Wang Yi": ["Wang Yi", "Wang Yi"]}),
    # the same person: an initial, a surname of two words, a word the recogniser took in
    ("Vladimir Putin spoke. Vladimir Putin left. V. Putin returned.",
     ["Vladimir Putin", "Vladimir Putin", "V. Putin"],
     {"Vladimir Putin": ["Vladimir Putin", "Vladimir Putin", "V. Putin"]}),
    ("Debbie Wasserman Schultz spoke. Wasserman Schultz resigned. Wasserman Schultz left.",
     ["Debbie Wasserman Schultz", "Wasserman Schultz", "Wasserman Schultz"],
     {"Wasserman Schultz": ["Debbie Wasserman Schultz", "Wasserman Schultz",
                            "Wasserman Schultz"]}),
    ("Billionaire Donald Trump spoke. Donald Trump said it again.",
     ["Billionaire Donald Trump", "Donald Trump"],
     {"Donald Trump": ["Billionaire Donald Trump", "Donald Trump"]}),
])
def test_full_names_join_only_the_same_person(
        text: str, needles: list[str], expected: dict[str, list[str]]) -> None:
    assert _actors(text, needles) == expected


def test_a_bishops_title_is_no_part_of_his_name() -> None:
    assert clean_name("Archbishop Ian Ernest") == "Ian Ernest"


@pytest.mark.parametrize(("text", "needles", "surname_of"), [
    # Entities 1.4: a surname shared by a family goes to the one named far more often ...
    ("Hillary Clinton spoke. Hillary Clinton won. Bill Clinton cheered. Hillary Clinton "
     "thanked him. Clinton left.",
     ["Hillary Clinton", "Hillary Clinton", "Bill Clinton", "Hillary Clinton", "Clinton"],
     "Hillary Clinton"),
    # ... and stays a surname alone on thin evidence (the Kyiv mayor named once, his brother
    # twice; "Klitschko" was the mayor: SemEval news)
    ("Mayor Vitali Klitschko spoke. Klitschko said it. Wladimir Klitschko agreed. Wladimir "
     "Klitschko left.",
     ["Vitali Klitschko", "Klitschko", "Wladimir Klitschko", "Wladimir Klitschko"],
     "Klitschko"),
])
def test_a_surname_shared_by_a_family(text: str, needles: list[str], surname_of: str) -> None:
    (owner,) = [name for name, mentions in _actors(text, needles).items()
                if any(len(m.split()) == 1 for m in mentions)]
    assert owner == surname_of


def test_a_person_the_recogniser_mostly_tagged_an_organisation() -> None:
    """Entities 1.5: "Ed Rendell", tagged ORG three times in four, was no person, so "he
    said" skipped him (PolNeAR news)."""
    text = "Ed Rendell spoke. Rendell agreed. Rendell left. Rendell returned."
    spans = [(0, 10, "PERSON")] + [(m, m + 7, "ORG") for m in
                                   (text.index("Rendell a"), text.index("Rendell l"),
                                    text.index("Rendell r"))]
    (actor,) = group_entities(text, spans)
    assert (actor.name, actor.label) == ("Ed Rendell", "PERSON")


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Vladimir Putin", "V. Putin", True), ("J.D. Vance", "JD Vance", True),
    ("Bill Clinton", "Hillary Clinton", False), (". .", "John Smith", False),
])
def test_first_words_agree(a: str, b: str, same: bool) -> None:
    from claimscope.components.entities import _first_agrees

    assert _first_agrees(a, b) is same


@pytest.mark.parametrize(("text", "name", "label"), [
    # a title before a name that opens with a first name: a person, whatever the tag
    ("German Chancellor Olaf Scholz met him.", "Olaf Scholz", "PERSON"),
    ("Ukraine's foreign minister Dmytro Kuleba met him.", "Dmytro Kuleba", "PERSON"),
    # no title before it, or no first name: the recogniser's label stays
    ("Olaf Scholz met him.", "Olaf Scholz", "ORG"),
    ("Chairman Wells Fargo met him.", "Wells Fargo", "ORG"),
])
def test_a_titled_person_the_recogniser_called_an_organisation(text: str, name: str,
                                                              label: str) -> None:
    """Entities 1.7: "German Chancellor Olaf Scholz" was an ORG and "Scholz" a GPE, so "the
    chancellor" went to the next person named (news of 2026-11-29)."""
    at = text.index(name)
    (actor,) = group_entities(text, [(at, at + len(name), "ORG")])
    assert (actor.name, actor.label) == (name, label)


def test_a_surname_joins_the_titled_person_the_recogniser_called_a_place() -> None:
    text = "German Chancellor Olaf Scholz spoke. Scholz left."
    spans = [(18, 29, "ORG"), (text.index("Scholz l"), text.index("Scholz l") + 6, "GPE")]
    (actor,) = group_entities(text, spans)
    assert (actor.name, actor.label, len(actor.mentions)) == ("Olaf Scholz", "PERSON", 2)


def test_a_mention_leaves_out_the_line_breaks_the_recogniser_took_in() -> None:
    text = "Kuleba wrote on X.\n\nMore follows."
    at = text.index("X.")
    (actor,) = group_entities(text, [(at, at + 4, "ORG")])
    assert [m.text for m in actor.mentions] == ["X."]


@pytest.mark.parametrize(("text", "tagged", "actor", "mentions"), [
    # the recogniser cut the name at its particles, the surname left a place
    ("President Ursula von der Leyen spoke. Von der Leyen left.",
     [("[Ursula von der] Leyen", "PERSON"), ("der [Leyen] spoke", "GPE"),
      ("[Leyen] left", "GPE")],
     "Ursula von der Leyen", ["Ursula von der Leyen", "Von der Leyen"]),
    # a later mention that begins with the particle is the surname, not the name
    ("Ursula von der Leyen spoke. Then von der Leyen left.",
     [("[Ursula von] der", "PERSON"), ("[Leyen] spoke", "GPE"), ("[von der] Leyen left", "PERSON"),
      ("[Leyen] left", "GPE")],
     "Ursula von der Leyen", ["Ursula von der Leyen", "von der Leyen"]),
    # the recogniser cut the name before its particle (entities 1.14; news of 2026-11-29)
    ("Prince Abdulaziz bin Salman spoke.",
     [("[Abdulaziz] bin", "PERSON"), ("[bin Salman]", "PERSON")],
     "Abdulaziz bin Salman", ["Abdulaziz bin Salman"]),
    # a whole name stays as it is
    ("Charles de Gaulle spoke.", [("[Charles de Gaulle]", "PERSON")], "Charles de Gaulle",
     ["Charles de Gaulle"]),
])
def test_names_with_particles(text: str, tagged: list[tuple[str, str]], actor: str,
                              mentions: list[str]) -> None:
    """Entities 1.9: "Ursula von der Leyen" was two actors, "Ursula von" and "Leyen", and
    "according to her" went to "Ursula von" (news of 2026-11-29). A tagged mention is
    written in brackets inside the words that locate it."""
    spans = []
    for needle, label in tagged:
        at = text.index(needle.replace("[", "").replace("]", "")) + needle.index("[")
        spans.append((at, at + needle.index("]") - needle.index("[") - 1, label))
    actors = group_entities(text, spans)
    assert [(a.name, a.label, [m.text for m in a.mentions]) for a in actors] == [
        (actor, "PERSON", mentions)]


def test_a_party_the_recogniser_called_a_person_is_an_organisation() -> None:
    """Entities 1.10: "Labour", tagged PERSON, was the antecedent of "he" (news of
    2026-11-29)."""
    text = "Labour pledged it. Labour won."
    spans = [(0, 6, "ORG"), (19, 25, "PERSON")]
    (actor,) = group_entities(text, spans)
    assert (actor.name, actor.label) == ("Labour", "ORG")


@pytest.mark.parametrize(("text", "mention", "tagged", "actor", "label"), [
    # entities 1.15: countries are places ("Madagascar" a person on SemEval news, "UAE" an
    # organisation on news of 2026-11-29), but for those that are first names too
    ("Officials in Madagascar said so.", "Madagascar", "PERSON", "Madagascar", "GPE"),
    ("It sided with Sierra Leone.", "Sierra Leone", "ORG", "Sierra Leone", "GPE"),
    ("He heads the UAE's oil company.", "UAE", "ORG", "United Arab Emirates", "GPE"),
    ("Jordan said so.", "Jordan", "PERSON", "Jordan", "PERSON"),
    # entities 1.16 and 1.17: platforms, companies and outlets are organisations ("Twitter"
    # was a person in 61 of 653 SemEval articles)
    ("He posted on Twitter.", "Twitter", "PERSON", "Twitter", "ORG"),
    ("Youtube removed it.", "Youtube", "GPE", "Youtube", "ORG"),
    ("Anthropic raised money.", "Anthropic", "PERSON", "Anthropic", "ORG"),
    ("Breitbart reported it.", "Breitbart", "PERSON", "Breitbart", "ORG"),
    # entities 1.19: a tabloid's first name in capitals is a person's ("NIGEL Farage" was an
    # organisation, and "He added" went to no one); an agency in capitals keeps its name
    ("NIGEL Farage last night slammed it.", "NIGEL Farage", "ORG", "Nigel Farage", "PERSON"),
    ("BORIS Johnson today said so.", "BORIS Johnson", "PERSON", "Boris Johnson", "PERSON"),
    ("RIA Novosti reported it.", "RIA Novosti", "ORG", "RIA Novosti", "ORG"),
    # entities 1.20: a company's legal form is no part of its name (a press release)
    ("Acme Health, Inc. today announced it.", "Acme Health, Inc.", "ORG", "Acme Health",
     "ORG"),
    ("Anhui Huasun Energy Co., Ltd said so.", "Anhui Huasun Energy Co., Ltd", "ORG",
     "Anhui Huasun Energy", "ORG"),
    ("Google LLC said so.", "Google LLC", "ORG", "Google", "ORG"),
    # ... and groups named with digits stay actors
    ("MS-13 claimed it.", "MS-13", "ORG", "MS-13", "ORG"),
    ("APT28 hacked it.", "APT28", "ORG", "APT28", "ORG"),
])
def test_the_actor_of_one_tagged_mention(text: str, mention: str, tagged: str, actor: str,
                                         label: str) -> None:
    at = text.index(mention)
    (found,) = group_entities(text, [(at, at + len(mention), tagged)])
    assert (found.name, found.label) == (actor, label)


@pytest.mark.parametrize(("text", "expected"), [
    # entities 1.22: an acronym introduced after an organisation's name is a mention of it
    # where the recogniser missed it (an Al Jazeera-style story, 2026-11-29)
    ("The Rapid Support Forces (RSF) attacked. The RSF denied it. RSFX is a code.",
     [("Rapid Support Forces", ["The Rapid Support Forces", "RSF"])]),
    # an acronym of the name's first words, of three letters or more (a health story)
    ("The Centers for Disease Control and Prevention (CDC) spoke. The CDC agreed.",
     [("Centers for Disease Control and Prevention",
       ["The Centers for Disease Control and Prevention", "CDC"])]),
    # not one a person's name "introduces": a document tagged as a person
    ("Amoris Laetitia (AL) says so. AL is read widely.", [("Amoris Laetitia",
                                                          ["Amoris Laetitia"])]),
    # nor letters that are not its initials
    ("The Rapid Support Forces (RS) attacked. The RS denied it.",
     [("Rapid Support Forces", ["The Rapid Support Forces"])]),
])
def test_an_introduced_acronym_is_a_mention(text: str,
                                            expected: list[tuple[str, list[str]]]) -> None:
    name = expected[0][1][0]
    label = "PERSON" if name == "Amoris Laetitia" else "ORG"
    actors = group_entities(text, [(0, len(name), label)])
    assert [(a.name, [m.text for m in a.mentions]) for a in actors] == expected


def test_a_company_named_like_a_weapon_is_an_actor() -> None:
    """Entities 1.18: "Patriot" is a weapon before "systems", and an actor otherwise (PolNeAR
    dev: "Patriot agreed", of the company Patriot Coal, had lost its actor)."""
    text = "Patriot Coal said so. Patriot agreed. Kyiv wants 25 Patriot air defense systems."
    weapon = text.index("Patriot air")
    spans = [(0, 12, "ORG"), (22, 29, "ORG"), (weapon, weapon + 7, "ORG")]
    actors = group_entities(text, spans)
    assert [(a.name, [m.start for m in a.mentions]) for a in actors] == [
        ("Patriot Coal", [0]), ("Patriot", [22])]


@pytest.mark.parametrize(("text", "mention", "tagged"), [
    ("The AI race heats up.", "AI", "GPE"),
    ("COVID spread fast.", "COVID", "PERSON"),
    ("Email this story.", "Email", "PERSON"),
    ("Ukraine needs 25 Patriot systems.", "Patriot", "PERSON"),
    # entities 1.20: a press release's degree, product code and ticker
    ("said Jane Doe, M.D., Chief Medical Officer.", "M.D.", "GPE"),
    ("said John Roe, Esq., a lawyer.", "Esq.", "GPE"),
    ("Its trial of ACM-101 met its endpoint.", "ACM-101", "PERSON"),
    ("Acme Health, Inc. (NASDAQ: ACMH) today announced it.", "ACMH", "PERSON"),
    # entities 1.22: a time zone (a police story, 2026-11-29)
    ("Officers were called at about 15:20 GMT.", "GMT", "ORG"),
    ("It happened at 12:30 p.m. CST on Friday.", "CST", "ORG"),
])
def test_a_technology_or_a_disease_is_no_actor(text: str, mention: str, tagged: str) -> None:
    """Entities 1.16: "AI" was a place in a tech story (2026-11-29)."""
    at = text.index(mention)
    assert group_entities(text, [(at, at + len(mention), tagged)]) == []


@pytest.mark.parametrize("place", ["Kherson", "Khan Younis", "Kharkiv", "Sumy"])
def test_places_of_the_wars_are_places(place: str) -> None:
    """Entities 1.12: the small model tags these as people ("he" could stand for them)."""
    analysis = claimscope.analyze(f"Israeli troops entered {place} on Monday, officials said.")
    labels = {e.name: e.label for e in analysis.entities}
    assert labels.get(place) == "GPE"


def _grouped(text: str, needles: list[tuple[str, str]]) -> dict[str, tuple[str, list[str]]]:
    spans, at = [], 0
    for needle, label in needles:
        start = text.index(needle, at)
        spans.append((start, start + len(needle), label))
        at = start + len(needle)
    return {e.name: (e.label, [m.text for m in e.mentions]) for e in group_entities(text, spans)}


@pytest.mark.parametrize(("text", "needles", "expected"), [
    # a company's first word alone is the company, whatever the recogniser tagged it
    ("Northwind Motors cut its forecast. Northwind said tariffs hurt.",
     [("Northwind Motors", "ORG"), ("Northwind", "PERSON")],
     {"Northwind Motors": ("ORG", ["Northwind Motors", "Northwind"])}),
    # a company's name is an organisation when tagged a person
    ("Sales fell, according to Cox Automotive.", [("Cox Automotive", "PERSON")],
     {"Cox Automotive": ("ORG", ["Cox Automotive"])}),
    # not a surname beside a person of that name, nor a place, nor an acronym
    ("Tony Podesta founded the Podesta Group. Podesta said no.",
     [("Tony Podesta", "PERSON"), ("Podesta Group", "ORG"), ("Podesta", "PERSON")],
     {"Tony Podesta": ("PERSON", ["Tony Podesta", "Podesta"]),
      "Podesta Group": ("ORG", ["Podesta Group"])}),
    # a public body's name is an organisation when tagged a place
    ("Officers of West Yorkshire Police were called.", [("West Yorkshire Police", "GPE")],
     {"West Yorkshire Police": ("ORG", ["West Yorkshire Police"])}),
    ("Malaysia Airlines flies from Malaysia.",
     [("Malaysia Airlines", "ORG"), ("Malaysia", "GPE")],
     {"Malaysia Airlines": ("ORG", ["Malaysia Airlines"]), "Malaysia": ("GPE", ["Malaysia"])}),
])
def test_a_company_and_its_first_word(text: str, needles: list[tuple[str, str]],
                                      expected: dict[str, tuple[str, list[str]]]) -> None:
    """Entities 1.21 (a Reuters-style story, 2026-11-29): "Northwind" was a person beside
    the company "Northwind Motors", "Cox Automotive" a person."""
    assert _grouped(text, needles) == expected
