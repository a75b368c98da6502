import sqlite3

import pytest

from extract.store import SCHEMA_VERSION, ArticleIn, Store, StoreError
from extract.store.db import _split_sql
from extract.store.schema import MIGRATIONS


def test_new_database_has_current_schema_wal_and_foreign_keys(db_path):
    with Store(db_path) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA foreign_keys") == 1
        assert store.integrity_check() == "ok"


def test_old_v1_file_migrates_and_keeps_its_rows(db_path):
    # Build a file exactly as schema v1 left it, with an extracted statement in it.
    conn = sqlite3.connect(db_path)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (id, title, text, sha256, ingested_at) "
        "VALUES (1, 't', 'Kirby said peace is near.', 'x', '2024-01-01')"
    )
    conn.execute(
        "INSERT INTO statements (article_id, content, content_start, content_end, kind) "
        "VALUES (1, 'peace is near', 12, 25, 'indirect')"
    )
    conn.commit()
    conn.close()

    with Store(db_path) as store:
        assert store.migrated_from == 1
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert store.articles.get(1)["text"] == "Kirby said peace is near."
        # v2 added statement full-text search, back-filled from the existing rows.
        hits = store.query("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'peace'")
        assert [r[0] for r in hits] == [1]


def test_newer_schema_is_refused_with_a_clear_message(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this Parley supports"):
        Store(db_path)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a Parley database or is corrupt"):
        Store(bogus)


def test_unwritable_folder_is_reported(tmp_path):
    with pytest.raises(StoreError, match="folder does not exist"):
        Store(tmp_path / "missing" / "x.db")


def test_fts_follows_inserts_updates_and_deletes(store):
    aid, created = store.articles.add(ArticleIn(text="Dockworkers walked out in Rotterdam.", title="Port strike"))
    assert created
    assert store.articles.search_ids("rotterdam") == [aid]
    assert store.articles.search_ids("port strike") == [aid]
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET text = 'Talks resumed in Geneva.' WHERE id = ?", (aid,))
    assert store.articles.search_ids("rotterdam") == []
    assert store.articles.search_ids("geneva") == [aid]
    with store.transaction() as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", (aid,))
    assert store.articles.search_ids("geneva") == []


@pytest.mark.parametrize("query", ['peace "treaty', "NEAR(", "a OR", "*", "(", "title:x"])
def test_search_never_raises_on_fts_syntax(store, query):
    store.articles.add(ArticleIn(text="a peace treaty near the title", title="x"))
    store.articles.search_ids(query)  # must not raise


def test_duplicate_text_is_not_stored_twice(store):
    first = store.articles.add(ArticleIn(text="Same words.", title="a"))
    second = store.articles.add(ArticleIn(text="Same words.", title="b"))
    assert first == (first[0], True)
    assert second == (first[0], False)
    assert store.articles.count() == 1


def test_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.articles.add(ArticleIn(text="one", title="1"))
            store.articles.add(ArticleIn(text="two", title="2"))
            raise RuntimeError("crash half-way")
    assert store.articles.count() == 0


@pytest.mark.parametrize("sort,desc", [("published", False), ("published", True), ("title", True),
                                       ("source", False)])
def test_search_pages_of_a_common_word_come_in_sort_order(store, sort, desc):
    # More matches than the threshold at which browse walks the sort index instead of sorting.
    with store.transaction():
        for i in range(2100):
            store.articles.add(ArticleIn(
                text=f"Treaty talks, round {i}.", title=f"Talks {(i * 7919) % 2100:05d}",
                source=None if i % 5 == 0 else f"Wire {(i * 31) % 17}",
                published=None if i % 3 == 0 else f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    q = store.browse.articles(sort, desc, "treaty")
    assert "INDEXED BY" in q.source
    first = store.browse.fetch(q, limit=100)
    second = store.browse.fetch(q, after=first[-1]["_key"], limit=100)
    rows = [dict(r) for r in store.query("SELECT id, title, source, published FROM articles")]
    # Undated articles come after the dated ones in either direction.
    key = {"published": lambda r: ((r["published"] is None) != desc, r["published"] or "", r["id"]),
           "title": lambda r: (r["title"].casefold(), r["id"]),
           "source": lambda r: ((r["source"] or "").casefold(), r["id"])}[sort]
    expected = [r["id"] for r in sorted(rows, key=key, reverse=desc)][:200]
    assert [r["id"] for r in first + second] == expected
