"""Speaker resolution on real news (issue 8): who a cue's subject is when the parser hangs the
cue on a preposition, a dash signature or a noun. Each on a small text written for the test,
through the real spaCy pipeline."""

from __future__ import annotations

from tests.extract.test_statements import by_content, speaker_name


def test_a_gerund_after_a_preposition_has_the_subject_of_the_main_verb(extract_text):
    # 'before asking': not the person named nearest before the cue.
    ex = extract_text("\u201cWe can still win this,\u201d Ann Costa sang to Bill Hanes before asking him, "
                      "\u201cWill you help us find the money for the new bridge?\u201d")
    st = by_content(ex, "Will you help us find the money")
    assert st is not None and speaker_name(ex, st) == "Ann Costa"
    # 'began by saying', on a verb joined to the one with the subject
    ex = extract_text("Dean Hart, a former officer, met with Mary Ellis on Monday and began by saying "
                      "that farm subsidies would never pass the House.")
    st = by_content(ex, "farm subsidies would never pass")
    assert st is not None and speaker_name(ex, st) == "Dean Hart"


def test_a_dash_signature_after_a_quote_names_its_speaker(extract_text):
    # Reader quotes signed '― Name', with a full stop after the name or the next signed
    # quote on the same line: each quote is its own signer's, not the one signed before it.
    text = ("Voters Speak Out On The Farm Bill.\n\n"
            "\u201cThe farm bill is a betrayal of every family that works the land in this state.\u201d"
            " \u2015 Maria Delgado\n"
            "\u201cCongress keeps promising help for small growers and then forgets about us.\u201d\u2015 Peter Novak.\n\n"
            "\u201cThey never listen.\u201d \u2015 Lena Ortiz \u201cNobody in Washington has ever driven "
            "a tractor.\u201d \u2015 Tom Becker")
    ex = extract_text(text)
    for fragment, name in (("Congress keeps promising help", "Peter Novak"),
                           ("Nobody in Washington has ever driven", "Tom Becker")):
        st = by_content(ex, fragment)
        assert st is not None and speaker_name(ex, st) == name, fragment


def _speaker_text(ex, fragment):
    """The speaker mention of the statement whose content starts with ``fragment``."""
    st = next((s for s in ex.statements if s.content.startswith(fragment)), None)
    assert st is not None, (fragment, [s.content for s in ex.statements])
    return st.speaker_text


def test_a_pronoun_inside_reported_speech_is_written_as_the_reporting_subject(extract_text):
    # 'said he did not believe ..., arguing that': the cue 'arguing' borrows the subject of
    # 'believe'; as news annotators mark it, the speaker is the one who said it.
    ex = extract_text("Senator Tom Reyes said he did not believe the tariffs had hurt farmers, arguing that "
                      "the drought was the bigger problem for the state.")
    assert _speaker_text(ex, "the drought was the bigger problem") == "Tom Reyes"
    ex = extract_text("Governor Ann Costa said she was not worried about the lawsuit because she doubted "
                      "any court would block the new rules.")
    assert _speaker_text(ex, "any court would block the new rules") == "Ann Costa"
    # A concessive clause is a statement of its own: its pronoun stays its speaker's mention.
    ex = extract_text("Senator Tom Reyes said the budget cuts would erase most of the gains of the past "
                      "decade, though he noted that some programs are beginning to recover.")
    assert _speaker_text(ex, "some programs are beginning to recover") == "he"


def test_a_pronoun_is_the_named_subject_of_the_clause_it_hangs_on(extract_text):
    # 'Though she called ..., Leah Marsh restricted ...': the pronoun of a clause put before its
    # main verb is that verb's named subject, not the last woman who spoke.
    ex = extract_text("\u201cThe bank should be broken up,\u201d Senator Ruth Alvarez said on Tuesday. "
                      "In a statement, Governor Leah Marsh was more careful. Though she called the fees "
                      "\u201cshameful\u201d, Marsh limited her remarks to future rules.")
    st = by_content(ex, "shameful")
    assert st is not None and speaker_name(ex, st) == "Leah Marsh"
    # 'Kent said ... he would not accept', even when the parser makes the clause adverbial and
    # another man spoke last.
    ex = extract_text("\u201cI will vote for the nominee,\u201d Senator Paul Dunne said on Friday. "
                      "Mark Kent said after the convention he would not accept Dunne's endorsement if it "
                      "were offered.", topics={"endorsement": []})
    st = by_content(ex, "endorsement")
    assert st is not None and speaker_name(ex, st) == "Mark Kent"


def test_a_shadow_or_deputy_title_is_not_the_bare_post(extract_text):
    # 'The shadow chancellor' is not the chancellor named before.
    ex = extract_text("Chancellor Gordon Hale defended his budget in the Commons on Wednesday. "
                      "But Owen Lister, for the Tories, attacked the plans. The shadow chancellor said "
                      "Mr Hale was borrowing to spend, not to invest.")
    st = by_content(ex, "borrowing to spend")
    assert st is not None and speaker_name(ex, st) != "Gordon Hale"


def test_a_committee_or_government_is_not_the_party_or_union_named_last(extract_text):
    # 'the committee' and 'the government' take the last organisation named only when it can
    # be one: not a party (only 'the party' is), not a union (only a government body is 'the
    # government').
    ex = extract_text("Ann Cole of the Labour Party spoke first. The committee said the harbour "
                      "levy should be scrapped.")
    st = by_content(ex, "the harbour levy should be scrapped")
    assert st is not None and speaker_name(ex, st) != "Labour Party"
    ex = extract_text("After a warning from the Acme Workers Union, the government has agreed that "
                      "bus fares will rise by only five pct this year.")
    st = by_content(ex, "bus fares will rise")
    assert st is None or speaker_name(ex, st) != "Acme Workers Union"


def test_a_name_with_a_post_in_apposition_is_a_person(extract_text):
    # A capitalised subject NER missed is taken for an organisation, unless a post follows it
    # between commas ('X, Tory shadow work and pensions secretary, said').
    ex = extract_text('Michelle said her forms had been lost. Theresa May, Tory shadow work and '
                      'pensions secretary, said: "We have got to find a way to get the money to '
                      'the children."')
    st = by_content(ex, "We have got to find a way")
    assert st is not None and speaker_name(ex, st) == "Theresa May"
    assert next(a for a in ex.actors if a.key == "Theresa May").type == "person"


def test_he_after_a_sentence_about_a_person_is_that_person(extract_text):
    # The subject of the sentence before the quote, not an earlier speaker, is 'he' (a person
    # named in a relative clause in between does not stand in the way).
    text = ('Mayor Tom Hale said the harbour levy was needed. Shadow finance secretary Bob Dale warned '
            'of job losses, like the closure of the shipyard - for which Tom Hale recently apologised - '
            'at the port. "Those losses would hit the poorest hardest and that is why we have serious '
            'concerns about the harbour levy," he told a local radio station.')
    ex = extract_text(text)
    st = by_content(ex, "Those losses would hit the poorest")
    assert st is not None and speaker_name(ex, st) == "Bob Dale"


def test_he_of_a_main_clause_is_the_person_of_the_clause_put_before_it(extract_text):
    # 'When President Tom Kern took office he began ...': he is Kern, and so is the 'he' of the
    # next sentences, not the minister who spoke before.
    text = ('Planning Minister Bob Vido said the harbour levy was under review. When President Tom Kern '
            'of Ruritania took office he began to negotiate with the port operators. But he has '
            'rejected any harbour levy increases, saying they would hurt families.')
    ex = extract_text(text, {"harbour levy increases": []})
    st = by_content(ex, "any harbour levy increases")
    assert st is not None and speaker_name(ex, st) == "Tom Kern"


def test_whose_party_is_the_party_of_the_person_named(extract_text):
    # 'X, whose party opposes the levy': the party acts, not an unnamed group.
    text = ('Earlier Liberal Democrat leader Ann Cole, whose party opposes the harbour levy as deeply '
            'unfair, said the council had time to think again.')
    ex = extract_text(text, {"harbour levy": []})
    st = by_content(ex, "opposes the harbour levy")
    assert st is not None and speaker_name(ex, st) == "Liberal Democrats"
    assert next(x.label for x in st.stances if x.topic == "harbour levy") == "oppose"


def test_a_share_of_people_is_a_group_named_as_written(extract_text):
    # 'Six in 10', 'most of the farmers': counted, not named; the group is the phrase.
    ex = extract_text("Six in 10 voters in the county say the new water rules will hurt small growers.")
    assert _speaker_text(ex, "the new water rules will hurt").startswith("Six in 10 voters")
    ex = extract_text("Most of the farmers at the meeting said the drought relief came far too late.")
    assert _speaker_text(ex, "the drought relief came") == "Most of the farmers at the meeting"
    ex = extract_text("The two growers met the governor on Monday. Both think the drought relief came far "
                      "too late for the valley.")
    assert _speaker_text(ex, "the drought relief came") == "Both"


def test_they_is_the_plural_subject_before_it(extract_text):
    ex = extract_text("The dairy farmers met the governor in Fresno on Tuesday. They argued that the new "
                      "water rules would ruin every small grower in the valley.")
    st = by_content(ex, "the new water rules would ruin")
    assert st is not None and st.speaker_text == "They"
    assert "farmers" in speaker_name(ex, st)
    # Two sentences back, past a singular subject.
    ex = extract_text("The dairy farmers met the governor in Fresno on Tuesday. The meeting lasted three "
                      "hours. They argued that the new water rules would ruin every small grower in the valley.")
    st = by_content(ex, "the new water rules would ruin")
    assert st is not None and "farmers" in speaker_name(ex, st)
    # With no plural subject to stand for, 'they' stays unresolved.
    ex = extract_text("The governor met Ann Costa in Fresno on Tuesday. They argued that the new "
                      "water rules would ruin every small grower in the valley.")
    assert by_content(ex, "the new water rules would ruin") is None


def test_i_outside_quotes_is_the_writer(extract_text):
    ex = extract_text("Last spring I told the committee that the budget would never balance without "
                      "new taxes on land.")
    st = by_content(ex, "the budget would never balance")
    assert st is not None and st.speaker_text == "I" and speaker_name(ex, st) == "the writer"
    # In a transcript the label speaks, not the writer.
    ex = extract_text("REYES: Well, I think that the tax plan is a disaster for the farmers of this state.")
    st = by_content(ex, "the tax plan is a disaster")
    assert st is None or speaker_name(ex, st) != "the writer"


def test_a_vague_speaker_is_not_trusted_with_an_intention(extract_text):
    # 'they were looking to ...', 'most hope to ...': narrated, not attributed.
    ex = extract_text("The dairy farmers met the governor in Fresno on Tuesday. They were looking to "
                      "raise more money for the cooperative before the harvest.")
    assert by_content(ex, "raise more money for the cooperative") is None


def test_a_quote_introduced_by_a_colon_is_said_by_its_subject(extract_text):
    # The quote paragraph has no cue of its own; the sentence before it ends in a colon.
    text = ("The Valley Farm Bureau answered the ruling on its website on Friday:\n\n"
            "\u201cThe water rules will ruin every small grower in this valley, and we will fight them "
            "in court until they are gone.\u201d")
    ex = extract_text(text)
    st = by_content(ex, "The water rules will ruin every small grower")
    assert st is not None and speaker_name(ex, st) == "Valley Farm Bureau"
    # 'From Ann Costa writing at the Valley Times:': an excerpt of an article, not speech.
    text = ("From Ann Costa writing at the Valley Times:\n\n"
            "\u201cThe water rules will ruin every small grower in this valley, and nobody in the "
            "capital seems to care about it.\u201d")
    ex = extract_text(text)
    st = by_content(ex, "The water rules will ruin every small grower")
    assert st is None or speaker_name(ex, st) != "Ann Costa"


def test_as_someone_put_it_attributes_the_quote(extract_text):
    text = ("The valley has lost a third of its small farms in ten years. As Professor Ann Costa put it, "
            "\u201cThe water rules will ruin every small grower who is left in this valley.\u201d")
    ex = extract_text(text)
    st = by_content(ex, "The water rules will ruin every small grower")
    assert st is not None and speaker_name(ex, st) == "Ann Costa"


def test_of_two_subjects_of_a_verb_the_named_person_speaks(extract_text):
    # 'in Berea, OH, ... Gov. Ann Pole said': the parser takes the state for a second subject
    # of 'said'; the named person is the speaker.
    text = ("Late Tuesday at Baldwin Wallace University in Berea, OH, after carrying every county in "
            "the state, Gov. Ann Pole (R-OH), said, \u201cWe will build the new bridge before "
            "winter.\u201d")
    ex = extract_text(text)
    st = by_content(ex, "We will build the new bridge")
    assert st is not None and speaker_name(ex, st) == "Ann Pole"
    # A live blog's timestamp run into the next paragraph: the parser makes 'p.m.' a second
    # subject of 'says'.
    for stamp, body, fragment, name in (
            ("12:15 p.m.", "Governor Ann Pole says the new bridge will open before winter, whatever the "
             "council decides.", "the new bridge will open", "Ann Pole"),
            ("4:40 p.m.", "Mayor Tom Fuller says he will stay in the race, win or lose, until the last vote "
             "is counted.", "he will stay in the race", "Tom Fuller")):
        ex = extract_text(f"The latest on the county race (all times local):\n\n{stamp}\n\n{body}")
        st = by_content(ex, fragment)
        assert st is not None and speaker_name(ex, st) == name, stamp
