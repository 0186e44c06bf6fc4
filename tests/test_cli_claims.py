"""The claims commands: eval checkworthy, eval match, match (fixtures written here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

SENTENCES = [
    ("Unemployment fell to 3.5 percent last year, the lowest in fifty years.", 1),
    ("We spent $2 trillion on the war in Iraq.", 1),
    ("Thank you all for being here tonight.", 0),
    ("I'd like to mention one thing.", 0),
]


def test_eval_checkworthy_writes_predictions(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "label": y}) + "\n"
                            for i, (t, y) in enumerate(SENTENCES)), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    out = run("eval", "checkworthy", str(gold), "--predictions", str(preds), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"model", "threshold", "baseline_majority", "baseline_all_positive"}
    assert report["baseline_all_positive"]["f1"] == round(2 * 0.5 / 1.5, 4)
    low, high = report["model"]["f1_95"]  # the model's F1 comes with its interval
    assert 0.0 <= low <= high <= 1.0
    assert "f1_95" not in report["baseline_majority"]
    rows = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["s0", "s1", "s2", "s3"]
    assert all(0 <= r["score"] <= 1 and r["label"] in (0, 1) for r in rows)
    # The obvious cases come out right.
    assert rows[1]["score"] > rows[2]["score"]


def test_eval_checkworthy_bad_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "label": 1}\n{"id": "b"}\n', encoding="utf-8")
    out = run("eval", "checkworthy", str(gold))
    assert out.returncode != 0
    assert "gold.jsonl:2" in out.stderr and "Traceback" not in out.stderr


def test_eval_match(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    claims = ["Oreos have a new Lady Gaga-themed cookie.",
              "A photograph shows a spider inside an Oreo cookie.",
              "Drinking hot water cures the flu."]
    corpus.write_text("".join(json.dumps({"id": f"v{i}", "text": c}) + "\n"
                              for i, c in enumerate(claims)), encoding="utf-8")
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "t1", "query": "OREO x LADY GAGA packs drop today!",
                                   "gold": ["v0"]}) + "\n", encoding="utf-8")
    preds = tmp_path / "ranked.jsonl"
    out = run("eval", "match", str(queries), str(corpus), "--predictions", str(preds),
              "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["model"]["map@5"] == 1.0
    assert report["model"]["map@5_95"] == [1.0, 1.0]  # every query right: no spread
    ranked = json.loads(preds.read_text(encoding="utf-8"))
    assert ranked["id"] == "t1" and ranked["ranked"][0] == "v0"


def test_match_a_claim_against_factchecks(tmp_path: Path) -> None:
    fc = tmp_path / "fc.csv"
    fc.write_text("id,claim,verdict,url,date\n"
                  "f1,Russia has never refused to negotiate with Ukraine,misleading,u1,2023-09\n"
                  "f2,Hot water cures the flu,false,u2,2020-03\n", encoding="utf-8")
    out = run("match", "Moscow never refused to hold talks with Kyiv", "--factchecks", str(fc),
              "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    top = report["matches"][0]["factchecks"][0]
    assert top["id"] == "f1" and top["verdict"] == "misleading"


def test_match_bad_factcheck_file(tmp_path: Path) -> None:
    fc = tmp_path / "fc.csv"
    fc.write_text("id,verdict\nf1,false\n", encoding="utf-8")
    out = run("match", "anything", "--factchecks", str(fc))
    assert out.returncode != 0
    assert "fc.csv:1" in out.stderr and "missing column claim" in out.stderr


def test_match_article_against_corpus_reports_drift(tmp_path: Path) -> None:
    """Issue 4: the same claimant and object with another number in another article."""
    says = ("Defence Minister Sergei Shoigu said on {day} that {n} people had signed "
            "contracts with the army since January.")
    records = [
        {"id": "a1", "text": says.format(day="Monday", n="280,000"), "outlet": "Wire",
         "published": "2023-09-04"},
        {"id": "a2", "text": "The weather in Moscow was mild for the season.",
         "outlet": "Wire", "published": "2023-09-05"},
    ]
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    analyses = tmp_path / "analyses.jsonl"
    out = run("analyze", str(src), "--format", "jsonl", "--output", str(analyses))
    assert out.returncode == 0, out.stderr
    new = tmp_path / "new.json"
    new.write_text(json.dumps({"id": "a3", "text": says.format(day="Friday", n="325,000"),
                               "outlet": "Wire", "published": "2023-09-08"}),
                   encoding="utf-8")
    out = run("match", "--article", str(new), "--corpus", str(analyses), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["matches"][0]["corpus"][0]["article"] == "a1"
    (drift,) = report["drift"]
    assert drift["claimant"] == "Sergei Shoigu" and drift["object"] == "people"
    assert [p["value"] for p in drift["points"]] == [280000.0, 325000.0]


def test_money_drifts_by_what_it_measures(tmp_path: Path) -> None:
    """Issue 4 (numbers 1.18): a cost given in two articles drifts; amounts of money had
    no object before, so no drift was found, and the text report printed 8.4e+07."""
    says = ("The cost of repairing the Harbor Bridge has risen to {n}, chief city engineer "
            "Dana Ortiz said on {day}.")
    records = [
        {"id": f"a{i}", "text": says.format(n=n, day=day), "outlet": "Wire",
         "published": date}
        for i, (n, day, date) in enumerate([("$84 million", "Wednesday", "2026-03-04"),
                                            ("$112 million", "Tuesday", "2026-06-09")])
    ]
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    analyses = tmp_path / "analyses.jsonl"
    out = run("analyze", str(src), "--format", "jsonl", "--output", str(analyses))
    assert out.returncode == 0, out.stderr
    out = run("match", "The bridge repair will cost $84 million", "--corpus", str(analyses))
    assert out.returncode == 0, out.stderr
    assert ("drift: Dana Ortiz on cost: $84 million (2026-03-04) -> $112 million "
            "(2026-06-09)") in out.stdout


def test_a_denied_corpus_claim_says_so(tmp_path: Path) -> None:
    """Issue 4 (claims 1.7): a match in the corpus that its claimant denies is shown so."""
    record = {"id": "d1", "outlet": "Wire", "published": "2024-05-01",
              "text": "The paramilitary group denied targeting civilians in the attack on the "
                      "camp.\n"}
    src = tmp_path / "corpus.jsonl"
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")
    analyses = tmp_path / "analyses.jsonl"
    out = run("analyze", str(src), "--format", "jsonl", "--output", str(analyses))
    assert out.returncode == 0, out.stderr
    out = run("match", "The group targeted civilians at the camp", "--corpus", str(analyses))
    assert out.returncode == 0, out.stderr
    assert "targeting civilians in the attack on the camp  The paramilitary group (denies)" \
        in out.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--news", "NEWS"], "--news gives the teacher more statements: it needs --teacher"),
    (["--teacher", "MODEL", "--method", "linear"], "it needs --method finetune"),
    (["--soup", "4", "--method", "linear"], "they need --method finetune"),
    (["--device", "cuda", "--method", "linear"], "they need --method finetune"),
])
def test_train_checkworthy_distillation_options_are_checked(
        tmp_path: Path, args: list[str], message: str) -> None:
    files = {"NEWS": tmp_path / "news.jsonl", "MODEL": tmp_path / "m.safetensors"}
    for f in files.values():
        f.write_text("{}\n", encoding="utf-8")
    out = run("train", "checkworthy", "--data", str(tmp_path), "--output",
              str(tmp_path / "out.safetensors"),
              *[str(files.get(a, a)) for a in args])
    assert out.returncode != 0
    assert message in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "out.safetensors").exists()
