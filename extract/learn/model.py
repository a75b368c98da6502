"""The learned model at extraction time: plain weights from JSON, no scikit-learn.

``LearnedModel.apply(extraction)`` runs after the rules, on the records of one article:
- a statement without stances that the analyst would reject (cue and speaker patterns) is
  dropped, for the statement kinds where the model beat 'keep everything' on held-back reviews;
- each machine stance is relabelled (or dropped: class 'none') where the model's probability
  passes the threshold chosen on held-back reviews for the rules' label; elsewhere the rules'
  label stands. A relabelled stance keeps what the rules said in its evidence.
Scoring is a sum of weights over a few dozen feature names per item: no parse, no matrices.
"""

from __future__ import annotations

import math

from ..records import ArticleExtraction
from .decide import DOUBTFUL_STATEMENT, NONE, stance_answer
from .features import mark, stance_features, stance_view, statement_features, statement_view


class Linear:
    """A multinomial logistic model over named binary features."""

    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.intercept: list[float] = data["intercept"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.thresholds: dict[str, float] = data.get("thresholds") or {}

    def proba(self, features: list[str]) -> list[float]:
        scores = list(self.intercept)
        for name in features:
            w = self.weights.get(name)
            if w is not None:
                for i, v in enumerate(w):
                    scores[i] += v
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def _setting(stored) -> tuple:
    """(relabel threshold, drop threshold); models before the drop threshold stored one number."""
    return (stored, None) if isinstance(stored, (int, float)) else tuple(stored)


class LearnedModel:
    def __init__(self, data: dict, version: int):
        self.version = version
        self.statement = Linear(data["statement"]) if data.get("statement") else None
        self.stance = Linear(data["stance"]) if data.get("stance") else None

    @property
    def active(self) -> bool:
        """Whether the model overrides the rules anywhere (else it changes nothing)."""
        return bool((self.statement and self.statement.thresholds) or (self.stance and self.stance.thresholds))

    def reject_probability(self, view: dict) -> float:
        """The chance the analyst rejects this statement (0 without a statement model)."""
        m = self.statement
        return m.proba(statement_features(view))[m.classes.index("reject")] if m else 0.0

    def drops_statement(self, view: dict, p_reject: float) -> bool:
        m = self.statement
        if m is None or view["kind"] not in m.thresholds or view["n_stances"]:
            return False  # a statement with stances stays: the stance model judges those
        return p_reject >= m.thresholds[view["kind"]]

    def relabel(self, view: dict, stance: dict, n_topics: int, p_reject: float = 0.0) -> tuple[str, float] | None:
        """(new label or 'none', probability) where the model overrides the rules, else None."""
        m = self.stance
        rule = stance["label"]
        if m is None or rule not in m.thresholds:
            return None
        probs = dict(zip(m.classes, m.proba(stance_features(view, stance, n_topics))))
        label = stance_answer(rule, probs, _setting(m.thresholds[rule]))
        if label == rule or (label != NONE and p_reject >= DOUBTFUL_STATEMENT):
            return None
        return label, probs.get(label, 0.0)

    def apply(self, ex: ArticleExtraction) -> ArticleExtraction:
        """Change the records in place (and return them)."""
        types = {a.key: a.type for a in ex.actors}
        kept = []
        for st in ex.statements:
            view = statement_view(st, types)
            p_reject = self.reject_probability(view)
            if self.drops_statement(view, p_reject):
                continue
            stances = []
            for t in st.stances:
                change = self.relabel(view, stance_view(t), len(st.stances), p_reject)
                if change is not None:
                    label, p = change
                    if label == NONE:
                        continue
                    t.evidence = mark(t.evidence, self.version, t.label, t.confidence)
                    t.label, t.confidence = label, round(p, 3)
                stances.append(t)
            st.stances = stances
            kept.append(st)
        ex.statements = kept
        return ex
