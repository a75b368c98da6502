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
