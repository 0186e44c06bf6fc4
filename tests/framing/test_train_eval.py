"""Training the framing model and scoring it on a labelled file (issue 6), on tiny made-up
data sets in the SemEval formats."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from claimscope.evaluation.framing import evaluate_model
from claimscope.framing.static import StaticVectors
from claimscope.framing.techniques import Examples
from claimscope.framing.train import load, save, train

BAD = "They are traitors and thugs, total traitors."
GOOD = "The weather was mild on Monday in the valley."
WAR = "The West provoked the war and NATO expansion is to blame for the conflict."
CALM = "The village fair sold apples and pears to visitors from the coast."


def _data(folder: Path) -> Path:
    folder.mkdir()
    techniques = []
    for i in range(8):
        text = f"{BAD}\n\n{GOOD}"
        techniques.append({"id": f"t{i}", "text": text, "paragraph_techniques": [
            {"span": [0, len(BAD)], "techniques": ["Name_Calling-Labeling"]},
            {"span": [len(BAD) + 2, len(text)], "techniques": []}]})
    narratives = []
    for i in range(8):
        war = i % 2 == 0
        text = (WAR if war else CALM) + " Russia said so."
        narratives.append({
            "id": f"n{i}", "text": text,
            "narratives": ["URW: Blaming the war on others rather than the invader"] if war
            else ["Other"],
            "subnarratives": ["URW: Blaming the war on others rather than the invader: "
                              "The West are the aggressors"] if war else ["Other"],
            "entities": [{"mention": "Russia", "span": [len(text) - 16, len(text) - 10],
                          "main_role": "Protagonist" if war else "Antagonist",
                          "fine_roles": ["Peacemaker"] if war else ["Instigator"]}]})
    for name, rows in (("semeval2023_task3.EN.train.jsonl", techniques),
                       ("semeval2025_task10.EN.train.jsonl", narratives)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows),
                                   encoding="utf-8")
    (folder / "semeval2025_task10.roles.csv").write_text(
        "main_role,fine_grained_role,description\nProtagonist,Peacemaker,\"x\"\n"
        "Antagonist,Instigator,\"y\"\n", encoding="utf-8")
    return folder


def _static() -> StaticVectors:
    """A small random table the size of MiniLM's vocabulary (distilling the real one takes
    half a minute)."""
    from claimscope.embed import tokenizer as _tokenizer

    size = _tokenizer().get_vocab_size()
    return StaticVectors(np.random.default_rng(0).normal(size=(size, 8)).astype(np.float32))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _data(tmp_path_factory.mktemp("framing") / "data")


def test_train_save_load_and_score(data: Path, tmp_path: Path) -> None:
    model = train(data, _static())
    path = tmp_path / "framing.npz"
    save(model, path)
    loaded = load(path)
    assert loaded.static is not None and model.static is not None
    assert np.array_equal(loaded.static.table, model.static.table.astype(np.float16))
    assert model.techniques.dense.shape == (1, 8)
    assert loaded.taxonomy == {"Protagonist": ("Peacemaker",), "Antagonist": ("Instigator",)}
    out = io.StringIO()
    scores = {s.name: s for s in evaluate_model(
        loaded, data / "semeval2025_task10.EN.train.jsonl", out)}
    assert scores["narratives: coarse F1"].value == pytest.approx(1.0)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 8 and lines[1]["narratives"] == ["Other"]
    assert lines[0]["entities"][0]["fine_roles"] in (["Peacemaker"], ["Instigator"])
    techniques = evaluate_model(loaded, data / "semeval2023_task3.EN.train.jsonl")
    assert techniques[0].value == pytest.approx(1.0) and techniques[0].baseline < 1.0


@pytest.mark.parametrize("content", [b"not a model", b"", b"PK\x03\x04truncated"])
def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    from claimscope.errors import ModelLoadError

    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    with pytest.raises(ModelLoadError, match=r"bad\.npz"):
        load(bad)


def test_cli_train_then_score_a_file(data: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from claimscope.cli import cli
    from claimscope.framing import static

    monkeypatch.setattr(static, "distill", lambda **_: _static())
    runner = CliRunner()
    model = tmp_path / "m.npz"
    trained = runner.invoke(cli, ["train", "framing", "--data", str(data), "-o", str(model)])
    assert trained.exit_code == 0, trained.output
    preds = tmp_path / "p.jsonl"
    scored = runner.invoke(cli, ["eval", "framing", "--file",
                                 str(data / "semeval2025_task10.EN.train.jsonl"),
                                 "--model", str(model), "--predictions", str(preds),
                                 "--format", "json"])
    assert scored.exit_code == 0, scored.output
    assert {s["name"] for s in json.loads(scored.output)} >= {"roles: main-role accuracy"}
    assert len(preds.read_text(encoding="utf-8").splitlines()) == 8
    misuse = runner.invoke(cli, ["eval", "framing", "--model", str(model)])
    assert misuse.exit_code == 2 and "--file" in misuse.output


def test_an_archive_without_the_models_arrays_is_a_clear_error(tmp_path: Path) -> None:
    from claimscope.errors import ModelLoadError

    other = tmp_path / "other.npz"
    np.savez(other, x=np.zeros(3))
    with pytest.raises(ModelLoadError, match=r"other\.npz: not a framing model"):
        load(other)


def test_the_technique_threshold_is_chosen_and_kept(data: Path, tmp_path: Path) -> None:
    """Issue 6: the techniques' threshold is chosen by cross-validation on the training
    articles, saved with the model and used when scoring."""
    from claimscope.framing.linear import THRESHOLDS

    model = train(data, None)
    assert model.static is None and model.techniques.dense.shape[1] == 0
    assert model.technique_threshold in THRESHOLDS
    path = tmp_path / "framing.npz"
    save(model, path)
    assert load(path).technique_threshold == model.technique_threshold


def test_a_model_saved_without_a_technique_threshold_uses_one_half(
        data: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    save(train(data, None), path)
    with np.load(path) as archive:
        arrays = {k: archive[k] for k in archive.files if k != "techniques.threshold"}
    np.savez(path, **arrays)
    assert load(path).technique_threshold == 0.5


def _examples(articles: int) -> Examples:
    from claimscope.framing.data import Paragraph, TechniqueArticle, TechniqueSpan
    from claimscope.framing.techniques import examples

    out = []
    for i in range(articles):
        text = "They are traitors and thugs. It rained.\n\nApples and pears were sold."
        out.append(TechniqueArticle(
            f"a{i}", text,
            (Paragraph(0, 39, ("Name_Calling-Labeling",)), Paragraph(41, len(text), ())),
            (TechniqueSpan("Name_Calling-Labeling", 9, 27),)))
    return examples(out)


def test_choose_threshold_on_clean_labels() -> None:
    """Every paragraph with the cue words has the label, no other: every threshold that
    separates them is as good, and the lowest tried wins the tie."""
    from claimscope.framing.linear import THRESHOLDS
    from claimscope.framing.techniques import choose_threshold

    data = _examples(8)
    assert choose_threshold(data, range(len(data.paragraphs))) == THRESHOLDS[0]


def test_choose_threshold_needs_enough_articles() -> None:
    from claimscope.framing.techniques import choose_threshold

    assert choose_threshold(_examples(2), [0, 1, 2, 3]) == 0.5


def test_sentences_take_the_labels_of_the_spans_they_overlap() -> None:
    data = _examples(1)
    assert data.sentences == [["They are traitors and thugs.", "It rained."],
                              ["Apples and pears were sold."]]
    assert data.sentence_labels == [[["Name_Calling-Labeling"], []], [[]]]
    assert data.paragraph_labels == [["Name_Calling-Labeling"], []]


def test_scoring_a_file_does_not_need_the_training_folder(data: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """--file with --model reads neither ../shared nor --data (a clean clone has neither)."""
    from click.testing import CliRunner

    from claimscope.cli import cli

    runner = CliRunner()
    model = tmp_path / "m.npz"
    assert runner.invoke(cli, ["train", "framing", "--data", str(data), "-o", str(model)]
                         ).exit_code == 0
    monkeypatch.chdir(tmp_path)  # no ../shared/data/framing from here
    scored = runner.invoke(cli, ["eval", "framing", "--file",
                                 str(data / "semeval2025_task10.EN.train.jsonl"),
                                 "--model", str(model), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    missing = runner.invoke(cli, ["eval", "framing", "--data", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
