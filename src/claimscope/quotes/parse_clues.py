"""What speaker resolution reads off the parse (``ParseClues``): where sentences start and
where subjects stand, kept as character offsets so that no Token is built per word."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ParseClues:
    """What pronoun resolution reads off the parse: sentence starts, the character
    offsets of subject tokens (``nsubj``, ``nsubjpass``) and of those among them that are
    the subject of their sentence's root (the main clause's, not a reported clause's)."""

    sentence_starts: Sequence[int]
    subjects: Sequence[int]  # sorted
    main_subjects: Sequence[int] = ()  # sorted

    @classmethod
    def of(cls, doc: Any) -> ParseClues:
        if not len(doc):
            return cls([], [])
        wanted = {doc.vocab.strings[label] for label in ("nsubj", "nsubjpass")}
        root = doc.vocab.strings["ROOT"]
        columns = doc.to_array(["DEP", "IDX", "HEAD"])  # no Token per word
        deps, starts = columns[:, :2].T.tolist()
        # The head's position relative to the token, stored unsigned.
        heads = columns[:, 2].astype("int64").tolist()
        subjects = [i for i, dep in enumerate(deps) if dep in wanted]
        return cls([s.start_char for s in doc.sents], [starts[i] for i in subjects],
                   [starts[i] for i in subjects if deps[i + heads[i]] == root])

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def is_subject(self, start: int, end: int) -> bool:
        """Whether a subject token starts within [start, end)."""
        return _starts_within(self.subjects, start, end)

    def is_main_subject(self, start: int, end: int) -> bool:
        """Whether the subject of a sentence's root starts within [start, end)."""
        return _starts_within(self.main_subjects, start, end)


def _starts_within(offsets: Sequence[int], start: int, end: int) -> bool:
    at = bisect.bisect_left(offsets, start)
    return at < len(offsets) and offsets[at] < end
