"""stance_cells and actor_topic_matrix on the hand-made world (see conftest.py)."""

from __future__ import annotations

import pytest

from extract.analysis import UnknownName, actor_topic_matrix, stance_cells
from extract.store import StoreError

CONTRACT_KEYS = {"actor", "actor_type", "affiliation", "topic", "stance", "counts", "statements", "reviewed"}


def by_key(cells):
    return {(c["actor"], c["topic"]): c for c in cells}


def counts(support=0, oppose=0, conditional=0, neutral=0):
    return {"support": support, "oppose": oppose, "conditional": conditional, "neutral": neutral}


def test_cells_roll_up_the_affiliation_chain(world):
    store, s = world
    cells = by_key(stance_cells(store))
    for cell in cells.values():
        assert CONTRACT_KEYS <= set(cell)
    kirby = cells[("John Kirby", "denuclearization")]
    # s8 (oppose) is rejected, so only s1 counts.
    assert kirby["counts"] == counts(support=1)
    assert kirby["statements"] == [s["s1"]]
    assert kirby["affiliation"] == "United States"
    assert kirby["actor_type"] == "person"
    assert cells[("State Department", "denuclearization")]["counts"] == counts(support=1)
    us_treaty = cells[("United States", "peace treaty")]
    # s1 via Kirby (conditional) and s7 (oppose): a 1-1 tie, nothing reviewed, both sides:
    # the most recent (s7, 2024-02-01) leads.
    assert us_treaty["counts"] == counts(conditional=1, oppose=1)
    assert us_treaty["stance"] == "oppose"
    assert us_treaty["mixed"] is True
    assert us_treaty["statements"] == sorted([s["s1"], s["s7"]])
    assert us_treaty["affiliation"] is None
    assert cells[("United States", "denuclearization")]["stance"] == "support"
    assert cells[("South Korea", "denuclearization")]["statements"] == [s["s3"]]
    assert cells[("South Korea", "peace treaty")]["counts"] == counts(support=1)
    assert cells[("China", "peace treaty")]["stance"] == "support"
    nk = cells[("North Korea", "denuclearization")]
    assert nk["counts"] == counts(oppose=2) and nk["mixed"] is False


def test_media_count_for_no_one(world):
    store, _ = world
    cells = stance_cells(store)
    assert not [c for c in cells if c["actor"] == "Yonhap"]
    # Yonhap's neutral statement does not roll up to South Korea either.
    assert all(c["counts"]["neutral"] == 0 for c in cells)


def test_reviewed_flag_and_reviewed_only(world):
    store, s = world
    cells = by_key(stance_cells(store))
    assert cells[("North Korea", "peace treaty")]["reviewed"] is True       # s2 accepted
    assert cells[("North Korea", "denuclearization")]["reviewed"] is False  # s2 yes, s6 no
    only = by_key(stance_cells(store, reviewed_only=True))
    assert set(only) == {("North Korea", "peace treaty"), ("North Korea", "denuclearization")}
    assert only[("North Korea", "denuclearization")]["counts"] == counts(oppose=1)
    assert all(c["reviewed"] for c in only.values())


def test_analyst_label_overrides_and_rejected_stance_drops(world):
    store, s = world
    stance_id = store.scalar("SELECT id FROM stances WHERE statement_id = ?", (s["s7"],))
    store.review.set_stance(stance_id, "conditional")
    cell = by_key(stance_cells(store))[("United States", "peace treaty")]
    assert cell["counts"] == counts(conditional=2)
    assert cell["stance"] == "conditional" and cell["mixed"] is False
    store.review.reject_stance(stance_id)
    cell = by_key(stance_cells(store))[("United States", "peace treaty")]
    assert cell["counts"] == counts(conditional=1)
    assert cell["statements"] == [s["s1"]]


def test_filters(world):
    store, _ = world
    countries = stance_cells(store, actor_types=["country"])
    assert {c["actor"] for c in countries} == {"United States", "North Korea", "South Korea", "China"}
    treaty = stance_cells(store, topics=["Peace Treaty"])
    assert {c["topic"] for c in treaty} == {"peace treaty"}
    assert [c["actor"] for c in stance_cells(store, min_evidence=2)] == ["North Korea", "United States"]
    assert {c["actor"] for c in stance_cells(store, actors=["dprk", "washington"])} == {
        "North Korea", "United States"}


def test_bad_names_and_types_give_clear_errors(world):
    store, _ = world
    with pytest.raises(UnknownName) as err:
        stance_cells(store, topics=["denuclearisation"])
    assert "denuclearization" in str(err.value)
    with pytest.raises(UnknownName):
        stance_cells(store, actors=["Nobody At All"])
    with pytest.raises(StoreError, match="unknown actor type 'martian'"):
        stance_cells(store, actor_types=["martian"])


def test_matrix_orders_by_evidence(world):
    store, _ = world
    m = actor_topic_matrix(store, actor_types=["country"])
    names = [a["name"] for a in m.actors]
    # evidence: United States 3 (s1 twice via Kirby, s7), North Korea 3 (s2 twice, s6),
    # South Korea 2, China 1; ties by name.
    assert names == ["North Korea", "United States", "South Korea", "China"]
    assert [t["name"] for t in m.topics] == ["peace treaty", "denuclearization"]
    assert m.cell_at(0, 0)["stance"] == "support"
    assert m.cell_at(3, 1) is None   # China said nothing on denuclearization
    assert len(m) == 7


def test_empty_store(store):
    assert stance_cells(store) == []
    m = actor_topic_matrix(store)
    assert m.actors == [] and m.topics == [] and len(m) == 0


def test_unnamed_groups_hold_no_stance_but_their_affiliation_does(store):
    from extract.records import ActorRec, ArticleExtraction, StanceRec, StatementRec
    from extract.store import ArticleIn

    text = "Critics said the tax was unfair. U.S. officials said the tax was needed."
    article_id, _ = store.articles.add(ArticleIn(text=text, title="t"))
    actors = [ActorRec("critics", "critics", "group"), ActorRec("us", "United States", "country"),
              ActorRec("officials", "United States officials", "group", affiliation="us")]
    recs = [StatementRec(text[:32], 0, 32, "indirect", speaker="critics", stances=[StanceRec("tax", "oppose")]),
            StatementRec(text[33:], 33, len(text), "indirect", speaker="officials",
                         stances=[StanceRec("tax", "support")])]
    store.extraction.save(article_id, ArticleExtraction(actors=actors, statements=recs), "t")
    cells = by_key(stance_cells(store))
    assert set(cells) == {("United States", "tax")}
    assert cells[("United States", "tax")]["stance"] == "support"


def save_said(store, actors, said) -> None:
    """One article of direct statements: said = [(speaker key, content, topic, label)]."""
    from extract.records import ArticleExtraction, StanceRec, StatementRec
    from extract.store import ArticleIn

    text = " ".join(content for _, content, _, _ in said)
    recs, start = [], 0
    for speaker, content, topic, label in said:
        recs.append(StatementRec(content=content, content_start=start, content_end=start + len(content),
                                 kind="direct", speaker=speaker, speaker_text=speaker,
                                 stances=[StanceRec(topic, label, 0.8, "hand-made")]))
        start += len(content) + 1
    article_id, _ = store.articles.add(ArticleIn(text=text, title=said[0][1], source="Test Wire"))
    store.extraction.save(article_id, ArticleExtraction(actors=actors, statements=recs), "test-1")


def test_a_side_leads_over_more_neutral_statements(store):
    # Two statements that take no side and one that opposes: the actor opposes.
    from extract.analysis.rules import leading_label
    from extract.records import ActorRec

    save_said(store, [ActorRec("ann", "Ann Lee", "person")],
              [("ann", "The levy was discussed at length.", "levy", "neutral"),
               ("ann", "The levy comes up in May.", "levy", "neutral"),
               ("ann", "The levy is a mistake.", "levy", "oppose")])
    cell = by_key(stance_cells(store))[("Ann Lee", "levy")]
    assert cell["counts"] == counts(oppose=1, neutral=2)
    assert cell["stance"] == "oppose"
    assert leading_label(cell["counts"]) == "oppose"


def test_a_party_holds_what_its_voices_say_not_every_member(store):
    from extract.records import PARTY_ROLE, ActorRec

    save_said(store, [ActorRec("gop", "Republican Party", "organization", role=PARTY_ROLE),
                      ActorRec("cruz", "Ted Cruz", "person", role="senator", affiliation="gop"),
                      ActorRec("lead", "Ann Ross", "person", role="party leader", affiliation="gop")],
              [("cruz", "The levy is wrong.", "levy", "oppose"),
               ("lead", "We back the tariff.", "tariff", "support")])
    cells = by_key(stance_cells(store))
    assert ("Ted Cruz", "levy") in cells and ("Republican Party", "levy") not in cells
    assert cells[("Republican Party", "tariff")]["stance"] == "support"


def test_a_company_does_not_speak_for_its_country_a_ministry_does(store):
    from extract.records import GOVERNMENT_ROLE, ActorRec

    save_said(store, [ActorRec("fr", "France", "country"),
                      ActorRec("suez", "Suez", "organization", affiliation="fr"),
                      ActorRec("min", "Economy Ministry", "organization", role=GOVERNMENT_ROLE, affiliation="fr")],
              [("suez", "The tariff must rise.", "tariff", "support"),
               ("min", "The levy must go.", "levy", "oppose")])
    cells = by_key(stance_cells(store))
    assert ("Suez", "tariff") in cells and ("France", "tariff") not in cells
    assert cells[("France", "levy")]["stance"] == "oppose"


def test_a_company_does_not_speak_for_its_owner_its_chief_does_for_it(store):
    from extract.records import GOVERNMENT_ROLE, ActorRec

    save_said(store, [ActorRec("min", "Economy Ministry", "organization", role=GOVERNMENT_ROLE),
                      ActorRec("owner", "Norra Holdings", "organization"),
                      ActorRec("unit", "Norra Water", "organization", affiliation="owner"),
                      ActorRec("boss", "Eva Lind", "person", role="chief executive", affiliation="unit")],
              [("unit", "The tariff must rise.", "tariff", "support"),
               ("boss", "The levy must go.", "levy", "oppose")])
    cells = by_key(stance_cells(store))
    assert ("Norra Water", "tariff") in cells and ("Norra Holdings", "tariff") not in cells
    assert cells[("Norra Water", "levy")]["stance"] == "oppose"
    assert ("Norra Holdings", "levy") not in cells


def test_an_analyst_quoted_on_a_firm_holds_no_side_nor_does_the_firm_through_him(store):
    from extract.records import ActorRec

    save_said(store, [ActorRec("firm", "Hale Securities", "organization"),
                      ActorRec("an", "Ira Cole", "person", role="analyst", affiliation="firm"),
                      ActorRec("boss", "Eva Lind", "person", role="chief executive", affiliation="firm")],
              [("an", "The merger will go ahead.", "merger", "support"),
               ("boss", "The levy must go.", "levy", "oppose")])
    cells = by_key(stance_cells(store))
    assert ("Ira Cole", "merger") not in cells and ("Hale Securities", "merger") not in cells
    assert cells[("Hale Securities", "levy")]["stance"] == "oppose"  # its chief still speaks for it
