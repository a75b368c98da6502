"""The ingest command as users run it: real CLI, real files, real SQLite."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from extract.store import Store
from tests.conftest import SAMPLE_DIR

PARLEY = [sys.executable, "-m", "extract"]


def parley(db, *args, check=True):
    result = subprocess.run([*PARLEY, "--db", str(db), *args], capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def expected_sample_articles() -> int:
    files = [p for p in SAMPLE_DIR.iterdir() if p.suffix in (".txt", ".html")]
    bundles = [p for p in SAMPLE_DIR.iterdir() if p.suffix == ".jsonl" and p.name != "gold.jsonl"]
    return len(files) + sum(sum(1 for line in b.open() if line.strip()) for b in bundles)


def test_sample_data_ingests_dedups_and_searches(db_path):
    expected = expected_sample_articles()
    assert expected >= 11  # the seed plus at least ten written by the team

    first = json.loads(parley(db_path, "ingest", str(SAMPLE_DIR), "--json").stdout)
    assert (first["ingested"], first["failed"]) == (expected, 0), first["errors"]

    again = json.loads(parley(db_path, "ingest", str(SAMPLE_DIR), "--json").stdout)
    assert (again["ingested"], again["skipped"], again["failed"]) == (0, expected, 0)

    stats = json.loads(parley(db_path, "stats", "--json").stdout)
    assert stats["articles"] == expected and stats["ingest_errors"] == 0

    with Store(db_path) as store:
        hits = store.articles.search_ids("denuclearization peace treaty")
        titles = [store.articles.get(i)["title"] for i in hits]
        assert "U.S., N. Korea had exchanged views over peace treaty talks" in titles
        seed = store.query_one("SELECT * FROM articles WHERE title LIKE 'U.S., N. Korea%'")
        assert seed["source"] == "Yonhap"
        assert not seed["text"].startswith("Back To Top")
        # Every HTML sample got a date from its metadata.
        assert store.scalar("SELECT count(*) FROM articles WHERE path LIKE '%.html' AND published IS NULL") == 0


def test_cli_reports_bad_inputs_and_exit_codes(db_path, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    result = parley(db_path, "ingest", str(bad), check=False)
    assert result.returncode == 1
    assert "malformed JSON" in result.stderr
    assert "Traceback" not in result.stderr

    good = tmp_path / "good.txt"
    good.write_text("Title\n\nBody text.")
    result = parley(db_path, "ingest", str(bad), str(good), check=False)
    assert result.returncode == 0
    assert "ingested 1" in result.stdout


def test_cli_one_line_errors_for_missing_and_corrupt_databases(tmp_path):
    result = parley(tmp_path / "missing.db", "stats", check=False)
    assert result.returncode == 1 and result.stderr.startswith("error: database not found")
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"garbage" * 1000)
    result = parley(corrupt, "stats", check=False)
    assert result.returncode == 1 and "not a Parley database or is corrupt" in result.stderr
    assert "Traceback" not in result.stderr


def test_kill_minus_nine_mid_ingest_leaves_a_usable_database(db_path, tmp_path):
    bundle = tmp_path / "many.jsonl"
    with bundle.open("w") as out:
        for i in range(40_000):
            out.write(json.dumps({"id": f"n{i}", "title": f"Story {i}",
                                  "text": f"Article number {i} says the talks continue. " * 5}) + "\n")
    proc = subprocess.Popen([*PARLEY, "--db", str(db_path), "ingest", str(bundle), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db_path, timeout=1) as conn:
                count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if count >= 2000:
            break
    assert proc.poll() is None, "ingest finished before it could be killed; make the input bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with Store(db_path) as store:
        assert store.integrity_check() == "ok"
        partial = store.articles.count()
        assert 0 < partial < 40_000
        # No half articles: every stored article is searchable and complete.
        assert store.scalar("SELECT count(*) FROM articles_fts") == partial
    summary = json.loads(parley(db_path, "ingest", str(bundle), "--json").stdout)
    assert summary["skipped"] == partial and summary["ingested"] == 40_000 - partial
