"""`parley learn` on about 1,000 reviewed statements, and extraction with a learned model versus
bare spaCy, in one run.

    python benchmarks/learn_speed.py [--statements 1000] [--articles 400]

Takes corpus articles from ../shared/corpora/news_volume.jsonl (every k-th record), ingests and
extracts them into a temporary database (not timed) until at least N statements exist, then a
scripted analyst decides N statements (rejects statements cued by 'said' without a stance,
relabels 'support' as 'oppose') through `parley review apply`, and measures:

- `parley learn` wall time (subprocess, including Python start and imports; target < 30 s);
- bare `nlp.pipe` (n_process 1) words/s on the same articles;
- `parley extract --force` with the learned model active (workers 1) words/s, and the ratio to
  bare spaCy (target >= 0.8), plus the time spent in the model itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpora" / "news_volume.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()

    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest import ingest_paths
    from extract.learn import active_model
    from extract.nlp.pipeline import load_pipeline
    from extract.nlp.text import unwrap
    from extract.store import Store

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // (args.articles * 3))
    records = [json.loads(x) for x in lines[::step]]
    records = [r for r in records if 200 < len(r.get("text", "")) < 20_000][: args.articles]
    nlp = load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "learn.db"
        src = tmp / "articles.jsonl"
        src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        with Store(db) as store:
            ingest_paths(store, [src])
            run_extract(store, ExtractOptions(), nlp=nlp)
            rows = store.query("SELECT s.id, coalesce(s.cue, ''), (SELECT count(*) FROM stances t "
                               "WHERE t.statement_id = s.id) FROM statements s ORDER BY s.id LIMIT ?",
                               (args.statements,))
            decisions = []
            for sid, cue, n in rows:
                if cue.lower() == "said" and not n:
                    decisions.append({"statement": sid, "decision": "reject"})
                    continue
                decisions.append({"statement": sid, "decision": "accept"})
                for topic, label in store.query("SELECT tp.name, t.label FROM stances t JOIN topics tp "
                                                "ON tp.id = t.topic_id WHERE t.statement_id = ?", (sid,)):
                    if label == "support":
                        decisions.append({"statement": sid, "topic": topic, "stance": "oppose"})
            texts = [unwrap(t) for (t,) in store.query("SELECT text FROM articles ORDER BY id")]
        path = tmp / "decisions.jsonl"
        path.write_text("\n".join(json.dumps(d) for d in decisions) + "\n", encoding="utf-8")
        env = {**os.environ, "PARLEY_CODER": "bench"}
        parley = [sys.executable, "-m", "extract", "--db", str(db)]
        subprocess.run([*parley, "review", "apply", str(path)], check=True, env=env, capture_output=True)
        started = time.perf_counter()
        out = subprocess.run([*parley, "learn", "--json"], check=True, env=env, capture_output=True, text=True)
        learn_s = time.perf_counter() - started
        report = json.loads(out.stdout)
        print(f"{len(records)} articles; {report['decisions']} reviewed statements; "
              f"parley learn {learn_s:.1f} s wall (training {report['seconds']:.1f} s); "
              f"overrides: {report['overrides']}")

        started = time.perf_counter()
        words = 0
        for doc in nlp.pipe(texts, batch_size=32):
            words += sum(1 for t in doc if not (t.is_punct or t.is_space))
        bare_wps = words / (time.perf_counter() - started)

        with Store(db) as store:
            model = active_model(store)
            summary = run_extract(store, ExtractOptions(force=True), nlp=nlp)
            parley_wps = summary.words / summary.seconds
            # The model alone, on every article's records once more (the cost it adds).
            from extract.nlp.pipeline import extraction_from_doc
            docs = list(nlp.pipe(texts[:100], batch_size=32))
            exs = [extraction_from_doc(d) for d in docs]
            exs = [e for e in exs if not isinstance(e, str)]
            started = time.perf_counter()
            for e in exs:
                model.apply(e)
            model_ms = (time.perf_counter() - started) * 1000 / max(1, len(exs))
        print(f"bare spaCy {bare_wps:,.0f} words/s; parley extract with learned model v{model.version if model else '-'} "
              f"{parley_wps:,.0f} words/s; ratio {parley_wps / bare_wps:.2f} (target >= 0.8); "
              f"model {model_ms:.2f} ms per article")


if __name__ == "__main__":
    main()
