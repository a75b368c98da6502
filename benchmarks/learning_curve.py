"""Learning curve: does reviewing half of stance_dev teach the extractor about the other half?

    python benchmarks/learning_curve.py [--steps 0,50,100,200,all] [--workdir DIR]

Reads ../shared/devsets/stance_dev.jsonl and stance_dev_topics.toml from ../shared (never
copied into the repository). The 18 articles are split into halves A and B (by id order,
alternately). One database is ingested and extracted with the topics file; then, for every
step N, a copy of it gets the decisions a simulated analyst takes on the first N statements of
half A in reading order, derived from the gold:

- a statement that matches a gold statement (content overlap of at least half the shorter
  span, speaker matched through the gold actor's aliases, as ``parley eval`` matches them) is
  accepted, every other statement is rejected;
- on an accepted statement, each machine stance gets the gold label of the (speaker or the
  speaker's affiliation, topic) pair gold lists, or is rejected when gold lists none;
- on an accepted statement, the analyst also adds the gold stance of the speaker (or of the
  nearest affiliation gold gives one) on a topic the machine gave no stance on, where the
  statement overlaps the sentence gold took that stance from (``_added``; LC_ADD_MISSED=0 turns
  it off, for the curve of an analyst who only judges what the machine gave).

The decisions go through ``parley review apply``, then ``parley learn``, then ``parley extract``
(only the articles with pending statements are redone), and half B is scored with
``parley eval``'s logic (extract/evaluate.py). Then the same with the halves swapped.
Figures are printed; nothing is asserted. Under the first step a diagnostic line, computed from
the scored half's gold and never used for learning, says how far learning that only relabels or
drops machine stances could at most go (``ceilings``), and how far learning that adds the
stances the rules missed could (``ceiling_of_adds``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEVSETS = REPO.parent / "shared" / "devsets"
GOLD = DEVSETS / "stance_dev.jsonl"
TOPICS = DEVSETS / "stance_dev_topics.toml"
PARLEY = [sys.executable, "-m", "extract"]
# The simulated analyst also adds the stances the machine missed on the statements she accepts
# (off: she only judges what the machine gave, as before).
ADD_MISSED = os.environ.get("LC_ADD_MISSED", "1") != "0"


def parley(db: Path, *args: str) -> str:
    env = {**os.environ, "PARLEY_CODER": "gold-analyst"}
    out = subprocess.run([*PARLEY, "--db", str(db), *args], capture_output=True, text=True, env=env, cwd=REPO)
    if out.returncode != 0:
        raise SystemExit(f"parley {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def halves(gold: list[dict]) -> tuple[list[dict], list[dict]]:
    ordered = sorted(gold, key=lambda g: g["id"])
    return ordered[0::2], ordered[1::2]


def build_base(workdir: Path, gold: list[dict], nlp) -> Path:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest import ingest_paths
    from extract.store import Store

    db = workdir / "base.db"
    articles = workdir / "stance_dev_articles.jsonl"
    with articles.open("w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps({k: g[k] for k in ("id", "title", "text", "source")}) + "\n")
    with Store(db) as store:
        ingest_paths(store, [articles])
        run_extract(store, ExtractOptions(topics_file=str(TOPICS)), nlp=nlp)
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def decisions_for(store, half: list[dict]) -> list[list[dict]]:
    """Per statement of the half, in reading order, the analyst's decision lines."""
    from extract.evaluate import Evaluator, _locate
    from extract.store import alias_key
    from extract.store.extraction import spans_overlap

    ev = Evaluator(store)
    topic_of = {r[0]: r[1] for r in store.query(
        "SELECT a.norm, t.name FROM topic_aliases a JOIN topics t ON t.id = a.topic_id")}
    out = []
    for g in half:
        art = ev.find_article(g)
        if art is None:
            continue
        keys = {a["name"]: {alias_key(n) for n in [a["name"], *(a.get("aliases") or [])]} for a in g["actors"]}

        def gold_keys(name: str) -> set[str]:
            return keys.get(name) or {alias_key(name)}

        spans = [(_locate(art["text"], s.get("content", "")), s) for s in g["statements"]]
        gold_stances = [(gold_keys(s["actor"]), topic_of.get(alias_key(s["topic"]), s["topic"]), s["stance"])
                        for s in g["stances"]]
        evidence = [_locate(art["text"], s.get("evidence", "")) for s in g["stances"]]
        for st in store.query("SELECT id, speaker_id, content_start, content_end FROM statements "
                              "WHERE article_id = ? ORDER BY content_start, id", (art["id"],)):
            names = ev.names(st["speaker_id"])
            match = any(span and spans_overlap(span[0], span[1], st["content_start"], st["content_end"])
                        and names & gold_keys(s.get("speaker", "")) for span, s in spans)
            if not match:
                out.append([{"statement": st["id"], "decision": "reject"}])
                continue
            lines = [{"statement": st["id"], "decision": "accept"}]
            chain = [names] + [ev.names(c["id"]) for c in (store.actors.chain(st["speaker_id"])[1:]
                                                           if st["speaker_id"] else [])]
            given = [r[0] for r in store.query("SELECT t.name FROM stances x JOIN topics t ON t.id = x.topic_id "
                                               "WHERE x.statement_id = ? ORDER BY t.name", (st["id"],))]
            for topic in given:
                label = next((lab for who in chain for k, t, lab in gold_stances if t == topic and who & k), None)
                lines.append({"statement": st["id"], "topic": topic, "stance": label} if label
                             else {"statement": st["id"], "topic": topic, "decision": "reject"})
            if ADD_MISSED:
                lines += _added(st, chain, gold_stances, evidence, set(given))
            out.append(lines)
    return out


def _added(st, chain, gold_stances, evidence, given: set[str]) -> list[dict]:
    """The stances the analyst adds to an accepted statement: gold's stance of the speaker (or of
    the nearest of the speaker's affiliations that gold gives one) on a topic the machine did not
    give, where the statement overlaps the sentence gold took that stance from."""
    from extract.store.extraction import spans_overlap

    lines, done = [], set(given)
    for who in chain:
        for (keys, topic, label), span in zip(gold_stances, evidence):
            if topic in done or not (who & keys) or span is None:
                continue
            if spans_overlap(span[0], span[1], st["content_start"], st["content_end"]):
                lines.append({"statement": st["id"], "topic": topic, "stance": label})
                done.add(topic)
    return lines


def score(db: Path, half: list[dict], workdir: Path) -> dict:
    from extract.evaluate import evaluate
    from extract.store import Store

    gold = workdir / "half.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in half) + "\n", encoding="utf-8")
    with Store(db) as store:
        overall = evaluate(store, gold).overall()
    return {"stances": overall.stances, "statements": overall.statements, "errors": overall.stance_errors}


def ceilings(stances, errors) -> str:
    """What learning that only relabels or drops machine stances could at most reach on the
    scored half (an oracle that knows that half's gold; printed, never learnt from): every
    wrong or spurious stance dropped, and in addition every wrong label fixed. Gold pairs with
    no machine stance stay missed either way."""
    tp, predicted, gold = stances.tp, stances.predicted, stances.gold
    wrong, spurious = sum(errors.wrong_label.values()), sum(errors.spurious.values())
    missed = sum(errors.missed.values())
    dropped = 2 * tp / (predicted - wrong - spurious + gold)
    fixed = 2 * (tp + wrong) / (predicted - spurious + gold)
    return (f"{gold} gold pairs: {tp} right, {wrong} wrong label, {missed} without a machine stance; "
            f"{spurious} spurious sides. Ceiling of relabel/drop learning: F1 {dropped:.3f} if every "
            f"wrong and spurious stance were dropped, {fixed:.3f} if the wrong labels were also fixed")


def ceiling_of_adds(base: Path, test_half: list[dict], workdir: Path, name: str, before: float) -> str:
    """What learning that adds the stances the rules missed could at most reach on the scored
    half: its own analyst's added stances applied (and nothing else), as if a model had
    predicted every one of them and no other."""
    from extract.store import Store

    with Store(base) as store:
        lines = [x for per in decisions_for(store, test_half) for x in per]
        machine = {tuple(r) for r in store.query("SELECT x.statement_id, t.name FROM stances x "
                                                 "JOIN topics t ON t.id = x.topic_id")}
    adds = [x for x in lines if "stance" in x and (x["statement"], x["topic"]) not in machine]
    if not adds:
        return "no stance the analyst would add on the scored half"
    db = workdir / f"{name}_oracle_adds.db"
    shutil.copyfile(base, db)
    path = workdir / f"{name}_oracle_adds.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in adds) + "\n", encoding="utf-8")
    parley(db, "review", "apply", str(path), "--json")
    f1 = score(db, test_half, workdir)["stances"].f1
    return (f"the analyst would add {len(adds)} stances the rules missed on the scored half; all of "
            f"them added, and nothing else changed: F1 {before:.3f} -> {f1:.3f}")


def run_direction(name: str, base: Path, train_half, test_half, steps, workdir: Path, nlp) -> list[dict]:
    from extract.extract_run import ExtractOptions, run_extract
    from extract.store import Store

    with Store(base) as store:
        per_statement = decisions_for(store, train_half)
    rows = []
    for step in steps:
        n = len(per_statement) if step == "all" else min(int(step), len(per_statement))
        db = workdir / f"{name}_{step}.db"
        shutil.copyfile(base, db)
        learn_seconds = None
        overrides = "-"
        if n:
            path = workdir / f"{name}_{step}.jsonl"
            path.write_text("\n".join(json.dumps(x) for lines in per_statement[:n] for x in lines) + "\n",
                            encoding="utf-8")
            parley(db, "review", "apply", str(path), "--json")
            report = json.loads(parley(db, "learn", "--json"))
            learn_seconds = report["seconds"]
            on = [f"st:{k}@{v['threshold']}" for k, v in report["statements"].get("by_kind", {}).items()
                  if v["threshold"] is not None]
            on += [f"{k}@{v['threshold']}" for k, v in report["stances"].get("by_rule_label", {}).items()
                   if v["threshold"] is not None]
            overrides = ", ".join(on) or "none (rules kept)"
            with Store(db) as store:
                run_extract(store, ExtractOptions(), nlp=nlp)
        result = score(db, test_half, workdir)
        s, t = result["stances"], result["statements"]
        rows.append({"step": step, "statements_reviewed": n, "stance_p": s.precision, "stance_r": s.recall,
                     "stance_f1": s.f1, "statement_f1": t.f1, "learn_s": learn_seconds, "overrides": overrides})
        print(f"  {name} {str(step):>4} ({n:3d} reviewed): half-B stances P {s.precision:.3f} R {s.recall:.3f} "
              f"F1 {s.f1:.3f} | statements F1 {t.f1:.3f} | learn "
              f"{'-' if learn_seconds is None else f'{learn_seconds:.2f} s'} | overrides: {overrides}", flush=True)
        if step == steps[0]:
            print(f"    (oracle, from the scored half's gold) {ceilings(s, result['errors'])}", flush=True)
            print(f"    (oracle) {ceiling_of_adds(base, test_half, workdir, name, s.f1)}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="0,50,100,200,all")
    parser.add_argument("--workdir", default=None, help="keep the databases here (default: a temporary folder)")
    args = parser.parse_args()
    if not GOLD.exists() or not TOPICS.exists():
        raise SystemExit(f"needs {GOLD} and {TOPICS} (../shared beside the checkout)")
    from extract.evaluate import read_gold
    from extract.nlp.pipeline import load_pipeline

    gold = read_gold(GOLD)
    a, b = halves(gold)
    steps = [s.strip() for s in args.steps.split(",")]
    nlp = load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(args.workdir or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        base = build_base(workdir, gold, nlp)
        print(f"stance_dev: {len(gold)} articles; half A {len(a)}, half B {len(b)}; "
              f"base extraction {time.perf_counter() - started:.1f} s")
        results = {}
        for name, train_half, test_half in (("A->B", a, b), ("B->A", b, a)):
            print(f"reviews from {'A' if name == 'A->B' else 'B'}, scored on {'B' if name == 'A->B' else 'A'}:")
            results[name] = run_direction(name.replace("->", "to"), base, train_half, test_half, steps, workdir, nlp)
        print("\nsummary (stance F1 on the other half):")
        for name, rows in results.items():
            first = rows[0]["stance_f1"]
            curve = "  ".join(f"{r['step']}:{r['stance_f1']:.3f}" for r in rows)
            never_lower = all(r["stance_f1"] >= first - 1e-9 for r in rows)
            print(f"  {name}: {curve}  (gain after all {rows[-1]['stance_f1'] - first:+.3f}; "
                  f"never below no-learning: {'yes' if never_lower else 'NO'})")


if __name__ == "__main__":
    main()
