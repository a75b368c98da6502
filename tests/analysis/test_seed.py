"""The seed article through the real pipeline (ingest, spaCy extraction with the sample topics
file), then the comparison the project was started for:
- the United States and South Korea agree on denuclearization;
- the United States and North Korea conflict on it;
- China's peace-treaty stance agrees with North Korea's.
"""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from extract.analysis.agreement import agreement_network
from extract.analysis.compare import compare_actors
from extract.cli import main
from extract.store import Store
from tests.conftest import SAMPLE_DIR

SEED = SAMPLE_DIR / "seed_korea_peace_treaty.txt"
TOPICS = SAMPLE_DIR / "topics.toml"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    if not SEED.exists() or not TOPICS.exists():
        pytest.skip("sample_data not present")
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "ingest", "-q", str(SEED)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["--db", str(db), "extract", "-q", "--topics", str(TOPICS)])
    assert result.exit_code == 0, result.output
    return db


def test_seed_agreement(seed_db):
    with Store(seed_db) as store:
        result = compare_actors(store, ["United States", "South Korea", "North Korea", "China"],
                                topics=["peace treaty", "denuclearization"], evidence=False)
        ids = {a["name"]: a["id"] for a in result["actors"]}
        pairs = {frozenset((p["a"], p["b"])): p["topics"] for p in result["pairs"]}

        def score(a, b, topic):
            return pairs[frozenset((ids[a], ids[b]))][topic]

        congruence, conflict = score("United States", "South Korea", "denuclearization")
        assert congruence > conflict
        congruence, conflict = score("United States", "North Korea", "denuclearization")
        assert conflict > congruence
        congruence, conflict = score("China", "North Korea", "peace treaty")
        assert congruence > conflict

        # The same through the network on this topic alone.
        net = agreement_network(store, kind="subtract", topics=["denuclearization"],
                                actor_types=["country"])
        edges = {frozenset((e["source"]["name"], e["target"]["name"])): e["weight"] for e in net.edges()}
        assert edges[frozenset(("United States", "South Korea"))] > 0
        assert edges[frozenset(("United States", "North Korea"))] < 0


def test_seed_network_graphml_cli(seed_db, tmp_path):
    out = tmp_path / "seed.graphml"
    result = CliRunner().invoke(main, ["--db", str(seed_db), "network", "--kind", "subtract",
                                       "--normalize", "average", "--actor-type", "country",
                                       "--format", "graphml", "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    names = {d["label"]: n for n, d in graph.nodes(data=True)}
    assert {"United States", "North Korea", "South Korea", "China"} <= set(names)
    assert graph.edges[names["China"], names["South Korea"]]["weight"] > 0
    assert all(d["actor_type"] == "country" for _, d in graph.nodes(data=True))


def test_seed_report_html(seed_db):
    result = CliRunner().invoke(main, ["--db", str(seed_db), "report", "--format", "html",
                                       "--actor-type", "country"])
    assert result.exit_code == 0
    assert "<h2>Agreement</h2>" in result.output and "North Korea" in result.output
