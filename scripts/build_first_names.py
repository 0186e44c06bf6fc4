"""Build ``src/claimscope/models/first_names.tsv``, the gender of common first names that
speaker resolution reads (``claimscope.names``), from the name data of the
``nomquamgender`` package (MIT licence, Ian Van Buskirk, 2022: counts of first names by
gender gathered from 36 name-gender sources).

    pip download --no-deps -d /tmp/nqg nomquamgender==0.1.4
    unzip -o /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl -d /tmp/nqg
    .venv/bin/python scripts/build_first_names.py /tmp/nqg/nomquamgender/name_data.json

Only names that are plainly one gender are kept; the rest stay without gender, and then
any pronoun may stand for their bearer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "claimscope" / "models" / "first_names.tsv"
# A name's share of women among its bearers: at most MALE_SHARE reads male, at least
# FEMALE_SHARE female. At 2% the names of both genders ("Jordan" 0.11, "Kim" 0.67,
# "Andrea" 0.83, "Hillary" 0.92) stay out; "Nigel" (0.001) and "Greta" (0.992) come in.
MALE_SHARE = 0.02
FEMALE_SHARE = 0.98
# Enough evidence: counted at least 100 times in at least 5 of the sources (the data also
# holds typing slips and words counted once).
MIN_COUNT = 100
MIN_SOURCES = 5
_WORD = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]+)?$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name_data", type=Path, help="nomquamgender's name_data.json")
    args = parser.parse_args()
    data = json.loads(args.name_data.read_text(encoding="utf-8"))
    rows: list[str] = []
    for name, (sources, count, female, *_rest) in sorted(data.items()):
        if count < MIN_COUNT or sources < MIN_SOURCES or not _WORD.match(name):
            continue
        if female <= MALE_SHARE:
            rows.append(f"{name}\tm")
        elif female >= FEMALE_SHARE:
            rows.append(f"{name}\tf")
    header = ("# first name\tgender (m, f); built by scripts/build_first_names.py from "
              "nomquamgender 0.1.4 (MIT, (c) 2022 Ian Van Buskirk)")
    OUT.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} names written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
