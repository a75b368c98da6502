"""Attribution on real news: Parley's statements scored against PolNeAR's hand annotations.

    python benchmarks/attribution.py [--split dev|train] [--limit N] [--workers 2]
                                     [--db PATH] [--misses FILE] [--json]

Reads ../shared/devsets/polnear_<split>.jsonl (never copied into the repo), ingests the
articles into a database (a temporary one, or --db PATH kept for the next run: ingest is then
skipped and extraction redone with --force), runs ``parley extract`` without a topics file, and
scores the statements as ../shared/devsets/README.md describes (extract/evaluate_attribution.py):
precision, recall, F1, F1 with the overlap counted against the longer span, speaker accuracy,
and recall by class: quoted or not, source kind (name, pronoun, nominal), the 30 commonest cues.
``--misses FILE`` writes every missed gold attribution, every wrong prediction and every right
one with the wrong speaker, to read.
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
DEVSETS = REPO.parent / "shared" / "devsets"


def load_split(split: str, limit: int | None) -> list[dict]:
    path = DEVSETS / f"polnear_{split}.jsonl"
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def build(db_path: Path, articles: list[dict], workers: int) -> dict:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest.runner import ingest_paths
    from extract.store import Store

    with Store(db_path) as store:
        if store.articles.count() == 0:
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / "polnear.jsonl"
                with open(src, "w", encoding="utf-8") as fh:
                    for a in articles:
                        fh.write(json.dumps({"id": a["doc_id"], "title": a.get("title") or a["doc_id"],
                                             "text": a["text"], "date": a.get("date"),
                                             "source": a.get("publisher")}) + "\n")
                ingest_paths(store, [src])
        started = time.perf_counter()
        summary = run_extract(store, ExtractOptions(workers=workers, force=True))
        return {"seconds": time.perf_counter() - started, "words": summary.words,
                "errors": summary.errors}


def stored_predictions(db_path: Path, articles: list[dict]) -> dict[str, list]:
    """doc_id -> the database's statements as Predictions, offsets mapped to the gold text
    (an article missing from the database has none)."""
    from extract.evaluate_attribution import OffsetMap, Prediction
    from extract.store import Store

    out: dict[str, list] = {}
    with Store(db_path, readonly=True) as store:
        for a in articles:
            row = store.query_one("SELECT id, text FROM articles WHERE external_id = ?", (a["doc_id"],))
            preds = out[a["doc_id"]] = []
            if row is None:
                continue
            to_gold = OffsetMap(row["text"], a["text"])
            for s in store.query("SELECT content_start, content_end, speaker_start, speaker_end "
                                 "FROM statements WHERE article_id = ?", (row["id"],)):
                speaker = (to_gold.span(s["speaker_start"], s["speaker_end"])
                           if s["speaker_start"] is not None else None)
                preds.append(Prediction(to_gold.span(s["content_start"], s["content_end"]), speaker))
    return out


def score(db_path: Path, articles: list[dict]):
    from extract.evaluate_attribution import AttributionScore, gold_attributions, score_article

    total = AttributionScore()
    predictions = stored_predictions(db_path, articles)
    for a in articles:
        score_article(a["doc_id"], gold_attributions(a), predictions[a["doc_id"]], total)
    return total


def write_misses(path: Path, total, articles: list[dict]) -> None:
    texts = {a["doc_id"]: a["text"] for a in articles}
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, g in total.misses:
            fh.write(f"MISS {doc_id} cue={g.cue_text!r} source={g.source_text!r}\n   "
                     f"{g.content_text[:300]!r}\n")
        for doc_id, (s, e) in total.wrong:
            fh.write(f"WRONG {doc_id} {texts[doc_id][s:e][:300]!r}\n")
        for doc_id, (s, e), speaker, gold_source in total.wrong_speaker:
            said = texts[doc_id][speaker[0]:speaker[1]] if speaker else None
            fh.write(f"SPEAKER {doc_id} predicted {said!r}, gold {gold_source!r}: {texts[doc_id][s:e][:120]!r}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--db", type=Path, default=None, help="keep the database here (reused next time)")
    ap.add_argument("--misses", type=Path, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    articles = load_split(args.split, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "attribution.db"
        run = build(db_path, articles, args.workers)
        total = score(db_path, articles)
    if args.misses:
        write_misses(args.misses, total, articles)
    from extract.nlp import EXTRACTOR_VERSION

    result = {"split": args.split, "articles": len(articles), "extractor": EXTRACTOR_VERSION,
              **total.as_dict(), "extract_seconds": round(run["seconds"], 1),
              "extract_errors": len(run["errors"])}
    if args.json:
        result["by_class"] = {k: total.recall_table(k, 30) for k in ("quoted", "source", "cue")}
        print(json.dumps(result, indent=2))
        return
    print(f"polnear_{args.split}: {len(articles)} articles, extractor {EXTRACTOR_VERSION}, "
          f"extraction {run['seconds']:.0f} s")
    print(f"precision {total.precision:.3f}  recall {total.recall:.3f}  F1 {total.f1:.3f}  "
          f"F1 (longer span) {total.f1_strict:.3f}  speaker accuracy {total.speaker_accuracy:.3f}")
    print(f"  predicted {total.predicted}, correct {total.correct}; gold {total.gold}, found {total.found}")
    for kind, top in (("quoted", None), ("source", None), ("cue", 30)):
        print(f"recall by {kind}:")
        for value, n, rec in total.recall_table(kind, top):
            print(f"  {value[:28]:<28} {n:>5}  {rec:.2f}")


if __name__ == "__main__":
    main()
