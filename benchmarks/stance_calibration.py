"""How far a stance's confidence can be trusted: a reliability table on real annotated news.

    python benchmarks/stance_calibration.py [--gold ../shared/devsets/stance_dev.jsonl]
                                            [--topics ../shared/devsets/stance_dev_topics.toml]

Ingests the gold articles (read from ../shared, never copied), runs ``parley extract --topics``,
and judges every machine stance whose statement counts for an actor gold gives a stance on that
topic (the speaker or anyone up its affiliation chain, as the matrix counts it): right when its
label is gold's or one of ``also_ok``. Prints, by confidence band, how many such stances there
are and the share that is right, so that 'lowest confidence first' in Review can be checked to
put the doubtful ones first; and the same by the rule that decided (its evidence kind).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEVSETS = REPO.parent / "shared" / "devsets"
BANDS = ((0.8, 1.01), (0.7, 0.8), (0.6, 0.7), (0.5, 0.6), (0.0, 0.5))


def judged_stances(store, gold: list[dict]):
    """(confidence, evidence, label, right) for each machine stance gold can judge."""
    from extract.analysis.holders import Holders
    from extract.store.db import alias_key

    actors = {r[0]: (r[1], r[2], r[3]) for r in store.query("SELECT id, name, type, affiliation_id FROM actors")}
    holders = Holders(actors)
    names: dict[int, set[str]] = defaultdict(set)
    for actor_id, alias in store.query("SELECT actor_id, alias FROM aliases"):
        names[actor_id].add(alias_key(alias))
    for actor_id, (name, _t, _a) in actors.items():
        names[actor_id].add(alias_key(name))
    topic_of = {r[0]: r[1] for r in store.query(
        "SELECT a.norm, t.name FROM topic_aliases a JOIN topics t ON t.id = a.topic_id")}
    for g in gold:
        article = store.query_one("SELECT id FROM articles WHERE external_id = ?", (g["id"],))
        if article is None:
            continue
        keys_of = {a["name"]: {alias_key(n) for n in [a["name"], *a.get("aliases", [])]} for a in g["actors"]}
        expected = {}
        for s in g["stances"]:
            topic = topic_of.get(alias_key(s["topic"]), s["topic"])
            expected[(s["actor"], topic)] = {s["stance"], *(s.get("also_ok") or [])}
        for row in store.query(
                "SELECT s.speaker_id, t.name, st.label, st.confidence, st.evidence FROM stances st "
                "JOIN statements s ON s.id = st.statement_id JOIN topics t ON t.id = st.topic_id "
                "WHERE s.article_id = ? AND s.speaker_id IS NOT NULL", (article["id"],)):
            chain = holders.of(row["speaker_id"])
            accepted = [labels for (actor, topic), labels in expected.items() if topic == row["name"]
                        and any(names[h] & keys_of.get(actor, {alias_key(actor)}) for h in chain)]
            if accepted:
                yield row["confidence"], row["evidence"] or "", row["label"], any(row["label"] in a for a in accepted)


def rule_of(evidence: str, label: str) -> str:
    if label == "neutral":
        return "neutral"
    if evidence.startswith("tone:"):
        return "tone of the clause"
    return "words and constructions"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEVSETS / "stance_dev.jsonl")
    ap.add_argument("--topics", type=Path, default=DEVSETS / "stance_dev_topics.toml")
    args = ap.parse_args()

    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest.runner import ingest_paths
    from extract.store import Store

    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "calibration.db") as store:
            ingest_paths(store, [args.gold])
            run_extract(store, ExtractOptions(topics_file=args.topics))
            judged = list(judged_stances(store, gold))
    print(f"{len(judged)} machine stances on actor-topic pairs gold gives a stance for")
    print("confidence      stances  right")
    for lo, hi in BANDS:
        band = [right for conf, _e, _l, right in judged if lo <= conf < hi]
        share = f"{sum(band) / len(band):.2f}" if band else "-"
        print(f"{lo:.1f} - {min(hi, 1.0):.1f}       {len(band):>7}  {share}")
    by_rule = defaultdict(list)
    for conf, evidence, label, right in judged:
        by_rule[rule_of(evidence, label)].append(right)
    print("decided by                stances  right")
    for rule, rights in sorted(by_rule.items()):
        print(f"{rule:<25} {len(rights):>7}  {sum(rights) / len(rights):.2f}")


if __name__ == "__main__":
    main()
