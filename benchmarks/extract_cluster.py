"""Extraction on a Dask cluster versus Parley's own worker pool, on the same cores.

    python benchmarks/extract_cluster.py [--n 2000] [--batch-size 32]

Takes N articles from ../shared/corpora/news_volume.jsonl (every k-th record, so Reuters, BBC
and FNC-1 texts are all in), ingests them into a temporary database (not timed), then runs
'parley extract' three times on copies of it, in this one run, as the CLI runs it (model loading,
pool or cluster start-up included):

- one local worker (the baseline);
- the own pool, ``--workers 2``;
- a LocalCluster of 2 single-threaded worker processes, ``--scheduler local:2``.

For each: articles/s over the whole run and after the first result (start-up excluded), the
ratio to one worker, and how busy the single SQLite writer was (its transactions' time as a share
of the run; target < 25%: the writer must not be the bottleneck). Target: cluster / own pool
>= 0.9 on the same cores. The three databases are also checked to hold the same statements.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpora" / "news_volume.jsonl"


def pick(n: int) -> list[dict]:
    with open(CORPUS, encoding="utf-8") as fh:
        lines = fh.readlines()
    step = max(1, len(lines) // n)
    out = []
    for line in lines[::step]:
        record = json.loads(line)
        if record.get("text", "").strip():
            out.append(record)
        if len(out) == n:
            break
    return out


def run(db: Path, batch_size: int, **options) -> dict:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.store import Store

    first: list[tuple[float, int]] = []

    def progress(done: int, _words: int) -> None:
        if not first:
            first.append((time.perf_counter(), done))

    with Store(db) as store:
        started = time.perf_counter()
        summary = run_extract(store, ExtractOptions(batch_size=batch_size, **options), on_progress=progress)
        ended = time.perf_counter()
    assert not summary.errors, summary.errors[:3]
    t_first, n_first = first[0]
    return {"articles": summary.articles, "seconds": ended - started,
            "rate": summary.articles / (ended - started),
            "steady": (summary.articles - n_first) / (ended - t_first),
            "writer": summary.write_seconds / (ended - started), "summary": summary}


def statements(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT article_id, speaker_id, content_start, content_end, kind FROM statements "
                            "ORDER BY id").fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    from extract.ingest import ingest_paths
    from extract.store import Store

    records = pick(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "articles.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with Store(tmp / "ingested.db") as store:
            ingest_paths(store, [src])
            n = store.articles.count()
        print(f"{n} articles from {CORPUS.name}, batch size {args.batch_size}, cores on this machine: "
              f"{__import__('os').cpu_count()}")
        runs = {}
        for key, options in (("one", {"workers": 1}), ("pool", {"workers": 2}), ("cluster", {"scheduler": "local:2"})):
            db = tmp / f"{key}.db"
            shutil.copy(tmp / "ingested.db", db)
            runs[key] = run(db, args.batch_size, **options)
        same = statements(tmp / "one.db") == statements(tmp / "pool.db") == statements(tmp / "cluster.db")

    base = runs["one"]["rate"]
    print(f"{'run':<34}{'seconds':>9}{'articles/s':>12}{'after 1st':>11}{'x one':>7}{'writer busy':>13}")
    for key, label in (("one", "one local worker"), ("pool", "own pool, --workers 2"),
                       ("cluster", "LocalCluster 2 x 1 thread")):
        r = runs[key]
        print(f"{label:<34}{r['seconds']:>9.1f}{r['rate']:>12.2f}{r['steady']:>11.2f}{r['rate'] / base:>7.2f}"
              f"{100 * r['writer']:>12.1f}%")
    s = runs["one"]["summary"]
    print(f"statements {s.statements}, stances {s.stances}, mentions {s.mentions}; "
          f"same statements in all three databases: {same}")
    ratio = runs["cluster"]["rate"] / runs["pool"]["rate"]
    steady = runs["cluster"]["steady"] / runs["pool"]["steady"]
    print(f"cluster / own pool: {ratio:.2f} over the whole run, {steady:.2f} after the first result  (target >= 0.90)")
    print(f"writer busy, cluster run: {100 * runs['cluster']['writer']:.1f}% of the run  (target < 25%)")
    print(f"rate per worker core on the cluster: {runs['cluster']['steady'] / 2:.2f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
