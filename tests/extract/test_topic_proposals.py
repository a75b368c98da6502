"""Topics proposed without a topics file: named as written, generic nouns left out, variants merged."""

from __future__ import annotations

ARBITRATION = (
    'Union leader Maria Lopez said binding arbitration was the only fair way out of the strike.\n\n'
    'Labour Minister John Pryce said binding arbitration would be imposed.\n\n'
    'Lopez said the date of the vote would be set, and Pryce said the date was firm.\n\n'
    'Pryce said developing countries needed help and that developing countries were hit hardest.'
)


def names(ex):
    return [t.name for t in ex.proposed_topics]


def test_names_are_written_forms_and_lemmas_stay_for_matching(extract_text):
    ex = extract_text(ARBITRATION, propose=True)
    assert "binding arbitration" in names(ex)
    assert "bind arbitration" not in names(ex)
    rec = next(t for t in ex.proposed_topics if t.name == "binding arbitration")
    assert "bind arbitration" in rec.aliases      # the lemma form keeps matching across articles
    assert "developing countries" in names(ex)
    assert "date" not in names(ex)                # a generic news noun is never a topic alone
    linked = {s.topic for st in ex.statements for s in st.stances}
    assert "binding arbitration" in linked


def test_plural_name_and_proper_name_keep_their_form(extract_text):
    text = ('Ottawa said tariffs hurt farmers, and officials said the tariffs would stay.\n\n'
            'Beijing said the tariffs were illegal.\n\n'
            'Seoul said the Korean War never formally ended, and Pyongyang said the Korean War '
            'shaped the region.')
    ex = extract_text(text, propose=True)
    assert "tariffs" in names(ex)
    assert "Korean War" in names(ex)
    assert "tariff" not in names(ex) and "korean war" not in names(ex)


def test_a_single_word_must_recur_in_two_statements(extract_text):
    once = ('Labour Minister John Pryce said automation would cost jobs.\n\n'
            'The plant has invested in automation for years. Automation is everywhere there.')
    assert "automation" not in names(extract_text(once, propose=True))
    twice = ('Labour Minister John Pryce said automation would cost jobs.\n\n'
             'Union leader Maria Lopez said automation must be negotiated.')
    assert "automation" in names(extract_text(twice, propose=True))


def test_talk_and_aspect_variants_merge_but_real_topics_do_not(extract_text):
    text = ('India said climate finance was the test of the summit.\n\n'
            'Brazil said the climate finance goal was too low.\n\n'
            'Canada said the trade deal would be signed, and Mexico said the trade deal was fair.\n\n'
            'Japan said trade talks would resume.')
    ex = extract_text(text, propose=True)
    assert "climate finance goal" not in names(ex)
    rec = next(t for t in ex.proposed_topics if t.name == "climate finance")
    assert "climate finance goal" in rec.aliases
    assert "trade deal" in names(ex)                           # 'deal' makes a topic of its own
    assert not any(t.name == "trade" for t in ex.proposed_topics)


def test_written_forms_from_several_articles_join_one_topic(store, nlp):
    from extract.extract_run import ExtractOptions, run_extract
    from extract.store import ArticleIn

    texts = ['Canada said the tariff was unfair.\n\nMexico said the tariff must go.',
             'Japan said tariffs hurt exporters.\n\nBrazil said tariffs must go.']
    for n, text in enumerate(texts):
        store.articles.add(ArticleIn(text=text, title=f"t{n}", path=f"t{n}.txt"))
    run_extract(store, ExtractOptions(), nlp=nlp)
    topics = [t for t in store.topics.list() if t["name"].startswith("tariff")]
    assert len(topics) == 1, topics
    linked = store.scalar("SELECT COUNT(DISTINCT s.article_id) FROM stances st JOIN statements s "
                          "ON s.id = st.statement_id WHERE st.topic_id = ?", (topics[0]["id"],))
    assert linked == 2


def test_who_speaks_is_not_what_it_is_about(extract_text):
    text = ('Mr Tom Hale said bank executives had failed customers and that executives should repay bonuses.\n\n'
            'Ms Ann Cole said the senator had misled executives about road pricing.\n\n'
            'Mr Tom Hale said road pricing was unfair and the senator knew it.')
    ex = extract_text(text, propose=True)
    assert names(ex) == ["road pricing"]     # not 'executives' (a source noun), not 'senator' (a title)


def test_hunting_and_hunts_are_one_topic_taxis_and_taxes_are_not(extract_text):
    text = ('Mr Tom Hale said hunting was cruel and the hunts should stop.\n\n'
            'Ms Ann Cole said the hunts were a tradition and hunting should stay.\n\n'
            'Mr Tom Hale said taxes on taxis were unfair, and Ms Ann Cole said taxis paid enough taxes.')
    ex = extract_text(text, propose=True)
    hunt = [t for t in ex.proposed_topics if t.name.startswith("hunt")]
    assert len(hunt) == 1 and {"hunting", "hunts"} & ({hunt[0].name} | set(hunt[0].aliases)) == {"hunting", "hunts"}
    tax = [t for t in ex.proposed_topics if t.name.startswith("tax")]
    assert sorted(t.name for t in tax) == ["taxes", "taxis"]


def test_owner_date_and_participle_are_not_part_of_the_name(extract_text):
    text = ("Ms Ann Cole said the government's maternity leave was too short.\n\n"
            'Mr Tom Hale said the extended paid maternity leave would cost small firms dearly, and he '
            'attacked the 10-year childcare strategy. Ms Ann Cole said the childcare strategy was sound.')
    got = names(extract_text(text, propose=True))
    assert "maternity leave" in got
    assert "childcare strategy" in got
    assert not any(n.startswith(("paid", "government")) for n in got), got


def test_an_organisation_may_qualify_a_topic_but_a_person_may_not(extract_text):
    text = ('Finance Minister Carlos Dias said an IMF program was out of the question.\n\n'
            'Central bank governor Ana Reis said an IMF program would restore confidence.\n\n'
            "Mr Dias said Ms Reis's plan was reckless, and Ms Reis said Mr Dias's plan had failed.")
    got = names(extract_text(text, propose=True))
    assert "IMF program" in got
    assert not any("Reis" in n or "Dias" in n for n in got), got


def test_a_measure_of_change_is_not_the_issue(extract_text):
    text = ('Mr Tom Hale said council tax rises were unfair on pensioners.\n\n'
            'Ms Ann Cole said the council tax rises were modest, and that a sharp rise was unlikely.')
    ex = extract_text(text, propose=True)
    assert "council tax" in names(ex)
    assert not any("rise" in n for n in names(ex))
    rec = next(t for t in ex.proposed_topics if t.name == "council tax")
    assert "council tax rises" in rec.aliases        # the written form still finds it


def test_groups_of_people_and_generic_nouns_are_not_topics(extract_text):
    text = ('Mr Tom Hale said garment workers would lose out and that garment workers needed '
            'protection, and he saw every possibility of a deal.\n\n'
            'Ms Ann Cole said smallholders who grow cotton were safe, and that smallholders '
            'had a real possibility of growth. She said the criticism was unfair and the criticism would pass.')
    got = names(extract_text(text, propose=True))
    assert not any("workers" in n or "smallholders" in n for n in got), got
    assert "possibility" not in got and "criticism" not in got


def test_tax_and_taxes_are_one_topic(extract_text):
    text = ('Mr Tom Hale said the tax on oils was unfair.\n\n'
            'Ms Ann Cole said taxes on oils were needed and the tax would stay.')
    tax = [t for t in extract_text(text, propose=True).proposed_topics if t.name.startswith("tax")]
    assert len(tax) == 1, tax


def test_the_head_alone_refers_back_in_the_article_only(extract_text):
    text = ('Mr Tom Hale said ID cards would protect people and that ID cards were overdue.\n\n'
            'Ms Ann Cole said the cards were an expensive mistake and the cards would fail.')
    ex = extract_text(text, propose=True)
    assert names(ex) == ["ID cards"]
    rec = ex.proposed_topics[0]
    assert "cards" not in rec.aliases and "card" not in rec.aliases  # 'cards' elsewhere is not ID cards
    cole = [s for s in ex.statements if "expensive mistake" in s.content]
    assert cole and any(st.topic == "ID cards" for st in cole[0].stances)


def test_a_named_law_is_a_topic_even_when_named_once(extract_text):
    text = ('Mr Tom Hale said the new rules broke the Clean Water Act.\n\n'
            'Ms Ann Cole said the rules were lawful.')
    assert "Clean Water Act" in names(extract_text(text, propose=True))


def test_a_court_is_who_rules_and_powers_are_an_aspect(extract_text):
    text = ('Mr Tom Hale said the appeals court would strike down house arrest, and that the '
            'appeals court had been clear.\n\n'
            'Ms Ann Cole said house arrest powers were needed and the appeals court would agree.')
    got = names(extract_text(text, propose=True))
    assert "house arrest" in got and "house arrest powers" not in got
    assert "appeals court" not in got


def test_an_action_on_something_named_twice_is_a_topic(extract_text):
    text = ('Mr Tom Hale said scrapping the Rural Payments Agency would save money.\n\n'
            'Ms Ann Cole said plans to scrap the Rural Payments Agency were reckless, and that ministers '
            'should tackle the problems and tackle the problems now.')
    ex = extract_text(text, propose=True)
    assert "scrapping the Rural Payments Agency" in names(ex)
    rec = next(t for t in ex.proposed_topics if t.name == "scrapping the Rural Payments Agency")
    assert "scrap the rural payments agency" in rec.aliases      # the infinitive is the same action
    linked = {s.topic for st in ex.statements for s in st.stances}
    assert "scrapping the Rural Payments Agency" in linked
    assert not any("problems" in n for n in names(ex))           # a generic noun, acted on or not


def test_taking_a_side_or_narrating_is_no_action_topic(extract_text):
    text = ('Mr Tom Hale said he would support the rail strike, and that the union had called the '
            'rail strike.\n\n'
            'Ms Ann Cole said backing the rail strike was wrong, and that she opposed the rail strike.')
    got = names(extract_text(text, propose=True))
    assert "rail strike" in got
    assert not any(n.split()[0] in ("support", "backing", "called", "opposed") for n in got), got


def test_a_phrase_named_once_is_a_topic_when_a_side_is_taken_on_it(extract_text):
    text = ('Ms Ann Cole said she opposed congestion charging.\n\n'
            'Mr Tom Hale said he rejected the Tory plans, and that the weather was mild.')
    got = names(extract_text(text, propose=True))
    assert "congestion charging" in got
    assert not any("plans" in n for n in got), got           # whose plans, not which


def test_an_action_named_once_is_a_topic_when_a_side_is_taken_on_it(extract_text):
    sided = ('Mr Tom Hale said Britain was willing to resume the fishing negotiations.\n\n'
             'Ms Ann Cole said the weather was mild.')
    assert "resume the fishing negotiations" in names(extract_text(sided, propose=True))
    told = ('Mr Tom Hale said officials would then resume the fishing negotiations.\n\n'
            'Ms Ann Cole said the weather was mild.')
    assert "resume the fishing negotiations" not in names(extract_text(told, propose=True))


def test_an_honorific_names_a_person_not_a_topic(extract_text):
    text = ('Ms Ann Cole said she had rejected Mr Swire outright.\n\n'   # the model misses the name
            'Mr Tom Hale said Mr Swire was wrong.')
    assert not any("Swire" in n for n in names(extract_text(text, propose=True)))


def test_a_proper_name_leading_two_phrases_is_the_issue(extract_text):
    text = ('Mr Tom Hale said the Calexit vote had hurt investment in France.\n\n'
            'Ms Ann Cole said the Calexit shock would fade, and that the Smith aides and the Smith '
            'advisers had left.')
    ex = extract_text(text, propose=True)
    assert "Calexit" in names(ex), names(ex)
    rec = next(t for t in ex.proposed_topics if t.name == "Calexit")
    assert {"calexit vote", "calexit shock"} <= set(rec.aliases)
    assert not any("Smith" in n for n in names(ex))     # who, not what about


def test_an_action_may_act_on_a_noun_that_heads_sources(extract_text):
    text = ('Mr Tom Hale rejected the Green Party\'s call to open up the council\'s books to auditors.\n\n'
            'Ms Ann Cole said the weather was mild, and Mr Tom Hale said the weather was mild.')
    ex = extract_text(text, propose=True)
    assert "open up the council's books" in names(ex), names(ex)
    linked = {s.topic for st in ex.statements for s in st.stances}
    assert "open up the council's books" in linked         # matched as the words are tokenised


def test_a_phrasal_verb_acts_on_a_generic_noun(extract_text):
    text = ('Ms Ann Cole said the people who want to break up the big banks were right.\n\n'
            'Mr Tom Hale said breaking up big banks would hurt savers.\n\n'
            'Mr Ed Pole said ministers should tackle the problems.\n\n'
            'Ms Jo Reed said ministers must tackle the problems.')
    got = names(extract_text(text, propose=True))
    assert "breaking up big banks" in got, got
    assert not any("problems" in n for n in got), got       # no particle: still no action topic


def test_one_proposal_named_with_two_proposal_nouns_is_one_issue(extract_text):
    text = ('Mr Tom Hale said the fishing quota package was unfair.\n\n'
            'Ms Ann Cole said the fishing quota proposals would pass, and that the existing laws '
            'and the existing powers were enough.')
    ex = extract_text(text, propose=True)
    got = names(ex)
    rec = next((t for t in ex.proposed_topics if t.name.startswith("fishing quota")), None)
    assert rec is not None, got
    assert {rec.name, *rec.aliases} >= {"fishing quota package", "fishing quota proposals"}
    assert not any(n.startswith("existing") for n in got), got   # a participle says not which


def _mention(topic, start):
    from extract.nlp.topics import TopicMention
    return TopicMention(topic, start, start + 1)


def test_kept_proposals_are_the_most_talked_about_and_bring_statements_of_their_own():
    from extract.nlp.config import TopicSpec
    from extract.nlp.topics import keep_spoken

    proposed = [TopicSpec(n, [(n,)]) for n in ("red tape", "sunset clause", "debt rules", "Kyoto Protocol", "audit")]
    spans = [(0, 10), (10, 20), (20, 30), (30, 40)]
    mentions = [_mention("red tape", 1), _mention("debt rules", 2),        # one statement ...
                _mention("debt rules", 12), _mention("debt rules", 22),
                _mention("sunset clause", 32), _mention("Kyoto Protocol", 3),
                _mention("audit", 4), _mention("audit", 14)]
    kept = [s.name for s in keep_spoken(proposed, mentions, spans, 3)]
    # most statements first; 'red tape' only comes up beside 'debt rules' and gives way; a
    # proper name does not ('free-trade deals such as the Kyoto Protocol')
    assert kept == ["debt rules", "sunset clause", "Kyoto Protocol"], kept


def test_a_proposal_noun_alone_is_no_topic(extract_text):
    text = ('Mr Tom Hale said the ban would hurt rural jobs, and that the legislation was rushed.\n\n'
            'Ms Ann Cole said the ban was overdue, and that the legislation was fair.\n\n'
            'Mr Ed Pole said the reforms would fail, and Ms Jo Reed said the reforms were late.')
    got = names(extract_text(text, propose=True))
    assert not {"ban", "legislation", "reforms"} & set(got), got


def test_a_hyphenated_word_split_by_the_parser_is_keyed_whole(nlp):
    from extract.nlp.topics import _content_words

    doc = nlp("Mr Tom Hale said the e-mails were leaked.")
    chunk = next(c for c in doc.noun_chunks if c.root.lower_ == "mails")
    assert [w for _, w in _content_words(doc, chunk)] == ["e-mail"]     # a generic noun, like 'email'


def test_an_entitlement_with_its_infinitive_is_the_issue(extract_text):
    text = ('Mr Tom Hale questioned the mayor\'s eligibility to stand for parliament.\n\n'
            'Ms Ann Cole said the desire to win was strong, and Mr Ed Pole rejected the temptation '
            'to spend the reserves.')
    got = names(extract_text(text, propose=True))
    assert "eligibility to stand for parliament" in got, got
    assert not any(n.startswith(("desire", "temptation")) for n in got), got   # wanting is no entitlement
