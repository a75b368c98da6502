"""Ingest throughput and memory against a same-run baseline.

    python benchmarks/ingest.py [--sizes 1000,5000,20000] [--corpus PATH]

For each N, in a fresh process: the baseline reads the first N corpus articles and parses
their JSON (what any ingest must do); parley ingests the same file into a fresh database.
Prints articles/s of both, their ratio, and each run's peak memory, so that 'memory flat in N'
can be read off the table. Target: >= 1,000 articles/s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "news_volume.jsonl"


def one_run(mode: str, path: Path, db: Path) -> dict:
    sys.path.insert(0, str(REPO))
    started = time.perf_counter()
    if mode == "baseline":
        with path.open("rb") as f:
            n = sum(1 for line in f if json.loads(line).get("text") is not None)
    else:
        from extract.ingest import ingest_paths
        from extract.store import Store

        with Store(db) as store:
            summary = ingest_paths(store, [path])
            n = summary.ingested + summary.skipped
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "seconds": seconds, "peak_mb": peak_mb}


def spawn(mode: str, path: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", mode, str(path), str(db)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one[0], Path(args.one[1]), Path(args.one[2]))))
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    print(f"{'N':>7} {'baseline art/s':>15} {'parley art/s':>13} {'ratio':>6} {'base MB':>8} {'parley MB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            sample = Path(tmp) / f"first_{n}.jsonl"
            with args.corpus.open("rb") as src, sample.open("wb") as dst:
                for i, line in enumerate(src):
                    if i >= n:
                        break
                    dst.write(line)
            base = spawn("baseline", sample, Path(tmp) / "unused.db")
            run = spawn("parley", sample, Path(tmp) / f"bench_{n}.db")
            b_rate = base["articles"] / base["seconds"]
            p_rate = run["articles"] / run["seconds"]
            print(f"{n:>7} {b_rate:>15,.0f} {p_rate:>13,.0f} {p_rate / b_rate:>6.3f} "
                  f"{base['peak_mb']:>8.0f} {run['peak_mb']:>10.0f}")
    print("target: parley >= 1,000 articles/s; parley MB flat across N")


if __name__ == "__main__":
    main()
