"""The HTML report as people see it: `parley report --format html` on the sample articles
(real ingest, real spaCy extraction), opened in a real headless Chromium (Debian's package;
`.ci/run` installs it where missing). Checked: the screenshot shows the network, the matrix
grid and the stance-over-time charts (coloured, non-blank regions in that order), the page's
text holds the expected labels (hostile ones literal), the console stays silent and the page
fetches nothing (Chromium's own network log: no request made by the page).

Skips, with the reason, where Chromium is absent or cannot start."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.records import ActorRec, ArticleExtraction, StanceRec, StatementRec
from extract.store import ArticleIn, Store

PIL = pytest.importorskip("PIL.Image", reason="Pillow (installed with matplotlib) reads the screenshot")

HOSTILE = "</svg><script>1</script>"
ACTOR_COLOURS = ["#E69F00", "#009E73", "#56B4E9"]          # country, person, organization (draw/colours)
STANCE_COLOURS = ["#0072B2", "#D55E00", "#CC79A7"]         # support, oppose, conditional


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("no Chromium on this machine (.ci/run installs Debian's 'chromium')")


def run_chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args, url]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"Chromium could not run here: {exc}")
    if done.returncode != 0:
        pytest.skip(f"Chromium could not start here (exit {done.returncode}): {done.stderr[-300:]}")
    return done


def page_console(stderr: str) -> list[str]:
    """Console messages of the page (Chromium logs them as 'CONSOLE(...)' lines)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for. Requests of the browser itself (update checks and the like,
    which these flags mostly silence) have no origin; anything the document loads has one."""
    log = json.loads(netlog.read_text())
    return sorted({e["params"]["url"] for e in log["events"]
                   if "url" in e.get("params", {}) and "initiator" in e["params"]
                   and e["params"]["initiator"] != "not an origin"})


@pytest.fixture(scope="module")
def report(tmp_path_factory, extracted_db_master) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "sample.db"
    shutil.copyfile(extracted_db_master, db)
    with Store(db) as store:
        # A hostile actor with a changed stance, so it is in the network, the grid and a timeline.
        for published, label in (("2024-05-01", "support"), ("2024-05-20", "oppose")):
            text = f"They spoke on {published}."   # distinct texts: the store deduplicates
            article_id, _ = store.articles.add(ArticleIn(text=text, title="t", source="s", published=published))
            store.extraction.save(article_id, ArticleExtraction(
                actors=[ActorRec("h", HOSTILE, "person")],
                statements=[StatementRec(text, 0, len(text), "direct", speaker="h",
                                         stances=[StanceRec("tariffs", label)])]), "t")
    out = folder / "report.html"
    result = CliRunner().invoke(main, ["--db", str(db), "report", "--format", "html", "--max-actors", "60",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_detectors_catch_a_page_that_fetches_and_logs(tmp_path):
    """The checks below are not vacuous: a page that loads an image and logs is caught."""
    page = tmp_path / "probe.html"
    page.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png">'
                    '<script>console.error("probe")</script>')
    done = run_chromium(tmp_path, page.as_uri(), f"--log-net-log={tmp_path / 'net.json'}", "--dump-dom")
    assert page_requests(tmp_path / "net.json") == ["http://example.invalid/x.png"]
    assert any('"probe"' in line for line in page_console(done.stderr))


def test_report_in_headless_chromium(report, tmp_path):
    netlog, shot = tmp_path / "net.json", tmp_path / "report.png"
    dom = run_chromium(tmp_path, report.as_uri(), f"--log-net-log={netlog}", "--dump-dom")
    assert page_requests(netlog) == []
    assert page_console(dom.stderr) == []
    text = dom.stdout
    for label in ("North Korea", "United States", "China", "peace treaty", "denuclearization"):
        assert f">{label}<" in text          # an SVG <text> element (network node or grid label)
    assert "&lt;/svg&gt;&lt;script&gt;1&lt;/script&gt;" in text and "<script>1" not in text
    assert "changed 2024-05-20: support \u2192 oppose" in text

    done = run_chromium(tmp_path, report.as_uri(), f"--screenshot={shot}", "--window-size=1280,6000")
    assert page_console(done.stderr) == []
    image = PIL.open(shot).convert("RGB")
    network, stance_clusters = regions(image)
    top, bottom = network
    assert bottom - top > 300, "the network drawing is missing or tiny"
    assert ink(image, top, bottom) > 0.01, "the network region is blank"
    below = [c for c in stance_clusters if c[0] > bottom]
    assert len(below) >= 2, f"expected the matrix grid and the timelines under the network: {below}"
    grid, timelines = max(below, key=lambda c: c[2]), below[-1]
    assert grid[2] > 2000, "the matrix grid has too few coloured cells"
    assert timelines[0] > grid[1] and ink(image, timelines[0], timelines[1]) > 0.005


def _near(pixel, colour: str, tolerance: int = 12) -> bool:
    target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, target))


def regions(image) -> tuple[tuple[int, int], list[tuple[int, int, int]]]:
    """(top, bottom) of the rows with actor-coloured dots (the network), and clusters of rows
    with stance-coloured pixels (top, bottom, pixel count), split at gaps of 60 rows."""
    width, height = image.size
    pixels = image.load()
    actor_rows, stance_rows = [], {}
    for y in range(0, height, 2):
        stance = 0
        for x in range(0, width, 2):
            p = pixels[x, y]
            if max(p) - min(p) < 40:
                continue       # white, grey, black: text, axes, background
            if any(_near(p, c) for c in ACTOR_COLOURS):
                actor_rows.append(y)
            elif any(_near(p, c) for c in STANCE_COLOURS):
                stance += 1
        if stance:
            stance_rows[y] = stance
    assert actor_rows, "no actor-coloured node anywhere in the screenshot"
    clusters: list[list[int]] = []
    for y in sorted(stance_rows):
        if clusters and y - clusters[-1][1] <= 60:
            clusters[-1][1] = y
            clusters[-1][2] += stance_rows[y]
        else:
            clusters.append([y, y, stance_rows[y]])
    return (min(actor_rows), max(actor_rows)), [tuple(c) for c in clusters]


def ink(image, top: int, bottom: int) -> float:
    """Share of non-white pixels between two rows (sampled)."""
    width = image.size[0]
    pixels = image.load()
    seen = dark = 0
    for y in range(top, bottom, 3):
        for x in range(0, width, 3):
            seen += 1
            dark += min(pixels[x, y]) < 235
    return dark / max(seen, 1)
