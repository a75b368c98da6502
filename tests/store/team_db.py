"""A small database for the team tests: N pending statements with one stance each, written
with plain SQL into a real store file (the schema is the store's own)."""

from __future__ import annotations

from pathlib import Path

from extract.store import Store, utcnow


def build_team_db(path: Path, statements: int = 40) -> Path:
    with Store(path) as store, store.transaction() as conn:
        now = utcnow()
        text = " ".join(f"Speaker {i} said thing number {i}." for i in range(statements))
        conn.execute("INSERT INTO articles (id, title, text, sha256, ingested_at) VALUES (1, 'team', ?, 'x', ?)",
                     (text, now))
        conn.execute("INSERT INTO actors (id, name, type, created_at) VALUES (1, 'Ana Actor', 'person', ?)", (now,))
        conn.execute("INSERT INTO topics (id, name, origin, created_at) VALUES (1, 'tariffs', 'file', ?)", (now,))
        at = 0
        for i in range(statements):
            sentence = f"Speaker {i} said thing number {i}."
            start = text.index(sentence, at)
            at = start + len(sentence)
            cur = conn.execute(
                "INSERT INTO statements (article_id, speaker_id, content, content_start, content_end, kind, confidence) "
                "VALUES (1, 1, ?, ?, ?, 'indirect', 0.5)", (sentence, start, start + len(sentence)))
            conn.execute("INSERT INTO stances (statement_id, topic_id, label) VALUES (?, 1, ?)",
                         (cur.lastrowid, "support" if i % 2 else "oppose"))
    return path
