"""What the analyst's decisions teach: the reviewed examples, the learned models, and how often
the machine was right.

- ``examples()`` reads every reviewed machine statement with its machine stances (the
  training data of ``parley learn``);
- ``save_model`` / ``latest`` keep the learned models, versioned, in ``learned_models``;
- ``accuracy()`` counts, from reviewed items, how often the machine was right, by statement
  kind and by machine stance label (``parley stats --accuracy``, the Review header);
- ``settle_version`` lets a new learned model redo only the articles that still have pending
  statements (reviewed statements are never touched, so the others have nothing to redo).

No spaCy and no scikit-learn here: the model is stored and read as JSON.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

from .db import utcnow

if TYPE_CHECKING:
    from . import Store

# Stances the machine did not make: added by an analyst, or imported from DNA.
NOT_MACHINE_EVIDENCE = ("set by analyst", "coded in DNA")
# How many newly reviewed statements make learning again worth it.
LEARN_AGAIN_AFTER = 50


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (sensible for small counts and 0 or 100%)."""
    if total <= 0:
        return (0.0, 1.0)
    p = right / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _figure(right: int, total: int) -> dict:
    low, high = wilson(right, total)
    return {"right": right, "reviewed": total, "precision": round(right / total, 4) if total else None,
            "low": round(low, 4), "high": round(high, 4)}


class LearningRepo:
    def __init__(self, store: Store):
        self.store = store

    # -- training data ----------------------------------------------------------------

    def examples(self) -> list[dict]:
        """Every reviewed statement the machine made, with its speaker's type and its machine
        stances (topic, machine label, confidence, evidence, review, analyst label)."""
        rows = self.store.query(
            "SELECT s.id, s.article_id, s.kind, s.cue, s.speaker_text, s.content, s.confidence, s.review, "
            "s.speaker_id IS NOT NULL AS resolved, a.type AS speaker_type "
            "FROM statements s LEFT JOIN actors a ON a.id = s.speaker_id "
            "WHERE s.extractor_version IS NOT NULL AND (s.review != 'pending' OR EXISTS "
            "(SELECT 1 FROM stances t WHERE t.statement_id = s.id AND t.review != 'pending')) ORDER BY s.id")
        out = {r["id"]: {**dict(r), "stances": []} for r in rows}
        if not out:
            return []
        placeholders = ",".join("?" * len(NOT_MACHINE_EVIDENCE))
        for r in self.store.query(
            "SELECT t.statement_id, tp.name AS topic, t.label, t.confidence, t.evidence, t.review, t.review_label "
            "FROM stances t JOIN topics tp ON tp.id = t.topic_id JOIN statements s ON s.id = t.statement_id "
            f"WHERE s.extractor_version IS NOT NULL AND COALESCE(t.evidence, '') NOT IN ({placeholders}) "
            "ORDER BY t.id", NOT_MACHINE_EVIDENCE):
            if r["statement_id"] in out:
                out[r["statement_id"]]["stances"].append(dict(r))
        return list(out.values())

    def reviewed_statements(self) -> int:
        return self.store.scalar("SELECT count(*) FROM statements WHERE review IN ('accepted', 'rejected', 'edited') "
                                 "AND extractor_version IS NOT NULL")

    # -- models -----------------------------------------------------------------------

    def save_model(self, model: dict, report: dict, decisions: int) -> int:
        with self.store.transaction() as conn:
            row = conn.execute("SELECT COALESCE(max(version), 0) + 1 FROM learned_models").fetchone()
            version = row[0]
            conn.execute(
                "INSERT INTO learned_models (version, created_at, coder, decisions, model, report) "
                "VALUES (?,?,?,?,?,?)",
                (version, utcnow(), self.store.coder, decisions, json.dumps(model), json.dumps(report)))
        return version

    def latest(self) -> dict | None:
        row = self.store.query_one("SELECT * FROM learned_models ORDER BY version DESC LIMIT 1")
        if row is None:
            return None
        return {**dict(row), "model": json.loads(row["model"]), "report": json.loads(row["report"])}

    def learn_status(self) -> dict:
        """How many reviewed statements came in since the last model, and whether that is
        enough to learn again."""
        row = self.store.query_one("SELECT version, decisions FROM learned_models ORDER BY version DESC LIMIT 1")
        reviewed = self.reviewed_statements()
        since = reviewed - (row["decisions"] if row else 0)
        return {"model": row["version"] if row else None, "reviewed": reviewed, "new": max(0, since),
                "learn_again": since >= LEARN_AGAIN_AFTER}

    def settle_version(self, base: str, version: str) -> int:
        """Articles extracted by ``base`` (with any or no learned model) that have no pending
        statement: the learned model could change nothing there, so they take ``version``
        without being redone. Returns how many."""
        olds = [r[0] for r in self.store.query("SELECT DISTINCT extracted_version FROM articles "
                                               "WHERE extracted_version IS NOT NULL AND extracted_version != ?",
                                               (version,))
                if r[0].split("|learned:")[0] == base]
        changed = 0
        with self.store.transaction() as conn:
            for old in olds:
                changed += conn.execute(
                    "UPDATE articles SET extracted_version = ? WHERE extracted_version = ? AND NOT EXISTS "
                    "(SELECT 1 FROM statements s WHERE s.article_id = articles.id AND s.review = 'pending' "
                    "AND NOT EXISTS (SELECT 1 FROM stances t WHERE t.statement_id = s.id AND t.review != 'pending'))",
                    (version, old)).rowcount
        return changed

    # -- accuracy ---------------------------------------------------------------------

    def accuracy(self) -> dict:
        """The machine's precision on reviewed items, with counts and 95% Wilson intervals.

        A reviewed statement was right unless rejected (an edited statement was a statement;
        its speaker or stances are counted on their own). A machine stance on a statement that
        was not rejected was right when the analyst accepted it with the machine's label;
        relabelled, moved to another topic or rejected, it was wrong."""
        by_kind = {}
        for kind, right, total in self.store.query(
                "SELECT kind, sum(review != 'rejected'), count(*) FROM statements "
                "WHERE review IN ('accepted', 'rejected', 'edited') AND extractor_version IS NOT NULL "
                "GROUP BY kind ORDER BY kind"):
            by_kind[kind] = _figure(right, total)
        by_label = self._stances_by_label()
        s_right = sum(f["right"] for f in by_kind.values())
        s_total = sum(f["reviewed"] for f in by_kind.values())
        t_right = sum(f["right"] for f in by_label.values())
        t_total = sum(f["reviewed"] for f in by_label.values())
        return {"statements": {**_figure(s_right, s_total), "by_kind": by_kind},
                "stances": {**_figure(t_right, t_total), "by_label": by_label}}

    def _stances_by_label(self) -> dict[str, dict]:
        placeholders = ",".join("?" * len(NOT_MACHINE_EVIDENCE))
        return {label: _figure(right, total) for label, right, total in self.store.query(
                "SELECT t.label, sum(t.review = 'accepted' AND COALESCE(t.review_label, t.label) = t.label), "
                "count(*) FROM stances t INDEXED BY stances_reviewed JOIN statements s ON s.id = t.statement_id "
                "WHERE t.review != 'pending' AND s.review != 'rejected' AND s.extractor_version IS NOT NULL "
                f"AND COALESCE(t.evidence, '') NOT IN ({placeholders}) GROUP BY t.label ORDER BY t.label",
                NOT_MACHINE_EVIDENCE)}

    def stance_headline(self) -> tuple[int, int]:
        """(right, reviewed) machine stances: the Review header's figure."""
        by_label = self._stances_by_label()
        return sum(f["right"] for f in by_label.values()), sum(f["reviewed"] for f in by_label.values())
