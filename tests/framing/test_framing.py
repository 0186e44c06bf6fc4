"""Framing data, models and cross-validation on small made-up sets (issue 6)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimscope.errors import InputError
from claimscope.evaluation.framing import _samples_f1, paragraphs_of, techniques_cv
from claimscope.framing.data import (
    Paragraph,
    TechniqueArticle,
    read_narratives,
    read_roles,
    read_techniques,
    technique_name,
)
from claimscope.framing.models import Features, MultiLabel, RoleModel, decode


@pytest.mark.parametrize(("name", "expected"), [
    ("Loaded_Language", "Loaded_Language"),
    ("Appeal_to_Fear-Prejudi-čce", "Appeal_to_Fear-Prejudice"),
    ("Appeal_to_Hypocrisy", "Appeal_to_Hypocrisy"),
])
def test_technique_names_are_checked(name: str, expected: str) -> None:
    assert technique_name(name, "f:1") == expected


def test_unknown_technique_is_an_error_naming_the_line() -> None:
    with pytest.raises(InputError, match=r"f:3.*Mind_Control"):
        technique_name("Mind_Control", "f:3")


def _write(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_techniques(tmp_path: Path) -> None:
    text = "First paragraph.\n\nThey are traitors, total traitors."
    path = _write(tmp_path / "t.jsonl", [
        {"id": "a", "text": text, "paragraph_techniques": [
            {"span": [0, 16], "techniques": []},
            {"span": [18, 51], "techniques": ["Name_Calling-Labeling", "Repetition"]}]},
        {"id": "b", "text": "no labels", "techniques": []},
    ])
    (article,) = read_techniques(path)
    assert article.paragraphs[1] == Paragraph(18, 51, ("Name_Calling-Labeling", "Repetition"))
    bad = _write(tmp_path / "bad.jsonl", [{"id": "c", "text": "short", "paragraph_techniques": [
        {"span": [0, 99], "techniques": []}]}])
    with pytest.raises(InputError, match=r"bad\.jsonl:1.*outside"):
        read_techniques(bad)
    with pytest.raises(InputError, match=r"missing\.jsonl:1.*'text'"):
        read_techniques(_write(tmp_path / "missing.jsonl", [{"id": "d"}]))


def test_read_narratives_and_roles(tmp_path: Path) -> None:
    path = _write(tmp_path / "n.jsonl", [{
        "id": "x", "text": "Russia attacked.", "narratives": ["URW: Praise of Russia"],
        "subnarratives": ["URW: Praise of Russia: Other"],
        "entities": [{"mention": "Russia", "span": [0, 6], "main_role": "Antagonist",
                      "fine_roles": ["Instigator"]}]}])
    (article,) = read_narratives(path)
    assert article.entities[0].fine_roles == ("Instigator",)
    roles = tmp_path / "roles.csv"
    roles.write_text("main_role,fine_grained_role,description\nAntagonist,Instigator,\"x\"\n"
                     "Innocent,Victim,\"y\"\n", encoding="utf-8")
    assert read_roles(roles) == {"Antagonist": ("Instigator",), "Innocent": ("Victim",)}


@pytest.mark.parametrize(("coarse", "fine", "expected"), [
    ([], ["A: x"], (["Other"], ["Other"])),
    (["A"], ["A: x", "B: y"], (["A"], ["A: x"])),
    (["A", "B"], ["A: x"], (["A", "B"], ["A: x", "B: Other"])),
])
def test_narratives_are_decoded_along_the_taxonomy(
        coarse: list[str], fine: list[str], expected: tuple[list[str], list[str]]) -> None:
    assert decode(coarse, fine) == expected


@pytest.mark.parametrize(("gold", "pred", "f1"), [
    (["A"], ["A"], 1.0), (["A", "B"], ["A"], 2 / 3), (["Other"], ["A"], 0.0),
])
def test_samples_f1(gold: list[str], pred: list[str], f1: float) -> None:
    assert _samples_f1([gold], [pred])[0] == pytest.approx(f1)


TOY = [("the traitors and thugs ruined it", ["Name_Calling-Labeling"]),
       ("our glorious nation and flag", ["Flag_Waving"]),
       ("the weather was mild on Monday", [])] * 6


def _toy_features() -> tuple[Features, object]:
    texts = [t for t, _ in TOY]
    rng = np.random.default_rng(0)
    features = Features()
    return features, features.fit(texts, rng.normal(size=(len(texts), 4)))


def test_multilabel_learns_and_skips_rare_labels() -> None:
    features, x = _toy_features()
    labels = [list(lab) for _, lab in TOY]
    labels[0] = [*labels[0], "Slogans"]  # one example only: no classifier
    model = MultiLabel().fit(x, labels)
    assert "Slogans" not in model.models
    test = features.transform(["such traitors and thugs", "the flag of our glorious nation"],
                              np.zeros((2, 4)))
    assert model.predict(test) == [["Name_Calling-Labeling"], ["Flag_Waving"]]


def test_role_model_keeps_fine_roles_inside_the_main_role() -> None:
    texts = ["the invader bombed the city", "the brave medic saved lives",
             "the child lost her home"] * 4
    main = ["Antagonist", "Protagonist", "Innocent"] * 4
    fine = [["Instigator"], ["Guardian"], ["Victim"]] * 4
    taxonomy = {"Antagonist": ("Instigator",), "Protagonist": ("Guardian",),
                "Innocent": ("Victim",)}
    mentions = ["the invader", "the brave medic", "the child"] * 4
    model = RoleModel.fit(texts, mentions, np.zeros((12, 3)), main, fine, taxonomy)
    for role, chosen in model.predict(["the invader bombed a school"], ["the invader"],
                                      np.zeros((1, 3))):
        assert role == "Antagonist" and chosen == ["Instigator"]


def test_techniques_cross_validation_beats_the_constant_baseline() -> None:
    articles = []
    for i in range(10):
        text = "\n\n".join(t for t, _ in TOY[:3])
        spans, at = [], 0
        for t, lab in TOY[:3]:
            spans.append(Paragraph(at, at + len(t), tuple(lab)))
            at += len(t) + 2
        articles.append(TechniqueArticle(f"a{i}", text, tuple(spans)))
    (score,) = techniques_cv(articles, folds=2, cache=None)
    assert 0.0 <= score.low <= score.value <= score.high <= 1.0
    assert score.value > score.baseline


def test_paragraphs_of() -> None:
    assert paragraphs_of("a\n\n\n\nb\n\n") == ["a", "b"]
    assert paragraphs_of("   ") == ["   "]
