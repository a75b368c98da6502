"""Line breaks: hard-wrapped newswire is rejoined for the parser, web text with one paragraph a
line keeps its paragraphs; offsets never move."""

from __future__ import annotations

from extract.nlp.text import paragraph_spans, unwrap
from tests.extract.test_statements import speaker_name

WIRE = ("The ministers agreed on Tuesday to cut the levy\n"
        "by half, officials said after the talks.\n\n"
        "A second paragraph follows here.")
LONG = "x" * 120


def test_wrapped_lines_are_joined_and_long_lines_keep_their_break():
    assert unwrap(WIRE) == WIRE.replace("levy\nby", "levy by")
    text = f"{LONG} one.\n{LONG} two."
    assert unwrap(text) == text
    assert [text[s:e] for s, e in paragraph_spans(text)] == [f"{LONG} one.", f"{LONG} two."]
    joined = unwrap(WIRE)
    assert [joined[s:e] for s, e in paragraph_spans(joined)] == [
        WIRE[:WIRE.index("\n\n")].replace("\n", " "), "A second paragraph follows here."]


def test_signed_quotes_one_a_line(extract_text):
    first = ("\u201cThe new port will bring jobs to the whole valley and I am glad the council "
             "finally listened to the people who live and work here.\u201d \u2015 Marisol Quintanar")
    second = ("\u201cI worry about the traffic, the noise at night and the rents that will go up "
              "for every family on our street once the work starts next year.\u201d \u2015 Oren Delacroix")
    ex = extract_text(first + "\n" + second)
    speakers = {speaker_name(ex, st) for st in ex.statements}
    assert speakers == {"Marisol Quintanar", "Oren Delacroix"}, speakers


def test_a_transcript_label_is_the_person_named_in_full(extract_text):
    ex = extract_text("Host Dana Whitcombe spoke with Governor Martin Alvers on Sunday.\n\n"
                      "WHITCOMBE: Governor, will you sign the budget bill this week?\n\n"
                      "ALVERS: Well, I think the budget bill is fair and I will sign it on Friday.")
    by_speaker = {speaker_name(ex, st): st.content for st in ex.statements}
    assert "the budget bill is fair" in by_speaker.get("Martin Alvers", ""), by_speaker
