"""Acts shared by several actors, and acts that onlookers report (issue 9): each actor named
as doing the act takes its side, whoever reports it."""

from __future__ import annotations

TOPICS = {"oil tax": [], "coffee quota plan": []}


def sides(ex, topic):
    names = {a.key: a.name for a in ex.actors}
    return sorted((names[s.speaker], st.label) for s in ex.statements for st in s.stances
                  if st.topic == topic and s.kind == "action")


def test_coordinated_subjects_and_named_backers_share_the_act(extract_text):
    ex = extract_text("El Salvador and Guatemala backed the coffee quota plan on Monday.", TOPICS)
    assert sides(ex, "coffee quota plan") == [("El Salvador", "support"), ("Guatemala", "support")]
    ex = extract_text("Britain, backed by Denmark and the Netherlands, opposed the oil tax.", TOPICS)
    assert sides(ex, "oil tax") == [("Denmark", "oppose"), ("Netherlands", "oppose"), ("United Kingdom", "oppose")]


def test_a_partner_copy_is_kept_only_for_a_side(extract_text):
    # Nothing here is about a topic: no act, and so no partner's copy of it.
    ex = extract_text("El Salvador and Guatemala backed Brazil on Monday.", TOPICS)
    assert [s for s in ex.statements if s.kind == "action" and s.speaker == "Guatemala"] == []


def test_an_act_onlookers_report_counts_for_the_actor_a_speaker_reports_is_the_speakers(extract_text):
    ex = extract_text("Diplomats said Britain opposed the oil tax at the talks.", TOPICS)
    assert sides(ex, "oil tax") == [("United Kingdom", "oppose")]
    # A named speaker's report stays the speaker's statement, not an act of France's.
    ex = extract_text("Mr Tom Barber said France opposed the oil tax at the talks.", TOPICS)
    assert sides(ex, "oil tax") == []


def test_the_agent_of_a_passive_act_takes_its_side(extract_text):
    ex = extract_text("The oil tax was backed by Norway at the meeting.", TOPICS)
    assert sides(ex, "oil tax") == [("Norway", "support")]
    # The verb the sentence goes on with acts on the tax, not for France.
    ex = extract_text("The oil tax, opposed by France, was dropped in the end.", TOPICS)
    assert sides(ex, "oil tax") == [("France", "oppose")]


def test_backers_on_an_issue_are_each_of_the_list(extract_text):
    # Unnamed officials report the backing: it counts for the backers, each of the list.
    text = ("In Geneva, Brazil was supported by the U.K., the Netherlands, Japan and Australia "
            "on the issue of the coffee quota plan, Brazilian officials said.")
    ex = extract_text(text, TOPICS)
    assert sides(ex, "coffee quota plan") == [("Australia", "support"), ("Japan", "support"),
                                              ("Netherlands", "support"), ("United Kingdom", "support")]


def test_a_list_the_parser_reads_as_an_apposition_is_still_a_list(nlp):
    # 'the U.K., the Netherlands, Norway and Japan' parsed with 'Netherlands' as an apposition
    # of 'U.K.' and the rest as its conjuncts, as the parser does with some lists of names.
    from spacy.tokens import Doc

    from extract.nlp.co_actors import _partners

    words = ["Britain", ",", "the", "Netherlands", ",", "Norway", "and", "Japan", "agreed"]
    heads = [8, 0, 3, 0, 3, 3, 5, 5, 8]
    deps = ["nsubj", "punct", "det", "appos", "punct", "conj", "cc", "conj", "ROOT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert [t.text for t in _partners(doc[0])] == ["Netherlands", "Norway", "Japan"]
