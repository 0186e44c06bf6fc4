"""The quotes component: attributions with their cue, speaker and kind."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claimscope.errors import PipelineError
from claimscope.model import Quote, Speaker, make_span
from claimscope.quotes import (
    boundaries,
    encoder,
    headlines,
    interviews,
    parenthetical,
    rules,
    tagger,
)
from claimscope.quotes.assemble import (
    Draft,
    add_resumed,
    antecedent,
    assemble,
    join_continued,
    link_nested,
)
from claimscope.quotes.encoder import PieceProbs, QuoteEncoder
from claimscope.quotes.features import block_totals, doc_features
from claimscope.quotes.labels import TaggedSpan, spans_from_labels
from claimscope.quotes.marks import Quoted, as_primary_marks, find_quoted, inside_mask, quote_kind
from claimscope.quotes.parse_clues import ParseClues
from claimscope.quotes.speakers import Resolver, confidence
from claimscope.quotes.stacking import keep_erased, stacked_rows

if TYPE_CHECKING:
    from claimscope.pipeline import AnalyzeOptions, Context

def attributed(text: str, drafts: list[Draft], mask: bytearray) -> list[Draft]:
    """The drafts that are attributions: content the tagger found no cue for, outside
    quotation marks, names no one and reports nothing checkable, so it is left out rather
    than guessed at; a quoted passage without a cue stays (its speaker is carried)."""
    return [d for d in drafts if d.cue is not None or quote_kind(text, d.content, mask) == "direct"]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while the tagger's features are made: they are
    hundreds of thousands of small lists with no cycles (reference counting frees them),
    and each batch of new lists otherwise starts a collection that walks every object the
    process holds, the parse and models included: about half of the features' time. The
    collector's previous state is restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def extract(
    text: str, doc: Any, analysis_entities: Any, model: str | None = None, passes: int = 2,
    second_opinion: QuoteEncoder | None = None,
) -> list[Quote]:
    """Attributions of a parsed text (offsets into ``text``); ``passes``: 1 or 2 tagging
    passes (see ``AnalyzeOptions.quote_passes``); ``second_opinion``: an encoder whose
    label probabilities join the tagger's scores (see ``encoder``). A text quoting with
    single marks only is read as if they were double (``as_primary_marks``); the spans
    returned are the text's own."""
    original, text = text, as_primary_marks(text)
    quoted: list[Quoted] = find_quoted(text)
    opinion = (None if second_opinion is None
               else (second_opinion, second_opinion.piece_probs(text)))
    with _collector_paused():
        spans, confs = _tagged(doc, text, quoted, model, passes, opinion)
    mask = inside_mask(text, quoted)
    drafts = assemble(doc, text, spans, confs, quoted)
    # Before the rules weigh drafts against each other: a dateline piece ("MOSCOW,
    # February 14. /TASS/.") made the tagger's draft cross a rule's clause.
    drafts = boundaries.after_datelines(text, drafts)
    index = rules.RuleIndex(doc, text)
    drafts = rules.split_coordinated(index, drafts)
    drafts = rules.merge(drafts, [*rules.according_to(index, quoted),
                                  *rules.title_source_after(index),
                                  *rules.quoted_as_saying(index)])
    drafts = rules.add_missing(
        text, drafts,
        [*rules.nested_in_quotes(index, quoted, drafts), *rules.postposed(index),
         *rules.in_their_words(index, quoted),
         *rules.as_aside(index, quoted),
         *rules.colon_headline(index), *rules.dash_attribution(index, quoted),
         *headlines.title_case_headlines(text), *headlines.sentence_case_title(text),
         *headlines.standfirst_attribution(text),
         *headlines.transcript_turns(text, bool(interviews.question_paragraphs(text))),
         *interviews.answers(text, analysis_entities)],
    )
    drafts = rules.asked_aside(index, drafts, quoted)
    drafts = interviews.drop_questions(text, drafts)
    drafts = rules.drop_page_labels(text, drafts)
    drafts = rules.tidy_speakers(text, drafts)
    drafts = rules.drop_questions(index, drafts, mask)
    drafts = rules.drop_discourse_markers(text, drafts)
    drafts = parenthetical.join_asides(index, drafts)
    drafts = boundaries.drop_cue_adjuncts(doc, drafts)
    drafts = boundaries.skip_addressees(doc, drafts)
    drafts = boundaries.drop_earlier_lines(text, drafts)
    drafts = join_continued(text, drafts, quoted)
    drafts = add_resumed(text, drafts, quoted)
    drafts = boundaries.end_at_sentence(doc, text, drafts, mask)
    drafts = boundaries.within_lines(text, drafts)
    drafts = boundaries.drop_claim_appositives(text, drafts)
    drafts = boundaries.after_datelines(text, drafts)  # the rules' drafts, read whole
    drafts = boundaries.extend_run_on(doc, text, drafts, mask)
    drafts = attributed(text, drafts, mask)
    link_nested(doc, text, drafts, quoted)
    drafts = rules.drop_echoes(drafts)
    resolver = Resolver(text, analysis_entities, ParseClues.of(doc))
    kinds = ["direct" if d.verbatim else quote_kind(text, d.content, mask) for d in drafts]
    order = sorted(range(len(drafts)), key=lambda i: _anchor(drafts[i]))
    speakers: dict[int, Speaker | None] = {}
    for i in order:
        d = drafts[i]
        nested = d.parent is not None
        if d.speaker is not None:
            stands_for = antecedent(doc, d.speaker)
            speakers[i] = (resolver.resolve(*d.speaker, nested=nested) if stands_for is None
                           else resolver.through(stands_for, d.speaker, nested))
        elif kinds[i] == "direct":
            speakers[i] = resolver.carried(d.content[0][0], nested)
        else:
            speakers[i] = None
    out: list[Quote] = []
    for i, d in enumerate(drafts):
        speaker = speakers[i]
        if speaker is not None and speaker.mention is not None and text is not original:
            at = speaker.mention
            speaker = dataclasses.replace(speaker, mention=make_span(original, at.start, at.end))
        out.append(Quote(
            id=f"q{i + 1}",
            kind=kinds[i],
            content=tuple(make_span(original, s, e) for s, e in d.content),
            cue=make_span(original, *d.cue) if d.cue else None,
            speaker=speaker,
            confidence=round(d.confidence * confidence(speaker), 3),
            parent=f"q{d.parent + 1}" if d.parent is not None else None,
        ))
    return out


def _tagged(
    doc: Any, text: str, quoted: list[Quoted], model: str | None, passes: int,
    opinion: tuple[QuoteEncoder, PieceProbs] | None = None,
) -> tuple[list[TaggedSpan], list[float]]:
    """The tagger's spans, and for each the tagger's confidence in it: the marginal
    probability of its first and last labels, where its doubt lies. With two passes the
    second reads the first pass's labels (see ``stacking``) and has the last word; with
    an ``opinion``, the encoder's scaled log probabilities join each pass's scores."""
    crf = tagger.load_passes(model, passes)
    last = passes - 1
    spans: list[TaggedSpan] = []
    confs: list[float] = []
    for block in doc_features(doc, tagger.load_priors(model), text, quoted,
                              tagger.load_clusters(model)):
        if not len(block):
            continue
        totals = block_totals(block, crf)
        if opinion is not None:
            extra = opinion[0].scores(opinion[1], [v.start for v in block.views],
                                      [v.end for v in block.views], crf.labels)
            totals = totals + np.tile(extra, (1, totals.shape[1] // extra.shape[1]))
        scores = crf.model_scores(totals, 0)
        labels = crf.decode(scores, 0)
        if passes == 2:
            starts = block.starts
            extras = stacked_rows(crf, starts, block.views, labels)
            crf.add_sums(totals, extras)
            scores = crf.model_scores(totals, last)
            labels = keep_erased(starts, labels, crf.decode(scores, last))
        found = spans_from_labels(block.views, labels)
        if not found:
            continue
        edges = [k for s in found for k in (s.first, s.last - 1)]
        probs = crf.marginals(scores, last, edges, labels)
        spans.extend(found)
        confs.extend((probs[2 * i] + probs[2 * i + 1]) / 2 for i in range(len(found)))
    return spans, confs


def _anchor(d: Draft) -> int:
    return d.speaker[0] if d.speaker else d.content[0][0]


def confident(quotes: list[Quote], minimum: float) -> list[Quote]:
    """The quotes whose confidence reaches ``minimum``, numbered again in order; a quote
    under it that holds a kept nested one stays (the nesting would lose its source)."""
    parents = {q.parent for q in quotes if q.parent is not None and q.confidence >= minimum}
    kept = [q for q in quotes if q.confidence >= minimum or q.id in parents]
    if len(kept) == len(quotes):
        return quotes
    ids = {q.id: f"q{k + 1}" for k, q in enumerate(kept)}
    return [dataclasses.replace(q, id=ids[q.id],
                                parent=ids.get(q.parent) if q.parent is not None else None)
            for q in kept]


class QuoteComponent:
    name = "quotes"
    # 1.1: speakers of report nouns, addressees, a cue's own subject, descriptions, relative
    # pronouns and mention heads (2026-11-26): the same text can get other quotes.
    # 1.2: a verb before an aside takes the "that" clause after it (parenthetical.py).
    # 1.3: indirect speech ends with its sentence, a piece starting inside the cue's adjunct
    # is dropped, a quotation resumes a quote only after its attribution ends, a content
    # piece keeps to one line and none stands on a line before its cue's.
    # 1.4: a quotation after an attribution that ends its sentence goes on with the quote
    # however long the attribution, and is taken from a cue inside it (assemble.add_resumed);
    # a cue between two pieces beside the quote's own cue, or before the quote's cue and
    # outside its content, is not nested in it; quotes under confidence 0.2 are left out;
    # closing quotation marks next to another mark or spaced are read (marks.py).
    # 1.5: the title's "Source: statement" form without a recognised name (rules.py),
    # titles written as sentences, several attributions in one title-case headline
    # (headlines.py).
    # 1.6: indirect content runs on to a dependent of its own words that follows it
    # directly (boundaries.extend_run_on).
    # 1.7: a capitalised pronoun opening a sentence ("It", "We") or a bare title
    # ("Congressman") is no speaker's name (speakers.py): unresolved, lower confidence;
    # a pronoun outside a quote no longer stands for a speaker nested inside one, and
    # prefers the subject of the sentence before it to that sentence's other persons; a
    # description before a name ("Her campaign manager, Robby Mook") is that name's; a
    # one-word "person" also written in lowercase ("Schools") is no antecedent of "he";
    # "they" is left unresolved.
    # 1.8: words after a speaker's name ("... Zelensky yesterday", "Mr Johnson - who ...")
    # and a qualifier before it ("rival, former President Donald Trump") no longer hide it;
    # "it said" stands for the organisation or document that spoke before; a title
    # "statement: Source" is the source's; "That said," is no attribution; "BYLINE:" is no
    # transcript turn; a dateline ("New Delhi: ...") is no colon attribution; words of
    # quantity ("Some", "Many") are no names; a group is named by its mention.
    # 1.9: a headline's bare title ("..., City Engineer Says") is the person the article
    # introduces with that title ("chief city engineer Daniel Reyes"); job titles
    # (engineer, expert, scientist, officer ...) resolve as role nouns.
    # 1.10: a fact-check or editorial page's labels before a colon ("Verdict: False",
    # "Claim: ...", "Editor's note: ...") are no speakers, whichever reader found them.
    # 1.11: the writer's yes/no question whether someone said something ("Did Biden say
    # ...?") is no attribution.
    # 1.12: the person after titles and before "of" ("Republican Senator Kevin Cramer of
    # North Dakota") or after a description's comma ("NATO's Secretary-General, Jens
    # Stoltenberg") is the speaker, not the place or body; "he"/"she" read first names'
    # gender from a table of 21,579 names (``models/first_names.tsv``).
    # 1.13: a description with an apposition names no one in its modifiers ("the economics
    # student from Lviv, whose videos ...": the student, not Lviv).
    # 1.14: a title is no one's past a quotation mark ("posted by Greta ...,” the
    # spokesperson said"), nor the name's after "for"/"to" ("a spokesperson for Thunberg").
    # 1.15: "he"/"she" follows the text to another fitting person who is the main subject
    # of the sentence before, named after the latest speaker spoke ("Trump said ... Pence
    # visited Ohio. He said ...": Pence).
    # 1.16: more page labels ("Interview:", "Feature:", "NEW:"); no speaker in "let's", in
    # a span without a letter or digit, or in an editor's "(emphasis added)"; a speaker
    # glued to the closing mark starts after it ("device,”Polyansky").
    # 1.17: a person before "of" is no speaker when another holds the mention's last word
    # ("The Voivode of Lublin Lech Sprawka": Sprawka, not the recogniser's "Voivode").
    # 1.18: "the mayor's office" is the office of the person introduced as mayor, as "his
    # office" is of the person "his" stands for.
    # 1.19: a title made into another is not the plain one: "the president" is not "Vice
    # President Mike Pence" (nor a former president or a president-elect), "the minister"
    # not "Prime Minister Rishi Sunak", "the attorney" not "Attorney General William Barr".
    # 1.20: "the company", "the agency", "the bank" ... is the organisation of that kind heard
    # last ("description"); "Head of German Intelligence" is a title, no name.
    # 1.21: "the union", "the court" ... is the organisation named with that head when none
    # of its kind spoke.
    # 1.22: a wire dateline is no part of the speaker ("JERUSALEM (Reuters) - Israel's
    # military"); a country's or organisation's body ("Israel's military") is a group.
    # 1.23: an interview's turns in title case ("Stubb: ...", a name opening two or more
    # paragraphs); a turn is direct speech to its paragraph's end and keeps the
    # attributions inside it as nested ones.
    # 1.24: a dateline is one only at a paragraph's start, and capitals that speak ("NATO
    # — the alliance — said") are none (`claimscope.datelines`).
    # 1.25: a document's issuer speaks ("a statement from the Russian Defence Ministry");
    # "the Secretary of Defense" is not a person introduced as Secretary of State.
    # 1.26: content starts after a wire dateline ("COLUMBUS, Ohio (AP) — "); a quoted
    # sentence after “A,” she told reporters. goes on with her quote, not with the next
    # sentence's attribution; "she" may stand for a name the recogniser missed whose gender
    # a kinship or role noun gives ("Lopez's mother, Ana"); "the charity X" is X; a place
    # ending a longer name ("Alzheimer's Research UK") is not the speaker.
    # 1.27: a text that quotes with single marks only (‘We will not back down,’ he told
    # MPs) is read as if they were double; speech in it was missed.
    # 1.28: a speaker span ending in a relative pronoun ("the people, who") stops before
    # it, and a group's name before its relative clause; "who" after a title's body ("Peter
    # Morgan, a lawyer for the Sierra Club, who") is the person named there, and "who" or
    # "which" the parse left unattached is the noun phrase before it; "which" is no person.
    # 1.29: a name in capitals ("MS. JEAN-PIERRE:") is the person of that surname in any
    # case; a title in a question ("Karine, does the President ...?") or before a line,
    # colon or question is not the person's; "the union" in a lede is the one union the
    # article names later.
    # 1.30: "X was quoted [by Y] as saying ...": X speaks, the cue runs from the auxiliary
    # to the speech verb, and X is no content (rules.quoted_as_saying).
    # 1.31: a news epithet ("the Spaniard", a nationality in the singular; "the
    # 46-year-old") is the person who spoke last.
    # 1.32: "the air force" is the "Ukraine's air force" that spoke before; a country's
    # "air force", "border guard", "security service" is a body of it; a content piece
    # inside a dateline ("KYIV") is none.
    # 1.33: "the Kremlin official" is a person introduced with an official's title and that
    # modifier ("Kremlin spokesman Dmitry Peskov"; a bare "the official" none); "the
    # diplomat" may be a foreign ministry's spokesperson.
    # 1.34: "A said X, while B warned Y" is two attributions side by side, not B's nested
    # in A's (assemble.contrasted_sibling).
    # 1.35: TASS's and Xinhua's datelines ("MOSCOW, February 14. /TASS/."), left out of
    # content before rules weigh drafts; "In his words, ..." (rules.in_their_words).
    # 1.36: a participle clause after the cue (", bringing the total to ...") is no content
    # (boundaries.participle_tail), nor the tagger's reading when a rule reads the clause
    # before the cue.
    # 1.37: interviews printed as questions and answers: an answer is the interviewee's
    # (the person introduced before the first question), a question no attribution, and a
    # title-case turn ("Sandu: ...") counts once (quotes.interviews).
    # 1.38: a paragraph ending without a stop or mark (a headline) is a sequence of its own
    # for the tagger, which ran its content on into the lede (features._active_runs).
    # 1.39: a text that breaks its paragraphs with single line breaks (a record kept
    # verbatim) has them read as paragraphs (marks.line_paragraphs); a "while" clause is a
    # second speaker only in the cue's sentence; a participle clause with a finite verb
    # ("replacing Clinton would be ...") is content.
    # 1.40: a press release's dateline ("BOSTON, March 4, 2025 /PRNewswire/ --"); a time
    # the parser made the subject is no speaker ("Acme Health, Inc. today announced": the
    # company); a live page's label ("Israel-Gaza war live:") is no source.
    # 1.41: a speaker is looked for in the cue's paragraph only (a headline's had been taken
    # and clipped to nothing); a passive's subject is no speaker (its agent is); a speaker
    # span ends before a date ("Putin on Sept. 21"); a content piece that is the speaker
    # of a speech cue is none ("[ISIS] has claimed [responsibility ...]").
    # 1.42: a lede's verb the parser hung from the headline's has for speaker the names
    # opening its line ("[NIGEL Farage] last night slammed"; assemble._leading_name).
    # 1.43: a lede's "the governor" is the person introduced with every word of that title
    # later ("Kharkiv regional governor Oleg Synegubov"); a standfirst's or lede's role is
    # the one person the title line quotes, when named with no other title ("..., says
    # Steve Reed" / "..., the environment secretary has said"); "former US president",
    # "Shadow Environment Secretary" and "Deputy Foreign Minister" hold another title; a
    # capitalised word ending in a stop between a title and a name is an abbreviation only;
    # a role with a party's or body's name ("The Reform UK leader") is the person who spoke
    # just before when named with no other title; "the insider" calls back "A Home Office
    # source"; a title's "Furious Farage" is Nigel Farage, its "Acme Health" the actor the
    # lede names "Acme Health, Inc."; a cue left with no subject has for speaker the names
    # opening its line after a dateline ("... /PRNewswire/ -- Acme Health, Inc. (NASDAQ:
    # ACMH) today announced"); "According to X, <subject> <verb>" ends X at its comma;
    # "X, asked whether ..., said: ..." gives X the answer and the question no speaker
    # (rules.asked_aside); the addressee after a quotation ("... told a weekly briefing")
    # is no content; "the spokesperson" calls back "A Department of Health and Social Care
    # spokesperson"; "the union" may be an association; "The Israeli military" is a body
    # (a group); a briefing's turns ("Mao Ning: ...") are whole when the tagger read them too.
    # 1.44: a relative pronoun's noun starts after any mark or line break the parse hung on
    # it ('"\n\nAnother witness, who ...': "Another witness"); "accused of [using ...]" keeps
    # what follows its preposition (boundaries._starts_in_adjunct); "He said" after "The
    # representative of the Russian Federation cautioned ..." is that representative
    # (Resolver._described_just_heard); an unnamed speaker's name leaves out its relative clause;
    # "The Spaniard" and "he" call back a name the recogniser missed ("Mikel Arteta"), "the
    # Italian" is a person, and an epithet stands for a person the text moved on to since
    # the last speaker ("Enzo Maresca was pleased. ... the Italian said"); a participle closing
    # what the cue reports is a second attribution ("said it would cut 500 jobs, adding that
    # ...", assemble.trailing_participle), no longer nested in the first and dropped; a second
    # predicate of the reported clause runs on ("... in five areas and was likely to spread");
    # a participle phrase opening a speaker span is left out ("Briefing the Council, Tom ...");
    # "the Turkish diplomat" is "his Turkish counterpart Hakan Fidan" (a counterpart holds the
    # office, with the modifier the description names); a standfirst with no stop that ends
    # with its attribution is attributed (headlines.standfirst_attribution); a nationality is
    # no other title ("the Russian foreign minister" is "Foreign Minister Sergey Lavrov"); "the
    # force" is the police force heard before.
    # 1.45: a description of a body far from its last words is the one body of its kind
    # heard before ("According to the force" in the last paragraph); "who asked not to be
    # named" is no attribution; an aside between dashes is no part of a speaker's span
    # when opened before it, nor of an unnamed speaker's name; "the group" is the
    # organisation heard, or introduced as a group, last before it ("The RSF denied ...
    # the group said"; speakers.Resolver._group_named_before); a speaker whose speech verb
    # reports another tagged attribution holds it ("Rachel Ortiz said internal polling
    # showed ..."; assemble._add_reporting); the writer's appositive on what was said
    # (", a claim her campaign called false") is no content; "the agency" may be the
    # Centers for Disease Control and Prevention; "Ellison's campaign" is Grace Ellison's.
    version = "1.45"
    requires: tuple[str, ...] = ("entities",)

    def __init__(self, options: AnalyzeOptions) -> None:
        self.model = options.quote_model
        if options.quote_passes not in (1, 2):
            raise PipelineError(f"quote_passes must be 1 or 2, not {options.quote_passes}")
        self.passes = options.quote_passes
        if not 0.0 <= options.quote_min_confidence <= 1.0:
            raise PipelineError("quote_min_confidence must lie in [0, 1], not "
                                f"{options.quote_min_confidence}")
        self.min_confidence = options.quote_min_confidence
        tagger.load_passes(self.model, self.passes)  # fail at build time, not per article
        self.encoder = None
        if options.quote_encoder:
            self.encoder = encoder.load(Path(self.model) if self.model
                                        else tagger.default_model_path())
            if self.encoder is None:
                raise PipelineError("quote_encoder is on but the quote model has no encoder "
                                    "beside it (train one: claimscope train quote-encoder)")
        tagger.load_priors(self.model)
        tagger.load_clusters(self.model)
        # The model is part of the version: a retrained tagger changes the results.
        digest = tagger.model_digest(self.model, self.passes)
        self.version = f"{QuoteComponent.version}+{digest}" + (
            "" if self.passes == 2 else ".1pass"
        ) + ("" if self.min_confidence == type(options)().quote_min_confidence
             else f".min{self.min_confidence:g}")  # another minimum than the default's
        if self.encoder is not None:
            self.version += f".enc{self.encoder.digest}.{encoder.READING}"

    def __call__(self, ctx: Context) -> None:
        ctx.analysis.quotes.extend(confident(
            extract(ctx.article.text, ctx.doc, ctx.analysis.entities, self.model, self.passes,
                    self.encoder),
            self.min_confidence,
        ))


