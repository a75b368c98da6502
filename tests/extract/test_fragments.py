"""Words quoted inside a sentence (issue 8): 'called the scheme "a daylight robbery"' is the
subject's own words, a direct statement; a title or a term in quotes is nobody's."""

from __future__ import annotations


def quoted(ex):
    names = {a.key: a.name for a in ex.actors}
    return [(names[s.speaker], s.content, s.kind) for s in ex.statements]


def test_a_fragment_on_a_naming_verb_is_its_subjects_statement(extract_text):
    ex = extract_text('Mr Tom Barber called the toll scheme "a daylight robbery" on Monday.')
    assert ("Tom Barber", "a daylight robbery", "direct") in quoted(ex)
    ex = extract_text('Ms Ruth Kemp dubbed the minister "Sir Wastealot" in the debate.')
    assert ("Ruth Kemp", "Sir Wastealot", "direct") in quoted(ex)


def test_titles_terms_and_fragments_inside_a_statement_are_not_statements_of_their_own(extract_text):
    ex = extract_text('Ms Ruth Kemp sang "A Change Is Gonna Come" at the rally in Leeds.')
    assert [c for _, c, _ in quoted(ex) if "Change" in c] == []
    ex = extract_text('The so-called "golden rule" was broken last year by the Treasury.')
    assert quoted(ex) == []
    ex = extract_text('Mr Tom Barber said the toll plans were "excessive" and unfair.')
    assert [c for _, c, _ in quoted(ex)] == ['the toll plans were "excessive" and unfair']
