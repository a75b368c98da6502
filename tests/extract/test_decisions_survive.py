"""Human decisions are sacred: re-extraction (--force, a new topics file) keeps and re-applies
every accepted, rejected or edited statement and stance, and every actor edit."""

from __future__ import annotations

from extract.extract_run import ExtractOptions, run_extract
from tests.extract.conftest import TOPICS_FILE


def seed_statement(store, fragment):
    return store.query_one(
        "SELECT s.* FROM statements s JOIN articles a ON a.id = s.article_id "
        "WHERE a.path LIKE '%seed%' AND s.content LIKE ? ORDER BY length(s.content)", (f"%{fragment}%",))


def stance_of(store, statement_id, topic):
    return store.query_one(
        "SELECT st.* FROM stances st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = ? AND t.name = ?",
        (statement_id, topic))


def test_decisions_survive_force_and_new_topics(sample_store, nlp, tmp_path):
    s = sample_store
    accepted = seed_statement(s, "To be clear, it was the North Koreans")
    rejected = seed_statement(s, "The exchange took place via the North")
    edited = seed_statement(s, "denuclearization remains its top priority")
    relabel = seed_statement(s, "such talks should first deal with denuclearization")
    assert accepted and rejected and edited and relabel
    s.review.accept(accepted["id"])
    s.review.reject(rejected["id"])
    # an edited stance, a rejected stance and a stance the machine missed
    s.review.set_stance(stance_of(s, relabel["id"], "denuclearization")["id"], "conditional")
    s.review.reject_stance(stance_of(s, relabel["id"], "peace treaty")["id"])
    peace = s.topics.get("peace treaty")["id"]
    added = s.review.add_stance(edited["id"], peace, "oppose")

    kirby = s.actors.resolve("John Kirby")
    s.actors.rename(kirby, "John F. Kirby")
    ministry, south = s.actors.resolve("Unification Ministry"), s.actors.resolve("South Korea")
    s.actors.merge(ministry, south)
    kritenbrink, nsc = s.actors.resolve("Daniel Kritenbrink"), s.actors.resolve("National Security Council")
    s.actors.set_affiliation(kritenbrink, nsc)

    new_topics = tmp_path / "topics.toml"
    new_topics.write_text(TOPICS_FILE.read_text(encoding="utf-8") +
                          '\n[[topic]]\nname = "armistice"\naliases = ["1953 armistice"]\n', encoding="utf-8")
    for options in (ExtractOptions(force=True), ExtractOptions(topics_file=new_topics)):
        summary = run_extract(s, options, nlp=nlp)
        assert summary.articles > 0 and summary.kept_reviewed >= 3

        # statements: same rows, same decisions, no machine duplicate beside them
        assert s.query_one("SELECT review FROM statements WHERE id = ?", (accepted["id"],))["review"] == "accepted"
        assert s.query_one("SELECT review FROM statements WHERE id = ?", (rejected["id"],))["review"] == "rejected"
        for row in (accepted, rejected):
            twins = s.query("SELECT id FROM statements WHERE article_id = ? AND content_start < ? AND content_end > ? "
                            "AND id != ?", (row["article_id"], row["content_end"], row["content_start"], row["id"]))
            assert not [t for t in twins if seed_overlap(s, t["id"], row)]
        # stances: the analyst's label, rejection and addition stay
        st = stance_of(s, relabel["id"], "denuclearization")
        assert st["review_label"] == "conditional" and st["review"] == "edited"
        assert stance_of(s, relabel["id"], "peace treaty")["review"] == "rejected"
        assert s.query_one("SELECT review_label FROM stances WHERE id = ?", (added,))["review_label"] == "oppose"

        # actors: rename, merge and affiliation are re-applied to the new machine output
        renamed = s.actors.get(kirby)
        assert renamed["name"] == "John F. Kirby" and s.actors.resolve("John Kirby") == kirby
        assert s.actors.resolve("Unification Ministry") == south
        assert s.query_one("SELECT count(*) FROM actors WHERE id = ?", (ministry,))[0] == 0
        assert s.query_one("SELECT count(*) FROM mentions WHERE actor_id = ?", (ministry,))[0] == 0
        kritenbrink_row = s.actors.get(kritenbrink)
        assert kritenbrink_row["affiliation_id"] == nsc and kritenbrink_row["affiliation_locked"] == 1
        kirby_statements = s.query(
            "SELECT speaker_id FROM statements WHERE speaker_text IN ('John Kirby', 'he') AND content LIKE '%North%' "
            "AND article_id = ?", (accepted["article_id"],))
        assert kirby_statements and all(r["speaker_id"] == kirby for r in kirby_statements)

    assert "armistice" in {t["name"] for t in s.topics.list()}


def seed_overlap(store, statement_id, row) -> bool:
    from extract.store.extraction import spans_overlap

    other = store.query_one("SELECT content_start, content_end FROM statements WHERE id = ?", (statement_id,))
    return spans_overlap(other[0], other[1], row["content_start"], row["content_end"])
