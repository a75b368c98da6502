"""Extraction on a Dask cluster versus Parley's own worker pool, on the same cores.

    python benchmarks/extract_cluster.py [--n 2000] [--batch-size 32] [--rounds 1]

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

It also reports the CPU time all processes of a run used (this one and its children: pool
workers, or the cluster's nannies and workers), per article: less sensitive than wall time to
other people's jobs on the same cores, and what the rate per worker core in the README is
derived from.

These machines are shared and noisy: with ``--rounds R`` the own pool and the cluster run R times
each, alternately, and the best run of each is reported (as timeit does).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_throughput import CORPUS, pick  # noqa: E402 - the same N articles as the throughput benchmark


def run(db: Path, batch_size: int, **options) -> dict:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.store import Store

    first: list[tuple[float, int]] = []

    def progress(done: int, _words: int) -> None:
        if not first:
            first.append((time.perf_counter(), done))

    cpu_before = cpu_seconds()
    with Store(db) as store:
        started = time.perf_counter()
        summary = run_extract(store, ExtractOptions(batch_size=batch_size, **options), on_progress=progress)
        ended = time.perf_counter()
    cpu = cpu_seconds() - cpu_before
    assert not summary.errors, summary.errors[:3]
    t_first, n_first = first[0]
    return {"articles": summary.articles, "seconds": ended - started,
            "rate": summary.articles / (ended - started),
            "steady": (summary.articles - n_first) / (ended - t_first),
            "writer": summary.write_seconds / (ended - started), "cpu": cpu / summary.articles,
            "summary": summary}


def cpu_seconds() -> float:
    """User + system time of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def statements(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT article_id, speaker_id, content_start, content_end, kind FROM statements "
                            "ORDER BY id").fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1, help="runs of the pool and the cluster, alternately; best kept")
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
        plan = [("one", {"workers": 1})] + [("pool", {"workers": 2}), ("cluster", {"scheduler": "local:2"})] * args.rounds
        for key, options in plan:
            db = tmp / f"{key}.db"
            shutil.copy(tmp / "ingested.db", db)
            result = run(db, args.batch_size, **options)
            print(f"  {key}: {result['seconds']:.1f} s", flush=True)
            if key not in runs or result["rate"] > runs[key]["rate"]:
                runs[key] = result
        same = statements(tmp / "one.db") == statements(tmp / "pool.db") == statements(tmp / "cluster.db")

    base = runs["one"]["rate"]
    print(f"{'run':<30}{'seconds':>9}{'articles/s':>12}{'after 1st':>11}{'x one':>7}{'writer busy':>13}"
          f"{'CPU ms/article':>16}")
    for key, label in (("one", "one local worker"), ("pool", "own pool, --workers 2"),
                       ("cluster", "LocalCluster 2 x 1 thread")):
        r = runs[key]
        print(f"{label:<30}{r['seconds']:>9.1f}{r['rate']:>12.2f}{r['steady']:>11.2f}{r['rate'] / base:>7.2f}"
              f"{100 * r['writer']:>12.1f}%{1000 * r['cpu']:>16.0f}")
    s = runs["one"]["summary"]
    print(f"statements {s.statements}, stances {s.stances}, mentions {s.mentions}; "
          f"same statements in all three databases: {same}")
    ratio = runs["cluster"]["rate"] / runs["pool"]["rate"]
    steady = runs["cluster"]["steady"] / runs["pool"]["steady"]
    print(f"cluster / own pool: {ratio:.2f} over the whole run, {steady:.2f} after the first result  (target >= 0.90)")
    print(f"writer busy, cluster run: {100 * runs['cluster']['writer']:.1f}% of the run  (target < 25%)")
    print(f"CPU per article, cluster / own pool: {runs['cluster']['cpu'] / runs['pool']['cpu']:.2f} "
          f"(start-up, scheduler and client included)")
    print(f"rate per worker core on the cluster: {runs['cluster']['steady'] / 2:.2f} articles/s measured "
          f"(2 workers sharing 2 cores with this process and others' jobs); "
          f"{1 / runs['cluster']['cpu']:.2f} articles per CPU-second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
