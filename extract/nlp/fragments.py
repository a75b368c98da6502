"""Words quoted inside a sentence about someone: 'Letwin dubbed Mr Brown "Sir Wastealot"',
'called Wells Fargo's behavior "outrageous"'.

Such a fragment is the speaker's own words, and annotators (PolNeAR, stance_dev) record it as a
direct statement. The statement rules skip it, too short for a quotation of its own; here the
candidates are found: a few words within one sentence, hung on a verb outside the marks, not the
name of a work ('his "Keepin' It Real" radio show', 'the song "A Change Is Gonna Come"').
statements.py decides whose words they are.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .quotes import Quote, is_title
from .sents import sent_of

# Nouns before or after a quoted title: the quote names a work, not what someone said.
WORK_NOUNS = {"song", "book", "film", "movie", "show", "program", "programme", "album", "novel",
              "headline", "title", "series", "play", "poem", "memoir", "documentary", "column",
              "slogan", "hashtag", "campaign", "ad", "advert", "video", "episode", "article", "op-ed"}
WORK_VERBS = {"title", "entitle", "headline", "sing", "read"}
# Verbs that give their object a name in quotes ('dubbed him "Sir Wastealot"').
NAMING_VERBS = {"call", "dub", "describe", "brand", "label", "term", "denounce", "hail", "christen"}
MAX_FRAGMENT_WORDS = 12


def fragment_spans(doc: Doc, quotes: list[Quote], taken: set[int]) -> list[tuple[Quote, Token]]:
    """(quote, the word the fragment hangs on) for every quote that is a fragment of a
    sentence: not a statement already (``taken``: indexes of quotes used), within one
    sentence, not the whole sentence, a few words, and not the name of a work."""
    out = []
    for qi, q in enumerate(quotes):
        if qi in taken or q.close_mark is None or is_title(doc.text, q):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        if not words or len(words) > MAX_FRAGMENT_WORDS or not all(t.is_alpha or "-" in t.text or "'" in t.text
                                                                   for t in words):
            continue  # figures, handles, links of an embedded post
        sent = sent_of(span)
        if span.end > sent.end or (span.start <= sent.start + 1 and span.end >= sent.end - 2):
            continue  # a quotation standing as its own sentence is not a fragment
        anchor = _anchor(span)
        if anchor is None or _names_a_work(doc, span, naming=anchor.lemma_.lower() in NAMING_VERBS):
            continue
        out.append((q, anchor))
    return out


def _names_a_work(doc: Doc, span, naming: bool) -> bool:
    before = [t for t in doc[max(0, span.start - 3):span.start] if not t.is_punct]
    after = [t for t in doc[span.end:span.end + 3] if not t.is_punct]
    if any(t.lemma_.lower() in WORK_NOUNS for t in before[-2:]) or \
            any(t.lemma_.lower() in WORK_VERBS for t in before[-2:]):
        return True
    if after and after[0].pos_ == "NOUN" and after[0].lemma_.lower() in WORK_NOUNS | {"radio"}:
        return True
    # A title writes every word in capitals ('Make Your Kid a Millionaire'), a phrase does not;
    # a nickname does too, after a naming verb ('dubbed him "Sir Wastealot"').
    content = [t for t in span if t.is_alpha and not t.is_stop]
    return not naming and len(content) >= 2 and all(t.is_title for t in content)


def _anchor(span) -> Token | None:
    """The verb outside the quote that the fragment hangs on ('dubbed', 'describing', 'said')."""
    node = span.root
    for _ in range(6):
        if node.head == node:
            return node if node.pos_ in ("VERB", "AUX") and not (span.start <= node.i < span.end) else None
        node = node.head
        if not (span.start <= node.i < span.end) and node.pos_ in ("VERB", "AUX"):
            return node
    return None
