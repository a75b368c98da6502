"""``parley eval GOLD.jsonl``: score the database against hand-made annotations.

Gold, one article a line: {"path" or "external_id", "actors": [{name, type, aliases,
affiliation}], "statements": [{speaker, content, direct}], "stances": [{actor, topic, stance}]}.

Scoring rules
- actors: a predicted actor with a mention in the article matches a gold actor when one of
  its names or aliases equals one of the gold actor's (case-insensitively); P/R/F1.
- affiliations: accuracy over matched gold actors with an affiliation: correct when the gold
  affiliation names any member of the actor's affiliation chain (the actor itself included).
- statements: a predicted statement (not rejected) matches a gold one when their contents
  overlap by at least half of the shorter span and the speakers match through aliases; each
  gold statement matches at most one prediction; P/R/F1.
- stances: at the (actor, topic) level, as ``stance_cells`` aggregates them (a statement
  counts for its speaker and up the affiliation chain, never for media), restricted to the
  article's statements; a cell is correct when actor and topic match and the leading label is
  the gold label or one of its ``also_ok``; a predicted neutral cell that gold does not list is
  ignored (../shared/devsets/README.md: how held-out sets are judged).

Beside the scores, an error breakdown for stances: wrong labels by (gold, predicted), missed
pairs by the kind of evidence gold cites, spurious pairs by the actor's type.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .store import Store, StoreError
from .store.db import alias_key
from .store.extraction import spans_overlap


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.accuracy, 4), "correct": self.correct, "total": self.total}


@dataclass
class StanceErrors:
    wrong_label: Counter = field(default_factory=Counter)   # (gold, predicted) -> pairs
    missed: Counter = field(default_factory=Counter)        # evidence kind -> pairs never predicted
    spurious: Counter = field(default_factory=Counter)      # actor type -> predicted pairs gold lacks

    def add(self, other: StanceErrors) -> None:
        self.wrong_label.update(other.wrong_label)
        self.missed.update(other.missed)
        self.spurious.update(other.spurious)

    def as_dict(self) -> dict:
        return {"wrong_label": {f"{g}->{p}": n for (g, p), n in self.wrong_label.most_common()},
                "missed": dict(self.missed.most_common()), "spurious": dict(self.spurious.most_common())}


_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")
_REPORTED = re.compile(r"\b(sa(id|ys|y)|told|tells|according to|added|argued|warned|insisted|stated|"
                       r"declared|announced|claimed|believes?|thinks?|wrote|writes)\b", re.I)
_EVALUATIVE = re.compile(r"\b(is|was|are|were|be|been|being)\b", re.I)


def evidence_kind(evidence: str) -> str:
    """How gold's evidence takes its side: a quote, reported speech, an evaluation, an act."""
    if _QUOTE_MARKS.search(evidence or ""):
        return "quote"
    if _REPORTED.search(evidence or ""):
        return "reported speech"
    if _EVALUATIVE.search(evidence or ""):
        return "evaluation"
    return "act"


@dataclass
class ArticleScore:
    article: str
    article_id: int | None
    actors: Score = field(default_factory=Score)
    affiliations: Accuracy = field(default_factory=Accuracy)
    statements: Score = field(default_factory=Score)
    stances: Score = field(default_factory=Score)
    stance_errors: StanceErrors = field(default_factory=StanceErrors)
    # statement kind (direct | indirect | action) -> Score of the predictions of that kind
    # (tp = matched a gold statement; gold left at 0: gold statements carry no kind of ours)
    statement_kinds: dict[str, Score] = field(default_factory=dict)
    missing: bool = False
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"article": self.article, "article_id": self.article_id, "missing": self.missing,
                "actors": self.actors.as_dict(), "affiliations": self.affiliations.as_dict(),
                "statements": self.statements.as_dict(), "stances": self.stances.as_dict(),
                "stance_errors": self.stance_errors.as_dict(),
                "statement_kinds": {k: {"matched": v.tp, "predicted": v.predicted}
                                    for k, v in sorted(self.statement_kinds.items())},
                "errors": self.errors}


@dataclass
class EvalReport:
    articles: list[ArticleScore] = field(default_factory=list)

    def overall(self) -> ArticleScore:
        total = ArticleScore("overall", None)
        for a in self.articles:
            total.actors.add(a.actors)
            total.affiliations.add(a.affiliations)
            total.statements.add(a.statements)
            total.stances.add(a.stances)
            total.stance_errors.add(a.stance_errors)
            for kind, score in a.statement_kinds.items():
                total.statement_kinds.setdefault(kind, Score()).add(score)
        return total

    def as_dict(self) -> dict:
        return {"articles": [a.as_dict() for a in self.articles], "overall": self.overall().as_dict()}


def read_gold(path: str | Path) -> list[dict]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise StoreError(f"gold file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StoreError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not (item.get("path") or item.get("external_id")):
            raise StoreError(f"{path}:{n}: each line needs 'path' or 'external_id'")
        for key in ("actors", "statements", "stances"):
            if not isinstance(item.get(key, []), list):
                raise StoreError(f"{path}:{n}: '{key}' must be a list")
        out.append(item)
    return out


class Evaluator:
    def __init__(self, store: Store):
        self.store = store
        self._names: dict[int, set[str]] = {}
        from .analysis.matrix import stance_cells
        self.cells = list(stance_cells(self.store, reviewed_only=False))
        self._labels = self._effective_labels()

    def _effective_labels(self) -> dict[tuple[int, str], str]:
        """(statement id, topic name) -> effective label of every counted stance."""
        rows = self.store.query(
            "SELECT st.statement_id, t.name, COALESCE(st.review_label, st.label) FROM stances st "
            "JOIN topics t ON t.id = st.topic_id WHERE st.review != 'rejected'"
        )
        return {(r[0], r[1]): r[2] for r in rows}

    def names(self, actor_id: int | None) -> set[str]:
        if actor_id is None:
            return set()
        if actor_id not in self._names:
            self._names[actor_id] = {alias_key(r[0]) for r in self.store.query(
                "SELECT alias FROM aliases WHERE actor_id = ? UNION SELECT name FROM actors WHERE id = ?",
                (actor_id, actor_id))}
        return self._names[actor_id]

    def find_article(self, gold: dict) -> dict | None:
        if gold.get("external_id"):
            row = self.store.query_one("SELECT id, text FROM articles WHERE external_id = ?", (gold["external_id"],))
            if row:
                return dict(row)
        path = gold.get("path")
        if path:
            row = self.store.query_one("SELECT id, text FROM articles WHERE path = ?", (path,))
            if row:
                return dict(row)
            name = Path(path).name
            for r in self.store.query("SELECT id, text, path FROM articles WHERE path LIKE ?", (f"%{name}",)):
                if r["path"] and Path(r["path"]).name == name:
                    return dict(r)
        return None

    def score(self, gold: dict) -> ArticleScore:
        label = gold.get("external_id") or gold.get("path")
        art = self.find_article(gold)
        result = ArticleScore(label, art["id"] if art else None)
        gold_actors = gold.get("actors", [])
        gold_stmts = gold.get("statements", [])
        gold_stances = gold.get("stances", [])
        if art is None:
            result.missing = True
            result.actors = Score(0, 0, len(gold_actors))
            result.statements = Score(0, 0, len(gold_stmts))
            result.stances = Score(0, 0, len(gold_stances))
            return result
        gold_names = {a["name"]: {alias_key(n) for n in [a["name"], *(a.get("aliases") or [])]} for a in gold_actors}

        def gold_keys(name: str) -> set[str]:
            return gold_names.get(name) or {alias_key(name)}

        self._actors(art["id"], gold_actors, gold_keys, result)
        self._statements(art, gold_stmts, gold_keys, result)
        self._stances(art["id"], gold_stances, gold_keys, result)
        return result

    def _actors(self, article_id: int, gold_actors: list[dict], gold_keys, result: ArticleScore) -> None:
        predicted = [r[0] for r in self.store.query(
            "SELECT DISTINCT actor_id FROM mentions WHERE article_id = ? UNION "
            "SELECT DISTINCT speaker_id FROM statements WHERE article_id = ? AND speaker_id IS NOT NULL "
            "AND review != 'rejected'", (article_id, article_id))]
        matched_gold: dict[str, int] = {}
        tp_pred = 0
        for actor_id in predicted:
            names = self.names(actor_id)
            hit = next((g["name"] for g in gold_actors if names & gold_keys(g["name"])
                        and g["name"] not in matched_gold), None)
            if hit:
                matched_gold[hit] = actor_id
                tp_pred += 1
        result.actors = Score(tp_pred, len(predicted), len(gold_actors))
        for g in gold_actors:
            if not g.get("affiliation") or g["name"] not in matched_gold:
                continue
            chain = self.store.actors.chain(matched_gold[g["name"]])
            chain_names = set().union(*(self.names(c["id"]) for c in chain)) if chain else set()
            ok = bool(chain_names & gold_keys(g["affiliation"]))
            result.affiliations.total += 1
            result.affiliations.correct += ok
            if not ok:
                result.errors.append(f"affiliation of {g['name']}: expected {g['affiliation']}, "
                                     f"got {' > '.join(c['name'] for c in chain)}")

    def _statements(self, art: dict, gold_stmts: list[dict], gold_keys, result: ArticleScore) -> None:
        text = art["text"]
        predicted = self.store.query(
            "SELECT id, kind, speaker_id, content_start, content_end, content FROM statements "
            "WHERE article_id = ? AND review != 'rejected' ORDER BY content_start", (art["id"],))
        used: set[int] = set()
        tp = 0
        for g in gold_stmts:
            span = _locate(text, g.get("content", ""))
            if span is None:
                result.errors.append(f"gold statement not found in the text: {g.get('content', '')[:60]!r}")
                continue
            keys = gold_keys(g.get("speaker", ""))
            best, best_overlap = None, 0
            for p in predicted:
                if p["id"] in used or not spans_overlap(span[0], span[1], p["content_start"], p["content_end"]):
                    continue
                if not (self.names(p["speaker_id"]) & keys):
                    continue
                overlap = min(span[1], p["content_end"]) - max(span[0], p["content_start"])
                if overlap > best_overlap:
                    best, best_overlap = p["id"], overlap
            if best is not None:
                used.add(best)
                tp += 1
            else:
                result.errors.append(f"missed statement by {g.get('speaker')}: {g.get('content', '')[:60]!r}")
        for p in predicted:
            if p["id"] not in used:
                result.errors.append(f"extra statement: {p['content'][:60]!r}")
        result.statements = Score(tp, len(predicted), len(gold_stmts))
        for p in predicted:
            kind = result.statement_kinds.setdefault(p["kind"], Score())
            kind.predicted += 1
            kind.tp += p["id"] in used

    def _stances(self, article_id: int, gold_stances: list[dict], gold_keys, result: ArticleScore) -> None:
        from .analysis.rules import leading_label

        ids = {r[0] for r in self.store.query("SELECT id FROM statements WHERE article_id = ?", (article_id,))}
        predicted: dict[tuple[int, str], str] = {}
        for cell in self.cells:
            mine = [s for s in cell["statements"] if s in ids]
            if not mine:
                continue
            counts = Counter(self._labels[(s, cell["topic"])] for s in mine if (s, cell["topic"]) in self._labels)
            lead = leading_label(dict(counts)) if counts else None
            if lead:
                predicted[(cell["actor_id"], cell["topic"])] = lead
        topic_of = self._topic_names()
        errors = result.stance_errors
        tp = 0
        for g in gold_stances:
            topic = topic_of.get(alias_key(g.get("topic", "")), g.get("topic"))
            keys = gold_keys(g.get("actor", ""))
            hit = next((k for k, v in predicted.items() if k[1] == topic and self.names(k[0]) & keys), None)
            accepted = {g.get("stance"), *(g.get("also_ok") or [])}
            if hit and predicted[hit] in accepted:
                tp += 1
                continue
            got = predicted.get(hit) if hit else None
            if got is None:
                errors.missed[evidence_kind(g.get("evidence", ""))] += 1
            else:
                errors.wrong_label[(g.get("stance"), got)] += 1
            result.errors.append(f"stance {g.get('actor')} / {g.get('topic')}: expected {g.get('stance')}, got {got}")
        gold_pairs = [(g.get("actor", ""), topic_of.get(alias_key(g.get("topic", "")), g.get("topic")))
                      for g in gold_stances]
        counted = len(predicted)
        for (actor_id, topic), label in predicted.items():
            if not any(t == topic and self.names(actor_id) & gold_keys(a) for a, t in gold_pairs):
                if label == "neutral":
                    counted -= 1  # speaking about a topic without a side: not an error
                    continue
                actor = self.store.actors.get(actor_id)
                errors.spurious[actor["type"]] += 1
                result.errors.append(f"extra stance: {actor['name']} / {topic}: {label}")
        result.stances = Score(tp, counted, len(gold_stances))

    def _topic_names(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.store.query(
            "SELECT a.norm, t.name FROM topic_aliases a JOIN topics t ON t.id = a.topic_id")}


def _locate(text: str, content: str) -> tuple[int, int] | None:
    if not content:
        return None
    i = text.find(content)
    if i >= 0:
        return i, i + len(content)
    # Tolerate different whitespace (hard-wrapped lines).
    import re
    pattern = r"\s+".join(re.escape(w) for w in content.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def evaluate(store: Store, gold_path: str | Path) -> EvalReport:
    gold = read_gold(gold_path)
    evaluator = Evaluator(store)
    return EvalReport([evaluator.score(g) for g in gold])
