"""Whom people and organisations belong to (extract/nlp/affiliations.py), each construction on
a small text written for the test."""

from __future__ import annotations

from tests.extract.test_real_news_rules import _affiliation, actor


def test_an_office_of_a_place_beats_the_party_adjective(extract_text):
    text = ('"It is an invasion of our domain," Mary Cole, the Republican attorney general of Nebraska, '
            'one of the states suing the agency, said on Monday. Tom Best, the Republican senator from '
            'Idaho, disagreed.')
    ex = extract_text(text)
    assert _affiliation(ex, "Mary Cole") == "Nebraska"
    assert actor(ex, "Nebraska").role == "government body"  # the state's government speaks for it
    assert _affiliation(ex, "Tom Best") == "Republican Party"  # a legislator: his party


def test_a_place_named_as_the_seat_of_an_office_is_an_actor(extract_text):
    ex = extract_text('Ohio Governor Tom Reid said he agreed. Ann Fry, the mayor of Boise, said the rule was fair.')
    assert _affiliation(ex, "Tom Reid") == "Ohio"
    assert _affiliation(ex, "Ann Fry") == "Boise"


def test_a_portfolio_minister_heads_the_ministry_whose_portfolio_takes_in_his(extract_text):
    # 'Postal' is the 'Post' of the ministry's name; the country of the man he wrote to is not his.
    text = ("Japan's Ministry of Posts and Telecommunications said it would review the licence. "
            'In a letter, Postal Minister Kenji Arai told U.S. Trade Representative Carla Dunn that '
            'the U.S. firms could bid. The U.S. had asked for a U.S. seat on the board, U.S. officials said.')
    ex = extract_text(text)
    assert _affiliation(ex, "Kenji Arai") == "Ministry of Posts and Telecommunications"


def test_a_body_owned_by_a_named_organisation_and_its_commissioner(extract_text):
    text = ("The European Union's executive Commission defended the farm plan. EU Farm Commissioner "
            "Jan Vos said the plan would save money. The Commission's proposals were rejected by France.")
    ex = extract_text(text)
    assert actor(ex, "Commission").affiliation == "European Union"  # the owner named before it
    assert _affiliation(ex, "Jan Vos") == "Commission"  # sits on the commission, not just the EU


def test_a_company_named_after_a_company_noun_and_its_owner(extract_text):
    text = ("A row between the Chilean state and water firm Rio Seco, controlled by Germany's Siemens, "
            "is casting doubt on the firm's future. The government wants Rio Seco to invest more. "
            "Magma Copper Co, a subsidiary of Newmont Mining Corp, said it is cutting output. "
            "Vale Energy, backed by the World Bank, said it would bid.")
    ex = extract_text(text)
    assert actor(ex, "Rio Seco").type == "organization"  # NER calls it a person
    assert _affiliation(ex, "Rio Seco") == "Siemens"  # the owner, not Germany
    assert _affiliation(ex, "Magma Copper Co") == "Newmont Mining Corp"
    assert _affiliation(ex, "Vale Energy") is None  # backing is no ownership


def test_a_post_of_one_country_names_the_country_of_a_bare_agency(extract_text):
    # No country is named; two mentions of a British post say whose agency this is.
    text = ('Ministers may close the Pension Payments Agency if it fails to improve, Work and Pensions '
            'Secretary Tom Hill has warned. Ann Pike, the shadow work and pensions secretary, said the '
            'agency had failed. A software firm from American investors built its computers.')
    ex = extract_text(text)
    assert _affiliation(ex, "Pension Payments Agency") == "United Kingdom"


def test_a_description_before_a_list_of_names_is_each_ones(extract_text):
    text = ('The Liberal Democrats oppose the scheme. Earlier the Tories announced their support, '
            'although the shadow cabinet was split. Among those with doubts were senior shadow cabinet '
            'members Tom Hale, Ann Pike and Bob Rees. Labour leader Jim Ford, Ian Shaw and Pat Lowe met '
            'on Monday. Democratic senators Jon Hart and Ed Lamb spoke on Monday.')
    ex = extract_text(text)
    # 'shadow': the opposition party named last before
    for name in ("Tom Hale", "Ann Pike", "Bob Rees"):
        assert _affiliation(ex, name) == "Conservative Party", name
    assert actor(ex, "Bob Rees").role is None  # a member, no voice of the party
    assert _affiliation(ex, "Ed Lamb") == "Democratic Party"  # the plural description's party
    assert _affiliation(ex, "Ian Shaw") is None  # a singular title is the first name's only


def test_the_party_post_named_after_a_person_and_her_fellow_party_members(extract_text):
    text = ('"You should step down," Sen. Mary Dole told Tom Grant, the chief executive of Acme Bank. '
            'The Democratic senator also asked Grant to repay his bonus.\n\n'
            'In a statement, Ann Rivers was more cautious than her fellow Republicans on the committee.')
    ex = extract_text(text)
    assert _affiliation(ex, "Mary Dole") == "Democratic Party"  # Grant works for a bank: not him
    assert _affiliation(ex, "Tom Grant") == "Acme Bank"
    assert _affiliation(ex, "Ann Rivers") == "Republican Party"


def test_a_leader_who_says_what_the_union_will_do_speaks_for_the_union_named(extract_text):
    text = ("Pierre Morel told the annual meeting of the country's main farm union, FNPA (Federation "
            "Nationale des Producteurs Agricoles). Prices set by the EC fell again in May. Farm leader "
            "Paul Girard said the union planned more protests.")
    ex = extract_text(text)
    # 'the union' is the one introduced as a union, not the EC (the European Union, not so written)
    assert _affiliation(ex, "Paul Girard") == "Federation Nationale des Producteurs Agricoles"


def test_an_entity_cut_inside_a_parenthesis_keeps_the_name_before_it(nlp):
    from extract.nlp.actors import _clean_bounds

    doc = nlp("He spoke to the farm union, FNPA (Federation Nationale des Producteurs, on Monday.")
    opening = next(t.i for t in doc if t.text == "(")
    start, end = _clean_bounds(doc[opening - 1:opening + 4])
    assert doc[start:end].text == "FNPA"


def test_the_firm_is_the_company_named_not_its_owner_named_beside_it(extract_text):
    # The owner is the last organisation named, but only as the company's owner.
    text = ("Magma Copper Co, a subsidiary of Newmont Mining Corp, is in talks with the unions. "
            "The company said it wanted a tariff rise of 60% to fund repairs.")
    ex = extract_text(text, {"tariff rise": []})
    names = {a.key: a.name for a in ex.actors}
    assert [names[s.speaker] for s in ex.statements if "tariff" in s.content] == ["Magma Copper Co"]


def test_a_first_name_and_surname_that_ner_calls_an_organisation_is_a_person(extract_text):
    # NER tags 'Paul Cable' as an organisation here; a common first name says otherwise, so the
    # party title before it gives the person a party.
    ex = extract_text("Lib Dem treasury spokesman Paul Cable said the plan was wrong.")
    assert actor(ex, "Paul Cable").type == "person"
    assert _affiliation(ex, "Paul Cable") == "Liberal Democrats"


def test_a_name_ner_left_out_beside_a_title_is_a_person(extract_text):
    # NER reads the 'May' of 'Teresa May' as the month and tags no name at all.
    ex = extract_text("Rates fell. Teresa May, the shadow home secretary, said the plan was unfair.")
    assert actor(ex, "Teresa May").type == "person"
    assert [s.speaker for s in ex.statements] == ["Teresa May"]


def test_a_body_named_after_a_person_stays_a_body(extract_text):
    ex = extract_text("Rates fell. The Grace Foundation, a housing charity, said the plan was unfair.")
    assert actor(ex, "Grace Foundation").type == "organization"


def test_a_capitalised_common_noun_after_a_place_is_no_organisation(extract_text):
    # Wire copy writes 'U.S. Firms', 'U.S. Opposition': the place is the actor, the noun names
    # no organisation that could hold a side or be 'it' later.
    text = ('The offer is meant to ease U.S. Opposition to the harbour levy. The Transport Ministry has '
            'urged the levy because it says the port needs the money. U.S. Firms have criticised the '
            'harbour levy.')
    ex = extract_text(text, {"harbour levy": []})
    names = {a.name for a in ex.actors if a.type == "organization"}
    assert not any("Opposition" in n or "Firms" in n for n in names), names
    assert any(a.name == "United States" for a in ex.actors)
