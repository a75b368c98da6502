"""Extraction throughput: bare spaCy versus the full 'parley extract' on the same articles.

    python benchmarks/extract_throughput.py [--articles 500] [--batch-size 32] [--no-workers]

Takes the same N articles from ../shared/corpora/news_volume.jsonl (every k-th record, so
Reuters, BBC and FNC-1 texts are all in), ingests them into a temporary database (not timed),
then measures, in this one run:

- bare ``nlp.pipe`` with the same model (n_process 1, then 2), words/s;
- ``run_extract`` (parse + extraction + SQLite writes), workers 1, then 2, words/s;
- the ratios parley / bare (target >= 0.8 with one worker) and workers 2 / workers 1
  (target >= 1.6);
- a second 'parley extract' with nothing changed, as a share of the first (target <= 2%);
- resident memory after 20%, 50% and 100% of the articles (flat = no growth with N).

Words are counted the same way for both (tokens that are not punctuation or space).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpora" / "news_volume.jsonl"


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


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


def words_of(doc) -> int:
    return sum(1 for t in doc if not (t.is_punct or t.is_space))


def bare(texts: list[str], model: str, n_process: int, batch_size: int) -> tuple[float, int]:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:8]))  # warm-up, as parley's pipeline gets below
    started = time.perf_counter()
    words = sum(words_of(doc) for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    return time.perf_counter() - started, words


def parley(db: Path, records_file: Path, workers: int, batch_size: int, marks: dict) -> tuple[float, int, object]:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest import ingest_paths
    from extract.nlp.pipeline import load_pipeline
    from extract.store import Store

    with Store(db) as store:
        ingest_paths(store, [records_file])        # not timed
        nlp = load_pipeline()                       # not timed, like spacy.load for bare
        list(nlp.pipe([r[0] for r in store.query("SELECT text FROM articles LIMIT 8")]))  # warm-up
        total = store.articles.count()
        checkpoints = {max(1, int(total * f)): f for f in (0.2, 0.5, 1.0)}

        def progress(done: int, _words: int) -> None:
            if done in checkpoints:
                marks[checkpoints[done]] = rss_mb()

        started = time.perf_counter()
        summary = run_extract(store, ExtractOptions(workers=workers, batch_size=batch_size), nlp=nlp,
                              on_progress=progress)
        return time.perf_counter() - started, summary.words, summary


def rerun(db: Path) -> float:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.store import Store

    with Store(db) as store:
        started = time.perf_counter()
        summary = run_extract(store, ExtractOptions())   # the CLI path: no model loaded up front
        elapsed = time.perf_counter() - started
        assert summary.articles == 0, summary.articles
        return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--no-workers", action="store_true", help="skip the 2-process measurements")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    from extract.nlp.pipeline import model_name
    from extract.nlp.text import unwrap

    model = model_name(None)
    records = pick(args.articles)
    texts = [unwrap(r["text"]) for r in records]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        results = {}
        print(f"{len(records)} articles from {CORPUS.name}, model {model}, batch size {args.batch_size}")
        results["bare1"] = bare(texts, model, 1, args.batch_size)
        marks: dict[float, float] = {}
        t1, w1, summary = parley(Path(tmp) / "w1.db", src, 1, args.batch_size, marks)
        results["parley1"] = (t1, w1)
        again = rerun(Path(tmp) / "w1.db")
        if not args.no_workers:
            results["bare2"] = bare(texts, model, 2, args.batch_size)
            t2, w2, _ = parley(Path(tmp) / "w2.db", src, 2, args.batch_size, {})
            results["parley2"] = (t2, w2)

    def wps(key: str) -> float:
        seconds, words = results[key]
        return words / seconds

    print(f"{'run':<22}{'seconds':>9}{'words':>10}{'words/s':>10}")
    for key, label in (("bare1", "bare spaCy, 1 proc"), ("parley1", "parley extract, 1"),
                       ("bare2", "bare spaCy, 2 procs"), ("parley2", "parley extract, 2")):
        if key in results:
            seconds, words = results[key]
            print(f"{label:<22}{seconds:>9.2f}{words:>10}{wps(key):>10.0f}")
    print(f"statements {summary.statements}, stances {summary.stances}, mentions {summary.mentions}, "
          f"errors {len(summary.errors)}")
    print(f"parley / bare (1 worker):      {wps('parley1') / wps('bare1'):.2f}  (target >= 0.80)")
    if "parley2" in results:
        print(f"parley workers 2 / workers 1:  {wps('parley2') / wps('parley1'):.2f}  (target >= 1.60)")
        print(f"bare n_process 2 / 1:          {wps('bare2') / wps('bare1'):.2f}  (what the machine allows)")
    print(f"re-run with nothing changed:   {again:.2f}s = {100 * again / t1:.1f}% of the first run  (target <= 2%)")
    print("resident memory during parley extract (1 worker): "
          + ", ".join(f"{int(f * 100)}%: {mb:.0f} MB" for f, mb in sorted(marks.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
