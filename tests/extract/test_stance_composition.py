"""Stance rules for how news composes a side (issue 9, real news), each on invented sentences."""

from __future__ import annotations

from tests.extract.test_real_news_rules import stance_on


def test_backing_someone_in_resisting_something_opposes_it(extract_text):
    # The act's side composes with a gerund that acts against the topic, even where the
    # parser hangs the gerund on a neighbouring noun.
    topics = {"catch limits": ["catch limits based on scientific advice"]}
    text = ('Norway and Iceland both backed Denmark at the Oslo talks in resisting pressures for '
            'catch limits based on scientific advice.')
    ex = extract_text(text, topics)
    assert stance_on(ex, "catch limits", "backed Denmark") == "oppose"
    text = 'Norway backed Denmark at the Oslo talks in pressing for catch limits based on scientific advice.'
    ex = extract_text(text, topics)
    assert stance_on(ex, "catch limits", "backed Denmark") == "support"


def test_only_on_the_verb_of_an_if_or_when_clause_makes_a_condition(extract_text):
    topics = {"closing the depot": ["close the depot"]}
    text = 'Mayor Ann Hale said the council would only close the depot when the new one was ready.'
    ex = extract_text(text, topics)
    assert stance_on(ex, "closing the depot", "close the depot") == "conditional"
    text = 'Mayor Ann Hale said: "We will only close the depot if the new one is ready."'
    ex = extract_text(text, topics)
    assert stance_on(ex, "closing the depot", "close the depot") == "conditional"


def test_questioning_what_is_reported_opposes_it(extract_text):
    topics = {"harbour toll": ["toll"]}
    text = ('Mr Peter Lane, the transport spokesman, spoke on Monday. He questioned why the council '
            'needed a harbour toll at all.')
    ex = extract_text(text, topics)
    assert stance_on(ex, "harbour toll", "needed a harbour toll") == "oppose"
    text = ('Mr Peter Lane, the transport spokesman, spoke on Monday. He questioned whether the '
            'council should scrap the harbour toll.')
    ex = extract_text(text, topics)
    assert stance_on(ex, "harbour toll", "scrap the harbour toll") == "support"


def test_the_member_a_not_but_contrast_sets_aside_is_opposed(extract_text):
    topics = {"herd size": ["size of herds"]}
    text = ('"A good farm policy should not be judged on the size of herds but on the health of the '
            'land," said Ann Hale, the farming minister.')
    ex = extract_text(text, topics)
    assert stance_on(ex, "herd size", "size of herds") == "oppose"
    topics = {"exam numbers": ["number of its exams"]}
    text = ('"The progress of a school should not be measured by the number of its exams but by what '
            'pupils learn," said Ann Hale, the education minister.')
    ex = extract_text(text, topics)
    assert stance_on(ex, "exam numbers", "number of its exams") == "oppose"


def test_if_any_sets_a_condition_unless_it_stands_alone(extract_text):
    # 'if any utility cannot ...' is a condition like any other 'if'; only 'few, if any,' and
    # 'if so,' standing alone set none.
    topics = {"breaking up utilities": ["broken up"]}
    text = 'Ms Ruth Kemp said in a statement: \u201cIf any utility can\u2019t be run safely, it should be broken up.\u201d'
    ex = extract_text(text, topics)
    assert stance_on(ex, "breaking up utilities", "should be broken up") == "conditional"
    text = 'Ms Ruth Kemp said in a statement: \u201cIf so, every failing utility should be broken up.\u201d'
    ex = extract_text(text, topics)
    assert stance_on(ex, "breaking up utilities", "should be broken up") == "support"


def test_the_words_of_a_name_take_no_side(extract_text):
    # 'Supreme' (VADER rates it) in 'the Supreme Court', 'Fund' (a support word) in 'the Family
    # Support Fund' are names, not what the speaker thinks of the topic.
    topics = {"harbour levy": ["harbour levy rules"]}
    text = 'The regulator said the agency issued the harbour levy rules, which the U.S. Supreme Court has put on hold.'
    ex = extract_text(text, topics)
    assert stance_on(ex, "harbour levy", "issued the harbour levy rules") == "neutral"
    text = 'Ann Cole said the Family Support Fund had written to the council about the harbour levy.'
    ex = extract_text(text, topics)
    assert stance_on(ex, "harbour levy", "had written to the council") == "neutral"


def test_a_side_taken_by_another_named_person_in_a_quote_is_not_the_speakers(extract_text):
    # 'the treasurer has backed the levy' in Tom Reed's quote is the treasurer's side (named
    # or by title); the speaker's own verb still takes theirs.
    topics = {"harbour levy": ["levy"]}
    text = '"This week the treasurer has backed the harbour levy," said Tom Reed, the opposition leader.'
    assert stance_on(extract_text(text, topics), "harbour levy", "backed the harbour levy") == "neutral"
    text = ('Treasurer Paul Grant spoke on Monday. "This week Paul Grant has backed the harbour levy," '
            'said Tom Reed, the opposition leader.')
    assert stance_on(extract_text(text, topics), "harbour levy", "backed the harbour levy") == "neutral"
    text = '"This week I have backed the harbour levy," said Tom Reed, the opposition leader.'
    assert stance_on(extract_text(text, topics), "harbour levy", "backed the harbour levy") == "support"
