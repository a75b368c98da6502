"""Coders, claims, conflicts, double coding and the v3 -> v4 migration, on real SQLite files
and, for concurrency, real separate processes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from extract.store import SCHEMA_VERSION, Store, StoreError
from extract.store.db import _split_sql
from extract.store.schema import MIGRATIONS
from extract.store.team import Conflict

from .team_db import build_team_db

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def team_db(tmp_path):
    return build_team_db(tmp_path / "team.db")


def test_every_decision_names_its_coder(team_db):
    with Store(team_db, coder="ana") as ana:
        ana.review.accept(1)
        ana.review.set_stance(2, "neutral")
        log = ana.query("SELECT DISTINCT coder FROM reviews")
        assert [r[0] for r in log] == ["ana"]
        row = ana.query_one("SELECT review, reviewed_by FROM statements WHERE id = 1")
        assert tuple(row) == ("accepted", "ana")
        assert ana.scalar("SELECT reviewed_by FROM stances WHERE id = 2") == "ana"
        assert ana.scalar("SELECT review FROM codings WHERE statement_id = 1 AND coder = 'ana'") == "accepted"


def test_default_coder_comes_from_the_environment(team_db, monkeypatch):
    monkeypatch.setenv("PARLEY_CODER", "ben")
    with Store(team_db) as store:
        assert store.coder == "ben"


def test_a_bad_coder_name_is_one_clear_error_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "never.db"
    with pytest.raises(StoreError, match="invalid coder name"):
        Store(path, coder="  ")
    with pytest.raises(StoreError, match="invalid coder name"):
        Store(path, coder="ana,ben")
    assert not path.exists()


def test_another_coders_decision_is_never_silently_overwritten(team_db):
    with Store(team_db, coder="ana") as ana, Store(team_db, coder="ben") as ben:
        shown = ben.browse.statement(3)
        seen = (shown["review"], shown["reviewed_by"], shown["reviewed_at"])  # pending, as ben saw it
        ana.review.accept(3)
        with pytest.raises(Conflict, match="accepted by ana"):
            ben.review.reject(3, seen=seen)
        assert ana.scalar("SELECT review FROM statements WHERE id = 3") == "accepted"
        with pytest.raises(Conflict, match="accepted by ana"):
            ben.review.set_stance(3, "oppose", seen=seen)
        # Shown after ana's decision, ben may change it on purpose: seen matches what is stored.
        now = ben.browse.statement(3)
        ben.review.reject(3, seen=(now["review"], now["reviewed_by"], now["reviewed_at"]))
        assert tuple(ben.query_one("SELECT review, reviewed_by FROM statements WHERE id = 3")) == ("rejected", "ben")


def test_undo_reverts_only_my_own_decisions(team_db):
    with Store(team_db, coder="ana") as ana, Store(team_db, coder="ben") as ben:
        ana.review.accept(1)
        ben.review.reject(2)
        assert ana.review.undo()["entity_id"] == 1
        assert ana.scalar("SELECT review FROM statements WHERE id = 2") == "rejected"
        assert ana.scalar("SELECT review FROM statements WHERE id = 1") == "pending"
        assert ana.review.undo() is None


def test_two_sessions_are_handed_different_statements(team_db):
    with Store(team_db, coder="ana") as ana, Store(team_db, coder="ben") as ben:
        qa = ana.team.queue(ana.browse.review_queue())
        qb = ben.team.queue(ben.browse.review_queue())
        a1 = ana.team.claim_next(qa)
        b1 = ben.team.claim_next(ben.team.queue(ben.browse.review_queue()))
        assert a1 == 1 and b1 == 2
        # ana moves on: her old claim is released, and she skips ben's.
        a2 = ana.team.claim_next(ana.team.queue(ana.browse.review_queue()), after=(1, 0, 1))
        assert a2 == 3
        assert qa is not qb
        ben.team.release()
        assert ben.scalar("SELECT count(*) FROM claims WHERE coder = 'ben'") == 0


def test_an_expired_claim_frees_the_statement(team_db, monkeypatch):
    import extract.store.team as team

    with Store(team_db, coder="ana") as ana, Store(team_db, coder="ben") as ben:
        monkeypatch.setattr(team, "CLAIM_SECONDS", -1.0)  # ana's claim is born expired
        assert ana.team.claim_next(ana.team.queue(ana.browse.review_queue())) == 1
        monkeypatch.setattr(team, "CLAIM_SECONDS", 600.0)
        assert ben.team.claim_next(ben.team.queue(ben.browse.review_queue())) == 1


def test_double_coded_decisions_are_kept_side_by_side_and_adjudicated(team_db):
    with Store(team_db, coder="ana") as ana, Store(team_db, coder="ben") as ben, \
            Store(team_db, coder="cleo") as cleo:
        result = ana.team.set_double_share(0.25)
        assert result["double_coded"] == 10
        double = [r[0] for r in ana.query("SELECT statement_id FROM double_coding ORDER BY 1")]
        sid = double[0]
        ana.review.accept(sid)
        # ben's queue holds the statement ana decided, because it is double-coded.
        q = ben.team.queue(ben.browse.review_queue())
        assert sid in [r["id"] for r in ben.browse.fetch(q, limit=100)]
        ben.review.reject(sid)
        assert tuple(ana.query_one("SELECT review, reviewed_by FROM statements WHERE id = ?", (sid,))) == (
            "accepted", "ana")
        assert {(c["coder"], c["review"]) for c in ana.team.codings(sid)} == {("ana", "accepted"), ("ben", "rejected")}
        assert ana.team.disagreements() == 1
        # ... and not in a third coder's queue any more (two codings are enough).
        q = cleo.team.queue(cleo.browse.review_queue())
        assert sid not in [r["id"] for r in cleo.browse.fetch(q, limit=100)]
        # The adjudication list holds it; cleo's decision there is the one every count uses.
        dq = cleo.team.queue(cleo.browse.review_queue(), disagreements=True)
        assert [r["id"] for r in cleo.browse.fetch(dq, limit=10)] == [sid]
        cleo.review.reject(sid, adjudicate=True)
        assert tuple(ana.query_one("SELECT review, reviewed_by, adjudicated_by FROM statements WHERE id = ?",
                                   (sid,))) == ("rejected", "cleo", "cleo")
        assert ana.team.disagreements() == 0
        assert ana.stats()["reviewed"] == 1


def test_v3_file_with_reviews_migrates_without_losing_a_decision(tmp_path):
    path = build_team_db(tmp_path / "v4.db", statements=6)
    # Make a v3 file with decisions in it: take the v4 data, and rebuild it under the v3 schema.
    with Store(path, coder="old") as store:
        store.review.accept(1)
        store.review.reject(2)
        store.review.set_stance(3, "conditional")
        store.review.set_stance(4, "neutral")
        store.review.undo()  # an undone decision stays in the log, flagged
        expected_statements = [tuple(r) for r in store.query("SELECT id, review, reviewed_at FROM statements")]
        expected_stances = [tuple(r) for r in store.query(
            "SELECT id, label, review, review_label, reviewed_at FROM stances")]
        expected_log = [tuple(r) for r in store.query(
            "SELECT id, at, entity, entity_id, field, old_value, new_value, decision, undone FROM reviews "
            "WHERE entity IN ('statement', 'stance') ORDER BY id")]
    v3 = tmp_path / "v3.db"
    conn = sqlite3.connect(v3)
    for version in range(3):
        for statement in _split_sql(MIGRATIONS[version]):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("ATTACH DATABASE ? AS new", (str(path),))
    for table, cols in (
        ("articles", "id, title, text, sha256, ingested_at"),
        ("actors", "id, name, type, created_at"),
        ("topics", "id, name, origin, created_at"),
        ("statements", "id, article_id, speaker_id, content, content_start, content_end, kind, confidence, "
                       "review, reviewed_at"),
        ("stances", "id, statement_id, topic_id, label, review, review_label, reviewed_at"),
        ("reviews", "id, at, entity, entity_id, field, old_value, new_value, decision, undone"),
    ):
        where = " WHERE entity IN ('statement', 'stance')" if table == "reviews" else ""
        conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM new.{table}{where}")
    conn.commit()
    conn.execute("DETACH DATABASE new")
    conn.close()

    with Store(v3, coder="ana") as store:
        assert store.migrated_from == 3
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION >= 5
        assert [tuple(r) for r in store.query("SELECT id, review, reviewed_at FROM statements")] == expected_statements
        assert [tuple(r) for r in store.query(
            "SELECT id, label, review, review_label, reviewed_at FROM stances")] == expected_stances
        assert [tuple(r) for r in store.query(
            "SELECT id, at, entity, entity_id, field, old_value, new_value, decision, undone FROM reviews ORDER BY id")] == expected_log
        assert store.scalar("SELECT count(*) FROM reviews WHERE coder IS NOT NULL") == 0
        assert store.integrity_check() == "ok"
        # Old decisions stay undoable, and a new decision is recorded with its coder.
        assert store.review.undo() is not None
        store.review.accept(5)
        assert store.scalar("SELECT reviewed_by FROM statements WHERE id = 5") == "ana"


WORKER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from extract.store import Store
    from extract.store.team import Conflict
    db, coder, action, count, go = sys.argv[1:6]
    decided, conflicts = [], 0
    with Store(db, coder=coder) as store:
        while not Path(go).exists():
            time.sleep(0.01)
        while len(decided) < int(count):
            q = store.team.queue(store.browse.review_queue())
            sid = store.team.claim_next(q)
            if sid is None:
                break
            st = store.browse.statement(sid)
            seen = (st["review"], st["reviewed_by"], st["reviewed_at"])
            try:
                getattr(store.review, action)(sid, seen=seen)
                decided.append(sid)
            except Conflict:
                conflicts += 1
    print(json.dumps({"decided": decided, "conflicts": conflicts}))
""")


def test_separate_processes_writing_at_once_lose_nothing(team_db, tmp_path):
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(team_db), coder, action, "12", str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
        for coder, action in (("ana", "accept"), ("ben", "reject"), ("cleo", "accept"))
    ]
    time.sleep(0.5)
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "locked" not in err
        results.append(json.loads(out))
    ids = [sid for r in results for sid in r["decided"]]
    assert len(ids) == 36 and len(set(ids)) == 36  # 36 different statements
    with Store(team_db) as store:
        for r, (coder, state) in zip(results, (("ana", "accepted"), ("ben", "rejected"), ("cleo", "accepted"))):
            for sid in r["decided"]:
                assert tuple(store.query_one("SELECT review, reviewed_by FROM statements WHERE id = ?", (sid,))) == (
                    state, coder)
        assert store.scalar("SELECT count(*) FROM statements WHERE review != 'pending'") == 36
        assert store.scalar("SELECT count(DISTINCT decision) FROM reviews") == 36
        assert store.integrity_check() == "ok"
