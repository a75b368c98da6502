"""Actors, affiliations and stances on the seed article and on small texts."""

from __future__ import annotations

from tests.conftest import SEED

SEED_TOPICS = {"peace treaty": ["peace treaty talks", "peace treaty negotiations"],
               "denuclearization": []}


def test_seed_actors_and_affiliations(extract_text):
    ex = extract_text(SEED.read_text(encoding="utf-8"), SEED_TOPICS)
    actors = {a.name: a for a in ex.actors}
    by_key = {a.key: a for a in ex.actors}

    def chain(actor):
        names = []
        while actor.affiliation:
            actor = by_key[actor.affiliation]
            names.append(actor.name)
        return names

    # An official belongs to the body the article names, and the body to its country.
    for person, country, body in [("John Kirby", "United States", "State Department"),
                                  ("Wang Yi", "China", None),
                                  ("Jeong Joon-hee", "South Korea", "Unification Ministry"),
                                  ("Ri Su-yong", "North Korea", None),
                                  ("Daniel Kritenbrink", "United States", "National Security Council")]:
        assert actors[person].type == "person"
        assert chain(actors[person]) == ([body] if body else []) + [country], person
    assert actors["Yonhap"].type == "media"
    assert actors["Wall Street Journal"].type == "media"
    assert {"U.S.", "Washington"} <= set(actors["United States"].aliases)
    assert "Pyongyang" in actors["North Korea"].aliases
    # a quote-mark fragment is never an entity
    assert not any('"' in a.name or a.name.lower() in ("the", 'the "') for a in ex.actors)


def test_seed_media_hold_no_stances(extract_text):
    ex = extract_text(SEED.read_text(encoding="utf-8"), SEED_TOPICS)
    media = {a.key for a in ex.actors if a.type == "media"}
    assert any(s.speaker in media for s in ex.statements)
    assert all(not s.stances for s in ex.statements if s.speaker in media)


def test_conditional_and_negation(extract_text):
    text = ('Japan said it would join the trade deal only if tariffs on rice were cut.\n\n'
            'Canada said it does not support the trade deal.\n\n'
            'Mexico said the trade deal was a nonstarter.')
    ex = extract_text(text, {"trade deal": []})
    labels = {}
    for st in ex.statements:
        for t in st.stances:
            labels[st.speaker] = t.label
    assert labels["Japan"] == "conditional"
    assert labels["Canada"] == "oppose"
    assert labels["Mexico"] == "oppose"
    assert all(t.evidence for st in ex.statements for t in st.stances if t.label != "neutral")


def test_topics_proposed_without_a_topics_file(extract_text):
    text = ('North Korea wants peace treaty talks, a diplomatic source said.\n\n'
            'The United States said peace treaty negotiations must wait.\n\n'
            'China said the peace treaty was important for the region.')
    ex = extract_text(text, propose=True)
    names = [t.name for t in ex.proposed_topics]
    assert "peace treaty" in names
    merged = next(t for t in ex.proposed_topics if t.name == "peace treaty")
    assert any("talk" in a or "negotiation" in a for a in merged.aliases)
    assert any(st.stances and st.stances[0].topic == "peace treaty" for st in ex.statements)


def test_seed_stance_targets(sample_store):
    from extract.analysis.matrix import stance_cells

    seed_ids = {r[0] for r in sample_store.query(
        "SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.path LIKE '%seed%'")}
    cells = {}
    for c in stance_cells(sample_store):
        if set(c["statements"]) & seed_ids:
            cells[(c["actor"], c["topic"])] = c["stance"]
    assert cells[("United States", "peace treaty")] == "conditional"
    assert cells[("United States", "denuclearization")] == "support"
    assert cells[("North Korea", "peace treaty")] == "support"
    assert cells[("North Korea", "denuclearization")] == "oppose"
    assert cells[("South Korea", "denuclearization")] == "support"
    assert cells[("China", "peace treaty")] == "support"
    assert not any(actor in ("Yonhap", "Wall Street Journal") for actor, _ in cells)


def test_one_common_word_does_not_bring_a_curated_topic_into_an_article(extract_text):
    topics = {"the chancellor's management of public finances": ["debt", "borrowing", "public finances"]}
    text = ("The minister said the new budget would cut debt and was a disgrace. "
            "He said voters would punish the government.")
    assert not any(st.stances for st in extract_text(text, topics).statements)
    # Two different words of the topic, or one of two words or more, do.
    text2 = text + " The opposition said borrowing had to fall."
    stanced = {s.topic for st in extract_text(text2, topics).statements for s in st.stances}
    assert stanced == {"the chancellor's management of public finances"}


def test_a_knight_keeps_his_full_name_as_an_alias(extract_text):
    # Gold sets and analysts write 'Sir Archy Kirkwood'; the actor is keyed without the title.
    ex = extract_text("Sir Archy Kirkwood said the agency was failing. Mr Kirkwood said it must improve.")
    person = next(a for a in ex.actors if a.name == "Archy Kirkwood")
    assert "Sir Archy Kirkwood" in person.aliases


def test_a_name_only_ever_put_before_a_noun_is_no_person(extract_text):
    # NER calls 'Brexit' a PERSON; the article only writes it as 'the Brexit vote/shock'.
    text = ("The IMF warned that the Brexit vote could depress growth. "
            "Ms Ann Lee said the Brexit shock was handled well. Mr Obama's staff were calm.")
    names = {a.name for a in extract_text(text).actors}
    assert "Brexit" not in names
    assert "Ann Lee" in names
