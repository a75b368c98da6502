"""Each input format, and each way an input can be bad."""

import json

import pytest

from extract.ingest import IngestOptions, ingest_paths
from extract.ingest.clean import clean_text, wire_credit
from extract.ingest.readers import FieldMap


def ingest(store, *paths, **options):
    return ingest_paths(store, [str(p) for p in paths], IngestOptions(**options))


def test_txt_title_boilerplate_and_wire_credit(store, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Back To Top\n\nTalks stall in Geneva\n\nThe talks stalled, officials said. (Reuters)\n\nShare this article\n")
    summary = ingest(store, f)
    assert (summary.ingested, summary.failed) == (1, [])
    article = store.articles.get(1)
    assert article["title"] == "Talks stall in Geneva"
    assert article["text"] == "The talks stalled, officials said. (Reuters)"
    assert article["source"] == "Reuters"


def test_dateline_credit_at_start():
    assert wire_credit("SEOUL, March 3 (Yonhap) -- South Korea said on Monday ...") == "Yonhap"
    assert wire_credit("No credit here.") is None


def test_text_normalisation_strips_controls_bidi_and_crlf():
    raw = "Caf\u0065\u0301 \x1b[31mred\x1b[0m\r\nline\u202e two\x07\x9b\r\n"
    assert clean_text(raw) == "Caf\u00e9 red\nline two"


def test_html_main_text_title_and_date(store, tmp_path):
    f = tmp_path / "page.html"
    body = " ".join(["The ministers met for a second day of talks on the accord."] * 4)
    f.write_text(
        "<html><head><title>Accord talks resume</title><meta name='date' content='2024-05-06'>"
        "<script>document.write('[@click=app.quit]x'); var x = 1;</script></head><body><nav>Home | World</nav>"
        f"<article><h1>Accord talks resume</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Share this article</footer></body></html>"
    )
    summary = ingest(store, f)
    assert summary.ingested == 1, summary.failed
    article = store.articles.get(1)
    assert article["title"] == "Accord talks resume"
    assert article["published"] == "2024-05-06"
    assert "ministers met" in article["text"]
    assert "document.write" not in article["text"] and "Home | World" not in article["text"]


def test_jsonl_bad_lines_are_reported_good_lines_kept(store, tmp_path):
    f = tmp_path / "bundle.jsonl"
    f.write_text(
        json.dumps({"id": "a1", "title": "One", "text": "First article text.", "date": "2024-01-02"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "title": "No text"}) + "\n"
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"id": "a3", "body": "Body field works too.", "source": "AP"}) + "\n"
    )
    summary = ingest(store, f)
    assert summary.ingested == 2
    reasons = {failure.path.rsplit(":", 1)[1]: failure.reason for failure in summary.failed}
    assert reasons["2"].startswith("malformed JSON")
    assert reasons["3"].startswith("no text field")
    assert reasons["4"].startswith("expected a JSON object")
    assert store.scalar("SELECT external_id FROM articles WHERE source = 'AP'") == "a3"
    assert store.scalar("SELECT published FROM articles WHERE external_id = 'a1'") == "2024-01-02"
    assert store.scalar("SELECT count(*) FROM ingest_errors") == 3


def test_field_mapping_for_json_and_csv(store, tmp_path):
    j = tmp_path / "a.json"
    j.write_text(json.dumps({"articles": [{"story": "Mapped story text.", "headline": "H"}]}))
    c = tmp_path / "b.csv"
    c.write_text("headline,story\nCSV title,\"A story, with a comma.\"\n")
    summary = ingest(store, j, c, fields=FieldMap.with_overrides({"text": "story"}))
    assert summary.ingested == 2, summary.failed
    assert store.scalar("SELECT title FROM articles WHERE text LIKE 'A story%'") == "CSV title"


def test_csv_without_text_column_is_one_clear_error(store, tmp_path):
    c = tmp_path / "b.csv"
    c.write_text("name,age\nx,3\n")
    summary = ingest(store, c)
    assert summary.ingested == 0
    assert "CSV has no text column" in summary.failed[0].reason
    assert summary.exit_code == 1


@pytest.fixture
def bad_folder(tmp_path):
    d = tmp_path / "inbox"
    d.mkdir()
    (d / "good.txt").write_text("Good title\n\nA perfectly good article about the port strike.")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (d / "random.txt").write_bytes(bytes(b % 255 + 1 for b in range(7, 7 + 5000 * 37, 37)))
    (d / "latin1.txt").write_bytes("Caf\xe9 talks\n\nLe pr\xe9sident a d\xe9clar\xe9 que la r\xe9union \xe9tait importante.".encode("latin-1"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_text("\n\n   \n")
    (d / "huge.txt").write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MB
    (d / "broken.jsonl").write_text('{"text": "Fine line in a broken bundle."}\n{"text": \n')
    (d / "scripts.html").write_text("<html><head><script>" + "alert(1);" * 500 + "</script></head><body>"
                                    + "<script>evil()</script>" * 200 + "</body></html>")
    (d / "escapes.txt").write_text("Escape title\x1b]0;pwned\x07\n\nText \x1b[2J\x1b[31mred\x1b[0m and \x9b1;1H here.")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    return d


def test_folder_of_bad_files(store, bad_folder):
    summary = ingest(store, bad_folder)
    reasons = {f.path.rsplit("/", 1)[-1].split(":")[0]: f.reason for f in summary.failed}
    assert summary.ingested == 4  # good.txt, latin1.txt, escapes.txt, broken.jsonl line 1
    assert "binary" in reasons["image.txt"]
    assert "undecodable" in reasons["random.txt"]
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"].startswith("empty")
    assert "too large" in reasons["huge.txt"]
    assert reasons["broken.jsonl"].startswith("malformed JSON")
    assert reasons["scripts.html"] == "no article text found in the HTML page"
    assert "notes.docx" not in reasons  # unknown types in a folder are not inputs
    assert store.integrity_check() == "ok"
    latin = store.query_one("SELECT title, text FROM articles WHERE title LIKE 'Caf%'")
    assert latin["title"] == "Café talks" and "président" in latin["text"]
    escaped = store.query_one("SELECT title, text FROM articles WHERE title LIKE 'Escape%'")
    assert "\x1b" not in escaped["text"] + escaped["title"] and "\x9b" not in escaped["text"]
    assert escaped["text"] == "Text red and  here."
    assert summary.exit_code == 0


def test_explicit_unsupported_file_and_missing_path(store, tmp_path):
    doc = tmp_path / "x.docx"
    doc.write_bytes(b"PK")
    summary = ingest(store, doc, tmp_path / "nope")
    assert [f.reason.split(" (")[0] for f in summary.failed] == ["unsupported file type .docx", "no such file or folder"]
    assert summary.exit_code == 1


def test_include_exclude_globs(store, tmp_path):
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"{name}\n\nbody of {name}")
    summary = ingest(store, tmp_path, include=("*.txt",), exclude=("b.*",))
    assert summary.ingested == 2
    assert store.scalar("SELECT count(*) FROM articles WHERE title = 'b.txt'") == 0


def test_html_publisher_from_title_suffix_not_the_headline(store, tmp_path):
    f = tmp_path / "page.html"
    body = " ".join(["Officials met again on Tuesday to discuss the new export rules."] * 4)
    f.write_text(f"<html><head><title>Chip rules deepen rift | Meridian News</title></head>"
                 f"<body><article><h1>Chip rules deepen rift</h1><p>{body}</p></article></body></html>")
    ingest(store, f)
    article = store.articles.get(1)
    assert (article["title"], article["source"]) == ("Chip rules deepen rift", "Meridian News")
