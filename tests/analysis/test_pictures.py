"""The report's pictures and `parley network --format svg/png`: real store, real matplotlib
output parsed back (XML, HTML), hostile names kept literal, nothing that could fetch."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from extract.analysis.agreement import agreement_network
from extract.analysis.draw import draw_network, figure_svg
from extract.analysis.draw.network import layout
from extract.analysis.network_export import agreement_graph
from extract.analysis.report import build_briefing, render
from extract.cli import main
from extract.records import ActorRec, ArticleExtraction, StanceRec, StatementRec
from extract.store import ArticleIn

from .conftest import build_world

EVIL_ACTOR = "</svg><script>1</script>$a$"  # short enough not to be cut in a label
EVIL_TOPIC = '</text><a href="http://evil.example/">t</a> & $'
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def hostile_world(store):
    ids = build_world(store)
    for published, label in (("2024-03-01", "support"), ("2024-04-01", "oppose")):
        text = f"Evil speaks on {published}."   # distinct texts: the store deduplicates
        article_id, _ = store.articles.add(ArticleIn(text=text, title="t", source="s", published=published))
        store.extraction.save(article_id, ArticleExtraction(
            actors=[ActorRec("e", EVIL_ACTOR, "person")],
            statements=[StatementRec(text, 0, len(text), "direct", speaker="e",
                                     stances=[StanceRec(EVIL_TOPIC, label), StanceRec("peace treaty", label)])],
        ), "t")
    return store, ids


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.attrs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def svgs(html_text: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html_text, flags=re.S)]


def svg_text(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def test_report_draws_network_grid_and_timeline_as_inline_svg(hostile_world):
    store, _ = hostile_world
    page = render(build_briefing(store, timelines=6), "html", pictures=True)
    drawings = svgs(page)
    assert len(drawings) == 3      # network, matrix grid, stance over time
    network, grid, timelines = (svg_text(s) for s in drawings)
    assert {"United States", "North Korea", "China", "John Kirby"} <= set(network)
    assert "peace treaty" in grid and "denuclearization" in grid
    # The US went from conditional (Kirby, 2024-01-10) to oppose (2024-02-01).
    assert "changed 2024-02-01: conditional \u2192 oppose" in timelines
    assert any(t.startswith("United States \u2014 peace treaty") for t in timelines)


def test_hostile_names_stay_literal_in_the_pictures(hostile_world):
    store, _ = hostile_world
    page = render(build_briefing(store, timelines=10), "html", pictures=True)
    doc = Page()
    doc.feed(page)
    assert "script" not in doc.tags and "a" not in doc.tags
    words = [t for s in svgs(page) for t in svg_text(s)]
    assert EVIL_ACTOR in words                       # as text, not mathtext, not markup
    assert '</text><a href="http://…' in words     # the grid's column, cut to fit
    assert any(EVIL_TOPIC[:25] in w for w in words)
    # Nothing in the file can load anything: only in-document references.
    for name, value in doc.attrs:
        if name in ("href", "xlink:href", "src"):
            assert value.startswith(("#", "data:")), (name, value)
    assert "http://evil" not in "".join(v or "" for _n, v in doc.attrs)


def test_same_data_same_picture(world):
    store, _ = world
    graph = agreement_graph(agreement_network(store))
    assert {n: tuple(p) for n, p in layout(graph).items()} == {n: tuple(p) for n, p in layout(graph).items()}
    assert figure_svg(draw_network(graph)) == figure_svg(draw_network(graph))


def test_report_without_pictures_has_no_svg(world):
    store, _ = world
    page = render(build_briefing(store), "html")
    assert "<svg" not in page and "<table>" in page


def test_cli_network_svg_and_png(world, db_path, tmp_path):
    store, _ = world
    store.close()
    svg_path, png_path = tmp_path / "net.svg", tmp_path / "net.png"
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db_path), "network", "--format", "svg", "--out", str(svg_path)])
    assert result.exit_code == 0, result.output
    root = ET.parse(svg_path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert {"United States", "North Korea", "South Korea", "China"} <= set(svg_text(root))
    result = runner.invoke(main, ["--db", str(db_path), "network", "--kind", "actor-topic", "--format", "png",
                                  "--out", str(png_path)])
    assert result.exit_code == 0, result.output
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_report_html_has_pictures_by_default(world, db_path):
    store, _ = world
    store.close()
    result = CliRunner().invoke(main, ["--db", str(db_path), "report", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.output.count("<svg") == 3
    plain = CliRunner().invoke(main, ["--db", str(db_path), "report", "--format", "html", "--no-pictures"])
    assert "<svg" not in plain.output
