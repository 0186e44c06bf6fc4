"""Coverage of the cue lexicon on PolNeAR: share of gold cues it knows, and its precision.

Coverage: gold cues that contain a lexicon form or phrase. Precision: of the tokens in the
articles that the lexicon would call a cue (any form, as a verb), the share inside a gold
cue. Both for all attributions; a frequency table of the uncovered cues is printed to show
what is left out.

    python benchmarks/cue_lexicon.py [--data ../shared/data] [--split dev]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from claimscope.evaluation.polnear import read_gold
from claimscope.quotes import cues

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[a-z]+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    path = args.data / "quotes" / f"polnear.{args.split}.jsonl"
    if not path.exists():
        raise SystemExit(f"cue_lexicon: {path} is missing (pass --data)")
    forms = cues.all_forms()
    covered = total = 0
    missing: Counter[str] = Counter()
    hits = hit_in_cue = 0
    for art in read_gold(path):
        text = art.text
        cue_chars = {i for q in art.quotes for s, e in q.cue for i in range(s, e)}
        for q in art.quotes:
            if not q.cue:
                continue
            total += 1
            cue = " ".join(text[s:e] for s, e in q.cue).lower()
            known = any(w in forms for w in _WORD.findall(cue)) or bool(cues.phrase_spans(cue))
            covered += known
            if not known:
                missing[cue] += 1
        for m in re.finditer(r"[A-Za-z]+", text):
            if m.group(0).lower() in forms:
                hits += 1
                hit_in_cue += m.start() in cue_chars
    print(f"lexicon: {cues.lexicon_size()} lemmas and phrases, {len(forms)} forms")
    print(f"coverage of gold cues ({args.split}): {covered / total:.3f} ({covered}/{total})")
    print(f"precision of lexicon words as cues: {hit_in_cue / hits:.3f} ({hit_in_cue}/{hits})")
    print("most frequent uncovered cues:", ", ".join(f"{c!r} {n}" for c, n in
                                                     missing.most_common(25)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
