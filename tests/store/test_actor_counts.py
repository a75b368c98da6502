"""Schema v5: statement and mention counts kept on each actor (the Actors list's prominence
order walks an index on them), and the migration that back-fills them on an older file."""

from __future__ import annotations

import sqlite3

from extract.store import SCHEMA_VERSION, Store
from extract.store.db import _split_sql
from extract.store.schema import MIGRATIONS

ACTORS = ((1, "Kirby"), (2, "United States"), (3, "China"), (4, "Wang Yi"))


def _fill(conn) -> None:
    conn.execute("INSERT INTO articles (id, title, text, sha256, ingested_at) "
                 "VALUES (1, 't', 'Kirby said peace is near. China agreed.', 'x', '2024')")
    for actor_id, name in ACTORS:
        conn.execute("INSERT INTO actors (id, name, created_at) VALUES (?, ?, '2024')", (actor_id, name))
        conn.execute("INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?)", (actor_id, name, name.lower()))
    for i, speaker in enumerate((1, 1, 3, None)):
        conn.execute("INSERT INTO statements (article_id, speaker_id, content, content_start, content_end, kind) "
                     "VALUES (1, ?, 'peace is near', ?, ?, 'indirect')", (speaker, i, i + 5))
    for i, actor in enumerate((1, 2, 2, 2, 3)):
        conn.execute("INSERT INTO mentions (article_id, actor_id, start, \"end\", text) VALUES (1, ?, ?, ?, 'x')",
                     (actor, i, i + 1))


def _counts(store) -> dict[int, tuple[int, int]]:
    return {r[0]: (r[1], r[2]) for r in store.query("SELECT id, statement_count, mention_count FROM actors")}


def _recounted(store) -> dict[int, tuple[int, int]]:
    return {r[0]: (r[1], r[2]) for r in store.query(
        "SELECT ac.id, (SELECT count(*) FROM statements s WHERE s.speaker_id = ac.id), "
        "(SELECT count(*) FROM mentions m WHERE m.actor_id = ac.id) FROM actors ac")}


def test_v3_file_migrates_and_back_fills_the_counts(db_path):
    conn = sqlite3.connect(db_path)
    for migration in MIGRATIONS[:3]:
        for statement in _split_sql(migration):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    _fill(conn)
    conn.commit()
    conn.close()

    with Store(db_path) as store:
        assert store.migrated_from == 3
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert _counts(store) == {1: (2, 1), 2: (0, 3), 3: (1, 1), 4: (0, 0)}
        assert store.integrity_check() == "ok"
        # Prominence: statements + mentions, ties to more statements.
        rows = store.browse.fetch(store.browse.actors("prominence", desc=True), limit=10)
        assert [r["name"] for r in rows] == ["Kirby", "United States", "China", "Wang Yi"]
        speakers = store.browse.fetch(store.browse.actors("prominence", desc=True, speakers_only=True), limit=10)
        assert [r["name"] for r in speakers] == ["Kirby", "China"]


def test_counts_follow_every_change_and_its_undo(store):
    with store.transaction() as conn:
        _fill(conn)
    assert _counts(store) == _recounted(store)
    store.review.set_speaker(4, 4)                  # an unresolved statement gets a speaker
    store.actors.merge(1, 2)                        # Kirby's statements and mention move
    assert _counts(store) == _recounted(store)
    assert _counts(store)[2] == (2, 4)
    store.review.undo()                             # the merge: Kirby comes back with his rows
    assert _counts(store) == _recounted(store)
    assert _counts(store)[1] == (2, 1)
    with store.transaction() as conn:
        conn.execute("DELETE FROM statements WHERE speaker_id = 3")
        conn.execute("DELETE FROM mentions WHERE actor_id = 2 AND start = 1")
    assert _counts(store) == _recounted(store)


def test_prominence_pages_by_keyset_through_its_index(store):
    with store.transaction() as conn:
        for i in range(1, 301):
            conn.execute("INSERT INTO actors (id, name, created_at) VALUES (?, ?, '2024')", (i, f"Actor {i}"))
        conn.execute("INSERT INTO articles (id, title, text, sha256, ingested_at) VALUES (1, 't', 'x', 'x', '2024')")
        for i in range(1, 301):
            for k in range(i % 7):
                conn.execute("INSERT INTO mentions (article_id, actor_id, start, \"end\", text) "
                             "VALUES (1, ?, ?, ?, 'x')", (i, k, k + 1))
            for k in range(i % 3):
                conn.execute("INSERT INTO statements (article_id, speaker_id, content, content_start, "
                             "content_end, kind) VALUES (1, ?, 'c', ?, ?, 'direct')", (i, k, k + 1))
    q = store.browse.actors("prominence", desc=True)
    first = store.browse.fetch(q, limit=100)
    second = store.browse.fetch(q, after=first[-1]["_key"], limit=100)
    expected = sorted(_recounted(store).items(), key=lambda kv: (kv[1][0] + kv[1][1], kv[1][0], kv[0]),
                      reverse=True)
    assert [r["id"] for r in first + second] == [actor_id for actor_id, _ in expected[:200]]
    plan = " ".join(r[3] for r in store.query(
        f"EXPLAIN QUERY PLAN SELECT ac.id FROM {q.source} ORDER BY "
        + ", ".join(f"{k} DESC" for k in q.keys) + " LIMIT 100"))
    assert "actors_prominence" in plan and "TEMP B-TREE" not in plan
