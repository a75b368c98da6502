"""Stances decided by VADER's word valences (issue 9): an evaluative predicate about the topic,
a verb governing it, and, when no rule decides, the tone of the clause around it."""

from __future__ import annotations

from extract.nlp.lexicon import load
from tests.extract.test_real_news_rules import stance_on


def test_the_lexicon_comes_from_the_package_not_a_list_typed_here():
    lex = load()
    assert len(lex.valence) > 7000
    assert lex.valence["unfair"] < 0 < lex.valence["praise"]


def test_a_predicate_about_the_topic(extract_text):
    ex = extract_text("Mr Tom Barber said the rebate was unjustified and should end.", {"rebate": []})
    assert stance_on(ex, "rebate", "the rebate was unjustified") == "oppose"
    ex = extract_text("Ms Jane Holt said the rebate was wise.", {"rebate": []})
    assert stance_on(ex, "rebate", "the rebate was wise") == "support"


def test_a_verb_that_governs_the_topic(extract_text):
    ex = extract_text("Mr Tom Barber said ministers had praised the rebate in private.", {"rebate": []})
    assert stance_on(ex, "rebate", "ministers had praised the rebate") == "support"


def test_tone_decides_only_when_nothing_else_does_and_not_for_forecasts(extract_text):
    ex = extract_text("Ms Jane Holt said families had suffered terribly since the rebate began.",
                      {"rebate": []})
    st = next(s for s in ex.statements if "suffered" in s.content)
    assert [(x.label, x.evidence.split(":")[0]) for x in st.stances] == [("oppose", "tone")]
    ex = extract_text("Ms Jane Holt said the rebate dispute will end in a terrible crisis.", {"rebate": []})
    assert stance_on(ex, "rebate", "the rebate dispute will end") == "neutral"


def test_a_vote_takes_the_side_of_its_preposition(extract_text):
    ex = extract_text("Senator Ann Cole said she would never vote for the pipeline.", {"pipeline": []})
    assert stance_on(ex, "pipeline", "would never vote for the pipeline") == "oppose"
    ex = extract_text("Senator Ann Cole said she would vote against the pipeline.", {"pipeline": []})
    assert stance_on(ex, "pipeline", "would vote against the pipeline") == "oppose"


def test_fighting_asking_or_campaigning_for_or_against_takes_the_preposition_side(extract_text):
    # As with a vote, the preposition takes the side: 'fight' alone is an opposing verb, but
    # 'fight for' backs what it names; 'asked for' and 'campaigned against' are acts too.
    ex = extract_text("Acme Corp will fight for the harbour levy.", {"harbour levy": []})
    assert stance_on(ex, "harbour levy", "fight for the harbour levy") == "support"
    ex = extract_text("The Dock Workers Union campaigned against the harbour levy.", {"harbour levy": []})
    assert stance_on(ex, "harbour levy", "campaigned against the harbour levy") == "oppose"
    ex = extract_text("President Tom Kern has also asked for more investment in the harbour.",
                      {"investment in the harbour": []})
    assert stance_on(ex, "investment in the harbour", "asked for more investment") == "support"


def test_a_verb_with_a_particle_takes_the_phrase_side(extract_text):
    ex = extract_text("Mr Tom Barber said the council had turned down the toll scheme.", {"toll scheme": []})
    assert stance_on(ex, "toll scheme", "had turned down the toll scheme") == "oppose"


def test_not_allowing_something_opposes_it(extract_text):
    ex = extract_text("Ms Jane Holt said the regulator would not allow the merger.", {"merger": []})
    assert stance_on(ex, "merger", "would not allow the merger") == "oppose"
