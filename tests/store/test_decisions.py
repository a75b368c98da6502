"""Analyst decisions: written at once, logged, undoable, and never lost to re-extraction."""

import pytest

from extract.records import ActorRec, ArticleExtraction, MentionRec, StanceRec, StatementRec
from extract.store import ArticleIn, StoreError

TEXT = ('"Denuclearization had to be part of any such discussion," State Department spokesman '
        "John Kirby said. Pyongyang rejected the U.S. counterproposal. Kirby said the peace treaty "
        "can wait.")


def seed_extraction(text: str = TEXT) -> ArticleExtraction:
    q_end = text.index('," State')
    kirby = text.index("John Kirby")
    said = text.index("said", kirby)
    pyong = text.index("Pyongyang")
    counter = text.index("the U.S. counterproposal")
    later = text.index("Kirby said the")
    content2 = text.index("the peace treaty can wait")
    return ArticleExtraction(
        actors=[
            ActorRec("us", "United States", "country", ["U.S.", "Washington"]),
            ActorRec("sd", "State Department", "organization", affiliation="us"),
            ActorRec("kirby", "John Kirby", "person", ["Kirby"], role="spokesman", affiliation="sd"),
            ActorRec("nk", "North Korea", "country", ["Pyongyang", "the North"]),
        ],
        mentions=[
            MentionRec("kirby", kirby, kirby + 10, "John Kirby", "PERSON"),
            MentionRec("nk", pyong, pyong + 9, "Pyongyang", "GPE"),
            MentionRec("kirby", later, later + 5, "Kirby", "PERSON"),
        ],
        statements=[
            StatementRec(text[1:q_end], 1, q_end, "direct", speaker="kirby", speaker_text="John Kirby",
                         speaker_start=kirby, speaker_end=kirby + 10, cue="said", cue_start=said,
                         cue_end=said + 4, stances=[StanceRec("denuclearization", "conditional", 0.6, "part of")]),
            StatementRec("the U.S. counterproposal", counter, counter + 24, "action", speaker="nk",
                         speaker_text="Pyongyang", cue="rejected",
                         stances=[StanceRec("denuclearization", "oppose", 0.7, "rejected")]),
            StatementRec("the peace treaty can wait", content2, content2 + 25, "indirect", speaker="kirby",
                         speaker_text="Kirby", stances=[StanceRec("peace treaty", "oppose", 0.4, "can wait")]),
        ],
    )


@pytest.fixture
def article(store):
    aid, _ = store.articles.add(ArticleIn(text=TEXT, title="seed"))
    store.extraction.save(aid, seed_extraction(), "v1")
    return aid


def stance_of(store, content_prefix, topic):
    return store.query_one(
        "SELECT t.* FROM stances t JOIN statements s ON s.id = t.statement_id JOIN topics p ON p.id = t.topic_id "
        "WHERE s.content LIKE ? AND p.name = ?", (content_prefix + "%", topic))


def statement_id(store, content_prefix):
    return store.scalar("SELECT id FROM statements WHERE content LIKE ?", (content_prefix + "%",))


def test_extraction_writes_actors_with_affiliation_chain(store, article):
    kirby = store.actors.resolve("kirby")
    assert [a["name"] for a in store.actors.chain(kirby)] == ["John Kirby", "State Department", "United States"]
    assert store.actors.resolve("Washington") == store.actors.resolve("the United States")
    assert store.scalar("SELECT count(*) FROM statements") == 3


def test_a_body_is_not_replaced_by_the_country_it_belongs_to(store, article):
    # A second article names only Kirby's country: the State Department, which belongs to it,
    # stays his affiliation; another country would replace it.
    aid, _ = store.articles.add(ArticleIn(text="Kirby said talks would resume.", title="later"))
    later = ArticleExtraction(actors=[ActorRec("us", "United States", "country", ["U.S."]),
                                      ActorRec("kirby", "John Kirby", "person", ["Kirby"], affiliation="us")])
    store.extraction.save(aid, later, "v1")
    kirby = store.actors.resolve("kirby")
    assert [a["name"] for a in store.actors.chain(kirby)] == ["John Kirby", "State Department", "United States"]
    aid, _ = store.articles.add(ArticleIn(text="Kirby moved to Seoul.", title="move"))
    moved = ArticleExtraction(actors=[ActorRec("sk", "South Korea", "country"),
                                      ActorRec("kirby", "John Kirby", "person", ["Kirby"], affiliation="sk")])
    store.extraction.save(aid, moved, "v1")
    assert [a["name"] for a in store.actors.chain(kirby)] == ["John Kirby", "South Korea"]


def test_accept_reject_set_stance_are_logged_and_undo_walks_back(store, article):
    s1 = statement_id(store, "Denuclearization")
    s2 = statement_id(store, "the U.S.")
    store.review.accept(s1)
    assert store.scalar("SELECT review FROM statements WHERE id = ?", (s1,)) == "accepted"
    assert stance_of(store, "Denuclearization", "denuclearization")["review"] == "accepted"
    store.review.reject(s2)
    stance = stance_of(store, "the peace", "peace treaty")
    store.review.set_stance(stance["id"], "conditional")
    after = stance_of(store, "the peace", "peace treaty")
    assert (after["label"], after["review_label"], after["review"]) == ("oppose", "conditional", "edited")
    assert store.scalar("SELECT count(DISTINCT decision) FROM reviews") == 3

    store.review.undo()  # the stance edit
    back = stance_of(store, "the peace", "peace treaty")
    assert (back["review_label"], back["review"]) == (None, "pending")
    store.review.undo()  # the rejection
    assert store.scalar("SELECT review FROM statements WHERE id = ?", (s2,)) == "pending"
    store.review.undo()  # the acceptance, with its stance
    assert stance_of(store, "Denuclearization", "denuclearization")["review"] == "pending"
    assert store.review.undo() is None
    # The log is append-only: nothing deleted, everything flagged undone.
    assert store.scalar("SELECT count(*) FROM reviews WHERE undone = 0") == 0


def test_reextraction_keeps_every_decision(store, article):
    s1 = statement_id(store, "Denuclearization")
    s2 = statement_id(store, "the U.S.")
    store.review.accept(s1)
    store.review.reject(s2)
    stance = stance_of(store, "the peace", "peace treaty")
    store.review.set_stance(stance["id"], "conditional")
    kirby = store.actors.resolve("John Kirby")
    store.actors.rename(kirby, "Kirby, John")
    nk = store.actors.resolve("North Korea")
    store.actors.set_type(nk, "group")
    sd = store.actors.resolve("State Department")
    store.actors.set_affiliation(kirby, None)

    # A new extractor version re-extracts: machine output changes, decisions must not.
    changed = seed_extraction()
    for st in changed.statements:
        for sr in st.stances:
            sr.label = "neutral"
        st.stances.append(StanceRec("sanctions", "support", 0.5, "x"))
    store.extraction.save(article, changed, "v2")

    assert store.scalar("SELECT count(*) FROM statements") == 3
    assert store.scalar("SELECT review FROM statements WHERE id = ?", (s1,)) == "accepted"
    assert store.scalar("SELECT review FROM statements WHERE id = ?", (s2,)) == "rejected"
    edited = stance_of(store, "the peace", "peace treaty")
    assert (edited["review_label"], edited["review"]) == ("conditional", "edited")
    accepted = stance_of(store, "Denuclearization", "denuclearization")
    assert (accepted["label"], accepted["review"]) == ("conditional", "accepted")  # untouched
    # New machine topics still reach kept statements, as pending suggestions...
    assert stance_of(store, "Denuclearization", "sanctions")["review"] == "pending"
    # ...but never the rejected statement.
    assert stance_of(store, "the U.S.", "sanctions") is None
    actor = store.actors.get(kirby)
    assert actor["name"] == "Kirby, John" and actor["affiliation_id"] is None
    assert store.actors.get(nk)["type"] == "group"
    assert store.actors.get(sd) is not None


def test_merge_moves_everything_and_undo_restores_it(store, article):
    kirby = store.actors.resolve("John Kirby")
    nk = store.actors.resolve("North Korea")
    store.actors.merge(nk, kirby)
    assert store.actors.get(nk) is None
    assert store.actors.resolve("Pyongyang") == kirby
    assert store.scalar("SELECT count(*) FROM statements WHERE speaker_id = ?", (kirby,)) == 3
    # Re-extraction after a merge lands on the merge target.
    store.extraction.save(article, seed_extraction(), "v2")
    assert store.actors.resolve("North Korea") == kirby
    assert store.scalar("SELECT count(*) FROM actors WHERE name = 'North Korea'") == 0

    store.review.undo()  # reverts the whole merge decision
    assert store.actors.get(nk)["name"] == "North Korea"
    assert store.actors.resolve("Pyongyang") == nk


def test_split_alias_moves_its_mentions_and_survives_reextraction(store, article):
    kirby = store.actors.resolve("John Kirby")
    new_id = store.actors.split_alias(kirby, "Kirby", new_name="Kirby (unknown)")
    assert store.actors.resolve("Kirby") == new_id
    assert store.scalar("SELECT speaker_id FROM statements WHERE speaker_text = 'Kirby'") == new_id
    assert store.scalar("SELECT speaker_id FROM statements WHERE speaker_text = 'John Kirby'") == kirby
    store.extraction.save(article, seed_extraction(), "v2")
    assert store.scalar("SELECT actor_id FROM mentions WHERE text = 'Kirby'") == new_id
    assert store.scalar("SELECT speaker_id FROM statements WHERE speaker_text = 'Kirby'") == new_id


def test_bad_edits_are_refused_with_clear_messages(store, article):
    kirby = store.actors.resolve("John Kirby")
    us = store.actors.resolve("United States")
    with pytest.raises(StoreError, match="belong to itself"):
        store.actors.set_affiliation(us, kirby)
    with pytest.raises(StoreError, match="merge instead"):
        store.actors.rename(kirby, "united states")
    with pytest.raises(StoreError, match="unknown actor type"):
        store.actors.set_type(kirby, "alien")
    with pytest.raises(ValueError):
        store.review.set_stance(1, "maybe")
    # Refused edits leave no trace in the log.
    assert store.scalar("SELECT count(*) FROM reviews") == 0
