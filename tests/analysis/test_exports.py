"""Networks read back by independent readers, reports parsed to check escaping, and the CLI."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import networkx as nx
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from extract.analysis.agreement import agreement_network
from extract.analysis.matrix import actor_topic_matrix
from extract.analysis.network_export import actor_topic_graph, agreement_graph, write_network
from extract.analysis.report import build_briefing, md, render
from extract.cli import main
from extract.records import ActorRec, ArticleExtraction, StanceRec, StatementRec
from extract.store import ArticleIn

HOSTILE_ACTOR = "<script>alert(1)</script> | *Bold* [/bold]"
HOSTILE_CONTENT = "We back it [/bold] <script>alert('x')</script> | *very* _much_ `code` [link](http://x) \x1b[31m"


def write_graph(graph, fmt, tmp_path):
    path = tmp_path / f"net.{fmt}"
    write_network(graph, fmt, path)
    return path


def test_graphml_and_gexf_read_back(world, tmp_path):
    store, _ = world
    net = agreement_network(store, kind="subtract", actor_types=["country"])
    graph = agreement_graph(net)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(write_graph(graph, fmt, tmp_path))
        labels = {n: d["label"] for n, d in back.nodes(data=True)}
        by_name = {v: k for k, v in labels.items()}
        assert set(by_name) == {"United States", "North Korea", "South Korea", "China"}
        assert back.nodes[by_name["China"]]["actor_type"] == "country"
        edge = back.edges[by_name["United States"], by_name["North Korea"]]
        assert float(edge["weight"]) == pytest.approx(-1.25)
        assert edge["topics"] == "denuclearization; peace treaty"
        assert back.number_of_edges() == len(net)


def test_actor_topic_graphml(world, tmp_path):
    store, _ = world
    back = nx.read_graphml(write_graph(actor_topic_graph(actor_topic_matrix(store)), "graphml", tmp_path))
    kinds = {d["label"]: d["kind"] for _, d in back.nodes(data=True)}
    assert kinds["peace treaty"] == "topic" and kinds["John Kirby"] == "actor"
    ids = {d["label"]: n for n, d in back.nodes(data=True)}
    edge = back.edges[ids["United States"], ids["peace treaty"]]
    assert edge["stance"] == "oppose" and edge["mixed"] is True and edge["weight"] == 2
    assert back.nodes[ids["John Kirby"]]["affiliation"] == "United States"


def test_dl_and_csv(world, tmp_path):
    store, _ = world
    graph = agreement_graph(agreement_network(store, kind="conflict", actor_types=["country"]))
    lines = write_graph(graph, "dl", tmp_path).read_text().splitlines()
    assert lines[0] == "DL N=4 FORMAT=EDGELIST1" and lines[1] == "LABELS:"
    labels = [x.strip('"') for x in lines[2:6]]
    assert lines[6] == "DATA:"
    weights = {}
    for row in lines[7:]:
        i, j, w = row.split()
        weights[(labels[int(i) - 1], labels[int(j) - 1])] = float(w)
    assert weights[("United States", "North Korea")] == weights[("North Korea", "United States")] == 1.5
    assert len(weights) == 2 * graph.number_of_edges()

    rows = list(csv.DictReader(io.StringIO(write_graph(graph, "csv", tmp_path).read_text())))
    first = rows[0]   # heaviest edge first
    assert {first["source"], first["target"]} == {"United States", "North Korea"}
    assert float(first["weight"]) == 1.5 and first["topics"] == "denuclearization; peace treaty"


@pytest.fixture
def hostile(store):
    text = HOSTILE_CONTENT + " And more."
    article_id, _ = store.articles.add(ArticleIn(text=text, title="<b>Title</b> | x", source="=cmd|' /C calc'!A0",
                                                 published="2024-03-01"))
    actors = [ActorRec("h", HOSTILE_ACTOR, "country"), ActorRec("f", "=HYPERLINK(\"http://x\")", "country")]
    statements = [
        StatementRec(HOSTILE_CONTENT, 0, len(HOSTILE_CONTENT), "direct", speaker="h", speaker_text="they",
                     stances=[StanceRec("peace treaty", "support")]),
        StatementRec("And more.", len(HOSTILE_CONTENT) + 1, len(text), "direct", speaker="f",
                     stances=[StanceRec("peace treaty", "oppose")]),
    ]
    store.extraction.save(article_id, ArticleExtraction(actors=actors, statements=statements), "t")
    return store


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parsed(html_text: str) -> Collector:
    c = Collector()
    c.feed(html_text)
    c.close()
    return c


def test_html_report_escapes_everything(hostile):
    doc = parsed(render(build_briefing(hostile), "html"))
    assert "script" not in doc.tags and "a" not in doc.tags
    text = "".join(doc.text)
    assert "<script>alert(1)</script> | *Bold* [/bold]" in text
    assert "[/bold] <script>alert('x')</script> | *very* _much_ `code` [link](http://x)" in text
    assert "\x1b" not in text
    assert "<b>Title</b> | x" in text    # the article title, shown literally


def test_markdown_report_escapes_everything(hostile):
    markdown = render(build_briefing(hostile), "markdown")
    assert "\x1b" not in markdown
    html_text = MarkdownIt("commonmark").enable("table").render(markdown)
    doc = parsed(html_text)
    assert "script" not in doc.tags and "a" not in doc.tags and "em" not in doc.tags
    assert "code" not in doc.tags and "strong" not in doc.tags
    text = "".join(doc.text)
    assert "<script>alert(1)</script> | *Bold* [/bold]" in text
    assert "*very* _much_ `code` [link](http://x)" in text
    # The '|' in the actor's name did not split the table: every row has 1 + topics cells.
    first_table = html_text.split("</table>")[0]
    assert first_table.count("<tr>") == 3 and first_table.count("<td>") == 2 * 2


def test_md_escape_round_trip():
    for hostile in ("a|b", "*x*", "_y_", "`z`", "[t](u)", "<i>", "# h", "1. x", "\\", "&amp;"):
        rendered = MarkdownIt("commonmark").render(md(hostile))
        assert parsed(rendered).text and "".join(parsed(rendered).text).strip() == hostile


def test_cli_commands(world, db_path):
    runner = CliRunner()
    run = lambda *args: runner.invoke(main, ["--db", str(db_path), *args])  # noqa: E731
    result = run("compare", "Washington", "seoul")
    assert result.exit_code == 0, result.output
    assert "denuclearization" in result.output and "agree" in result.output
    assert "congruence 1.25, conflict 0.50" in result.output
    result = run("matrix", "--actor-type", "country", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["actor", "actor_type", "affiliation", "peace treaty", "denuclearization"]
    assert rows[1][:2] == ["North Korea", "country"]
    result = run("network", "--kind", "congruence", "--normalize", "jaccard", "--format", "graphml")
    assert result.exit_code == 0 and nx.parse_graphml(result.stdout).number_of_nodes() == 9
    result = run("report", "--format", "markdown", "--topics", "peace treaty")
    assert result.exit_code == 0 and "## Agreement" in result.output
    result = run("timeline", "--changed")
    assert "United States / peace treaty" in result.output and "changed 2024-02-01" in result.output
    result = run("align", "pyongyang", "--actor-type", "country")
    assert "China" in result.output.split("furthest")[0]


def test_cli_errors_are_one_line(world, db_path, tmp_path):
    runner = CliRunner()
    run = lambda *args: runner.invoke(main, ["--db", str(db_path), *args])  # noqa: E731
    result = run("compare", "Washington", "Nobody Here")
    assert result.exit_code == 1 and result.output.startswith("error: no actor called 'Nobody Here'")
    result = run("matrix", "--topics", "denuclearisation")
    assert "did you mean 'denuclearization'" in result.output and "Traceback" not in result.output
    result = run("network", "--out", str(tmp_path / "missing" / "x.graphml"))
    assert result.exit_code == 1 and "cannot write" in result.output
    result = run("compare", "Washington")
    assert result.exit_code == 2 and "at least two" in result.output
    result = runner.invoke(main, ["--db", str(tmp_path / "none.db"), "matrix"])
    assert result.exit_code == 1 and "database not found" in result.output


def test_csv_defuses_formulas(hostile, db_path):
    result = CliRunner().invoke(main, ["--db", str(db_path), "network", "--kind", "actor-topic",
                                       "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["actor"] for r in rows} == {"'=HYPERLINK(\"http://x\")", HOSTILE_ACTOR}
