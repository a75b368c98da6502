"""Topic proposals without a topics file, on real news annotated with its topics.

    python benchmarks/topics.py [--gold ../shared/devsets/stance_dev.jsonl] [--json]

Ingests the articles of the gold file (never copied into the repo), runs ``parley extract``
with no topics file (Parley proposes topics), and for each article compares the proposals
that article's statements carry with the topics annotated for it. A proposal names an annotated
topic when one of its forms (name or alias, normalised) equals one of the topic's forms or
appears in it as a whole phrase, or the other way round ('ID cards' in 'ID cards plan').
Prints the share of annotated topics named (target >= 80%), the proposals per article (target
<= 5) and, per article, what was proposed and what was missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
GOLD = REPO.parent / "shared" / "devsets" / "stance_dev.jsonl"


def names(forms) -> set[str]:
    from extract.store.db import alias_key

    return {f" {alias_key(f)} " for f in forms if f and alias_key(f)}


def named(proposal: set[str], topic: set[str]) -> bool:
    return any(p in t or t in p for p in proposal for t in topic)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest.runner import ingest_paths
    from extract.store import Store

    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "topics.db") as store:
            ingest_paths(store, [args.gold])
            run_extract(store, ExtractOptions())
            for g in gold:
                article = store.query_one("SELECT id FROM articles WHERE external_id = ?", (g["id"],))
                proposals = {}
                for r in store.query(
                        "SELECT DISTINCT t.id, t.name FROM stances st JOIN statements s ON s.id = st.statement_id "
                        "JOIN topics t ON t.id = st.topic_id WHERE s.article_id = ?", (article["id"],)):
                    forms = [r["name"], *(a[0] for a in store.query(
                        "SELECT alias FROM topic_aliases WHERE topic_id = ?", (r["id"],)))]
                    proposals[r["name"]] = names(forms)
                topics = {t["name"]: names([t["name"], *t.get("aliases", [])]) for t in g["topics"]}
                hit = {t for t, forms in topics.items() if any(named(p, forms) for p in proposals.values())}
                rows.append({"article": g["id"], "topics": len(topics), "named": len(hit),
                             "proposals": sorted(proposals), "missed": sorted(set(topics) - hit)})
    total = sum(r["topics"] for r in rows)
    named_n = sum(r["named"] for r in rows)
    per_article = sum(len(r["proposals"]) for r in rows) / len(rows)
    result = {"articles": len(rows), "annotated_topics": total, "named": named_n,
              "share_named": round(named_n / total, 3) if total else 0.0,
              "proposals_per_article": round(per_article, 2), "per_article": rows}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for r in rows:
        print(f"{r['article']}: {r['named']}/{r['topics']} named; proposed {', '.join(r['proposals']) or '-'}"
              + (f"; missed {', '.join(r['missed'])}" if r["missed"] else ""))
    print(f"{named_n} of {total} annotated topics named by a proposal ({named_n / total:.0%}, target >= 80%); "
          f"{per_article:.1f} proposals per article (target <= 5)")


if __name__ == "__main__":
    main()
