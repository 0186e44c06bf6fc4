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
from claimscope.framing.linear import LinearText
from claimscope.framing.models import choose_roles


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


@pytest.mark.parametrize(("gold", "pred", "f1"), [
    (["A"], ["A"], 1.0), (["A", "B"], ["A"], 2 / 3), (["Other"], ["A"], 0.0),
])
def test_samples_f1(gold: list[str], pred: list[str], f1: float) -> None:
    assert _samples_f1([gold], [pred])[0] == pytest.approx(f1)


TOY = [("the traitors and thugs ruined it", ["Name_Calling-Labeling"]),
       ("our glorious nation and flag", ["Flag_Waving"]),
       ("the weather was mild on Monday", [])] * 6


@pytest.mark.parametrize(("with_vectors", "chars"), [(False, False), (True, False),
                                                     (False, True), (True, True)])
def test_linear_text_learns_skips_rare_labels_and_round_trips(with_vectors: bool,
                                                              chars: bool) -> None:
    texts = [t for t, _ in TOY]
    labels = [list(lab) for _, lab in TOY]
    labels[0] = [*labels[0], "Slogans"]  # one example only: no classifier
    vectors = np.random.default_rng(0).normal(size=(len(texts), 4)) if with_vectors else None
    model = LinearText.fit(texts, labels, vectors=vectors, chars=chars)
    assert (model.chars is not None) == chars
    assert model.labels == ["Flag_Waving", "Name_Calling-Labeling"]
    test = ["such traitors and thugs", "the flag of our glorious nation"]
    test_vectors = np.zeros((2, 4)) if with_vectors else None
    assert model.predict(test, test_vectors) == [["Name_Calling-Labeling"], ["Flag_Waving"]]
    again = LinearText.from_arrays(model.to_arrays("t"), "t")
    assert (again.chars is not None) == chars
    assert np.allclose(again.proba(test, test_vectors), model.proba(test, test_vectors),
                       atol=1e-3)


@pytest.mark.parametrize("chars", [False, True])
def test_classifiers_fitted_on_the_same_texts_share_their_vectorizers(chars: bool) -> None:
    from claimscope.framing.linear import proba_both

    texts = [t for t, _ in TOY]
    coarse = LinearText.fit(texts, [lab for _, lab in TOY], chars=chars)
    fine = LinearText.fit(texts, [[f"{x}: fine" for x in lab] for _, lab in TOY], chars=chars)
    other = LinearText.fit(texts[:-3] + ["a new word list"] * 3,
                           [lab for _, lab in TOY], chars=chars)  # another vocabulary
    arrays = {**coarse.to_arrays("a"), **fine.to_arrays("b"), **other.to_arrays("c")}
    a = LinearText.from_arrays(arrays, "a")
    b = LinearText.from_arrays(arrays, "b", [("a", a)])
    c = LinearText.from_arrays(arrays, "c", [("a", a), ("b", b)])
    assert a.shares_terms(b) and not a.shares_terms(c)
    test = ["such traitors and thugs", "the flag of our glorious nation"]
    for first, second in ((a, b), (a, c)):
        got = proba_both(first, second, test)
        assert np.array_equal(got[0], first.proba(test))
        assert np.array_equal(got[1], second.proba(test))


def test_shipped_framing_model_transforms_each_text_once_per_vocabulary() -> None:
    from claimscope.framing.train import load

    model = load()
    assert model.narratives.shares_terms(model.subnarratives)
    assert model.main_roles.shares_terms(model.fine_roles)
    assert not model.techniques.shares_terms(model.narratives)


def test_vectors_are_needed_when_trained_with_them() -> None:
    model = LinearText.fit([t for t, _ in TOY], [lab for _, lab in TOY],
                           vectors=np.ones((len(TOY), 2)))
    with pytest.raises(ValueError, match="sentence vectors"):
        model.proba(["the flag"])


@pytest.mark.parametrize(("main_p", "fine_p", "expected"), [
    ([0.2, 0.7], [0.9, 0.6, 0.1], ("Antagonist", ["Instigator"])),
    ([0.8, 0.1], [0.9, 0.2, 0.3], ("Innocent", ["Victim"])),  # best inside, though < 0.5
    ([0.1, 0.9], [0.1, 0.6, 0.7], ("Antagonist", ["Instigator", "Spy"])),
])
def test_fine_roles_stay_inside_the_main_role(main_p: list[float], fine_p: list[float],
                                              expected: tuple[str, list[str]]) -> None:
    taxonomy = {"Antagonist": ("Instigator", "Spy"), "Innocent": ("Victim",)}
    role, _, fine = choose_roles(["Innocent", "Antagonist"], np.array(main_p),
                                 ["Guardian", "Instigator", "Spy"] if expected[0] != "Innocent"
                                 else ["Guardian", "Victim", "Spy"], np.array(fine_p),
                                 taxonomy)
    assert (role, sorted(fine)) == (expected[0], sorted(expected[1]))


def test_techniques_cross_validation_beats_the_constant_baseline() -> None:
    articles = []
    for i in range(10):
        text = "\n\n".join(t for t, _ in TOY[:3])
        spans, at = [], 0
        for t, lab in TOY[:3]:
            spans.append(Paragraph(at, at + len(t), tuple(lab)))
            at += len(t) + 2
        articles.append(TechniqueArticle(f"a{i}", text, tuple(spans)))
    (score,) = techniques_cv(articles, 2, None)
    assert 0.0 <= score.low <= score.value <= score.high <= 1.0
    assert score.value > score.baseline


def test_paragraphs_of() -> None:
    assert paragraphs_of("a\n\n\n\nb\n\n") == ["a", "b"]
    assert paragraphs_of("   ") == ["   "]


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two three!  Four?", ["One.", "Two three!", "Four?"]),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("Mr. Smith met Dr. Jones. He left.", ["Mr. Smith met Dr. Jones.", "He left."]),
    ("J. R. Smith and the U.S. Army. Then.", ["J. R. Smith and the U.S. Army.", "Then."]),
    ("no break at all", ["no break at all"]),
    ("  padded.  ", ["padded."]),
    ("e.g. lower case goes on.", ["e.g. lower case goes on."]),
])
def test_sentence_spans(text: str, expected: list[str]) -> None:
    from claimscope.framing.techniques import sentence_spans

    spans = sentence_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == expected


def test_a_paragraph_scores_the_mean_of_itself_and_its_best_sentence() -> None:
    from claimscope.framing.techniques import score

    texts = [t for t, _ in TOY]
    par = LinearText.fit(texts, [lab for _, lab in TOY])
    sent = LinearText.fit(texts, [[x for x in lab if x != "Flag_Waving"] for _, lab in TOY])
    paragraphs = ["the traitors and thugs ruined it. our glorious nation and flag"]
    sentences = [["the traitors and thugs ruined it.", "our glorious nation and flag"]]
    (got,) = score(par, sent, paragraphs, sentences)
    p = par.proba(paragraphs)[0]
    s = sent.proba(sentences[0])
    j = par.labels.index("Name_Calling-Labeling")
    assert got.combined[j] == pytest.approx((p[j] + s[:, 0].max()) / 2, abs=1e-6)
    assert got.by_sentence[:, j] == pytest.approx(s[:, 0], abs=1e-6)
    # a technique the sentence classifier lacks keeps the paragraph's probability
    k = par.labels.index("Flag_Waving")
    assert got.combined[k] == pytest.approx(p[k], abs=1e-6)
    (alone,) = score(par, None, paragraphs, sentences)  # a model saved before: paragraphs
    assert np.allclose(alone.combined, p) and np.allclose(alone.by_sentence,
                                                          par.proba(sentences[0]))
