"""``parley learn``: fit the learned model on the analyst's decisions, and decide where it may
override the rules.

Two logistic regressions (scikit-learn) on the features of ``features.py``:
- statements: kept or rejected by the analyst (a statement is only ever dropped when it carries
  no stance: a statement the analyst would reject can still hold the right stance of its
  speaker, which the stance model judges on its own);
- stances, for (statement, topic) pairs of statements that were not rejected: the analyst's
  label, or 'none' when the analyst rejected the stance.

Where the model may override the rules is decided on held-back reviews: the decisions are cut
into ``FOLDS`` shares by article; each share is held back while a model is fitted on the others
and then predicted, so every decision is judged by a model that never saw it. For each statement
kind the model drops above the probability threshold at which it was right more often than 'keep
everything'; for each rules' stance label it relabels above one threshold and drops below
another (``decide.STANCE_SETTINGS``), at the setting whose answers were worth the most on those
held-back decisions as stance F1 counts them (``decide.stance_value``: a wrong side or a wrong
neutral costs, no stance is free). Either way it must beat the rules by at least ``MIN_GAIN``,
with a one-sided sign test on the decisions where the two differ (p <= ``MAX_P`` shared among
the settings tried: with a few dozen reviews a lucky streak is easy); elsewhere the rules stay
in charge. The model that is
stored is then fitted on every decision.
"""

from __future__ import annotations

import math
import time
import zlib
from collections import Counter

from ..store.schema import STANCE_LABELS, STATEMENT_KINDS
from .decide import (NONE, STANCE_SETTINGS, stance_answer, stance_value, statement_answer,
                     statement_value)
from .features import FEATURE_VERSION, rule_of, stance_features, statement_features

FOLDS = 4
MIN_GAIN = 2            # held-back decisions the model must win by before it overrides the rules
MAX_P = 0.05            # ... and the win must pass a one-sided sign test at this level
MIN_EXAMPLES = 20       # fewer decisions than this: nothing is learned
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
C = 1.0
KEEP_WEIGHT = 1e-4      # weights smaller than this are not stored


def statement_examples(rows: list[dict]) -> list[tuple[list[str], str, str, int, int]]:
    """(features, 'keep' | 'reject', kind, fold, machine stances) for every reviewed statement."""
    out = []
    for r in rows:
        if r["review"] == "pending":
            continue
        view = {**r, "n_stances": len(r["stances"])}
        out.append((statement_features(view), "reject" if r["review"] == "rejected" else "keep",
                    r["kind"], _fold(r["article_id"]), len(r["stances"])))
    return out


def stance_examples(rows: list[dict]) -> list[tuple[list[str], str, str, int]]:
    """(features, target label or 'none', rules' label, group) for every reviewed machine stance
    on a statement that was not rejected."""
    out = []
    for r in rows:
        if r["review"] == "rejected":
            continue
        view = {**r, "n_stances": len(r["stances"])}
        for t in r["stances"]:
            if t["review"] == "pending":
                continue
            rule, confidence, evidence = rule_of(t)
            target = NONE if t["review"] == "rejected" else (t["review_label"] or t["label"])
            stance = {"topic": t["topic"], "label": rule, "confidence": confidence, "evidence": evidence}
            out.append((stance_features(view, stance, len(r["stances"])), target, rule, _fold(r["article_id"])))
    return out


def _fold(article_id: int) -> int:
    """Folds by article: statements of one article are alike, so a model judged on an article
    it has seen other statements of would look better than it is."""
    return zlib.crc32(str(article_id).encode()) % FOLDS


def _fit(features: list[list[str]], targets: list[str]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([dict.fromkeys(f, 1) for f in features])
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(X, targets)
    return vec, clf


def _predict(vec, clf, features: list[list[str]]) -> list[dict[str, float]]:
    X = vec.transform([dict.fromkeys(f, 1) for f in features])
    return [dict(zip(clf.classes_, p)) for p in clf.predict_proba(X)]


def _held_back(examples, classes_needed: int = 2) -> list[dict[str, float] | None]:
    """Out-of-fold probabilities: each example predicted by a model fitted without its fold."""
    out: list[dict[str, float] | None] = [None] * len(examples)
    for fold in range(FOLDS):
        train = [e for e in examples if e[3] != fold]
        test = [i for i, e in enumerate(examples) if e[3] == fold]
        if not test or len({e[1] for e in train}) < classes_needed:
            continue
        vec, clf = _fit([e[0] for e in train], [e[1] for e in train])
        for i, p in zip(test, _predict(vec, clf, [examples[i][0] for i in test])):
            out[i] = p
    return out


def _export(vec, clf) -> dict:
    """The fitted model as plain JSON: classes, intercepts and per-feature weights."""
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_
    intercept = list(clf.intercept_)
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: the second class's
        coef = [[0.0] * coef.shape[1], list(coef[0])]
        intercept = [0.0, float(intercept[0])]
    else:
        coef = [list(row) for row in coef]
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = [round(float(row[j]), 5) for row in coef]
        if max(abs(v) for v in w) >= KEEP_WEIGHT:
            weights[str(name)] = w
    return {"classes": classes, "intercept": [round(float(v), 5) for v in intercept], "weights": weights}


def _sign_test(won: int, lost: int) -> float:
    """One-sided exact sign (McNemar) test: the chance of winning at least ``won`` of the
    ``won + lost`` decisions where model and rules differ, if neither were better."""
    n = won + lost
    if n == 0:
        return 1.0
    return sum(math.comb(n, k) for k in range(won, n + 1)) / 2 ** n


def _choose(groups: dict[str, list[tuple[str, str, dict]]], value, answers) -> tuple[dict, dict]:
    """For each group (a rules' label or a statement kind): the setting (from ``answers``) at
    which the model's answers were worth more than the rules' on held-back decisions, by
    ``value(answer, target)``, if any. Items are (target, rules' answer, probabilities);
    ``answers`` maps a setting to a function (rules' answer, probabilities) -> answer."""
    thresholds, report = {}, {}
    # Many settings are tried on the same held-back decisions: the best of them wins by luck
    # more often than one would, so each must pass the test at MAX_P shared among them
    # (Bonferroni).
    max_p = MAX_P / max(1, len(answers))
    for group, items in sorted(groups.items()):
        rules_value = sum(value(rule, target) for target, rule, _ in items)
        best, best_value = None, rules_value + MIN_GAIN - 1e-9
        for setting, answer_of in answers.items():
            total = won = lost = 0
            for target, rule, probs in items:
                mine, theirs = value(answer_of(rule, probs), target), value(rule, target)
                total += mine
                won += mine > theirs
                lost += mine < theirs
            if total > best_value and _sign_test(won, lost) <= max_p:
                best, best_value = setting, total
        report[group] = {"held_back": len(items), "rules_score": round(rules_value, 2),
                         "model_score": round(best_value, 2) if best is not None else None,
                         "threshold": best}
        if best is not None:
            thresholds[group] = best
    return thresholds, report


def train(rows: list[dict]) -> tuple[dict, dict]:
    """(model, report) from the store's reviewed examples (``store.learning.examples()``)."""
    started = time.perf_counter()
    model: dict = {"features": FEATURE_VERSION, "statement": None, "stance": None}
    report: dict = {}

    st = statement_examples(rows)
    counts = Counter(e[1] for e in st)
    report["statements"] = {"examples": len(st), "rejected": counts["reject"]}
    if len(st) >= MIN_EXAMPLES and len(counts) == 2:
        held = _held_back(st)
        groups: dict[str, list] = {k: [] for k in STATEMENT_KINDS}
        for e, probs in zip(st, held):
            if probs is not None and e[4] == 0:  # judged where it acts: statements without stances
                groups[e[2]].append((e[1], "keep", probs))
        answers = {t: (lambda rule, probs, t=t: statement_answer(rule, probs, t)) for t in THRESHOLDS}
        thresholds, per_kind = _choose({k: v for k, v in groups.items() if v}, statement_value, answers)
        report["statements"]["by_kind"] = per_kind
        # Stored even where it may drop nothing: the stance model asks it which statements the
        # analyst would keep (model.py).
        vec, clf = _fit([e[0] for e in st], [e[1] for e in st])
        model["statement"] = {**_export(vec, clf), "thresholds": thresholds}
    else:
        report["statements"]["skipped"] = "too few decisions, or none rejected"

    sx = stance_examples(rows)
    counts = Counter(e[1] for e in sx)
    report["stances"] = {"examples": len(sx), "targets": dict(counts)}
    if len(sx) >= MIN_EXAMPLES and len(counts) >= 2:
        held = _held_back(sx)
        groups = {k: [] for k in STANCE_LABELS}
        for e, probs in zip(sx, held):
            if probs is not None:
                groups[e[2]].append((e[1], e[2], {**dict.fromkeys((*STANCE_LABELS, NONE), 0.0), **probs}))
        answers = {s: (lambda rule, probs, s=s: stance_answer(rule, probs, s)) for s in STANCE_SETTINGS}
        thresholds, per_label = _choose({k: v for k, v in groups.items() if v}, stance_value, answers)
        report["stances"]["by_rule_label"] = per_label
        if thresholds:
            vec, clf = _fit([e[0] for e in sx], [e[1] for e in sx])
            model["stance"] = {**_export(vec, clf), "thresholds": thresholds}
    else:
        report["stances"]["skipped"] = "too few decisions, or only one kind of answer"
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["overrides"] = bool(model["statement"] or model["stance"])
    return model, report
