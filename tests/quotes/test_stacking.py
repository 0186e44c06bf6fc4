"""Second-pass features read off the first pass's labels (issue 3)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimscope.quotes import tagger
from claimscope.quotes.features import TokenView
from claimscope.quotes.stacking import stacked_columns, stacked_features, stacked_rows

# "Putin said that talks failed . Putin added more"; the first pass's labels.
WORDS = ["Putin", "said", "that", "talks", "failed", ".", "He", "left"]
LABELS = ["B-S", "B-Q", "B-C", "I-C", "I-C", "O", "O", "O"]
VIEWS = [TokenView(i * 10, i * 10 + 5) for i in range(len(WORDS))]
FEATS = [[f"w={w}"] + (["sent_start"] if i in (0, 6) else []) for i, w in enumerate(WORDS)]


@pytest.mark.parametrize(
    ("k", "present", "absent"),
    [
        (2, {"p1=B-C", "p1-1=Q", "p1-2=S", "p1+1=C", "runpos=Cfirst", "runq=C1", "run=C2-3",
             "q1=after1same", "s1=SQC", "ns1="}, {"p1=O"}),
        (4, {"runpos=Clast", "p1+1=O", "runx=C0"}, set()),
        (7, {"p1=O", "ps1=SQC", "s1=", "q1=after4-8other", "p1+2=pad"}, {"runpos=Cfirst"}),
        (0, {"w=Putin", "p1-1=pad", "q1=before1same"}, set()),
    ],
)
def test_stacked_features(k: int, present: set[str], absent: set[str]) -> None:
    feats = stacked_features(FEATS, VIEWS, LABELS)
    assert len(feats) == len(WORDS)
    assert present <= set(feats[k])
    assert not absent & set(feats[k])


def test_no_cue_no_cue_distance() -> None:
    feats = stacked_features(FEATS, VIEWS, ["O"] * len(WORDS))
    assert not any(f.startswith("q1=") for row in feats for f in row)


def polnear_article(n: int) -> dict[str, object]:
    text = (f"Minister Ana Diaz {n} said that the border would stay closed. "
            f"“We will not wait,” she told reporters. The talks ended.")
    said = text.index("said")
    told = text.index("told")
    return {
        "id": f"a{n}", "text": text,
        "quotes": [
            {"content_spans": [[said + 5, text.index(".")]],
             "speaker_spans": [[0, said - 1]], "cue_spans": [[said, said + 4]],
             "speaker": text[: said - 1], "type": "indirect"},
            {"content_spans": [[text.index("“"), text.index("”") + 1]],
             "speaker_spans": [[told - 4, told - 1]], "cue_spans": [[told, told + 4]],
             "speaker": "she", "type": "direct"},
        ],
    }


def test_training_writes_both_passes_and_the_component_uses_them(tmp_path: Path) -> None:
    """`claimscope train quotes` writes the first pass, its priors and the second pass;
    the pipeline then runs on them."""
    import claimscope
    from claimscope.pipeline import AnalyzeOptions
    from claimscope.quotes import tagger
    from claimscope.quotes.train import train_quotes

    data = tmp_path / "data"
    data.mkdir()
    (data / "polnear.train.jsonl").write_text(
        "".join(json.dumps(polnear_article(n)) + "\n" for n in range(8)), encoding="utf-8")
    model = tmp_path / "m" / "quotes.crfsuite"
    report = train_quotes(data, model, tagger.TrainOptions(max_iterations=20, min_freq=1))
    assert report.articles == 8 and report.options["folds"] == 4
    for path in (model, tagger.priors_path(model), tagger.stack_path(model),
                 tagger.clusters_path(model),
                 model.with_suffix(".json")):
        assert path.is_file(), path
    assert not list(model.parent.glob("*.tmp"))
    text = "Minister Ana Diaz said that the border would stay closed."
    analysis = claimscope.analyze(claimscope.read({"text": text, "id": "t"}),
                                  AnalyzeOptions(quote_model=str(model)))
    assert any("border" in c.text for q in analysis.quotes for c in q.content)
    # Regression (issue 3): without its second pass, a model still runs with one pass (its
    # version digest had read the second pass's file and raised FileNotFoundError); two
    # passes are refused with a named error.
    from claimscope.errors import ModelLoadError
    from claimscope.pipeline import Pipeline

    alone = tmp_path / "first" / model.name  # another path: loaded models are cached by it
    alone.parent.mkdir()
    for path in (model, tagger.priors_path(model), tagger.clusters_path(model)):
        (alone.parent / path.name).write_bytes(path.read_bytes())
    one = claimscope.analyze(claimscope.read({"text": text, "id": "t"}),
                             AnalyzeOptions(quote_model=str(alone), quote_passes=1))
    assert any("border" in c.text for q in one.quotes for c in q.content)
    with pytest.raises(ModelLoadError, match="stack"):
        Pipeline(AnalyzeOptions(quote_model=str(alone), quote_passes=2))


def test_one_or_two_passes() -> None:
    """AnalyzeOptions.quote_passes: 1 skips the stacked pass (faster, less accurate); the
    component's version says which ran; anything else is a named error."""
    import claimscope
    from claimscope.errors import PipelineError
    from claimscope.pipeline import AnalyzeOptions, Pipeline

    text = "Minister Ana Diaz said that the border would stay closed until May."
    article = claimscope.read({"text": text, "id": "t"})
    versions = {}
    for passes in (1, 2):
        analysis = claimscope.analyze(article, AnalyzeOptions(quote_passes=passes))
        assert any("border" in c.text for q in analysis.quotes for c in q.content)
        versions[passes] = next(c.version for c in analysis.components if c.name == "quotes")
    assert versions[1].endswith(".1pass") and versions[1] != versions[2]
    with pytest.raises(PipelineError):
        Pipeline(AnalyzeOptions(quote_passes=3))


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # The second pass erased the content the first pass found with its cue: restored.
        (["B-S", "B-Q", "B-C", "I-C", "O"], ["B-S", "B-Q", "O", "O", "O"],
         ["B-S", "B-Q", "B-C", "I-C", "O"]),
        # The second pass moved the content: its reading stands.
        (["B-S", "B-Q", "B-C", "I-C", "O"], ["B-S", "B-Q", "O", "B-C", "O"],
         ["B-S", "B-Q", "O", "B-C", "O"]),
        # No cue in the first pass: nothing to restore.
        (["O", "O", "B-C", "I-C", "O"], ["O"] * 5, ["O"] * 5),
    ],
)
def test_second_pass_may_not_erase_a_cued_content(
    first: list[str], second: list[str], expected: list[str]
) -> None:
    from claimscope.quotes.stacking import keep_erased

    starts = [True, False, False, False, False]
    assert keep_erased(starts, first, second) == expected


def test_erasing_is_judged_per_sentence() -> None:
    from claimscope.quotes.stacking import keep_erased

    starts = [True, False, False, True, False, False]
    first = ["B-Q", "B-C", "I-C", "B-Q", "B-C", "O"]
    second = ["B-Q", "B-C", "I-C", "O", "O", "O"]
    assert keep_erased(starts, first, second) == first


_LABEL_SET = ("O", "B-S", "I-S", "B-Q", "I-Q", "B-C", "I-C")


@pytest.mark.parametrize("seed", range(20))
def test_coded_rows_are_the_spelled_features_rows(seed: int) -> None:
    """The tagger's path (codes into each column's strings) gives the rows the spelled
    features give, on random label sequences (the shipped model's attribute index)."""
    crf = tagger.load_passes(None, 2)
    rnd = random.Random(seed)
    n = rnd.randint(1, 80)
    labels = [rnd.choice(_LABEL_SET) if rnd.random() < 0.4 else "O" for _ in range(n)]
    starts = [rnd.random() < 0.15 for _ in range(n)]
    views = [TokenView(i * 3, i * 3 + 2) for i in range(n)]
    assert (crf.rows(stacked_columns(starts, views, labels))
            == stacked_rows(crf, starts, views, labels)).all()
