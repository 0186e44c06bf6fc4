"""Named entities grouped per article into actors with a canonical name.

"Russian President Vladimir Putin", "Putin", "Vladimir Putin" become one actor "Vladimir
Putin"; "the United States", "US", "the US" become "United States". Grouping uses name
normalisation (articles, possessives, honorifics), surname and acronym links inside the
article, and a small alias table of country and organisation short forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimscope.ingest.lexicon import OUTLETS
from claimscope.model import Entity, Span, make_span
from claimscope.names import person_gender
from claimscope.quotes.marks import after_glued_close

if TYPE_CHECKING:
    from claimscope.pipeline import AnalyzeOptions, Context

# spaCy labels that name actors or places an article talks about (not dates or amounts).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})

# Short forms whose long form is not their initials or is not in the text.
ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
    "america": "United States", "the states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia", "rf": "Russia",
    "eu": "European Union", "un": "United Nations", "u.n.": "United Nations",
    "nato": "NATO", "prc": "China", "people's republic of china": "China",
    "dprk": "North Korea", "democratic people's republic of korea": "North Korea",
    "kiev": "Kyiv", "kyiv": "Kyiv", "uae": "United Arab Emirates",
}
# Places spaCy's small model often tags as PERSON or ORG; their label is corrected. The
# second list: places of the wars in the news that it tags as people, organisations or
# products (tested 2026-11-29 in "Troops entered X on Monday" and "Residents of X fled":
# "he" could stand for "Kherson", an actor "Khan Younis" be cast as a victim); "_" joins
# the words of a name.
KNOWN_PLACES = frozenset(
    {"kiev", "kyiv", "moscow", "washington", "beijing", "london", "paris", "berlin", "minsk",
     "ukraine", "russia", "belarus", "china", "israel", "gaza", "iran", "syria", "crimea",
     "donbass", "donbas", "sochi"}
    | {name.replace("_", " ") for name in """
    khan_younis beit_lahia nuseirat rafah jabalia jenin homs aleppo idlib sanaa hodeidah
    khartoum avdiivka kherson zaporizhzhia luhansk donetsk mariupol kharkiv odesa odessa
    dnipro kursk belgorod sevastopol melitopol chasiv_yar vuhledar kupiansk bakhmut pokrovsk
    sumy lviv lahore karachi sinai""".split()}
    # Countries (it tagged "Madagascar" PERSON and "Sierra Leone" ORG on SemEval news,
    # "UAE" ORG on news of 2026-11-29); not those that are also first names ("Jordan",
    # "Chad", "Georgia"), which stay the model's to tell.
    | {name.replace("_", " ") for name in """
    afghanistan albania algeria andorra angola argentina armenia australia austria
    azerbaijan bahamas bahrain bangladesh barbados belgium belize benin bhutan bolivia
    bosnia botswana brazil brunei bulgaria burkina_faso burundi cambodia cameroon canada
    cape_verde chile colombia comoros congo costa_rica croatia cuba cyprus czechia
    czech_republic denmark djibouti dominican_republic ecuador egypt el_salvador eritrea
    estonia eswatini ethiopia fiji finland france gabon gambia germany ghana greece
    grenada guatemala guinea guinea-bissau guyana haiti honduras hungary iceland india
    indonesia iraq ireland italy ivory_coast jamaica japan kazakhstan kenya kiribati kosovo
    kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
    luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
    micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru
    nepal netherlands new_zealand nicaragua niger nigeria north_korea north_macedonia
    norway oman pakistan palau palestine panama papua_new_guinea paraguay peru philippines
    poland portugal qatar romania rwanda samoa san_marino saudi_arabia senegal serbia
    seychelles sierra_leone singapore slovakia slovenia somalia south_africa south_korea
    south_sudan spain sri_lanka sudan suriname sweden switzerland taiwan tajikistan
    tanzania thailand togo tonga trinidad_and_tobago tunisia turkey turkmenistan tuvalu
    uganda united_arab_emirates united_kingdom united_states uruguay uzbekistan vanuatu
    venezuela vietnam yemen zambia zimbabwe""".split()}
)
# Parties and armed groups spaCy's small model often tags as PERSON ("Labour", then "he"
# could stand for it); their label is corrected to ORG.
KNOWN_ORGS = frozenset(
    {"labour", "tories", "conservatives", "democrats", "republicans", "gop", "likud", "snp",
     "fidesz", "afd", "hamas", "hezbollah", "taliban", "houthis", "wagner", "isis", "al-qaeda"}
)
# Platforms, companies and outlets the small model tags as people or places ("Twitter"
# PERSON in 61 of 653 SemEval articles, "Breitbart" in 16, "Politico" in 9, "Youtube"
# GPE): organisations whatever their label. Not "Apple" or "Amazon", words of other things
# too, nor "Bloomberg", a person too.
KNOWN_COMPANIES = frozenset(
    {"twitter", "facebook", "instagram", "youtube", "tiktok", "telegram", "whatsapp",
     "google", "meta", "microsoft", "reddit", "linkedin", "snapchat", "truth social",
     "rumble", "gab", "parler", "openai", "anthropic", "nvidia", "tesla", "spacex",
     "breitbart", "politico", "infowars", "sputnik", "axios", "reuters", "buzzfeed",
     "huffpost", "newsmax", "tass", "xinhua", "interfax", "ria novosti", "al jazeera"}
)
# Last words of a company's name ("Northwind Motors", "Cox Automotive"): such a name is an
# organisation whatever the small model tags it, and its first word alone, when no person's
# name, the company ("Northwind", tagged PERSON three times in a Reuters-style story of
# 2026-11-29).
_CORPORATE = frozenset("""
    motors automotive airlines airways group holdings bank bancorp capital partners
    technologies pharmaceuticals pharma energy foods systems industries media
    entertainment labs laboratories therapeutics biosciences semiconductor semiconductors
    insurance financial communications networks software ventures resources petroleum
    steel mining aerospace logistics brands stores telecom
""".split())
# Words the small model tags as actors that name no one: a technology, a disease, a
# page's button, an event ("AI" a place in a tech story, 2026-11-29; "COVID" a person,
# "Email" a person in 28 SemEval articles, "Brexit" in 7).
NOT_ACTORS = frozenset(
    {"ai", "a.i.", "covid", "covid-19", "coronavirus", "email", "brexit"}
    # Weapons in the war news ("Patriot" a person, three times in a Kyiv story of
    # 2026-11-29; "Kinzhal" an organisation, "F-16s" a person on SemEval news); not
    # "Abrams" or "Bradley", surnames too.
    | {name.replace("_", " ") for name in """
    himars atacms storm_shadow iskander kinzhal kalibr shahed shaheds javelin javelins
    stinger stingers f-16 f-16s leopard leopards sarmat bayraktar""".split()}
    # Time zones after a clock time ("at about 15:20 GMT" an organisation in a police
    # story, 2026-11-29; "0724 GMT", "12:30 p.m. CST" on SemEval news); not "ET" or "PT",
    # which other names abbreviate.
    | set("""gmt bst utc cet cest eet eest msk est edt cst cdt mst mdt pst pdt aest aedt
    jst kst""".split())
)
# Weapons' names that name actors too ("Patriot Coal", "The Lancet"): no actor only before
# a weapon's noun ("25 Patriot air defense systems").
_WEAPONS_IF_SO = frozenset({"patriot", "patriots", "lancet", "lancets", "taurus"})
_WEAPON_NOUN = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:systems?|missiles?|batter(?:y|ies)|"
                          r"launchers?|drones?|interceptors?|air\s+defen[cs]e)\b",
                          re.IGNORECASE)


# A press release's names that name no actor (2026-11-30): a degree after a name ("Jane
# Doe, M.D." gave a place "M.D"), a product code ("ACM-101", a person), and a ticker
# after its exchange ("(NASDAQ: ACMH)", a person).
_DEGREES = frozenset({"m.d", "md", "ph.d", "phd", "mba", "esq", "d.o", "r.n", "j.d"})
_CODE = re.compile(r"[A-Z]{2,5}-?\d{3,}[A-Za-z\d]*")  # not "MS-13" or "APT28", groups
_TICKER_BEFORE = re.compile(r"\b(?:NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|OTC|AMEX)\s*:\s*$")


def _no_actor(name: str, text: str, start: int, end: int) -> bool:
    """Whether a mention called ``name`` (``clean_name``), at [start, end), names no actor
    (``NOT_ACTORS``, ``_WEAPONS_IF_SO``, degrees, product codes, tickers)."""
    low = name.lower()
    if low in NOT_ACTORS or low.strip(".") in _DEGREES or _CODE.fullmatch(name):
        return True
    if name.isupper() and _TICKER_BEFORE.search(text, max(0, start - 12), start):
        return True
    return low in _WEAPONS_IF_SO and _WEAPON_NOUN.match(text, end) is not None


# A tabloid's lede opens with the first name in capitals ("NIGEL Farage last night
# slammed ...", "BORIS Johnson today": an ORG to the small model, 12 such names on the
# SemEval articles).
_CAPS_FIRST = re.compile(r"^([A-Z]{2,})(?=\s+[A-Z][a-z])")


def _caps_first_name(name: str) -> str:
    """``name`` with a first name in capitals written as a name ("NIGEL Farage": "Nigel
    Farage"), when it is a known first name."""
    m = _CAPS_FIRST.match(name)
    if m is None:
        return name
    written = m.group(1).title() + name[m.end(1) :]
    if written.lower() in OUTLETS or not person_gender(written):
        return name  # "RIA Novosti" is no "Ria Novosti"
    return written


# Abbreviated ranks and titles ("Sec", "Col.", "Lt.") are honorifics too: "Treasury Chief
# Sec Simon Clarke" was the actor "Sec Simon Clarke" (found on SemEval news, 2026-11-28).
_HONORIFICS = re.compile(
    r"^(mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|gen|sen|rep|gov|pres|president|"
    r"sec|secy|col|lt|capt|cmdr|adm|sgt|maj|rev|hon|amb|supt|insp|fr|det|cpl|pvt|atty|"
    r"msgr|brig|ofc|"
    r"prime minister|minister|senator|representative|governor|general|secretary|"
    r"chancellor|king|queen|prince|princess|pope|judge|justice|mayor|ambassador|"
    r"archbishop|bishop|cardinal|manager|coach|chairman|chairwoman|spokesman|"
    r"spokeswoman|spokesperson)\.?\s+",
    re.IGNORECASE,
)
# "Russian President Vladimir Putin", "Foreign Minister Sergei Lavrov": a title, maybe
# after an adjective, in front of a name of two or more words.
_TITLED = re.compile(
    r"^([A-Z][\w-]+\s+){0,2}(president|prime minister|foreign minister|minister|secretary|"
    r"chancellor|spokesperson|spokesman|spokeswoman|leader|ambassador|envoy|general|"
    r"senator|governor|mayor|chief|head|director|ceo|chairman|chair)\s+(?=[A-Z]\S*\s+[A-Z])",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(’s|'s|’|')$")
_BRACKETS = re.compile(r"[\[\]{}()]")


def clean_name(text: str) -> str:
    """A mention's name as an actor is called: no article, possessive, honorific, brackets."""
    name = " ".join(_BRACKETS.sub("", text).split())
    name = _LEADING_THE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    previous = None
    while previous != name:
        previous = name
        stripped = _strip_title(name)
        if stripped != name:
            stripped = _titled_remainder(stripped)
        name = stripped or name
    name = name.strip(" ,.;:-–—")
    name = _LEGAL_SUFFIX.sub("", name) or name
    return _caps_first_name(name) or text.strip()


# A company's legal form closing its name: "Acme Health, Inc." is Acme Health, as its
# press release's title calls it (2026-11-30).
_LEGAL_SUFFIX = re.compile(
    r",?\s+(?:Co\.?,?\s+)?(?:Inc|Ltd|LLC|L\.L\.C|Corp|PLC|plc|GmbH|N\.V|S\.A)\.?$")


def _strip_title(name: str) -> str:
    """The name without the title or honorific that opens it, if one does."""
    return _HONORIFICS.sub("", _TITLED.sub("", name))


def is_title_of(name: str) -> bool:
    """Whether a name is a person's title of a place or body and no more ("Archbishop of
    Buenos Aires", "Head of German Intelligence")."""
    rest = _strip_title(name)
    return rest != name and rest.split()[:1] == ["of"] and clean_name(name) == name


# Last words of a body's name: a title before them is part of that name ("Justice
# Department", "General Assembly", "Prince George's County"), not a person's title.
_BODY_WORDS = frozenset("""
    department ministry assembly congregation secretariat council court office committee
    conference conferences motors electric dynamics mills hospital staff county
    accountability corporation company group church school university college
""".split())


def _titled_remainder(rest: str) -> str:
    """What a title leaves of a name: the name; "" when the title was part of a body's
    name ("Justice Department") or of a title with "of" and no person named after it
    ("Archbishop of Buenos Aires"); from the first word that opens a person's name when
    the title runs on with "of" ("Secretary of State Antony Blinken")."""
    words = rest.split()
    if not words or _POSSESSIVE.sub("", words[-1].strip(".,;:")).lower() in _BODY_WORDS:
        return ""
    if words[0] != "of":
        return rest
    for i in range(2, len(words) - 1):  # "of", what the title is of, then the name
        if person_gender(" ".join(words[i:])):
            return " ".join(words[i:])
    return ""


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper()).lower()


@dataclass
class _Group:
    name: str
    labels: Counter[str] = field(default_factory=Counter)
    mentions: list[Span] = field(default_factory=list)


# A person's title right before a name ("German Chancellor Olaf Scholz", "Gov. Jay
# Inslee", "foreign minister Dmytro Kuleba").
_TITLE_BEFORE = re.compile(
    r"\b(?:president|chancellor|minister|premier|secretary|senator|sen\.|governor|gov\.|"
    r"mayor|mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?|professor|spokesman|spokeswoman|spokesperson|"
    r"general|gen\.|ambassador|envoy|judge|justice|rep\.|representative|congressman|"
    r"congresswoman|king|queen|prince|princess|pope|archbishop|bishop|cardinal|"
    r"chairman|chairwoman|commissioner|sheriff)\s+$",
    re.IGNORECASE,
)


def _label_of(text: str, start: int, end: int, label: str, name: str) -> str:
    """The mention's label, corrected where the small model is known to err: places it
    tags as people or organisations, and a person it tags as an organisation or a place
    although a title stands before the name and the name opens with a first name ("German
    Chancellor Olaf Scholz" was an ORG, "Scholz" after it a GPE, and "the chancellor" went
    to the next person named; found on news of 2026-11-29). ``name``: the mention's
    ``clean_name``."""
    words = text[start:end]
    place = ALIASES.get(name.lower(), name).lower()  # "UAE": the United Arab Emirates
    if label in {"PERSON", "ORG", "NORP", "PRODUCT"} and place in KNOWN_PLACES:
        return "GPE"
    if label == "PERSON" and name.lower() in KNOWN_ORGS:
        return "ORG"
    if name.lower() in KNOWN_COMPANIES or (label == "PERSON" and _corporate(name)):
        return "ORG"
    if label in _PERSON_MISTAKES | {"PERSON"} and len(name.split()) >= 2 \
            and name.split()[-1].lower() in _PUBLIC_BODIES:
        return "ORG"  # "West Yorkshire Police" was a place
    if (label in _PERSON_MISTAKES and len(name.split()) >= 2 and person_gender(name)
            and (_strip_title(words) != words or _CAPS_FIRST.match(words.strip())
                 or _TITLE_BEFORE.search(text, max(0, start - 20), start))):
        return "PERSON"
    return label


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
# Last words of a public body's name ("West Yorkshire Police", "Defence Ministry").
_PUBLIC_BODIES = frozenset({"police", "constabulary", "ministry", "department", "agency",
                            "commission"})


def _corporate(name: str) -> bool:
    """Whether a name of two words or more ends with a company's word ("Cox Automotive")."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in _CORPORATE


# Labels the small model gives people it does not know ("Olaf Scholz" ORG).
_PERSON_MISTAKES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def group_entities(
    text: str, ents: list[tuple[int, int, str]], headings: Sequence[Span] = ()
) -> list[Entity]:
    """Group ``(start, end, label)`` mentions of ``text`` into actors, in order of appearance.

    ``headings``: the title and subheadings. Their title case misleads the recogniser ("On
    Relations With North Korea" gave an organisation "Relations With North Korea"), so an
    actor named only there is kept only when its name also stands in the body."""
    mentions: list[tuple[Span, str]] = []
    for s, e, label in _with_particles(text, ents):
        if label not in ACTOR_LABELS or not text[s:e].strip():
            continue
        name = clean_name(text[s:e])
        if not _no_actor(name, text, s, e):
            mentions.append((make_span(text, *_balanced(text, s, e)),
                             _label_of(text, s, e, label, name)))
    introduced = _introduced_acronyms(text, mentions)
    mentions = sorted([*mentions, *_acronym_mentions(text, mentions, introduced)],
                      key=lambda m: m[0].start)
    names = [clean_name(span.text) for span, _ in mentions]
    canonical = _canonical_names(names, [label for _, label in mentions])
    for acronym, (full, _) in introduced.items():
        canonical[acronym.lower()] = canonical.get(full.lower(), full)
    groups: dict[str, _Group] = {}
    for (span, label), name in zip(mentions, names, strict=True):
        key = canonical.get(name.lower(), name)
        if key != name and _corporate(key):
            label = "ORG"  # "Northwind" for "Northwind Motors"
        group = groups.setdefault(key.lower(), _Group(key))
        group.labels[label] += 1
        group.mentions.append(span)
    body = _outside(text, headings)
    return [
        Entity(g.name, _main_label(g.labels, g.name), tuple(g.mentions)) for g in groups.values()
        if not all(_within(m, headings) for m in g.mentions) or g.name in body
    ]


def _introduced_acronyms(text: str, mentions: list[tuple[Span, str]]
                         ) -> dict[str, tuple[str, str]]:
    """The acronyms the text introduces in brackets right after an organisation's or a
    place's name, each with that name and its label: "Rapid Support Forces (RSF)", and
    "Centers for Disease Control and Prevention (CDC)", whose acronym leaves out the last
    words (the initials must start with it, three letters at least). Not a person's name
    ("Amoris Laetitia (AL)", a document tagged as a person)."""
    out: dict[str, tuple[str, str]] = {}
    for span, label in mentions:
        if label not in ("ORG", "GPE"):
            continue
        found = _INTRODUCED.match(text, span.end)
        if found is None:
            continue
        acronym, name = found.group(1), clean_name(span.text)
        initials = _initials(name)
        if initials == acronym.lower() or (len(acronym) >= _MIN_PREFIX_ACRONYM
                                           and initials.startswith(acronym.lower())):
            out.setdefault(acronym, (name, label))
    return out


# An acronym of the first words of a name only ("CDC" of "Centers for Disease Control and
# Prevention") has at least this many letters: "CD" could be anything.
_MIN_PREFIX_ACRONYM = 3


def _acronym_mentions(text: str, mentions: list[tuple[Span, str]],
                      introduced: dict[str, tuple[str, str]]) -> list[tuple[Span, str]]:
    """Mentions the recogniser missed of an acronym the text introduces (``introduced``:
    "The Rapid Support Forces (RSF) have ..." then "The RSF denied ...": an Al Jazeera-style
    story, 2026-11-29, where "the group said" after it went to no one): every standalone
    occurrence of it outside the tagged mentions and the brackets introducing it, with the
    name's label (29 such mentions added in 646 SemEval articles: "ICE", "ICC", "IAEA",
    "IMF", "DRC", "SSMU" ...)."""
    out: list[tuple[Span, str]] = []
    taken = [span for span, _ in mentions]
    for acronym, (_, label) in introduced.items():
        for m in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", text):
            if text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")":
                continue  # the brackets introducing it: one mention with the name
            if not any(t.start < m.end() and m.start() < t.end for t in taken):
                span = make_span(text, m.start(), m.end())
                taken.append(span)
                out.append((span, label))
    return out


# An acronym in brackets right after a name: "Rapid Support Forces (RSF)".
_INTRODUCED = re.compile(r"\s*\(([A-Z]{2,6})\)")


# Lowercase particles inside surnames ("Ursula von der Leyen", "Charles de Gaulle",
# "Lula da Silva", "Mohammed bin Salman").
_PARTICLES = frozenset("von van der den de da du di del della dos das la le bin ibn".split())
# A person's mention that stops at a particle, and the particles and surname after it.
_PARTICLE_TAIL = re.compile(rf"(?:\s+(?:{'|'.join(sorted(_PARTICLES, key=len, reverse=True))}))*"
                            r"\s+[A-Z][\w'’-]*")

# Capitalised particles right before a mention ("Von der Leyen"), after no word.
_PARTICLE_LEAD = re.compile(r"(?<![\w'’-])(?:Von|Van|De|Da|Du|Di|Del|Della|Dos|Bin|Ibn)"
                            r"(?:\s+(?:der|den|de|la|los))?\s+$")


def _with_particles(text: str, ents: list[tuple[int, int, str]]
                    ) -> list[tuple[int, int, str]]:
    """The mentions with a person's name the recogniser cut at a particle made whole:
    "Ursula von der" (PERSON) and "Leyen" (GPE) are one mention "Ursula von der Leyen", and
    "Leyen" after a capitalised "Von der" is "Von der Leyen"."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in sorted(ents):
        if out and start < out[-1][1]:
            continue  # swallowed by the mention before, made whole
        lead = _PARTICLE_LEAD.search(text, max(0, start - 20), start)
        if lead is not None and (not out or out[-1][1] <= lead.start()):
            start = lead.start()  # "Von der Leyen" opening a sentence, tagged "Leyen"
        words = text[start:end].split()
        if out and words[0] in _PARTICLES and _joins_name(text, out[-1], start):
            out[-1] = (out[-1][0], end, "PERSON")  # "Abdulaziz" + "bin Salman"
            continue
        if label == "PERSON" and len(words) >= 2 and words[-1] in _PARTICLES:
            tail = _PARTICLE_TAIL.match(text, end)
            if tail is not None:
                end = tail.end()
        out.append((start, end, label))
    return out


def _joins_name(text: str, before: tuple[int, int, str], start: int) -> bool:
    """Whether a mention opening with a particle at ``start`` goes on the person's name
    ``before`` it, one blank away: the recogniser cut "Abdulaziz bin Salman" in two."""
    return before[2] == "PERSON" and text[before[1]:start] == " "


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The mention with the opening bracket the recogniser left out ("[North] Korea", an
    editor's insertion, came out as "North] Korea"), and without a quote's closing mark
    glued to its front ("device,”Polyansky", one word to the tokenizer), nor the blanks
    it took in at either end."""
    start = after_glued_close(text, start, end)
    # The recogniser takes in line breaks after a name ("X.\n\n" at a paragraph's end).
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    words = text[start:end]
    if start > 0 and text[start - 1] == "[" and "]" in words and "[" not in words:
        return start - 1, end
    return start, end


def _within(span: Span, headings: Sequence[Span]) -> bool:
    return any(h.start <= span.start and span.end <= h.end for h in headings)


def _outside(text: str, headings: Sequence[Span]) -> str:
    """The text with the headings blanked out (offsets kept)."""
    chars = list(text)
    for h in headings:
        chars[h.start : h.end] = " " * (h.end - h.start)
    return "".join(chars)


def _main_label(labels: Counter[str], name: str) -> str:
    # A person named once as PERSON and once mis-tagged as ORG is still a person, and so is
    # one tagged PERSON at least once whose full name opens with a first name ("Ed
    # Rendell", tagged ORG three times in four on PolNeAR news).
    if labels.get("PERSON", 0) and (labels["PERSON"] * 3 >= sum(labels.values())
                                    or (" " in name and person_gender(name))):
        return "PERSON"
    return labels.most_common(1)[0][0]


def _canonical_names(names: list[str], labels: list[str]) -> dict[str, str]:
    """Map each lowercased mention name to its actor's canonical name."""
    distinct = list(dict.fromkeys(names))
    person_full = [
        n for n, lab in zip(names, labels, strict=True) if lab == "PERSON" and len(n.split()) >= 2
    ]
    places = {n for n, lab in zip(names, labels, strict=True) if lab in _PLACE_LABELS}
    out: dict[str, str] = {}
    for name in distinct:
        low = name.lower()
        if low in ALIASES:
            out[low] = ALIASES[low]
            continue
        target = name
        tokens = name.split()
        if len(tokens) == 1:
            # A surname or first name: the full person name that ends (or starts) with it.
            matches = [f for f in person_full if f.split()[-1].lower() == low]
            if not matches:
                matches = [f for f in person_full if f.split()[0].lower() == low]
            person = _main_person(matches, person_full)
            companies = {d for d in distinct if _corporate(d) and d.split()[0].lower() == low}
            if person is not None:
                target = person
            elif len(companies) == 1 and not matches and not name.isupper() \
                    and name not in places:
                # "Northwind" for "Northwind Motors"; not "Podesta" beside "Tony Podesta"
                # and "Podesta Group", "CNN" beside "CNN Communications", "Malaysia"
                # beside "Malaysia Airlines" (SemEval and PolNeAR news, 2026-11-29)
                target = companies.pop()
            elif name.isupper() and len(name) >= 2:
                # An acronym whose spelled-out form is in the article.
                spelled = {d for d in distinct if len(d.split()) >= 2 and _initials(d) == low}
                if len(spelled) == 1:
                    target = spelled.pop()
        elif name in person_full:
            target = _longest_form(name, person_full)
        elif tokens[0].lower() in _PARTICLES:
            # A surname with its particle, capitalised opening a sentence ("Von der Leyen
            # added"): the full name that ends with it.
            ends = [f for f in person_full if f.lower().endswith(" " + low)]
            target = _main_person(ends, person_full) or name
        out[low] = ALIASES.get(target.lower(), target)
    return out


# A surname shared by several people named in full stands for the one named most often
# when they are named at least this many times as often as any other: "Clinton" in an
# article naming "Hillary Clinton" 20 times and "Bill Clinton" once is Hillary Clinton; at
# comparable counts ("Bill Clinton" 5, "Hillary Clinton" 3) it stays a surname alone.
_DOMINANCE = 2
# ... and at least this many times: two against one is thin evidence (an article named the
# Kyiv mayor Vitali Klitschko once, his brother Wladimir twice, and "Klitschko" was the
# mayor; SemEval news, 2026-11-28).
_DOMINANT_MENTIONS = 3


def _main_person(matches: list[str], full_names: list[str]) -> str | None:
    """The person a lone surname stands for, among the full-name mentions ``matches`` that
    end in it (one per mention): the only one ("Boris Johnson", "BORIS Johnson" are one),
    or the dominant one (``_DOMINANCE``); None when there is none or it is ambiguous."""
    forms = {m: _longest_form(m, full_names) for m in set(matches)}
    people = Counter(forms[m] for m in matches).most_common(2)
    if not people:
        return None
    if len(people) == 1 or (people[0][1] >= _DOMINANT_MENTIONS
                            and people[0][1] >= _DOMINANCE * people[1][1]):
        return people[0][0]
    return None


def _longest_form(name: str, full_names: list[str]) -> str:
    """Prefer the most frequent full form of the same person: same surname and a first
    word that agrees ("Vladimir Putin" for "Vladimir V. Putin"). Two people of one family
    ("Bill Clinton" and "Hillary Clinton", "Joe Biden" and "Hunter Biden") stay two."""
    surname = name.split()[-1].lower()
    forms = Counter(f for f in full_names
                    if f.split()[-1].lower() == surname and _first_agrees(name, f))
    # A form that opens with a particle is a surname ("von der Leyen"), not a full name.
    return max(forms, key=lambda f: (f.split()[0].lower() not in _PARTICLES, forms[f], -len(f))
               ) if forms else name


def _first_agrees(a: str, b: str) -> bool:
    """Whether two full names may be one person's: their first words are the same, case
    and dots aside ("BORIS"/"Boris", "J.D."/"JD"), or one is an initial of the other
    ("V."/"Vladimir"); or the shorter is the end of the longer, a surname of two words or
    a word the recogniser took in ("Wasserman Schultz" in "Debbie Wasserman Schultz",
    "Donald Trump" in "Billionaire Donald Trump")."""
    x, y = (n.lower().replace(".", "").split() for n in (a, b))
    if not x or not y:
        return False  # a "name" of dots alone
    if len(x) > len(y):
        x, y = y, x
    if y[len(y) - len(x):] == x:
        return True
    first, other = sorted((x[0], y[0]), key=len)
    return first == other or (len(first) == 1 and other.startswith(first))


class EntityComponent:
    name = "entities"
    # 1.1: an actor named only in the title or subheadings is kept only when its name also
    # stands in the body (title case misleads the recogniser); a mention keeps the opening
    # bracket of an editor's insertion ("[North] Korea").
    # 1.2: abbreviated ranks and titles ("Sec", "Col.", "Lt.") are no part of a name; a
    # surname joins a full name written in two cases ("Boris Johnson", "BORIS Johnson").
    # 1.3: full names join only when their first words agree: "Bill Clinton" is no
    # mention of "Hillary Clinton", nor "Cong Yi" of "Wang Yi".
    # 1.4: a surname shared by several people named in full is the one named at least
    # twice as often as any other ("Clinton" beside 20 "Hillary Clinton", 1 "Bill Clinton").
    # 1.5: an actor tagged PERSON at least once whose full name opens with a first name is a
    # person ("Ed Rendell", tagged ORG three times in four).
    # 1.6: a mention drops a quote's closing mark glued to its front ("device,”Polyansky").
    # 1.7: a mention after a person's title whose name opens with a first name is a person
    # whatever the recogniser said ("German Chancellor Olaf Scholz" was an ORG); a mention
    # leaves out the blanks the recogniser took in at its ends ("X.\n\n").
    # 1.8: a title before a body's last word is part of its name ("Justice Department" was
    # "Department", "General Motors" "Motors"); a title "of" a place stays whole
    # ("Archbishop of Buenos Aires" was "of Buenos Aires"), or gives the person after it
    # ("Secretary of State Antony Blinken").
    # 1.9: a person's name the recogniser cut at a particle is made whole ("Ursula von der"
    # and "Leyen" are "Ursula von der Leyen"; "Von der Leyen" opening a sentence).
    # 1.10: parties and armed groups tagged PERSON ("Labour", "Hamas") are organisations.
    # 1.11: more abbreviated ranks are honorifics ("Fr.", "Det.", "Cpl.", "Atty.": "Fr.
    # Weinandy" was an organisation).
    # 1.12: places of the wars in the news the small model tags as people or organisations
    # are places ("Kherson", "Khan Younis"; see KNOWN_PLACES).
    # 1.13: "Manager", "Coach", "Chairman", "Spokesman" ... before a name are honorifics
    # ("Manager Mikel Arteta" was the actor's name).
    # 1.14: a person's name cut before a particle is one name ("Abdulaziz" and "bin Salman"
    # are "Abdulaziz bin Salman").
    # 1.15: countries are places whatever the model tags them ("Madagascar" PERSON, "UAE"
    # ORG), but for those that are first names too.
    # 1.16: platforms and tech companies are organisations ("Twitter" PERSON), and "AI",
    # "COVID" no actors.
    # 1.17: and outlets ("Breitbart", "Politico" PERSON); "Email", "Brexit" no actors.
    # 1.18: nor weapons ("Patriot" PERSON, "Kinzhal" ORG).
    # 1.19: a tabloid's first name in capitals is a person's ("NIGEL Farage" ORG).
    # 1.20: a company's legal form is no part of its name ("Acme Health, Inc."); a degree
    # ("M.D."), a product code ("ACM-101") and a ticker ("NASDAQ: ACMH") are no actors.
    # 1.21: a name ending with a company's word is an organisation ("Cox Automotive" was a
    # person), and its first word alone the company ("Northwind" for "Northwind Motors",
    # "Wagner" for "Wagner Group") when no person, place or acronym; a public body's name
    # ("West Yorkshire Police", "Taos County Sheriff's Department") is an organisation.
    # 1.22: time zones are no actors ("15:20 GMT" was an organisation); an acronym the text
    # introduces after an organisation's or place's name is a mention of it wherever it
    # stands ("The RSF denied" after "The Rapid Support Forces (RSF)"), and the name's
    # actor, though it abbreviates only its first words ("Centers for Disease Control and
    # Prevention (CDC)").
    version = "1.22"
    requires: tuple[str, ...] = ()

    def __init__(self, options: AnalyzeOptions) -> None:
        self.options = options

    def __call__(self, ctx: Context) -> None:
        ents = [(e.start_char, e.end_char, e.label_) for e in ctx.doc.ents]
        article = ctx.article
        headings = [*article.headings,
                    *([article.title_span] if article.title_span is not None else [])]
        ctx.analysis.entities.extend(group_entities(article.text, ents, headings))
