"""How long the HTML report takes to draw: the agreement network of 300 actors, the matrix
grid and 20 stance-over-time charts (issue 14: under 5 s on this machine).

Uses compare_scale's synthetic database (real schema, rows written directly). Times, in the
same run:

  baseline   the same report with --no-pictures (build_briefing + the HTML tables);
  pictures   the report with its pictures (build_briefing with 20 timelines + HTML + SVG),
             and the drawing alone (network, grid, timelines) for where the time goes.

Prints seconds and the ratio pictures / baseline (these machines are noisy: compare ratios).
The first run of matplotlib in a fresh environment builds its font cache; a warm-up draw runs
before timing.

    python benchmarks/report_pictures.py [--actors 300] [--topics 40] [--stances 60000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_scale import build  # noqa: E402

from extract.analysis.report import build_briefing, render  # noqa: E402
from extract.store import Store  # noqa: E402


def best_of(fn, runs: int = 3):
    best, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return value, best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--stances", type=int, default=60_000)
    parser.add_argument("--timelines", type=int, default=20)
    args = parser.parse_args()
    from extract.analysis.draw import draw_matrix, draw_network, draw_timelines, figure_svg
    from extract.analysis.report_pictures import briefing_graph

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        build(path, actors=args.actors, topics=args.topics, stances=args.stances)
        store = Store(path)
        try:
            plain = lambda: render(build_briefing(store, max_actors=args.actors), "html")  # noqa: E731
            drawn = lambda: render(build_briefing(store, max_actors=args.actors, timelines=args.timelines),  # noqa: E731
                                   "html", pictures=True)
            drawn()   # warm-up: imports, matplotlib's font cache
            text, plain_s = best_of(plain)
            page, pictures_s = best_of(drawn)
            b = build_briefing(store, max_actors=args.actors, timelines=args.timelines)
            graph = briefing_graph(b)
            _, network_s = best_of(lambda: figure_svg(draw_network(graph)))
            _, grid_s = best_of(lambda: figure_svg(draw_matrix(b.matrix)))
            _, timelines_s = best_of(lambda: figure_svg(draw_timelines(b.timelines)))
        finally:
            store.close()
    print(f"report of {len(b.matrix.actors)} actors x {len(b.matrix.topics)} topics, "
          f"{graph.number_of_edges():,} network edges, {len(b.timelines)} timelines")
    print(f"  baseline  (tables only, --no-pictures)  {plain_s:6.2f} s   {len(text) / 1e6:5.2f} MB")
    print(f"  pictures  (network, grid, timelines)    {pictures_s:6.2f} s   {len(page) / 1e6:5.2f} MB"
          f"   target < 5 s: {'ok' if pictures_s < 5 else 'MISSED'}")
    print(f"  ratio pictures / baseline               {pictures_s / plain_s:6.2f} x")
    print(f"  drawing alone: network {network_s:.2f} s, grid {grid_s:.2f} s, timelines {timelines_s:.2f} s")


if __name__ == "__main__":
    main()
