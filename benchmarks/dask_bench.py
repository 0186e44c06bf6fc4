"""Dask engine benchmarks on real news text (PolNeAR articles in ../shared/data).

    .venv/bin/python benchmarks/dask_bench.py scaling [--articles 200]
    .venv/bin/python benchmarks/dask_bench.py resume [--articles 2000]

``scaling``: the same corpus analysed with 1 and then 2 local workers (one thread each) in
one run; prints throughput (steady state, after the first shard, which includes loading
the models), the 2-worker/1-worker ratio, memory per worker (resident set, every model
loaded) and the cost per 1,000,000 articles in CPU-hours at the 1-worker rate.

``resume``: ``claimscope ingest --engine dask`` over ``--articles`` article-sized pieces of
the corpus plus a few broken records, killed (SIGKILL, the whole process group) once half
the shards are stored, then rerun; checks that every article is stored exactly once and the
broken records are listed as failures.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "quotes"
BROKEN = 5  # broken records mixed into the resume corpus: each must come out as a failure


def pieces(limit: int, words: int) -> list[dict[str, Any]]:
    """Real article text cut at paragraph ends into pieces of about ``words`` words."""
    out: list[dict[str, Any]] = []
    for name in ("polnear.train.jsonl", "polnear.dev.jsonl"):
        with (DATA / name).open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                paras = item["text"].split("\n\n")
                part: list[str] = []
                for i, para in enumerate(paras):
                    part.append(para)
                    last = i == len(paras) - 1
                    if last or sum(len(p.split()) for p in part) >= words:
                        out.append({"id": f"{item['id']}#{len(out)}", "text": "\n\n".join(part),
                                    "outlet": item["id"].split("/")[-1].split("_")[0]})
                        part = []
                        if len(out) == limit:
                            return out
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]], broken: int = 0) -> Path:
    lines = [json.dumps(r) for r in rows]
    step = max(1, len(lines) // (broken + 1))
    for k in range(broken):
        lines.insert((k + 1) * step, "{broken record")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scaling(args: argparse.Namespace) -> None:
    from distributed import Client, LocalCluster

    from claimscope.batch.cluster import DaskOptions, DaskReport, run

    work = Path(tempfile.mkdtemp(prefix="claimscope-dask-"))
    rows = pieces(args.articles, 10**9)  # whole articles
    src = write_jsonl(work / "in.jsonl", rows)
    words = sum(len(r["text"].split()) for r in rows)
    print(f"{len(rows)} articles, {words} words, shards of {args.shard_size}")
    rates: dict[int, float] = {}
    for workers in (1, 2):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        marks: list[tuple[float, int]] = []

        def note(r: DaskReport, marks: list[tuple[float, int]] = marks) -> None:
            marks.append((time.perf_counter(), r.stored))

        t0 = time.perf_counter()
        options = DaskOptions(scheduler=cluster.scheduler_address, shard_size=args.shard_size,
                              output=work / f"out{workers}")
        report = run([str(src)], None, options, note)
        total = time.perf_counter() - t0
        memory = client.run(_rss)
        client.close()
        cluster.close()
        first = next(m for m in marks if m[1] > 0)
        steady = (report.stored - first[1]) / (marks[-1][0] - first[0])
        rates[workers] = steady
        mb = [v / 2**20 for v in memory.values()]
        print(f"{workers} worker(s): {report.stored} stored in {total:.0f} s "
              f"({report.stored / total:.2f} articles/s overall, {steady:.2f} steady); "
              f"worker memory {', '.join(f'{m:.0f}' for m in mb)} MiB")
    print(f"scaling 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x (target >= 1.8x)")
    per_million = 1_000_000 / rates[1] / 3600
    print(f"cost per 1,000,000 such articles: {per_million:.0f} CPU-hours "
          f"({words / len(rows):.0f} words each)")


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def resume(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="claimscope-dask-"))
    rows = pieces(args.articles, args.words)
    src = write_jsonl(work / "in.jsonl", rows, BROKEN)
    db = work / "corpus.db"
    shards = -(-(len(rows) + BROKEN) // args.shard_size)
    cmd = [str(ROOT / ".venv" / "bin" / "claimscope"), "ingest", str(src), "--db", str(db),
           "--engine", "dask", "--workers", "2", "--shard-size", str(args.shard_size), "-q"]
    print(f"{len(rows)} articles + {BROKEN} broken records in {shards} shards")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, start_new_session=True)
    done = 0
    while proc.poll() is None and done < shards // 2:
        time.sleep(1)
        done = _done(db)
    if proc.poll() is not None:
        raise SystemExit("the run ended before it was killed")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(db, "SELECT count(*) FROM articles")
    print(f"killed after {time.perf_counter() - t0:.0f} s: {done} of {shards} shards, "
          f"{stored} articles stored")
    t1 = time.perf_counter()
    again = subprocess.run(cmd, capture_output=True, text=True, check=True)
    print(f"rerun: {again.stdout.strip().splitlines()[-1]} in {time.perf_counter() - t1:.0f} s")
    articles = _count(db, "SELECT count(*) FROM articles")
    distinct = _count(db, "SELECT count(DISTINCT id) FROM articles")
    failures = _count(db, "SELECT count(*) FROM failures")
    dup_quotes = _count(db, "SELECT count(*) - count(DISTINCT article || '/' || id) FROM quotes")
    expected = len({r["id"] for r in rows})
    ok = articles == distinct == expected and failures == BROKEN and dup_quotes == 0
    print(f"stored {articles} articles ({distinct} distinct ids, expected {expected}); "
          f"failures listed {failures} (expected {BROKEN}); duplicate quotes {dup_quotes}: "
          f"{'OK' if ok else 'WRONG'}")
    if not ok:
        raise SystemExit(1)


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db, timeout=30) as con:
        return int(con.execute(sql).fetchone()[0])


def _done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return _count(db, "SELECT count(*) FROM shards")
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["scaling", "resume"])
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--shard-size", type=int, default=None)
    parser.add_argument("--words", type=int, default=150,
                        help="resume: words per article-sized piece")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no {DATA}: this benchmark needs ../shared/data", file=sys.stderr)
        return 1
    if args.mode == "scaling":
        args.articles = args.articles or 200
        args.shard_size = args.shard_size or 10
        scaling(args)
    else:
        args.articles = args.articles or 2000
        args.shard_size = args.shard_size or 50
        resume(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
