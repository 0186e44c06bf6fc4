"""Silver training articles: reading them, the teacher's labels, and training with them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from claimscope.errors import InputError, PipelineError
from claimscope.quotes import encoder, silver, tagger

NEWS = [
    {"id": "a", "text": "Minister Ana Diaz said that the border would stay closed until May. "
                        "“We will not open it,” she told reporters."},
    {"id": "b", "text": "The harbour reopened on Monday after a week of repairs."},
]


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_files_and_folders(tmp_path: Path) -> None:
    one = _write(tmp_path / "b.jsonl", NEWS)
    _write(tmp_path / "a.jsonl", NEWS)
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    assert silver.silver_files([tmp_path]) == [tmp_path / "a.jsonl", one]
    assert silver.silver_files([one]) == [one]


@pytest.mark.parametrize(("name", "make", "reason"), [
    ("missing.jsonl", None, "silver data not found"),
    ("empty", "dir", "no .jsonl file in this folder"),
])
def test_a_path_without_data_is_named(tmp_path: Path, name: str, make: str | None,
                                      reason: str) -> None:
    path = tmp_path / name
    if make == "dir":
        path.mkdir()
    with pytest.raises(InputError, match=reason) as caught:
        silver.silver_files([path])
    assert caught.value.source_id == str(path)


@pytest.mark.parametrize(("line", "reason"), [
    ("{not json", "not JSON"),
    ('{"id": "x"}', "record has no text"),
    ('{"id": "x", "text": "   "}', "record has no text"),
    ('["a list"]', "record has no text"),
])
def test_a_bad_record_names_its_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(NEWS[0]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=reason) as caught:
        list(silver.read_texts(path))
    assert caught.value.source_id == f"{path}:2"


def test_records_without_id_are_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("\n" + json.dumps({"text": "Rain fell."}) + "\n", encoding="utf-8")
    assert list(silver.read_texts(path)) == [("news.jsonl:2", "Rain fell.")]


def _shipped_encoder() -> None:
    if encoder.load(tagger.default_model_path()) is None:
        pytest.skip("no encoder shipped beside the quote model")


def test_teacher_labels_top_level_quotes(tmp_path: Path) -> None:
    _shipped_encoder()
    made = silver.label([_write(tmp_path / "news.jsonl", NEWS)])
    assert made.teacher.endswith(f".{encoder.READING}") and ".enc" in made.teacher
    assert list(made.files) == [str(tmp_path / "news.jsonl")]
    first, second = made.articles
    assert (first.id, first.publisher, second.quotes) == ("a", "silver", ())
    text = NEWS[0]["text"]
    got = {(text[q.content[0][0]:q.content[-1][1]], text[q.cue[0][0]:q.cue[0][1]],
            q.speaker_text) for q in first.quotes}
    assert got == {("that the border would stay closed until May", "said", "Minister Ana Diaz"),
                   ("“We will not open it,”", "told", "she")}


def test_nested_quotes_are_left_out() -> None:
    """PolNeAR annotates no nested attributions, so the silver labels hold none."""
    import claimscope

    text = ("Putin met reporters in Sochi. He noted that Russia does not pose a threat to "
            "anyone and that the Americans themselves admit that the real threat comes "
            "from the White House.")
    analysis = claimscope.analyze(claimscope.read({"text": text, "id": "n"}))
    assert any(q.parent for q in analysis.quotes), "the example lost its nested quote"
    made = silver.silver_article("n", text, analysis)
    assert [q.cue for q in made.quotes] == [
        ((q.cue.start, q.cue.end),) for q in analysis.quotes if q.parent is None and q.cue]
    assert len(made.quotes) == sum(q.parent is None for q in analysis.quotes)
    with pytest.raises(ValueError, match="differs"):
        silver.silver_article("n", text + " More.", analysis)


def test_a_teacher_without_encoder_is_refused(tmp_path: Path) -> None:
    base = tagger.default_model_path()
    for path in (base, tagger.priors_path(base), tagger.clusters_path(base),
                 tagger.stack_path(base)):
        shutil.copy(path, tmp_path / path.name)
    news = _write(tmp_path / "news.jsonl", NEWS)
    with pytest.raises(PipelineError, match="no encoder"):
        silver.label([news], teacher=str(tmp_path / base.name))


def test_training_with_silver_articles_records_them(tmp_path: Path) -> None:
    """`claimscope train quotes --silver FILE`: the teacher labels the silver articles
    before anything is written, and the report says how many, by whom, from which file."""
    _shipped_encoder()
    from claimscope.quotes.train import train_quotes
    from tests.quotes.test_stacking import polnear_article

    data = tmp_path / "data"
    data.mkdir()
    (data / "polnear.train.jsonl").write_text(
        "".join(json.dumps(polnear_article(n)) + "\n" for n in range(8)), encoding="utf-8")
    news = _write(tmp_path / "news.jsonl", NEWS)
    model = tmp_path / "m" / "quotes.crfsuite"
    report = train_quotes(data, model, tagger.TrainOptions(max_iterations=20, min_freq=1),
                          silver_data=[news])
    assert (report.articles, report.silver_articles, report.silver_attributions) == (8, 2, 2)
    assert report.teacher is not None and ".enc" in report.teacher
    assert report.silver_sha256 is not None and list(report.silver_sha256) == [str(news)]
    written = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))
    assert written["silver_articles"] == 2 and written["teacher"] == report.teacher
    assert written["silver_in"] == "both"
    first = train_quotes(data, tmp_path / "f" / "quotes.crfsuite",
                         tagger.TrainOptions(max_iterations=20, min_freq=1),
                         silver_data=[news], silver_in="first")
    assert (first.silver_articles, first.silver_in) == (2, "first")
    with pytest.raises(InputError, match="record has no text"):
        train_quotes(data, tmp_path / "n" / "quotes.crfsuite",
                     silver_data=[_write(tmp_path / "bad.jsonl", [{"id": "x"}])])
    assert not (tmp_path / "n").exists()


@pytest.mark.parametrize(("tagged_articles", "expected_training"), [
    # Every article tagged (silver in both passes): each fold trains on the other three.
    ([0, 1, 2, 3, 4, 5], [[1, 2, 3, 5], [0, 2, 3, 4], [0, 1, 3, 4, 5], [0, 1, 2, 4, 5]]),
    # Articles 4 and 5 are silver, kept out of the second pass (--silver-in first): they
    # train every fold and are never tagged.
    ([0, 1, 2, 3], [[1, 2, 3, 4, 5], [0, 2, 3, 4, 5], [0, 1, 3, 4, 5], [0, 1, 2, 4, 5]]),
])
def test_out_of_fold_first_passes_see_untagged_articles_in_every_fold(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        tagged_articles: list[int], expected_training: list[list[int]]) -> None:
    from claimscope.quotes import train as quotes_train

    trained: list[list[int]] = []

    def fake_train(items: Any, path: Path, _opts: object) -> None:
        trained.append(sorted(int(feats[0][0]) for feats, _labels in items))
        path.write_text("", encoding="utf-8")

    class Tagger:
        def tag(self, feats: list[list[str]]) -> list[str]:
            return ["O"] * len(feats)

    monkeypatch.setattr(quotes_train.tagger, "train", fake_train)
    monkeypatch.setattr(quotes_train.tagger, "open_tagger", lambda _path: Tagger())
    monkeypatch.setattr(quotes_train, "stacked_features",
                        lambda feats, _views, _labels: [[f"from {feats[0][0]}"]])
    blocks = [quotes_train._Block(n, [[str(n)]], [], ["O"]) for n in range(6)]
    tagged = [b for b in blocks if b.article in tagged_articles]
    stacked = quotes_train._out_of_fold(blocks, tagged, tmp_path / "q.crfsuite",
                                        tagger.TrainOptions(), lambda _m: None)
    assert trained == expected_training
    assert stacked == [[[f"from {n}"]] for n in tagged_articles]
    assert not list(tmp_path.iterdir())  # the fold models are removed
