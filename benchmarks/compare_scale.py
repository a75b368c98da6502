"""How the comparison scales: the full agreement network from a million stances.

Builds a synthetic database through the real schema (rows written directly with executemany:
this measures the analysis, not extraction), then times

  baseline   reading every stance row once (the least any analysis must do);
  network    the full subtract network with 'average' normalisation (count_table + sparse
             products + normalised edge arrays), as `parley network` computes it;
  matrix     actor_topic_matrix, what the TUI's Compare section and `parley matrix` draw
             (counts, leading label, mixed, reviewed per cell; statements only when a cell is
             opened), unfiltered and with each filter, and the first cell opened after it;
  cells      stance_cells, every cell with its statement list (`parley export stances`);

and the peak Python-tracked memory (tracemalloc: includes numpy and scipy buffers) of the
network, per non-empty (actor, topic) cell and per actor pair, at two sizes: memory should
follow the cells and pairs, not the number of stances.

Targets: (issue 5) 2,000 actors x 200 topics from 1,000,000 stances in under 5 s;
(issue 4) the matrix well under 1 s at 1,000,000 stances, i.e. about the baseline read.

    /work/venv/bin/python benchmarks/compare_scale.py [--stances N] [--actors N] [--topics N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.analysis.agreement import agreement_network, count_table  # noqa: E402
from extract.analysis.matrix import actor_topic_matrix, stance_cells  # noqa: E402
from extract.store import Store  # noqa: E402

LABELS = np.array(["support", "oppose", "conditional", "neutral"])


MATRIX_FILTERS = {
    "--actor-type person": {"actor_types": ["person"]},
    "--min-evidence 5": {"min_evidence": 5},
    "--reviewed-only": {"reviewed_only": True},
    "top 300 actors (limit=300)": {"limit": 300},
}


def build(path: Path, *, actors: int, topics: int, stances: int, seed: int = 7) -> None:
    """A synthetic world: countries, organisations inside them, people inside those; Zipf-like
    activity; each actor speaks on its own handful of topics with a leaning per topic."""
    rng = np.random.default_rng(seed)
    store = Store(path)
    conn = store.conn
    # A benchmark database: the full-text triggers only slow the bulk load down.
    for trigger in ("articles_ai", "statements_ai"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    countries = max(1, actors // 20)
    orgs = max(1, actors // 5)
    now = "2024-01-01T00:00:00+00:00"
    rows = []
    for i in range(1, actors + 1):
        if i <= countries:
            rows.append((i, f"Country {i}", "country", None))
        elif i <= countries + orgs:
            rows.append((i, f"Organisation {i}", "organization", int(rng.integers(1, countries + 1))))
        else:
            parent = int(rng.integers(1, countries + orgs + 1))
            rows.append((i, f"Person {i}", "person" if i % 10 else "media", parent))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO actors (id, name, type, affiliation_id, created_at) VALUES (?,?,?,?,?)",
                     [(*r, now) for r in rows])
    conn.executemany("INSERT INTO topics (id, name, origin, created_at) VALUES (?,?,'file',?)",
                     [(t, f"topic {t}", now) for t in range(1, topics + 1)])
    n_articles = max(1, stances // 20)
    dates = [f"20{10 + d // 365:02d}-{1 + (d % 365) // 31:02d}-{1 + d % 28:02d}" for d in range(n_articles)]
    conn.executemany(
        "INSERT INTO articles (id, title, published, text, sha256, ingested_at) VALUES (?,?,?,?,?,?)",
        [(a + 1, f"a{a}", dates[a], "x", f"h{a}", now) for a in range(n_articles)],
    )
    # Speakers: Zipf-like over actors (rank^-0.8); topics: each actor has 3..40 favourites.
    weights = 1 / np.arange(1, actors + 1) ** 0.8
    speaker = rng.choice(np.arange(1, actors + 1), size=stances, p=weights / weights.sum())
    favourites = rng.integers(1, topics + 1, size=(actors + 1, 40))
    n_fav = np.clip((40 * weights[np.clip(np.arange(actors + 1) - 1, 0, None)] / weights[0]).astype(int), 3, 40)
    pick = (rng.random(stances) * n_fav[speaker]).astype(int)
    topic = favourites[speaker, pick]
    leaning = rng.integers(0, 4, size=(actors + 1, topics + 1))
    label_code = np.where(rng.random(stances) < 0.7, leaning[speaker, topic], rng.integers(0, 4, stances))
    draw = rng.random(stances)
    review = np.where(draw < 0.05, "rejected", np.where(draw < 0.15, "accepted", "pending"))
    statement_ids = np.arange(1, stances + 1)
    article = rng.integers(1, n_articles + 1, size=stances)
    conn.executemany(
        "INSERT INTO statements (id, article_id, speaker_id, content, content_start, content_end, kind) "
        "VALUES (?,?,?,'',0,0,'direct')",
        zip(statement_ids.tolist(), article.tolist(), speaker.tolist()),
    )
    conn.executemany(
        "INSERT INTO stances (statement_id, topic_id, label, review) VALUES (?,?,?,?)",
        zip(statement_ids.tolist(), topic.tolist(), LABELS[label_code].tolist(), review.tolist()),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()


def timed(fn):
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def peak_memory(fn):
    gc.collect()
    tracemalloc.start()
    value = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return value, peak


def run(actors: int, topics: int, stances: int, *, with_matrix: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        _, build_s = timed(lambda: build(path, actors=actors, topics=topics, stances=stances))
        store = Store(path)
        try:
            rows, baseline_s = timed(lambda: sum(1 for _ in store.stance_rows.iter_raw()))
            net_fn = lambda: agreement_network(store, kind="subtract", normalize="average")  # noqa: E731
            net, network_s = timed(net_fn)
            _, peak = peak_memory(net_fn)
            cells = count_table(store).counts.getnnz()
            result = {
                "actors": actors, "topics": topics, "stances": rows, "build_s": build_s,
                "baseline_s": baseline_s, "network_s": network_s, "edges": len(net),
                "nodes": len(net.table.actor_ids), "label_cells": cells, "peak_bytes": peak,
            }
            if with_matrix:
                matrix, result["matrix_s"] = timed(lambda: actor_topic_matrix(store))
                result["matrix_size"] = (len(matrix.actors), len(matrix.topics), len(matrix))
                top = matrix.actors[0]["id"], matrix.topics[0]["id"]
                _, result["open_cell_s"] = timed(lambda: matrix.statements(*top))
                result["filtered_s"] = {
                    name: timed(lambda f=f: actor_topic_matrix(store, **f))[1]
                    for name, f in MATRIX_FILTERS.items()
                }
                _, result["cells_s"] = timed(lambda: stance_cells(store))
        finally:
            store.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stances", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=2_000)
    parser.add_argument("--topics", type=int, default=200)
    args = parser.parse_args()
    results = [
        run(args.actors // 4, args.topics, args.stances // 4, with_matrix=False),
        run(args.actors, args.topics, args.stances, with_matrix=True),
    ]
    for r in results:
        print(f"\n{r['actors']:,} actors x {r['topics']} topics, {r['stances']:,} stances "
              f"(built in {r['build_s']:.1f} s)")
        print(f"  baseline: read every stance row      {r['baseline_s']:6.2f} s")
        print(f"  full agreement network (subtract)    {r['network_s']:6.2f} s   "
              f"= {r['network_s'] / r['baseline_s']:.2f} x baseline")
        if "matrix_s" in r:
            a, t, c = r["matrix_size"]
            print(f"  actor_topic_matrix                   {r['matrix_s']:6.2f} s   "
                  f"= {r['matrix_s'] / r['baseline_s']:.2f} x baseline ({a:,} actors x {t} topics, {c:,} cells)")
            for name, seconds in r["filtered_s"].items():
                print(f"    {name:34s} {seconds:6.2f} s   = {seconds / r['baseline_s']:.2f} x baseline")
            print(f"    then open the top cell's evidence  {r['open_cell_s']:6.2f} s   "
                  f"(the first opening sorts every row once)")
            print(f"  stance_cells (with statement lists)  {r['cells_s']:6.2f} s   "
                  f"= {r['cells_s'] / r['baseline_s']:.2f} x baseline")
        units = r["label_cells"] + r["edges"]
        print(f"  {r['nodes']:,} stance holders, {r['label_cells']:,} non-empty (actor, topic, label) "
              f"cells, {r['edges']:,} edges")
        print(f"  peak memory {r['peak_bytes'] / 2**20:.1f} MiB = {r['peak_bytes'] / units:.0f} bytes "
              f"per cell-or-edge (a dense actors x actors float matrix alone: "
              f"{r['nodes'] ** 2 * 8 / 2**20:.1f} MiB)")
    small, full = results
    per_small = small["peak_bytes"] / (small["label_cells"] + small["edges"])
    per_full = full["peak_bytes"] / (full["label_cells"] + full["edges"])
    print(f"\nbytes per cell-or-edge, full / quarter size: {per_full / per_small:.2f} "
          f"(<= 1: memory follows cells and pairs, plus a fixed read buffer; "
          f"stances grew {full['stances'] / small['stances']:.1f} x, peak memory "
          f"{full['peak_bytes'] / small['peak_bytes']:.1f} x)")
    verdict = "PASS" if full["network_s"] < 5 else "FAIL"
    print(f"target: full network under 5 s: {verdict} ({full['network_s']:.2f} s)")
    verdict = "PASS" if full["matrix_s"] < 1 else "FAIL"
    print(f"target: matrix under 1 s: {verdict} ({full['matrix_s']:.2f} s, "
          f"{full['matrix_s'] / full['baseline_s']:.2f} x the baseline read)")


if __name__ == "__main__":
    main()
