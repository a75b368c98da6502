"""TopicRepo: the topics file, listing and the analyst's topic edits."""

from __future__ import annotations

import re

import pytest

from extract.store import StoreError

TOML = '''
[[topic]]
name = "peace treaty"
aliases = ["peace treaty talks", "formal end to the Korean War"]

[[topic]]
name = "denuclearization"
'''


def write(tmp_path, text, name="topics.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_list_and_fingerprint(store, tmp_path):
    before = store.topics.fingerprint()
    counts = store.topics.import_file(write(tmp_path, TOML))
    assert counts["added"] == 2
    topics = {t["name"]: t for t in store.topics.list()}
    assert topics["peace treaty"]["aliases"] == ["formal end to the Korean War", "peace treaty talks"]
    assert topics["peace treaty"]["origin"] == "file"
    after = store.topics.fingerprint()
    assert after != before
    # importing the same file again changes nothing
    store.topics.import_file(write(tmp_path, TOML))
    assert store.topics.fingerprint() == after


def test_edits_rename_alias_merge_delete(store, tmp_path):
    store.topics.import_file(write(tmp_path, TOML))
    fp = store.topics.fingerprint()
    store.topics.rename("peace treaty", "Korean peace treaty")
    assert store.topics.get("peace treaty")["name"] == "Korean peace treaty"  # old name still answers
    assert store.topics.fingerprint() != fp
    store.topics.add_alias("denuclearization", "denuclearisation")
    assert store.topics.get("denuclearisation")["name"] == "denuclearization"
    store.topics.merge("denuclearization", "Korean peace treaty")
    assert store.topics.get("denuclearisation")["name"] == "Korean peace treaty"
    assert [t["name"] for t in store.topics.list()] == ["Korean peace treaty"]
    store.topics.delete("Korean peace treaty")
    assert store.topics.list() == []
    assert store.topics.get("Korean peace treaty")["deleted"] == 1  # tombstone
    # a machine stance on a deleted topic is never recreated
    with store.transaction() as conn:
        assert store.extraction.topic_id(conn, "peace treaty") is None
    # every edit is an undoable decision
    assert store.review.undo() is not None
    assert [t["name"] for t in store.topics.list()] == ["Korean peace treaty"]


@pytest.mark.parametrize("text, message", [
    ("not toml [", "not valid TOML"),
    ("title = 'x'", "no [[topic]] entries"),
    ("[[topic]]\nname = ''", "needs a non-empty name"),
    ("[[topic]]\nname = 'a'\naliases = 'b'", "aliases must be a list"),
    ("[[topic]]\nname = 'a'\n[[topic]]\nname = 'A'", "listed twice"),
])
def test_bad_topics_files_get_clear_messages(store, tmp_path, text, message):
    with pytest.raises(StoreError, match=re.escape(message)):
        store.topics.import_file(write(tmp_path, text))


def test_unknown_topic_suggests(store, tmp_path):
    store.topics.import_file(write(tmp_path, TOML))
    with pytest.raises(StoreError, match="did you mean 'peace treaty'"):
        store.topics.rename("peace treat", "x")
