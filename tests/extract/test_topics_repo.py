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


SHARED = '''
[[topic]]
name = "Anti-Terrorism Bill"
aliases = ["control orders", "house arrest", "terror legislation"]

[[topic]]
name = "terror legislation"
aliases = ["terror laws"]

[[topic]]
name = "Prevention of Terrorism Bill"
aliases = ["control orders", "detain without trial"]
'''


def test_topics_sharing_an_alias_stay_two_topics(store, tmp_path):
    # Two bills of one file that share 'control orders': neither swallows or renames the other.
    # A topic named as another one's alias stays a topic of its own too.
    counts = store.topics.import_file(write(tmp_path, SHARED))
    assert counts["added"] == 3
    topics = {t["name"]: t for t in store.topics.list()}
    assert set(topics) == {"Anti-Terrorism Bill", "Prevention of Terrorism Bill", "terror legislation"}
    assert "control orders" in topics["Anti-Terrorism Bill"]["aliases"]
    shared = store.topics.shared_aliases()
    assert shared == {topics["Prevention of Terrorism Bill"]["id"]: ["control orders"],
                      topics["terror legislation"]["id"]: ["terror legislation"]}
    # the shared alias is part of what re-extraction depends on
    before = store.topics.fingerprint()
    store.topics.import_file(write(tmp_path, SHARED.replace('"control orders", "detain', '"detain')))
    assert store.topics.shared_aliases() == {topics["terror legislation"]["id"]: ["terror legislation"]}
    assert store.topics.fingerprint() != before


def test_a_shared_alias_means_the_topic_the_article_names(extract_text):
    topics = {"Anti-Terrorism Bill": ["control orders"], "Prevention of Terrorism Bill": ["control orders"]}
    text = ('The Prevention of Terrorism Bill goes to the Lords today. Mr Mark Hale said the control '
            'orders were a breach of civil liberties and that the Prevention of Terrorism Bill '
            'should be dropped.')
    ex = extract_text(text, topics)
    linked = {st.topic for s in ex.statements for st in s.stances}
    assert linked == {"Prevention of Terrorism Bill"}, linked
