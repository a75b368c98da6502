"""Statement rules on small texts: quotes, reported speech, attribution, offsets."""

from __future__ import annotations


def by_content(ex, fragment):
    return next((s for s in ex.statements if fragment in s.content), None)


def speaker_name(ex, st):
    return next(a.name for a in ex.actors if a.key == st.speaker)


def test_offsets_point_into_the_text(extract_text):
    text = ('State Department spokesman John Kirby said the talks would resume soon.\n\n'
            '\u201cWe are ready to talk at any time,\u201d Kirby said.')
    ex = extract_text(text)
    assert ex.statements
    for st in ex.statements:
        assert text[st.content_start:st.content_end] == st.content or \
            text[st.content_start:st.content_end].split() == st.content.split()
        if st.cue_start is not None:
            assert text[st.cue_start:st.cue_end].split() == st.cue.split()
    for m in ex.mentions:
        assert text[m.start:m.end].split() == m.text.split()


def test_curly_quotes_split_around_attribution(extract_text):
    text = ('Foreign Minister Wang Yi spoke in Beijing on Monday.\n\n'
            '\u201cThe door to dialogue remains open,\u201d Wang said. \u201cBut the other side must stop its threats first.\u201d')
    ex = extract_text(text)
    first = by_content(ex, "The door to dialogue")
    second = by_content(ex, "must stop its threats")
    assert first and second and first.kind == second.kind == "direct"
    assert speaker_name(ex, first) == speaker_name(ex, second) == "Wang Yi"  # surname -> full name


def test_unattributed_quote_paragraph_inherits_the_speaker(extract_text):
    text = ('"We will not accept these terms," union president Ray Kowalczyk said on Tuesday.\n\n'
            '"Our members have been clear about this from the very start."\n\n'
            'The employers declined to comment.')
    ex = extract_text(text)
    st = by_content(ex, "Our members have been clear")
    assert st is not None and speaker_name(ex, st) == "Ray Kowalczyk"


def test_he_said_resolves_to_the_last_person_speaking(extract_text):
    text = ('Daniel Kritenbrink, senior director at the National Security Council, spoke to reporters.\n\n'
            '"Everything is possible if they show they are serious about talks," he said.')
    ex = extract_text(text)
    st = by_content(ex, "Everything is possible")
    assert st is not None and speaker_name(ex, st) == "Daniel Kritenbrink"
    assert st.speaker_text == "he"


def test_reported_speech_inverted_and_according_to(extract_text):
    text = ('The minister insisted that the new rules should take effect next year.\n\n'
            'The tariffs will stay in place until the end of the year, said Karen Doyle, the trade representative.\n\n'
            'According to the Pacific Trade Council, the tariffs have cost exporters billions of dollars.')
    ex = extract_text(text)
    inverted = by_content(ex, "tariffs will stay in place")
    according = by_content(ex, "have cost exporters billions")
    assert inverted is not None and speaker_name(ex, inverted) == "Karen Doyle"
    assert according is not None and speaker_name(ex, according) == "Pacific Trade Council"
    assert according.kind == "indirect"


def test_unbalanced_quote_never_swallows_the_article(extract_text):
    text = ('Officials said "the talks were useful and would go on.\n\n'
            'Ellen Marsh, president of the Pacific Trade Council, said the tariffs must go.\n\n'
            'A third paragraph with "another stray mark.')
    ex = extract_text(text)
    for st in ex.statements:
        assert "\n\n" not in st.content
    marsh = by_content(ex, "the tariffs must go")
    assert marsh is not None and speaker_name(ex, marsh) == "Ellen Marsh"


def test_hard_wrapped_reuters_text(extract_text):
    text = ('The U.S. Is willing to drop tariffs on\nJapanese electronic imports if Japan shows it will abide by an\n'
            'agreement opening its markets to American goods, U.S. Trade\nRepresentative Clayton Yeutter said in a TV interview.\n'
            '    "But there has to be a clear indication that they are\nwilling to act," he said.\n')
    ex = extract_text(text)
    quote = by_content(ex, "clear indication")
    assert quote is not None and speaker_name(ex, quote) == "Clayton Yeutter"
    yeutter = next(a for a in ex.actors if a.name == "Clayton Yeutter")
    assert yeutter.affiliation == "United States"


def test_stance_act(extract_text):
    text = "Pyongyang rejected the proposal for a peace treaty on Monday."
    ex = extract_text(text, {"peace treaty": []})
    act = next(s for s in ex.statements if s.kind == "action")
    assert act.speaker == "North Korea"
    assert [(t.topic, t.label) for t in act.stances] == [("peace treaty", "oppose")]
    assert "rejected" in act.stances[0].evidence


def test_empty_and_odd_texts_do_not_crash(extract_text):
    for text in ["", " ", '"', '\u201c\u201c\u201d"""', "Reuter", "x" * 5000, "said said said.",
                 '"' * 50 + "\n\n" + "he said." * 30]:
        ex = extract_text(text)
        assert isinstance(ex.statements, list)


def test_quote_after_its_speakers_turn_is_not_the_next_speakers(extract_text):
    # A quote that ends its sentence is finished: 'The ministry said ...' opens the next turn.
    text = ('\u201cThe small farms will be the first to close,\u201d said Maria Lindqvist, head of '
            'policy at the Farmers Union. \u201cThey cannot survive a winter without the grants. '
            '\u201cWe fear for thousands of families in the north.\u201d The ministry said there '
            'was no money left in the budget for new grants.')
    ex = extract_text(text)
    st = by_content(ex, "We fear for thousands")
    assert st is not None and speaker_name(ex, st) == "Maria Lindqvist"


def test_unattributed_quote_paragraph_is_the_turn_of_the_person_just_named(extract_text):
    # Another person took the floor between the two quotes: the quote is theirs, not a
    # continuation of the last one quoted.
    text = ('\u201cThe council has wasted two years,\u201d Peter Hallam said. '
            '\u201cNothing has been built.\u201d\n\n'
            'Councillor Joanna Prescott, who chairs the housing committee, was more careful. '
            'Though she called the delays regrettable, Prescott promised a review of the contracts.\n\n'
            '\u201cIf any builder cannot deliver on time, it should lose the contract.\u201d')
    ex = extract_text(text)
    st = by_content(ex, "If any builder")
    assert st is not None and speaker_name(ex, st) == "Joanna Prescott"
