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
