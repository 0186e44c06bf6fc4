"""A content piece after a postposed cue that only says when or how it was said.

"“Europe must be able to defend itself,” Hollande said Friday as he entered the talks": the
tagger sometimes gives the quote a second piece, "as he entered the talks", which is the
cue's own adverbial (a dependent of "said"), not what was said. On the last 100 training
articles (taggers trained on the other 740) dropping such pieces raised speech exact F1 from
0.703 to 0.707 and all-attribution exact F1 from 0.621 to 0.625.

Tried there and not kept, since PolNeAR's annotators mostly did otherwise: starting the
content after the cue's addressee ("told the forum [he was ...]", "urged Congress [to
...]": exact 0.703 → 0.697), after a reporting noun ("Trump's claim [that ...]": → 0.699),
and ending it before the cue's trailing adjunct ("said X on Twitter": overlap 0.838 →
0.834).
"""

from __future__ import annotations

from typing import Any

from claimscope.quotes.assemble import Draft

# The cue's dependents that say how, where or when it was said.
_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "agent", "advcl"})


def _is_adjunct_piece(doc: Any, cue: Any, start: int, end: int) -> bool:
    """Whether the piece [start, end) lies within one adjunct of the cue after it."""
    for child in cue.children:
        if child.dep_ not in _ADJUNCTS or child.i < cue.i:
            continue
        left, right = doc[child.left_edge.i], doc[child.right_edge.i]
        if left.idx <= start and end <= right.idx + len(right.text):
            return True
    return False


def drop_cue_adjuncts(doc: Any, drafts: list[Draft]) -> list[Draft]:
    """Drop the last content piece of a draft whose cue stands between its pieces when
    that piece is an adjunct of the cue."""
    for d in drafts:
        if d.cue_token is None or len(d.content) < 2:
            continue
        cue = doc[d.cue_token]
        start, end = d.content[-1]
        if d.content[-2][1] <= cue.idx < start and _is_adjunct_piece(doc, cue, start, end):
            d.content.pop()
    return drafts
