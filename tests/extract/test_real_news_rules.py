"""Rules added for real news (BBC/Reuters style), each on a small text written for the test."""

from __future__ import annotations

from tests.extract.test_statements import by_content, speaker_name


def actor(ex, name):
    return next((a for a in ex.actors if a.name == name), None)


def test_she_does_not_resolve_to_a_man(extract_text):
    text = ('Mr David Hale, the transport minister, said the fares would rise in April. '
            'Ms Carol Webb, who chairs the passengers\' group, said the rise was unfair.\n\n'
            'Mr Hale said the money would pay for new trains. She said passengers had paid enough.')
    ex = extract_text(text)
    paid = by_content(ex, "passengers had paid enough")
    assert paid is not None
    assert speaker_name(ex, paid) == "Carol Webb"


def test_reopened_straight_quote_starts_a_new_quote(extract_text):
    # BBC style: a quote, an attribution, then quotes that reopen after full stops.
    text = ('"The plan is flawed," the charity\'s director Anna Pole said. "It will cost more. '
            '"And it will help fewer people."')
    ex = extract_text(text)
    contents = [s.content for s in ex.statements if s.kind == "direct"]
    assert not any("director" in c for c in contents), contents  # never pairs across the attribution
    assert any(c.startswith("The plan is flawed") for c in contents)


def test_party_spokesman_belongs_to_the_party_not_a_country(extract_text):
    text = ('Lib Dem home affairs spokesman Mark Oaten said the bill should be scrapped.')
    ex = extract_text(text)
    oaten = actor(ex, "Mark Oaten")
    assert oaten is not None
    parent = next((a for a in ex.actors if a.key == oaten.affiliation), None)
    assert parent is not None and parent.type == "organization"
    assert "Liberal Democrat" in parent.name


def test_a_title_fragment_is_not_an_actor(extract_text):
    text = ('Shadow Home Secretary David Davis said the scheme would not work.')
    ex = extract_text(text)
    names = {a.name for a in ex.actors}
    assert "Shadow Home" not in names and "David Davis" in names
