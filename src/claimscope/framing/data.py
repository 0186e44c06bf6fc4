"""The framing data sets (``../shared/data/framing``), read strictly into dataclasses.

- SemEval-2023 task 3 (persuasion techniques): articles with paragraph labels;
- SemEval-2025 task 10 (narratives, sub-narratives, entity roles): articles with article
  labels and, for some, entity mentions with a main role and fine roles.

Technique names are checked against the taxonomy; a near miss (the English training file
has one "Appeal_to_Fear-Prejudi-čce") is mapped to the closest name, anything else is an
error naming the line.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimscope.errors import InputError
from claimscope.jsonl import json_lines, read_lines

TECHNIQUES_FILE = "semeval2023_task3.EN.train.jsonl"
NARRATIVES_FILE = "semeval2025_task10.EN.train.jsonl"
ROLES_FILE = "semeval2025_task10.roles.csv"

# The SemEval-2023 task 3 taxonomy (23 techniques; 19 occur in the English data).
TECHNIQUES = (
    "Appeal_to_Authority", "Appeal_to_Fear-Prejudice", "Appeal_to_Hypocrisy",
    "Appeal_to_Popularity", "Appeal_to_Time", "Appeal_to_Values", "Causal_Oversimplification",
    "Consequential_Oversimplification", "Conversation_Killer", "Doubt",
    "Exaggeration-Minimisation", "False_Dilemma-No_Choice", "Flag_Waving",
    "Guilt_by_Association", "Loaded_Language", "Name_Calling-Labeling",
    "Obfuscation-Vagueness-Confusion", "Questioning_the_Reputation", "Red_Herring",
    "Repetition", "Slogans", "Straw_Man", "Whataboutism",
)
OTHER = "Other"


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    techniques: tuple[str, ...]


@dataclass(frozen=True)
class TechniqueSpan:
    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class TechniqueArticle:
    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    spans: tuple[TechniqueSpan, ...] = ()


@dataclass(frozen=True)
class RoleMention:
    mention: str
    start: int
    end: int
    main_role: str
    fine_roles: tuple[str, ...]


@dataclass(frozen=True)
class NarrativeArticle:
    id: str
    text: str
    narratives: tuple[str, ...]
    subnarratives: tuple[str, ...]
    entities: tuple[RoleMention, ...]


def technique_name(name: str, where: str) -> str:
    if name in TECHNIQUES:
        return name
    close = difflib.get_close_matches(name, TECHNIQUES, n=1, cutoff=0.85)
    if not close:
        raise InputError(where, f"unknown persuasion technique {name!r}")
    return close[0]


def _field(record: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(record, dict) or not isinstance(record.get(key), kind):
        raise InputError(where, f"record without a {kind.__name__} field {key!r}")
    return record[key]


def records(path: Path) -> list[tuple[int, Any]]:
    """(line number, record) of every line of a JSONL data file."""
    return list(json_lines(read_lines(path), path))


def read_techniques(path: Path, lines: list[tuple[int, Any]] | None = None
                    ) -> list[TechniqueArticle]:
    """Articles with paragraph labels (those without any are skipped: nothing to learn);
    ``lines``: the file's records when already read."""
    out = []
    for number, record in records(path) if lines is None else lines:
        where = f"{path}:{number}"
        text = _field(record, "text", str, where)
        paragraphs = []
        for p in record.get("paragraph_techniques", []):
            start, end = p["span"]
            if not 0 <= start <= end <= len(text):
                raise InputError(where, f"paragraph span {p['span']} outside the text")
            names = tuple(dict.fromkeys(technique_name(t, where) for t in p["techniques"]))
            paragraphs.append(Paragraph(int(start), int(end), names))
        spans = []
        for t in record.get("techniques", []):
            start, end = t["span"]
            if not 0 <= start <= end <= len(text):
                raise InputError(where, f"technique span {t['span']} outside the text")
            spans.append(TechniqueSpan(technique_name(t["technique"], where), int(start),
                                       int(end)))
        if paragraphs:
            out.append(TechniqueArticle(str(record.get("id", number)), text, tuple(paragraphs),
                                        tuple(spans)))
    return out


def read_narratives(path: Path, lines: list[tuple[int, Any]] | None = None
                    ) -> list[NarrativeArticle]:
    out = []
    for number, record in records(path) if lines is None else lines:
        where = f"{path}:{number}"
        text = _field(record, "text", str, where)
        entities = []
        for e in record.get("entities", []):
            start, end = e["span"]
            entities.append(RoleMention(e["mention"], int(start), int(end), e["main_role"],
                                        tuple(e["fine_roles"])))
        out.append(NarrativeArticle(
            str(record.get("id", number)), text,
            tuple(_field(record, "narratives", list, where)),
            tuple(_field(record, "subnarratives", list, where)), tuple(entities)))
    return out


def read_roles(path: Path) -> dict[str, tuple[str, ...]]:
    """Main role → its fine roles, from the taxonomy file."""
    roles: dict[str, list[str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                roles.setdefault(row["main_role"], []).append(row["fine_grained_role"])
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the role taxonomy: {exc}") from exc
    return {k: tuple(v) for k, v in roles.items()}
