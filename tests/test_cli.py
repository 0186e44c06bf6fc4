"""The command line: reports, formats, batches, and one clean line per bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BODY = ("The committee published its annual report on Wednesday, showing that spending "
        "rose by 4% while revenue stayed flat for the third year running.\n")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimscope.cli", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_text_report_for_the_seed(seed_path: Path) -> None:
    out = run("analyze", str(seed_path))
    assert out.returncode == 0, out.stderr
    assert "Putin: US Uses Cluster Munitions Through ‘Ukrainian Proxy’" in out.stdout
    assert "Sputnik" in out.stdout and "World" in out.stdout
    assert "On Special Military Op" in out.stdout
    assert "Vladimir Putin" in out.stdout


def test_json_output_to_file(seed_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    out = run("analyze", str(seed_path), "--format", "json", "--output", str(target))
    assert out.returncode == 0, out.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data[0]["outlet"] == "Sputnik"


def test_batch_streams_jsonl_in_order_and_reports_bad_files(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt", "e.txt"):
        (tmp_path / name).write_text(name + ": " + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "d.json").write_text('{"title": "x"}', encoding="utf-8")
    out = run("analyze", str(tmp_path), "--jobs", "2")
    assert out.returncode == 1
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [Path(r["source_id"]).name for r in rows] == ["a.txt", "c.txt", "e.txt"]
    errors = [line for line in out.stderr.splitlines() if "error:" in line]
    assert len(errors) == 2
    assert "b.txt: empty input" in errors[0]
    assert "d.json" in errors[1] and "'text'" in errors[1]
    assert "Traceback" not in out.stderr


def test_standard_input() -> None:
    out = run("analyze", "-", "--format", "json", stdin=BODY.encode("utf-8"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["source_id"] == "<stdin>"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 8, "binary"),
        ("nobody.json", b'{"title": "t"}', "without a 'text' field"),
        ("nothing.html", b"<html><body><nav>Menu</nav></body></html>", "no article"),
        ("broken.json", b'{"text": ', "invalid JSON"),
    ],
)
def test_single_bad_file_is_one_line(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    out = run("analyze", str(path))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert str(path) in lines[0] and reason in lines[0]


def test_invalid_utf8_is_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(BODY.replace("annual", "année").encode("cp1252") + b"\xff\xfe\x80 end.\n")
    out = run("analyze", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "année" in json.loads(out.stdout)[0]["text"]


def test_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes((BODY * 400_000)[: 50 * 1024 * 1024].encode("utf-8"))
    out = run("analyze", str(path))
    assert out.returncode == 1
    assert "too large" in out.stderr and str(path) in out.stderr


def test_missing_path_and_unknown_option() -> None:
    out = run("analyze", "/nonexistent/article.txt")
    assert out.returncode == 1
    assert "no such file" in out.stderr and "Traceback" not in out.stderr
    out = run("analyze", "--bogus")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_eval_quotes_writes_predictions(tmp_path: Path) -> None:
    text = "“We will win,” Putin said. He added that talks had failed."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "doc1", "text": text, "quotes": [
        {"content_spans": [[0, 14]], "speaker_spans": [[15, 20]], "cue_spans": [[21, 25]],
         "speaker": "Putin", "type": "direct"}]}) + "\n", encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    out = run("eval", "quotes", str(gold), "--predictions", str(preds), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert {"speech", "all", "baseline_marks_speech"} <= set(report)
    assert 0.0 <= report["speech"]["overlap_f1"] <= 1.0
    lines = preds.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["doc1"]


def test_train_quotes_without_data_is_one_line(tmp_path: Path) -> None:
    out = run("train", "quotes", "--data", str(tmp_path), "--output", str(tmp_path / "m.crf"))
    assert out.returncode == 1
    assert "polnear.train.jsonl" in out.stderr and "Traceback" not in out.stderr


def test_train_quotes_bad_silver_record_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "polnear.train.jsonl").write_text("", encoding="utf-8")
    bad = tmp_path / "news.jsonl"
    bad.write_text('{"text": "Rain fell."}\n{"id": "x"}\n', encoding="utf-8")
    out = run("train", "quotes", "--data", str(tmp_path), "--output", str(tmp_path / "m.crf"),
              "--silver", str(bad))
    assert out.returncode == 1
    assert f"{bad}:2: record has no text" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "m.crf").exists()


def test_train_quote_encoder_without_data_is_one_line(tmp_path: Path) -> None:
    out = run("train", "quote-encoder", "--data", str(tmp_path))
    assert out.returncode == 1
    assert "polnear.train.jsonl" in out.stderr and "Traceback" not in out.stderr


def test_analyze_accurate_quotes_names_the_encoder(seed_path: Path) -> None:
    out = run("analyze", str(seed_path), "--accurate-quotes", "--format", "json")
    assert out.returncode == 0, out.stderr
    [analysis] = json.loads(out.stdout)
    versions = {c["name"]: c["version"] for c in analysis["components"]}
    assert ".enc" in versions["quotes"]
    assert any(q["speaker"] and q["speaker"]["name"] == "Vladimir Putin"
               for q in analysis["quotes"])
