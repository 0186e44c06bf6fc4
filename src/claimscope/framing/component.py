"""The framing component: persuasion techniques, narratives and actors' roles, each with
the spans that show it and a confidence (a probability; 0.5 is the decision point, but for
techniques).

- techniques: each paragraph and each of its sentences is scored (``framing.techniques``:
  the mean of the paragraph's probability and its best sentence's); a technique at or above
  the model's technique threshold (chosen by cross-validation on the training articles) is
  shown on the paragraph's sentence that scores highest for it;
- narratives: the whole text is scored with calibrated probabilities and the narratives
  whose set has the highest expected F1 are shown (``framing.narratives``: "Other" when
  that is likelier), each with its sub-narratives and the two sentences that score
  highest for it;
- roles: the article's main actors (people, organisations, places and groups named at least
  twice outside wire datelines, a group only where named as one, most mentioned first) are
  scored at every
  mention, the mention's words and its surroundings; probabilities are averaged over
  mentions. The evidence is the mention's sentence that scores highest for the chosen
  role, and ``by`` is the speaker of the quote that holds it (a quoted speaker's framing is
  theirs), else the outlet.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Any

import numpy as np

from claimscope.datelines import after_dateline
from claimscope.framing.data import OTHER
from claimscope.framing.linear import proba_both
from claimscope.framing.models import choose_roles
from claimscope.framing.train import FramingModel, load, role_text
from claimscope.model import Entity, Narrative, Role, Span, Technique
from claimscope.pipeline import AnalyzeOptions, Context

# Actors whose roles are given: at most this many, each named at least twice.
MAIN_ACTORS = 8
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
EVIDENCE_SENTENCES = 2
# Dependencies through which a group's name only qualifies a noun ("Russian forces").
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


class FramingComponent:
    name = "framing"
    # 1.3: techniques read static MiniLM word-piece vectors beside the words.
    # 1.4: narratives are the label set with the highest expected F1 under calibrated
    # probabilities (framing.narratives), no longer each narrative at 0.5.
    # 1.5: mentions in a wire dateline ("DETROIT, Nov 24 (Reuters) - ") make no main actor.
    version = "1.5"
    requires: tuple[str, ...] = ("sentences", "entities", "quotes")

    def __init__(self, options: AnalyzeOptions) -> None:
        self.model: FramingModel = load()  # fail at build time
        if self.model.static is not None:
            self.model.static.check()
        # The model is part of the version: a retrained model changes the results.
        self.version = f"{FramingComponent.version}+{self.model.digest}"

    def __call__(self, ctx: Context) -> None:
        text = ctx.article.text
        sentences = ctx.analysis.sentences or [Span(0, len(text), text)]
        paragraphs = list(ctx.article.paragraphs) or [Span(0, len(text), text)]
        ctx.analysis.techniques.extend(self._techniques(paragraphs, sentences))
        ctx.analysis.narratives.extend(self._narratives(text, sentences))
        outlet = ctx.article.outlet or "the outlet"
        speakers = [(c, q.speaker.name) for q in ctx.analysis.quotes if q.speaker
                    for c in q.content]
        datelines = _datelines(text, paragraphs)
        actors = [e for e in (_outside(e, datelines) for e in ctx.analysis.entities)
                  if e.mentions and _is_actor(e, ctx.doc)]
        ctx.analysis.roles.extend(self._roles(text, actors, sentences, speakers, outlet))

    def _techniques(self, paragraphs: list[Span], sentences: list[Span]) -> list[Technique]:
        """Each paragraph's techniques (``framing.techniques``: the paragraph classifier
        and the best of its sentences), each shown on the paragraph's sentence that scores
        highest for it; all paragraphs, and all sentences, are scored in one call each
        (the TF-IDF transforms cost more per call than per text)."""
        starts = [s.start for s in sentences]
        inside = [_inside(p, sentences, starts) or [p] for p in paragraphs]
        scores = self.model.technique_scores([p.text for p in paragraphs],
                                             [[s.text for s in group] for group in inside])
        labels = self.model.techniques.labels
        out = []
        for p, group, score in zip(paragraphs, inside, scores, strict=True):
            for j in score.found(self.model.technique_threshold):
                best = group[int(np.argmax(score.by_sentence[:, j]))]
                out.append(Technique(labels[j], float(score.combined[j]), p, best))
        return out

    def _narratives(self, text: str, sentences: list[Span]) -> list[Narrative]:
        coarse = self.model.narratives
        choice = self.model.narrative_choices([text])[0]
        if choice.narratives == [OTHER]:
            return [Narrative(None, OTHER, (), choice.confidence[0], ())]
        by_sentence = coarse.proba([s.text for s in sentences])
        out = []
        for name, confidence in zip(choice.narratives, choice.confidence, strict=True):
            j = coarse.labels.index(name)
            subs = choice.under(name)
            best = np.argsort(-by_sentence[:, j])[:EVIDENCE_SENTENCES]
            evidence = tuple(sorted((sentences[int(i)] for i in best), key=lambda s: s.start))
            domain = name.split(":", 1)[0] if ":" in name else None
            out.append(Narrative(domain, name, subs, confidence, evidence))
        return out

    def _roles(self, text: str, entities: list[Entity], sentences: list[Span],
               speakers: list[tuple[Span, str]], outlet: str) -> list[Role]:
        actors = sorted((e for e in entities if len(e.mentions) >= 2),
                        key=lambda e: -len(e.mentions))[:MAIN_ACTORS]
        main, fine = self.model.main_roles, self.model.fine_roles
        # Every actor's mention windows in one call per classifier (as for techniques).
        windows = [role_text(text, m.start, m.end, m.text) for a in actors for m in a.mentions]
        main_p, fine_p = proba_both(main, fine, windows)
        out = []
        at = 0
        for actor in actors:
            rows = slice(at, at + len(actor.mentions))
            at += len(actor.mentions)
            per_mention = main_p[rows]
            role, confidence, fine_roles = choose_roles(
                main.labels, per_mention.mean(axis=0), fine.labels,
                fine_p[rows].mean(axis=0), self.model.taxonomy)
            j = main.labels.index(role)
            strongest = actor.mentions[int(np.argmax(per_mention[:, j]))]
            evidence = next((s for s in sentences if s.start <= strongest.start < s.end),
                            strongest)
            by = next((who for c, who in speakers
                       if c.start <= strongest.start and strongest.end <= c.end), outlet)
            out.append(Role(actor.name, role, tuple(fine_roles), confidence, evidence, by))
        return out


def _is_actor(entity: Entity, doc: Any) -> bool:
    """Whether an entity can play a role: people, organisations and places do; a group
    (NORP) does when it is named as one ("the Americans admit"), not when every mention
    only qualifies a noun ("the Russian president", "his Belarusian counterpart": the
    president and the counterpart are the actors)."""
    if entity.label not in ACTOR_LABELS:
        return False
    if entity.label != "NORP":
        return True
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is None or not (root.dep_ in _MODIFIER_DEPS
                                and root.head.pos_ in ("NOUN", "PROPN")
                                and root.head.i not in range(span.start, span.end)):
            return True
    return False


def _datelines(text: str, paragraphs: list[Span]) -> list[tuple[int, int]]:
    """The wire datelines opening paragraphs ("DETROIT, Nov 24 (Reuters) - ")."""
    out = []
    for p in paragraphs:
        after = after_dateline(text, p.start, p.end)
        if after > p.start:
            out.append((p.start, after))
    return out


def _outside(entity: Entity, datelines: list[tuple[int, int]]) -> Entity:
    """The entity with its mentions in datelines left out: where a story was filed, and
    the agency that filed it, play no part in it (a Reuters-style story, 2026-11-29:
    "Detroit" and "Reuters" were main actors, named twice with the dateline's mention)."""
    kept = tuple(m for m in entity.mentions
                 if not any(a <= m.start and m.end <= b for a, b in datelines))
    return entity if len(kept) == len(entity.mentions) else replace(entity, mentions=kept)


def _inside(paragraph: Span, sentences: list[Span], starts: list[int]) -> list[Span]:
    """The sentences (in order, their ``starts`` beside them) that lie inside ``paragraph``."""
    out: list[Span] = []
    for s in sentences[bisect_left(starts, paragraph.start):]:
        if s.start >= paragraph.end:
            break
        if s.end <= paragraph.end:
            out.append(s)
    return out
