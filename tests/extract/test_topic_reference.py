"""Topics referred back to within an article ('the bill' after 'the Harbour Levy Bill'): a
topics file leaves such phrases out, so the extractor resolves them by their head noun."""

from __future__ import annotations

from tests.extract.test_real_news_rules import stance_on

TOPICS = {"Harbour Levy Bill": ["harbour levy"], "river tolls": []}


def test_the_bill_named_before_is_the_bill_a_speaker_rejects(extract_text):
    text = ("Ministers published the Harbour Levy Bill on Monday. "
            'Ms Ruth Kemp said she would vote against the bill because it punished fishermen.')
    ex = extract_text(text, TOPICS)
    assert stance_on(ex, "Harbour Levy Bill", "vote against the bill") == "oppose"


def test_a_phrase_that_names_its_own_issue_or_another_owner_is_not_resolved(extract_text):
    # 'the bill on river tolls' says which bill; 'the council's bill' is someone else's.
    text = ("Ministers published the Harbour Levy Bill on Monday. "
            "Mr Tom Barber said he would back the council's bill. "
            "Ms Ruth Kemp said the bill on river tolls was fair.")
    ex = extract_text(text, TOPICS)
    assert stance_on(ex, "Harbour Levy Bill", "the council's bill") is None
    assert stance_on(ex, "Harbour Levy Bill", "the bill on river tolls") is None
    assert stance_on(ex, "river tolls", "the bill on river tolls") == "support"


def test_a_proposal_noun_with_no_antecedent_of_its_kind_links_nothing(extract_text):
    # The sentence before is about river tolls, but 'the plan' was never named with 'plan'.
    text = ("Ministers want river tolls on the estuary. "
            "Ms Ruth Kemp said she would fight the plan.")
    ex = extract_text(text, TOPICS)
    assert stance_on(ex, "river tolls", "fight the plan") is None


def test_it_that_a_side_is_taken_on_stands_for_the_topic_just_before(extract_text):
    # 'will vote against it unless ...': the 'it' is the topic last named before it (a subject
    # first: the proposal noun 'the bill' refers back to the Harbour Bill), and 'unless' makes
    # the side conditional.
    topics = {"Harbour Bill": ["harbour bill"], "dredging levy": ["dredging levy"]}
    text = ('Ministers published the Harbour Bill on Monday. Mr Peter Lane said the bill, which sets '
            'out a new dredging levy, had been rushed. The Greens say they will vote against it unless '
            'the levy is dropped.')
    ex = extract_text(text, topics)
    st = next(s for s in ex.statements if "vote against it" in s.content)
    assert {x.topic: x.label for x in st.stances} == {"Harbour Bill": "conditional"}
    text = 'Ministers published the Harbour Bill on Monday. The Greens said they would oppose it.'
    ex = extract_text(text, topics)
    st = next(s for s in ex.statements if "oppose it" in s.content)
    assert {x.topic: x.label for x in st.stances} == {"Harbour Bill": "oppose"}
