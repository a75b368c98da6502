"""Attributions whose cue is a noun (extract/nlp/noun_cues.py): 'X's criticism of Y', 'its
opposition to Y', 'her decision to Y', 'X's claim that Y'. On texts written for the test,
through the real spaCy pipeline."""

from __future__ import annotations

import tomllib

from extract.nlp.lexicon import DATA_DIR, load
from extract.nlp.noun_cues import admitted_forms, noun_side
from tests.extract.test_statements import speaker_name


def noun_statement(ex, fragment):
    return next((s for s in ex.statements if s.content.startswith(fragment) and s.kind == "indirect"), None)


def stance(st, topic):
    return next((x.label for x in st.stances if x.topic == topic), None)


def test_noun_forms_are_admitted_by_their_count_and_precision_on_the_train_split():
    rules = tomllib.loads((DATA_DIR / "lexicon.toml").read_text(encoding="utf-8"))["noun_cues"]
    mined = tomllib.loads((DATA_DIR / "noun_cues.toml").read_text(encoding="utf-8"))["forms"]
    expected = {tuple(k.rsplit(" ", 1)) for k, f in mined.items()
                if f["cue"] >= rules["min_count"] and f["precision"] >= rules["min_precision"]}
    assert admitted_forms() == expected
    assert all(f["cue"] <= f["seen"] for f in mined.values())
    assert {("attack", "on"), ("claim", "that"), ("pledge", "to")} <= expected


def test_a_noun_takes_the_side_of_the_verb_it_is_made_from():
    lex = load()
    assert noun_side("criticism", lex) == "oppose"
    assert noun_side("opposition", lex) == "oppose"
    assert noun_side("proposal", lex) == "support"
    assert noun_side("endorsement", lex) == "support"
    assert noun_side("claim", lex) is None


def test_a_possessive_owner_speaks_through_the_noun(extract_text):
    ex = extract_text("Mayor Linda Carver's attack on the parking levy surprised the council.",
                      {"parking levy": []})
    st = noun_statement(ex, "the parking levy")
    assert st is not None and speaker_name(ex, st) == "Linda Carver"
    assert stance(st, "parking levy") == "oppose"


def test_its_is_the_organisation_that_governs_the_noun(extract_text):
    ex = extract_text("The Fishermen's Federation renewed its attack on the offshore wind farm on Friday.",
                      {"offshore wind farm": ["wind farm"]})
    st = noun_statement(ex, "the offshore wind farm")
    assert st is not None and "Fishermen" in speaker_name(ex, st)
    assert stance(st, "offshore wind farm") == "oppose"


def test_a_claim_that_clause_is_reported_speech(extract_text):
    ex = extract_text("Senator Paul Deane's claim that the new bridge would cost twice the estimate was dismissed by engineers.")
    st = noun_statement(ex, "the new bridge would cost twice the estimate")
    assert st is not None and speaker_name(ex, st) == "Paul Deane"


def test_an_intention_in_an_infinitive_wants_what_it_names(extract_text):
    ex = extract_text("Ruth Alvarez, the health minister, defended her pledge to close the rural clinics.",
                      {"rural clinics closure": ["close the rural clinics"]})
    st = noun_statement(ex, "to close the rural clinics")
    assert st is not None and speaker_name(ex, st) == "Ruth Alvarez"
    assert stance(st, "rural clinics closure") == "support"


def test_an_owner_that_is_no_actor_says_nothing(extract_text):
    ex = extract_text("The bridge's claim to fame is that it was built in a single summer by volunteers.")
    assert noun_statement(ex, "fame") is None


def test_a_verb_that_carries_a_stance_noun_takes_the_nouns_side(extract_text):
    # 'renew' alone would support; what is renewed is an opposition
    ex = extract_text("Greenpeace renewed its opposition to the offshore wind farm on Friday.",
                      {"offshore wind farm": ["wind farm"]})
    acts = [s for s in ex.statements if s.kind == "action"]
    assert [stance(s, "offshore wind farm") for s in acts] == ["oppose"]


def test_who_presses_for_something_wants_it_and_its_partners_too(extract_text):
    # 'under pressure from X and Y to raise the levy': both want the levy raised; 'to drop it'
    # goes against it.
    topics = {"harbour levy": []}
    ex = extract_text("The Ruritanian government is also under pressure from the World Bank and the "
                      "International Monetary Fund to raise the harbour levy.", topics)
    sides = {speaker_name(ex, st): next(x.label for x in st.stances if x.topic == "harbour levy")
             for st in ex.statements if st.cue == "pressure"}
    assert sides == {"World Bank": "support", "International Monetary Fund": "support"}
    ex = extract_text("The firm came under heavy pressure from Acme Corp to drop the harbour levy.", topics)
    st = next(st for st in ex.statements if st.cue == "pressure")
    assert speaker_name(ex, st) == "Acme Corp"
    assert next(x.label for x in st.stances if x.topic == "harbour levy") == "oppose"


def test_who_objects_to_what_was_done_despite_them_opposes_it(extract_text):
    # 'despite Greek and Italian opposition', 'over U.S. objections', 'in the face of protests
    # from X': the objectors oppose what was done (an infinitive's act is the agreement's);
    # objectors that are no named actor ('residents') take no side.
    topics = {"grain stock sale": ["grain stocks"]}
    ex = extract_text("Farm ministers also agreed a plan to sell the grain stocks, despite Greek and "
                      "Italian opposition.", topics)
    sides = {speaker_name(ex, st): stance(st, "grain stock sale") for st in ex.statements
             if st.cue == "opposition"}
    assert sides == {"Greece": "oppose", "Italy": "oppose"}
    topics = {"loan to Chile": ["loan"]}
    ex = extract_text("The development bank approved the loan to Chile over U.S. objections.", topics)
    sides = {speaker_name(ex, st): stance(st, "loan to Chile") for st in ex.statements if st.cue == "objections"}
    assert sides == {"United States": "oppose"}
    ex = extract_text("The development bank approved the loan to Chile despite objections from "
                      "residents.", topics)
    assert not [st for st in ex.statements if st.cue == "objections"]
